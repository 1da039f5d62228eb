// The network drawing's pure parts: the parameter layout it shares with the server, the
// geometry of the drawing, and how a weight's sign and size become a colour and a width.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  LINE_WIDTHS,
  SIGN_COLORS,
  biasFill,
  biasIndex,
  describeParameter,
  largest,
  layout,
  networkOutput,
  parameterCount,
  parameterLayout,
  weightIndex,
  weightStyle,
} from '../../main/resources/webroot/js/network.js';
import { readWidths } from '../../main/resources/webroot/js/hidden-layers.js';

test('a network of [8, 8] has the 97 parameters the server counts', () => {
  assert.equal(parameterCount([8, 8]), 8 + 8 + 64 + 8 + 8 + 1);
  assert.equal(parameterCount([1]), 4);
  assert.equal(parameterCount([16, 16, 16]), 593);
});

test('layers are laid out weights row by row, then biases, the output last', () => {
  assert.deepEqual(parameterLayout([2, 3]), [
    { in: 1, out: 2, offset: 0, biasOffset: 2 },
    { in: 2, out: 3, offset: 4, biasOffset: 10 },
    { in: 3, out: 1, offset: 13, biasOffset: 16 },
  ]);
});

test('a weight and a bias are found at the index the server names them', () => {
  // The server's names for [2, 3]: w1[1][1] w1[2][1] b1[1] b1[2] w2[1][1] w2[1][2] w2[2][1] …
  assert.equal(weightIndex([2, 3], 1, 1, 0), 1); // w1[2][1]
  assert.equal(biasIndex([2, 3], 1, 0), 2); // b1[1]
  assert.equal(weightIndex([2, 3], 2, 1, 0), 6); // w2[2][1]
  assert.equal(weightIndex([2, 3], 3, 0, 2), 15); // w3[1][3]
  assert.equal(biasIndex([2, 3], 3, 0), 16); // b3[1]
});

test('describing a parameter inverts the index of every weight and bias', () => {
  const hidden = [3, 2, 4];
  for (let index = 0; index < parameterCount(hidden); index++) {
    const what = describeParameter(hidden, index);
    const back =
      what.kind === 'weight'
        ? weightIndex(hidden, what.layer, what.to, what.from)
        : biasIndex(hidden, what.layer, what.unit);
    assert.equal(back, index);
  }
  assert.equal(describeParameter(hidden, parameterCount(hidden)), null);
});

test('the output is the forward pass the server computes', () => {
  // One hidden unit: y = w2·max(w1·x + b1, 0) + b2.
  const params = [2, -1, 3, 0.5];
  assert.equal(networkOutput([1], params, 1), 3 * 1 + 0.5);
  assert.equal(networkOutput([1], params, 0), 0.5, 'the unit is off below its kink');
  // Two layers of one unit each.
  assert.equal(networkOutput([1, 1], [1, 0, -1, 2, 4, 1], 1), 4 * Math.max(-1 * 1 + 2, 0) + 1);
});

test('the drawing has a column per layer, each centred, inside its box', () => {
  const geometry = layout([8, 3], { width: 400 });
  assert.deepEqual(
    geometry.columns.map((c) => c.length),
    [1, 8, 3, 1],
  );
  const xs = geometry.columns.map((c) => c[0].x);
  assert.deepEqual(xs, [...xs].sort((a, b) => a - b), 'input on the left, output on the right');
  for (const column of geometry.columns) {
    const middle = (column[0].y + column[column.length - 1].y) / 2;
    assert.ok(Math.abs(middle - geometry.height / 2) < 1e-9);
    for (const unit of column) {
      assert.ok(unit.x >= 0 && unit.x <= 400 && unit.y >= 0 && unit.y <= geometry.height);
    }
  }
});

test('a wide layer is squeezed to the tallest drawing allowed', () => {
  const geometry = layout([64], { maxHeight: 420 });
  assert.ok(geometry.height <= 420);
  assert.ok(geometry.radius >= 2.5);
});

test('a weight is coloured by its sign and as wide as its share of the largest', () => {
  assert.equal(weightStyle(2, 4).color, SIGN_COLORS.positive);
  assert.equal(weightStyle(-2, 4).color, SIGN_COLORS.negative);
  assert.equal(weightStyle(4, 4).width, LINE_WIDTHS.max);
  assert.equal(weightStyle(0, 4).width, LINE_WIDTHS.min);
  assert.ok(weightStyle(-3, 4).width > weightStyle(1, 4).width);
  assert.equal(weightStyle(Number.NaN, 4).width, LINE_WIDTHS.min, 'never a NaN width');
});

test('a bias fills its unit more opaquely the larger it is', () => {
  assert.equal(biasFill(-1, 1).color, SIGN_COLORS.negative);
  assert.ok(biasFill(1, 1).opacity > biasFill(0.1, 1).opacity);
});

test('the largest magnitude is taken over the given ranges, never zero', () => {
  assert.equal(largest([1, -5, 3, 9], [[0, 3]]), 5);
  assert.ok(largest([0, 0], [[0, 2]]) > 0);
});

test('the setup reads its widths from the field, two layers of 8 when empty', () => {
  assert.deepEqual(readWidths('8, 4,2'), [8, 4, 2]);
  assert.deepEqual(readWidths(''), [8, 8]);
});
