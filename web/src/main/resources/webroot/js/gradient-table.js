// The gradient table: for each parameter its value, its gradient with a signed bar, and what
// the sign asks of it, as the lesson reads abc.grad (the words are gradient-wording.js). It shows
// either the gradient computed at the current values without a step, or the one the last step
// used, and says which. A network's table of a hundred rows shows its first dozen and a toggle.

import { el, setText } from '../shared/dom.js';
import { isNumber, num } from '../shared/format.js';
import { foldLabel, meaningOf, noteOf, shownRows, signOf, sourceOf } from './gradient-wording.js';

export class GradientTable {
  /**
   * @param table the <table> with an empty <tbody>
   * @param source where the table says which gradient it shows
   * @param note the line under the table
   * @param fold the button that shows every row of a long table, or only the first ones
   */
  constructor(table, { source, note, fold }) {
    this.table = table;
    this.source = source;
    this.note = note;
    this.fold = fold;
    this.rows = [];
    this.expanded = false;
    this.last = null;
    fold.addEventListener('click', () => {
      this.expanded = !this.expanded;
      this.#applyFold();
      if (this.last) this.show(this.last);
    });
  }

  /** Hides the rows past the first ones of a long table, and words its toggle. */
  #applyFold() {
    const shown = shownRows(this.rows.length, this.expanded);
    this.rows.forEach((row, i) => {
      row.tr.hidden = i >= shown;
    });
    const label = foldLabel(this.rows.length, this.expanded);
    this.fold.hidden = label === null;
    if (label !== null) setText(this.fold, label);
    this.fold.setAttribute('aria-expanded', String(this.expanded));
  }

  /** One row per parameter name. */
  build(names) {
    const body = this.table.tBodies[0];
    body.replaceChildren();
    this.rows = names.map((name) => {
      const value = el('td', { class: 'num' });
      const grad = el('td', { class: 'num' });
      const bar = el('span', { class: 'bar' });
      const meaning = el('td', { class: 'meaning' });
      const tr = el(
        'tr',
        { dataset: { param: name } },
        el('th', { scope: 'row', text: name }),
        value,
        grad,
        el('td', { class: 'bar-cell', 'aria-hidden': 'true' }, bar),
        meaning,
      );
      body.append(tr);
      return { name, tr, value, grad, bar, meaning };
    });
    this.#applyFold();
  }

  /**
   * @param params the values now
   * @param step the steps taken
   * @param computed the gradient at params without a step, or null
   * @param used the gradient the last step used
   * @param accumulate whether the session never zeroes its gradient
   */
  show(state) {
    const { params, step, computed, used, accumulate } = state;
    this.last = state;
    const shown = computed ?? used;
    const fresh = computed !== null || step > 0;
    const largest = Math.max(...shown.map((g) => (isNumber(g) ? Math.abs(g) : 0)), 1e-12);
    setText(this.source, sourceOf({ computed, step, accumulate }));
    // Hidden rows are filled in when the toggle shows them.
    const rows = this.rows.slice(0, shownRows(this.rows.length, this.expanded));
    rows.forEach((row, i) => {
      const g = shown[i];
      const sign = !fresh ? '' : signOf(g);
      setText(row.value, num(params[i]));
      setText(row.grad, fresh ? num(g) : '\u2014');
      row.tr.dataset.sign = sign;
      row.bar.style.width =
        sign === 'negative' || sign === 'positive' ? `${(100 * Math.abs(g)) / largest}%` : '0';
      row.bar.dataset.sign = sign;
      setText(
        row.meaning,
        fresh ? meaningOf(row.name, g, Math.abs(g) / largest) : 'compute it, or take a step',
      );
    });
    setText(this.note, noteOf(accumulate));
  }
}
