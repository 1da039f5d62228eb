// A fetched history joined with the steps that arrived live while it was fetched.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { mergeHistory } from '../../main/resources/webroot/shared/history-merge.js';

const steps = (...numbers) => numbers.map((step) => ({ step, from: 'live' }));
const recorded = (...numbers) => numbers.map((step) => ({ step, from: 'history' }));
const numbers = (list) => list.map((s) => s.step);

test('the live steps after the history follow it', () => {
  const merged = mergeHistory(steps(9, 10), recorded(1, 2, 3, 8));
  assert.deepEqual(numbers(merged), [1, 2, 3, 8, 9, 10]);
});

test('the history wins where both hold a step', () => {
  const merged = mergeHistory(steps(7, 8, 9), recorded(6, 7, 8));
  assert.deepEqual(numbers(merged), [6, 7, 8, 9]);
  assert.deepEqual(
    merged.map((s) => s.from),
    ['history', 'history', 'history', 'live'],
  );
});

test('steps older than the first recorded one are kept', () => {
  const merged = mergeHistory(steps(1, 2, 3), recorded(500, 501));
  assert.deepEqual(numbers(merged), [1, 2, 3, 500, 501]);
});

test('a step received twice (held and buffered) appears once', () => {
  const merged = mergeHistory([...steps(4, 5), ...steps(5, 6)], recorded(1, 2, 3));
  assert.deepEqual(numbers(merged), [1, 2, 3, 4, 5, 6]);
});

test('an empty history leaves the live steps as they are', () => {
  assert.deepEqual(numbers(mergeHistory(steps(3, 4), [])), [3, 4]);
  assert.deepEqual(mergeHistory([], []), []);
});

test('nothing seen gives the history', () => {
  assert.deepEqual(numbers(mergeHistory([], recorded(1, 2))), [1, 2]);
});

test('a live step out of order is left out', () => {
  assert.deepEqual(numbers(mergeHistory(steps(9, 7, 10), recorded(1, 2))), [1, 2, 9, 10]);
});
