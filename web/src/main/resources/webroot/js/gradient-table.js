// The gradient table: for each parameter its value, its gradient with a signed bar, and what
// the sign asks of it, as the lesson reads abc.grad. It shows either the gradient computed at
// the current values without a step, or the one the last step used, and says which.

import { el, setText } from '../shared/dom.js';
import { count, isNumber, num } from '../shared/format.js';

/** Below this a gradient counts as zero: rounding leaves values like 1e-17 where it is. */
const ZERO_GRADIENT = 1e-12;

function signOf(gradient) {
  if (!isNumber(gradient)) return '';
  if (Math.abs(gradient) < ZERO_GRADIENT) return 'zero';
  return gradient < 0 ? 'negative' : 'positive';
}

/** What a gradient's sign asks of its parameter, as the lesson reads abc.grad. */
export function meaningOf(name, gradient, share = 1) {
  const sign = signOf(gradient);
  if (!sign) return '\u2014';
  if (sign === 'zero') return `${name} does not change the loss here`;
  const how = share < 0.1 ? ' (only a little)' : '';
  return gradient < 0
    ? `increase ${name} to lower the loss${how}`
    : `decrease ${name} to lower the loss${how}`;
}

export class GradientTable {
  /**
   * @param table the <table> with an empty <tbody>
   * @param source where the table says which gradient it shows
   * @param note the line under the table
   */
  constructor(table, { source, note }) {
    this.table = table;
    this.source = source;
    this.note = note;
    this.rows = [];
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
      body.append(
        el(
          'tr',
          { dataset: { param: name } },
          el('th', { scope: 'row', text: name }),
          value,
          grad,
          el('td', { class: 'bar-cell', 'aria-hidden': 'true' }, bar),
          meaning,
        ),
      );
      return { name, value, grad, bar, meaning };
    });
  }

  /**
   * @param params the values now
   * @param step the steps taken
   * @param computed the gradient at params without a step, or null
   * @param used the gradient the last step used
   * @param accumulate whether the session never zeroes its gradient
   */
  show({ params, step, computed, used, accumulate }) {
    const shown = computed ?? used;
    const fresh = computed !== null || step > 0;
    const largest = Math.max(...shown.map((g) => (isNumber(g) ? Math.abs(g) : 0)), 1e-12);
    setText(
      this.source,
      computed
        ? 'Computed at the values shown, without a step (loss.backward(), then abc.grad).' +
            (accumulate && step > 0
              ? ' The next step adds it to the sum of the earlier gradients, never zeroed.'
              : '')
        : step > 0
          ? `The gradient step ${count(step)} used.`
          : 'Press \u201cCompute the gradient\u201d to see it without taking a step.',
    );
    this.rows.forEach((row, i) => {
      const g = shown[i];
      const sign = !fresh ? '' : signOf(g);
      setText(row.value, num(params[i]));
      setText(row.grad, fresh ? num(g) : '\u2014');
      row.grad.closest('tr').dataset.sign = sign;
      row.bar.style.width =
        sign === 'negative' || sign === 'positive' ? `${(100 * Math.abs(g)) / largest}%` : '0';
      row.bar.dataset.sign = sign;
      setText(
        row.meaning,
        fresh ? meaningOf(row.name, g, Math.abs(g) / largest) : 'compute it, or take a step',
      );
    });
    setText(
      this.note,
      accumulate
        ? 'The gradient is never zeroed, so each step uses the sum of every gradient so far ' +
            '(see step 3).'
        : 'A negative gradient means: increase the parameter to lower the loss.',
    );
  }
}
