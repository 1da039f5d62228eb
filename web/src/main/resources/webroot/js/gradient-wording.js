// What the gradient table says, as pure functions: what a gradient's sign asks of its parameter
// (the lesson's reading of abc.grad), which gradient the table shows, and how many rows a long
// table (a network's hundred parameters) shows before "Show all".

import { count, isNumber } from '../shared/format.js';

/** Below this a gradient counts as zero: rounding leaves values like 1e-17 where it is. */
const ZERO_GRADIENT = 1e-12;

/** A table of more parameters than this shows its first FOLDED_ROWS until asked for all. */
export const FOLD_ABOVE = 20;
export const FOLDED_ROWS = 12;

/** 'negative', 'positive', 'zero', or '' when there is no number. */
export function signOf(gradient) {
  if (!isNumber(gradient)) return '';
  if (Math.abs(gradient) < ZERO_GRADIENT) return 'zero';
  return gradient < 0 ? 'negative' : 'positive';
}

/**
 * What a gradient's sign asks of its parameter: "increase a to lower the loss". share is the
 * gradient's size against the table's largest; under a tenth it says "(only a little)".
 */
export function meaningOf(name, gradient, share = 1) {
  const sign = signOf(gradient);
  if (!sign) return '\u2014';
  if (sign === 'zero') return `${name} does not change the loss here`;
  const how = share < 0.1 ? ' (only a little)' : '';
  return gradient < 0
    ? `increase ${name} to lower the loss${how}`
    : `decrease ${name} to lower the loss${how}`;
}

/** Which gradient the table shows: computed without a step, the last step's, or none yet. */
export function sourceOf({ computed, step, accumulate }) {
  if (computed) {
    return (
      'Computed at the values shown, without a step (loss.backward(), then abc.grad).' +
      (accumulate && step > 0
        ? ' The next step adds it to the sum of the earlier gradients, never zeroed.'
        : '')
    );
  }
  return step > 0
    ? `The gradient step ${count(step)} used.`
    : 'Press \u201cCompute the gradient\u201d to see it without taking a step.';
}

/** The line under the table. */
export function noteOf(accumulate) {
  return accumulate
    ? 'The gradient is never zeroed, so each step uses the sum of every gradient so far ' +
        '(see step 3).'
    : 'A negative gradient means: increase the parameter to lower the loss.';
}

/** How many of `total` rows to show: all of a short table, the first dozen of a long one. */
export function shownRows(total, expanded) {
  return expanded || total <= FOLD_ABOVE ? total : FOLDED_ROWS;
}

/** The fold toggle's words, or null when the table is short enough to show whole. */
export function foldLabel(total, expanded) {
  if (total <= FOLD_ABOVE) return null;
  if (expanded) return `Show the first ${FOLDED_ROWS} parameters`;
  return `Show all ${count(total)} parameters`;
}
