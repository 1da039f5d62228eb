// A sweep's state in parts, put back together before any listener sees it.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assembleParts } from '../../main/resources/webroot/shared/state-parts.js';

const head = (seq, variants, next) => ({
  type: 'sweep-state',
  sweep: 's',
  seq,
  change: 'run-finished',
  state: { id: 's', variants, next },
});
const part = (seq, from, variants, next) => ({ type: 'sweep-variants', sweep: 's', seq, from, next, variants });

test('a whole state passes at once', () => {
  const message = head(3, [1, 2], null);
  assert.deepEqual(assembleParts(null, message), { partial: null, whole: message });
});

test('a state in parts is handed on whole once its last part came', () => {
  let step = assembleParts(null, head(9, [0, 1], 2));
  assert.equal(step.whole, null);
  step = assembleParts(step.partial, part(9, 2, [2, 3], 4));
  assert.equal(step.whole, null);
  step = assembleParts(step.partial, part(9, 4, [4], null));
  assert.equal(step.partial, null);
  assert.deepEqual(step.whole.state.variants, [0, 1, 2, 3, 4]);
  assert.equal(step.whole.state.next, null);
  assert.equal(step.whole.change, 'run-finished');
});

test('a part of another seq drops the state being assembled', () => {
  const started = assembleParts(null, head(9, [0, 1], 2)).partial;
  assert.deepEqual(assembleParts(started, part(10, 2, [2], null)), { partial: null, whole: null });
});

test('a part that does not start where the state ends drops it', () => {
  const started = assembleParts(null, head(9, [0, 1], 2)).partial;
  assert.deepEqual(assembleParts(started, part(9, 3, [3], null)), { partial: null, whole: null });
});

test('a part with nothing being assembled is dropped', () => {
  assert.deepEqual(assembleParts(null, part(9, 2, [2], null)), { partial: null, whole: null });
});

test('other messages pass and keep the state being assembled', () => {
  const started = assembleParts(null, head(9, [0, 1], 2)).partial;
  const progress = { type: 'sweep-progress', sweep: 's', seq: 10 };
  assert.deepEqual(assembleParts(started, progress), { partial: started, whole: progress });
});

test('the first message is not changed while parts are added', () => {
  const first = head(9, [0, 1], 2);
  const started = assembleParts(null, first).partial;
  assembleParts(started, part(9, 2, [2], null));
  assert.deepEqual(first.state.variants, [0, 1]);
});
