// The early warnings: rising, swinging, blowing up, and a curve off the chart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  curveOffChart,
  lossWarnings,
  risingRun,
  risingStretches,
} from '../../main/resources/webroot/js/warnings.js';

const kinds = (warnings) => warnings.map((w) => w.kind);

test('a falling loss earns no warning', () => {
  assert.deepEqual(lossWarnings([4.47, 4.44, 4.38, 4.3, 4.18, 4.04, 3.87]), []);
});

test('five rises in a row are a warning, four are not', () => {
  assert.equal(risingRun([3, 2, 2.1, 2.2, 2.3, 2.4]), 4);
  assert.deepEqual(lossWarnings([3, 2, 2.1, 2.2, 2.3, 2.4]), []);
  const warnings = lossWarnings([3, 2, 2.1, 2.2, 2.3, 2.4, 2.5], { lossName: 'MAE' });
  assert.deepEqual(kinds(warnings), ['rising']);
  assert.match(warnings[0].text, /^The MAE has risen for 5 steps in a row/);
});

test('a flat step ends a rising run', () => {
  assert.equal(risingRun([1, 2, 3, 3, 4]), 1);
});

test('a loss past a hundred times its start warns before it stops being a number', () => {
  const losses = [27, 30, 400, 9e3, 1.45e29];
  const warnings = lossWarnings(losses, { lossName: 'MSE' });
  assert.deepEqual(kinds(warnings), ['blow-up']);
  assert.match(warnings[0].text, /The MSE is 1\.45e29/);
  assert.match(warnings[0].text, /Lower the learning rate/);
  assert.deepEqual(kinds(lossWarnings([27, 30, 2600])), [], '96 times is not yet');
});

test('the blow-up names the loss now, as the page shows it beside the chart', () => {
  const [warning] = lossWarnings([27, 30, 4.97e28], { lossName: 'MSE', current: 1.45e29 });
  assert.match(warning.text, /^The MSE is 1\.45e29,/);
});

test('missing losses are skipped: the last finite one counts', () => {
  assert.deepEqual(kinds(lossWarnings([1, 500, null])), ['blow-up']);
  assert.deepEqual(lossWarnings([null, null]), []);
});

test('a never-zeroed gradient that swings the loss is explained, a zeroed one is not', () => {
  const swing = [5, 4, 3, 3.2, 3.4, 3.6, 3, 2.5, 2.7, 2.9, 3.1, 2.6, 2.2];
  assert.equal(risingStretches(swing), 2);
  const explained = lossWarnings(swing, { accumulate: true });
  assert.deepEqual(kinds(explained), ['swinging']);
  assert.match(explained[0].text, /never zeroes its gradient/);
  assert.deepEqual(lossWarnings(swing, { accumulate: false }), []);
});

test('the rising warning says why when the gradient is never zeroed', () => {
  const [rising] = lossWarnings([3, 2, 2.1, 2.2, 2.3, 2.4, 2.5], { accumulate: true });
  assert.match(rising.text, /never zeroed/);
});

test('a curve inside the chart is fine; one past its top is named with its reach', () => {
  assert.deepEqual(curveOffChart([1, 2, 3], [-3, 18]), { left: false });
  const off = curveOffChart([1, 2, 120000], [-3, 18]);
  assert.equal(off.left, true);
  assert.match(off.text, /^Part of the model's curve is off the chart: it reaches 1\.20e5/);
  assert.match(off.text, /shows -3 to 18/);
  assert.match(curveOffChart([-50, -40], [-3, 18]).text, /^The whole .* reaches -50/);
});

test('a curve that only grazes the edge of the chart at one end is not off it', () => {
  const grazing = [10, 5, 3, 2, 3, 5, 8, 12, 17, 26.6];
  assert.deepEqual(curveOffChart(grazing, [-2.85, 21.73]), { left: false });
});

test('every warning is one line of text', () => {
  const swing = [5, 4, 3, 3.2, 3.4, 3.6, 3.8, 4, 3, 2.5, 2.7, 2.9, 3.1, 3.3, 1e4];
  for (const w of lossWarnings(swing, { accumulate: true })) assert.doesNotMatch(w.text, /\n/);
});
