// The table of variants: one row per learning rate (smallest first) with its colour, latest and
// best loss, and status. The first cell of each row is a toggle button that hides or shows the
// variant's curve. The buttons form one tab stop: arrow keys, Home and End move between them.

import { el } from '/shared/dom.js';
import { count, num, rate } from '/shared/format.js';

const STATUS_TEXT = {
  active: 'active',
  finished: 'finished',
  diverged: 'diverged',
  'reached-target': 'reached target',
};

export class Legend {
  constructor(body, { onToggle, onFocus }) {
    this.body = body;
    this.onToggle = onToggle;
    this.onFocus = onFocus;
    this.rows = [];
    body.addEventListener('keydown', (event) => this.#onKey(event));
  }

  /** Builds one row per variant. */
  build(sweep, colors) {
    const order = sweep.variants
      .map((v, k) => k)
      .sort((a, b) => sweep.variants[a].lr - sweep.variants[b].lr || a - b);
    this.rows = [];
    this.body.replaceChildren();
    this.body.closest('.legend-scroll')?.toggleAttribute('data-many', order.length > 16);
    order.forEach((k, position) => {
      const v = sweep.variants[k];
      const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
      swatch.style.setProperty('--swatch', colors[k]);
      const button = el(
        'button',
        {
          type: 'button',
          class: 'variant-toggle',
          'aria-pressed': 'true',
          tabindex: position === 0 ? '0' : '-1',
          dataset: { variant: String(k) },
        },
        swatch,
        el('span', { class: 'lr' }, rate(v.lr)),
        el('span', { class: 'sr-only' }, ', curve shown'),
      );
      button.title = `Learning rate ${v.lr}: click to hide or show its curve`;
      button.addEventListener('click', () => this.onToggle(k));
      button.addEventListener('focus', () => this.onFocus(k));
      button.addEventListener('blur', () => this.onFocus(null));
      button.addEventListener('mouseenter', () => this.onFocus(k));
      button.addEventListener('mouseleave', () => this.onFocus(null));
      const loss = el('td', { class: 'num', dataset: { role: 'loss' } });
      const best = el('td', { class: 'num', dataset: { role: 'best' } });
      const badge = el('span', { class: 'status', dataset: { role: 'status' } });
      const row = el(
        'tr',
        { dataset: { variant: String(k), lr: String(v.lr) } },
        el('th', { scope: 'row' }, button),
        loss,
        best,
        el('td', {}, badge),
      );
      this.body.append(row);
      this.rows[k] = { row, button, loss, best, badge, shownText: button.lastElementChild };
    });
  }

  /** Reflects shown or hidden curves. */
  setVisible(k, shown) {
    const entry = this.rows[k];
    if (!entry) return;
    entry.button.setAttribute('aria-pressed', String(shown));
    entry.row.dataset.hidden = String(!shown);
    entry.shownText.textContent = shown ? ', curve shown' : ', curve hidden';
  }

  /** Updates the numbers and statuses; text changes only where it differs. */
  update(sweep) {
    sweep.variants.forEach((v, k) => {
      const entry = this.rows[k];
      if (!entry) return;
      const loss = num(sweep.lossOf(k));
      if (entry.loss.textContent !== loss) entry.loss.textContent = loss;
      const best = num(v.bestLoss);
      if (entry.best.textContent !== best) entry.best.textContent = best;
      let status = STATUS_TEXT[v.status] ?? v.status;
      if (v.status === 'diverged') status = `diverged @${count(v.steps + 1)}`;
      if (v.status === 'reached-target' && v.reachedTargetAt != null) {
        status = `target @${count(v.reachedTargetAt)}`;
      }
      if (entry.badge.textContent !== status) entry.badge.textContent = status;
      if (entry.row.dataset.status !== v.status) {
        entry.row.dataset.status = v.status;
        entry.badge.dataset.status = v.status;
      }
    });
  }

  #onKey(event) {
    const buttons = [...this.body.querySelectorAll('button.variant-toggle')];
    const at = buttons.indexOf(document.activeElement);
    if (at < 0) return;
    const next = {
      ArrowDown: Math.min(buttons.length - 1, at + 1),
      ArrowUp: Math.max(0, at - 1),
      Home: 0,
      End: buttons.length - 1,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    buttons[at].tabIndex = -1;
    buttons[next].tabIndex = 0;
    buttons[next].focus();
  }
}
