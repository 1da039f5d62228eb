// The gradient table's words: what each sign asks of its parameter, and how a long table folds.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  FOLDED_ROWS,
  foldLabel,
  meaningOf,
  noteOf,
  shownRows,
  signOf,
  sourceOf,
} from '../../main/resources/webroot/js/gradient-wording.js';

test('a negative gradient asks to increase the parameter', () => {
  assert.equal(meaningOf('a', -1.4194), 'increase a to lower the loss');
});

test('a positive gradient asks to decrease the parameter', () => {
  assert.equal(meaningOf('b', 0.0737), 'decrease b to lower the loss');
});

test('a gradient under a tenth of the largest asks only a little', () => {
  assert.equal(meaningOf('c', -0.05, 0.05), 'increase c to lower the loss (only a little)');
  assert.equal(meaningOf('c', 0.5, 0.1), 'decrease c to lower the loss');
});

test('a gradient that rounds to zero does not change the loss', () => {
  assert.equal(signOf(1e-17), 'zero');
  assert.equal(meaningOf('w1[1][1]', -1e-17), 'w1[1][1] does not change the loss here');
});

test('no number, no meaning', () => {
  assert.equal(signOf(null), '');
  assert.equal(signOf(Number.NaN), '');
  assert.equal(meaningOf('a', null), '\u2014');
});

test('the source names the gradient shown', () => {
  assert.match(sourceOf({ computed: [1], step: 0, accumulate: false }), /without a step/);
  assert.match(
    sourceOf({ computed: [1], step: 3, accumulate: true }),
    /adds it to the sum of the earlier gradients/,
  );
  assert.equal(sourceOf({ computed: null, step: 1234, accumulate: false }), 'The gradient step 1\u2009234 used.');
  assert.match(sourceOf({ computed: null, step: 0, accumulate: false }), /Compute the gradient/);
});

test('the note says what the sign means, or that the gradient is never zeroed', () => {
  assert.equal(noteOf(false), 'A negative gradient means: increase the parameter to lower the loss.');
  assert.match(noteOf(true), /never zeroed/);
});

test('a short table shows every row and no toggle', () => {
  assert.equal(shownRows(3, false), 3);
  assert.equal(shownRows(20, false), 20);
  assert.equal(foldLabel(20, false), null);
});

test("a network's long table shows its first dozen rows until asked for all", () => {
  assert.equal(shownRows(121, false), FOLDED_ROWS);
  assert.equal(FOLDED_ROWS, 12);
  assert.equal(foldLabel(121, false), 'Show all 121 parameters');
  assert.equal(shownRows(121, true), 121);
  assert.equal(foldLabel(121, true), 'Show the first 12 parameters');
  assert.equal(foldLabel(1201, false), 'Show all 1\u2009201 parameters');
});
