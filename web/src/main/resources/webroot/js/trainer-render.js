// What a gradient-descent panel shows, redrawn at most once a frame: its status and readouts,
// the early warnings, the gradient table, the drawn network, the model's curve over the data,
// the step under the chart's cursor, and a past step picked on the chart.

import { setText, showError } from '../shared/dom.js';
import { count, isNumber, lossName, num, rate } from '../shared/format.js';
import { stepAt } from './api.js';
import { COLORS } from './colors.js';
import { curveGrid, predictor, reluUnits } from './models.js';
import { curveOffChart, lossWarnings } from './warnings.js';

const HOVER_HINT = 'Hover over the chart, or focus it and use \u2190 \u2192, to read any step.';

/** Redraws the whole panel from its newest state. */
export function render(panel) {
  const { ui, state, now } = panel;
  panel.lossChart.draw();
  if (!state || !now) return;
  const status = state.status;
  ui.status.dataset.status = status;
  setText(
    ui.status,
    status === 'running' ? 'running' : status === 'diverged' ? 'diverged' : 'idle',
  );
  panel.root.classList.toggle('is-diverged', status === 'diverged');
  panel.root.dataset.status = status;
  setText(ui.step, count(now.step));
  setText(ui.loss, num(now.loss));
  ui.loss.dataset.value = isNumber(now.loss) ? String(now.loss) : '';
  const heldOut = panel.series.last ? panel.series.last.validationLoss : undefined;
  ui['validation-readout'].hidden = !isNumber(heldOut);
  setText(ui['validation-loss'], isNumber(heldOut) ? num(heldOut) : '\u2014');
  setText(ui.rate, rate(now.lr));
  ui.accumulating.hidden = !state.accumulateGradients;
  ui.skipped.hidden = panel.skipped === 0;
  setText(
    ui.skipped,
    `${count(panel.skipped)} steps arrived too fast to draw one by one; the chart fills in when the run stops.`,
  );
  if (status === 'diverged') {
    const d = state.divergence || {};
    setText(
      ui.diverged,
      `Diverged at step ${count(d.step)}: the ${d.reason || 'loss'} stopped being a finite number, ` +
        'so the run was stopped. Usually the learning rate is too large: lower it, then ' +
        'press Reset.',
    );
  }
  ui.diverged.hidden = status !== 'diverged';
  renderWarnings(panel, status);
  ui['pause-btn'].disabled = status !== 'running';
  ui['step-btn'].disabled = status === 'running' || status === 'diverged';
  ui['grad-btn'].disabled = status === 'running';
  ui['run-btn'].disabled = status === 'diverged';
  renderGradients(panel);
  if (panel.spec.model.kind === 'mlp') panel.network.update(now.params);
  renderCurve(panel);
  panel.onRender(panel);
}

/** The early warnings: rising, swinging, blowing up (the diverged alert replaces them). */
function renderWarnings(panel, status) {
  const warnings =
    status === 'diverged'
      ? []
      : lossWarnings(panel.series.ys, {
          accumulate: panel.state.accumulateGradients,
          lossName: lossName(panel.spec.loss),
          current: panel.now.loss,
        });
  panel.warnings.show(warnings);
}

function renderGradients(panel) {
  const { now, state } = panel;
  const probe =
    panel.probe && panel.probe.grad && sameValues(panel.probe.params, now.params)
      ? panel.probe
      : null;
  if (!probe) panel.probe = null;
  panel.root.dataset.gradient = probe ? 'computed' : now.step > 0 ? 'stepped' : 'none';
  panel.gradients.show({
    params: now.params,
    step: now.step,
    computed: probe ? probe.grad : null,
    used: now.grad,
    accumulate: state.accumulateGradients,
  });
}

function renderCurve(panel) {
  const params = panel.pinned ? panel.pinned.params : panel.now.params;
  if (!params.every(isNumber)) return;
  const grid = curveGrid(panel.spec, params);
  const curves = [];
  if (panel.spec.model.kind === 'relu-sum' && params.length <= 2 * COLORS.units.length) {
    reluUnits(params).forEach((unit, i) => {
      curves.push({
        label: `ReLU ${i + 1}`,
        x: grid,
        y: grid.map(unit),
        stroke: COLORS.units[i % COLORS.units.length],
        width: 0.6,
        dash: [6, 5],
      });
    });
  }
  const model = predictor(panel.spec.model, params);
  const ys = grid.map(model);
  curves.push({ label: 'model', x: grid, y: ys, stroke: COLORS.curve, width: 1.2 });
  panel.fitChart.setCurves(curves);
  const off = curveOffChart(ys, panel.fitChart.shownRange());
  panel.ui['off-chart'].hidden = !off.left;
  setText(panel.ui['off-chart'], off.left ? off.text : '');
  panel.root.dataset.offChart = String(off.left);
}

/** The readout of the step under the chart's cursor, or the hint when there is none. */
export function showHover(panel, record) {
  if (!record) {
    setText(panel.ui.hover, HOVER_HINT);
    return;
  }
  const params = panel.paramNames
    .map((name, i) => `${name} = ${num(record.params[i])}`)
    .join(', ');
  const grads = record.grad.map((g) => num(g)).join(', ');
  const heldOut = isNumber(record.validationLoss)
    ? `validation ${num(record.validationLoss)} \u00b7 `
    : '';
  setText(
    panel.ui.hover,
    `Step ${count(record.step)}: ${lossName(panel.spec.loss)} ${num(record.loss)} \u00b7 ` +
      heldOut +
      `gradient ${grads} \u00b7 then ${params} \u00b7 learning rate ${rate(record.lr)}`,
  );
}

/**
 * Shows the curve as it was at a past step, from the server's exact replay of the run (so it
 * works for steps this page never saw, or after a restart). A second pick of it, or Escape,
 * goes back to now.
 */
export async function showStep(panel, step) {
  if (!panel.handle) return;
  if (panel.pinned && panel.pinned.step === step) {
    unpin(panel);
    return;
  }
  const id = panel.handle.id;
  try {
    const record = await stepAt(id, step);
    if (panel.handle?.id !== id) return;
    panel.pinned = record;
    setText(
      panel.ui.pinned,
      `Showing the curve after step ${count(record.step)} (${lossName(panel.spec.loss)} ` +
        `${num(record.loss)} there). Click that step again, or press Escape, to go back to now.`,
    );
    panel.ui.pinned.hidden = false;
    panel.schedule();
  } catch (failure) {
    showError(panel.ui.error, failure);
  }
}

export function unpin(panel) {
  panel.pinned = null;
  panel.ui.pinned.hidden = true;
  panel.schedule();
}

function sameValues(a, b) {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
