// Ranking a sweep's rates: best, final, or area under the curve, and which one wins.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  RANKINGS,
  bestOf,
  lowest,
  meanLoss,
  scoreOf,
} from '../../main/resources/webroot/sweep/js/ranking.js';

test('the area under a curve per step is its mean loss, by the trapezoid rule', () => {
  assert.equal(meanLoss([1, 2, 3], [4, 2, 2]), 2.5);
  assert.equal(meanLoss([1, 11], [1, 3]), 2, 'thinned points still weigh by the steps they span');
  assert.equal(meanLoss([5], [7]), 7);
  assert.equal(meanLoss([1, 2], [null, null]), null);
  assert.equal(meanLoss([1, 2, 3], [4, null, 2]), 3, 'a missing point is bridged');
});

test('the best score takes the lower of the server\'s best and the curve\'s', () => {
  const xs = [1, 2, 3];
  assert.equal(scoreOf('best', { variant: { bestLoss: 2.5 }, finalLoss: 4, xs, ys: [4, 3, 4] }), 2.5);
  assert.equal(scoreOf('best', { variant: { bestLoss: null }, finalLoss: 4, xs, ys: [4, 3, 4] }), 3);
  assert.equal(scoreOf('final', { variant: {}, finalLoss: 4, xs, ys: [] }), 4);
  assert.equal(scoreOf('area', { variant: {}, finalLoss: 4, xs, ys: [4, 2, 2] }), 2.5);
  assert.equal(lowest([null, 3, 1, NaN]), 1);
});

test('an oscillating rate that ends high loses on final loss but can win on best loss', () => {
  // Rate 0.01 swings: best 2.0, ends at 4.8; rate 0.0001 creeps: best and final 4.0.
  const xs = [1, 2, 3, 4];
  const swing = { variant: { bestLoss: 2.0 }, finalLoss: 4.8, xs, ys: [4.4, 2.0, 3.5, 4.8] };
  const creep = { variant: { bestLoss: 4.0 }, finalLoss: 4.0, xs, ys: [4.4, 4.3, 4.1, 4.0] };
  const entries = (kind) => [
    { k: 0, lr: 0.0001, score: scoreOf(kind, creep), diverged: false },
    { k: 1, lr: 0.01, score: scoreOf(kind, swing), diverged: false },
  ];
  assert.equal(bestOf(entries('final')).lr, 0.0001);
  assert.equal(bestOf(entries('best')).lr, 0.01);
  assert.equal(bestOf(entries('area')).lr, 0.01);
});

test('diverged rates never win, ties go to the smaller rate, and none scored is null', () => {
  assert.equal(
    bestOf([
      { k: 0, lr: 1, score: 0.1, diverged: true },
      { k: 1, lr: 0.1, score: 2, diverged: false },
      { k: 2, lr: 0.01, score: 2, diverged: false },
    ]).lr,
    0.01,
  );
  assert.equal(bestOf([{ k: 0, lr: 1, score: null, diverged: false }]), null);
});

test('every ranking names itself for the page', () => {
  assert.equal(RANKINGS.best.lowest, 'lowest best loss');
  assert.equal(RANKINGS.final.lowest, 'lowest final loss');
  assert.equal(RANKINGS.area.lowest, 'smallest area under the curve');
});
