// The room's median and quartiles per step, the loss of a trace at a step, the curve under the
// pointer, and the best / worst N filter.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  lossAt,
  nearest,
  pickShown,
  quantile,
  stepGrid,
  stepQuartiles,
} from '../../main/resources/webroot/workshop/js/room-stats.js';

const trace = (steps, losses) => ({ steps, losses });

test('a trace has the loss of its last step at or before a step, none outside its span', () => {
  const t = trace([1, 2, 4, 8], [5, 4, 3, 2]);
  assert.equal(lossAt(t, 1), 5);
  assert.equal(lossAt(t, 3), 4);
  assert.equal(lossAt(t, 8), 2);
  assert.equal(lossAt(t, 0), null);
  assert.equal(lossAt(t, 9), null);
  assert.equal(lossAt(trace([], []), 1), null);
});

test('quantiles interpolate between neighbours as numpy does by default', () => {
  assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(quantile([1, 2, 3, 4], 0.25), 1.75);
  assert.equal(quantile([1, 2, 3, 4], 0.75), 3.25);
  assert.equal(quantile([7], 0.25), 7);
  assert.equal(quantile([], 0.5), null);
});

test('the grid spans every trace in whole steps, first and last included', () => {
  const grid = stepGrid([trace([1, 2, 3], [1, 1, 1]), trace([1, 50, 100], [1, 1, 1])], 10);
  assert.equal(grid[0], 1);
  assert.equal(grid[grid.length - 1], 100);
  assert.ok(grid.length <= 11);
  assert.ok(grid.every((s, i) => i === 0 || s > grid[i - 1]));
  assert.deepEqual(stepGrid([trace([], [])]), []);
});

test('the median and quartiles at each step come from the traces that reached it', () => {
  const traces = [
    trace([1, 2, 3], [4, 3, 2]),
    trace([1, 2, 3], [8, 6, 4]),
    trace([1, 2, 3], [2, 2, 2]),
    trace([1, 2], [6, 5]), // stopped after step 2
  ];
  const { q1, median, q3 } = stepQuartiles(traces, [1, 2, 3]);
  assert.deepEqual(median, [5, 4, 2]);
  assert.deepEqual(q1, [3.5, 2.75, 2]);
  assert.deepEqual(q3, [6.5, 5.25, 3]);
});

test('the pointer picks the nearest curve within reach, or none', () => {
  const curves = [
    { key: 'ada', y: 100 },
    { key: 'bob', y: 140 },
    { key: 'eve', y: null },
  ];
  assert.equal(nearest(curves, 108), 'ada');
  assert.equal(nearest(curves, 130), 'bob');
  assert.equal(nearest(curves, 300), null);
});

test('best and worst N rank by loss, diverged and missing last, ties in join order', () => {
  const room = [
    { key: 'a', loss: 3 },
    { key: 'b', loss: 1 },
    { key: 'c', loss: null },
    { key: 'd', loss: 2, diverged: true },
    { key: 'e', loss: 1 },
  ];
  assert.deepEqual(pickShown(room, 'best', 2), ['b', 'e']);
  assert.deepEqual(pickShown(room, 'worst', 3), ['c', 'd', 'a']);
  assert.deepEqual(pickShown(room, 'all', 1), ['a', 'b', 'c', 'd', 'e']);
});
