// The roster's order: sorted with ties in join order, and held still while someone reads it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { heldOrder, sortedKeys } from '../../main/resources/webroot/workshop/js/room-order.js';

const people = [
  { key: 'ada', joinIndex: 0, loss: 2 },
  { key: 'bob', joinIndex: 1, loss: 1 },
  { key: 'cy', joinIndex: 2, loss: 2 },
  { key: 'dee', joinIndex: 3, loss: null },
];
const byLoss = (e) => e.loss;

test('sorting by loss puts equal losses in join order and missing ones last', () => {
  assert.deepEqual(sortedKeys(people, byLoss, false), ['bob', 'ada', 'cy', 'dee']);
  assert.deepEqual(sortedKeys(people, byLoss, true), ['ada', 'cy', 'bob', 'dee']);
});

test('the same values give the same order every time: nothing swaps on a redraw', () => {
  const once = sortedKeys(people, byLoss, false);
  const shuffled = [people[3], people[2], people[0], people[1]];
  assert.deepEqual(sortedKeys(shuffled, byLoss, false), once);
});

test('a held order keeps every row where it is, drops who left and adds newcomers last', () => {
  const current = ['ada', 'bob', 'cy'];
  const wanted = ['new', 'cy', 'bob'];
  assert.deepEqual(heldOrder(current, wanted, true), ['bob', 'cy', 'new']);
  assert.deepEqual(heldOrder(current, wanted, false), wanted);
});
