// The lesson's formulas as the page prints them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  dataStory,
  modelFormula,
  polynomialText,
  targetFormula,
} from '../../main/resources/webroot/js/formula.js';

test('the formula beside the sliders shows the lesson start with two decimals', () => {
  assert.equal(modelFormula('quadratic', [1.1, 1.2, 1.3]), 'y = 1.10x\u00b2 + 1.20x + 1.30');
});

test('negative coefficients take a minus sign, a leading one without spaces', () => {
  assert.equal(polynomialText([-1.5, 0, -2]), '\u22121.50x\u00b2 + 0.00x \u2212 2.00');
  assert.equal(polynomialText([-0.001, 1]), '0.00x + 1.00', 'a minus on a zero would mislead');
});

test('higher powers are superscripts', () => {
  assert.equal(polynomialText([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2], 0).startsWith('1x\u00b9\u00b2'), true);
});

test('a sum of ReLUs reads as max terms', () => {
  assert.equal(modelFormula('relu-sum', [1, 2, -1.5, 0.5]), 'y = max(1.00x + 2.00, 0) + max(\u22121.50x + 0.50, 0)');
});

test('a non-finite parameter shows a dash, never NaN', () => {
  assert.equal(modelFormula('quadratic', [1, NaN, 2]), 'y = \u2014');
});

test('the true function is the lesson\'s 3x² + 4x + 5', () => {
  assert.equal(targetFormula({ kind: 'quadratic', coefficients: [3, 4, 5] }), 'y = 3x\u00b2 + 4x + 5');
  assert.equal(targetFormula({ kind: 'sine', coefficients: [2, 3] }), 'y = 2\u00b7sin(3x)');
});

test('the data story names the noise as add_noise does', () => {
  const story = dataStory({
    seed: 42,
    data: { target: { kind: 'quadratic', coefficients: [3, 4, 5] }, n: 20, xMin: -2, xMax: 2, noise: { mult: 0.4, add: 1.5 } },
  });
  assert.equal(story.truth, 'y = 3x\u00b2 + 4x + 5');
  assert.match(story.noise, /^add_noise\(f\(x\), 0\.4, 1\.5\)/);
  assert.match(story.noise, /f\(x\)·\(1 \+ N\(0, 0\.4\)\) \+ N\(0, 1\.5\)/);
  assert.match(story.points, /^20 points x evenly spaced from -2 to 2 \(torch.linspace\), seed 42\.$/);
});

test("the data's code is the notebook's, with the spec's numbers", async () => {
  const { dataCode } = await import('../../main/resources/webroot/js/formula.js');
  const code = dataCode({
    seed: 42,
    data: { target: { kind: 'quadratic', coefficients: [3, 4, 5] }, n: 20, xMin: -2, xMax: 2, noise: { mult: 0.4, add: 1.5 } },
  });
  assert.equal(
    code,
    [
      'f = mk_quad(3, 4, 5)    # y = 3x\u00b2 + 4x + 5',
      'def noise(x, scale): return normal(scale=scale, size=x.shape)',
      'def add_noise(x, multiplier, add): return x * (1+noise(x,multiplier)) + noise(x,add)',
      'seed(42)',
      'x = torch.linspace(start=-2, end=2, steps=20)',
      'y = add_noise(f(x), 0.4, 1.5)',
    ].join('\n'),
  );
});
