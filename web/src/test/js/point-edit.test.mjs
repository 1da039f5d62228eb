import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  handPlaced,
  hitPoint,
  linearScale,
  moved,
  nextByX,
} from '../../main/resources/webroot/js/point-edit.js';

const x = linearScale([-2, 2], [0, 400]);
const y = linearScale([0, 10], [200, 0]); // screen y runs downwards
const toPixel = (vx, vy) => [x.toPixel(vx), y.toPixel(vy)];
const points = { x: [-2, 0, 1, 1.05], y: [0, 5, 5, 5] };

test('a pixel maps to the data and back, with y upside down', () => {
  assert.equal(x.toPixel(0), 200);
  assert.equal(y.toPixel(10), 0);
  assert.equal(y.toValue(100), 5);
  assert.equal(x.toValue(x.toPixel(1.25)), 1.25);
});

test('the pointer takes the nearest point within the radius', () => {
  assert.equal(hitPoint(points, 203, 98, toPixel), 1);
  assert.equal(hitPoint(points, 0, 200, toPixel), 0);
  // Two points 5 px apart: the nearer wins.
  assert.equal(hitPoint(points, 306, 100, toPixel), 3);
  assert.equal(hitPoint(points, 299, 100, toPixel), 2);
});

test('empty space takes no point', () => {
  assert.equal(hitPoint(points, 100, 30, toPixel), -1);
  assert.equal(hitPoint(points, 215, 100, toPixel), -1);
  assert.equal(hitPoint({ x: [], y: [] }, 0, 0, toPixel), -1);
});

test('the keyboard walks the points in the order of x, whatever their index', () => {
  const shuffled = { x: [1, -1, 0], y: [0, 0, 0] };
  assert.equal(nextByX(shuffled, -1, 1), 1);
  assert.equal(nextByX(shuffled, -1, -1), 0);
  assert.equal(nextByX(shuffled, 1, 1), 2);
  assert.equal(nextByX(shuffled, 2, 1), 0);
  assert.equal(nextByX(shuffled, 0, 1), 0); // the last stays the last
  assert.equal(nextByX({ x: [], y: [] }, -1, 1), -1);
});

test('a small wobble is a click, more is a drag', () => {
  assert.equal(moved([10, 10], [12, 9]), false);
  assert.equal(moved([10, 10], [10, 20]), true);
});

test('a hand-placed number keeps four significant digits', () => {
  assert.equal(handPlaced(1.23456789), 1.235);
  assert.equal(handPlaced(-0.000123456), -0.0001235);
});
