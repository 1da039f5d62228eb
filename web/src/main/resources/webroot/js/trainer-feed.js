// What a gradient-descent panel hears about its session: steps and states from the socket, the
// answers to its own commands, and the history fetched when it (re)subscribes or fell behind.
// The newest of them (by seq) is what the panel shows; the steps feed its loss chart.

import { history } from './api.js';
import { showError } from '../shared/dom.js';
import { mergeHistory } from '../shared/history-merge.js';
import { reloadData } from './trainer-points.js';

/** A message from the socket about the panel's session. */
export function onMessage(panel, message) {
  switch (message.type) {
    case 'steps':
      for (const step of message.steps) addStep(panel, step, message.seq);
      break;
    case 'skipped':
      // Steps coalesced because this browser fell behind: keep the newest; the history
      // fills the chart in once the run ends.
      panel.skipped += message.count;
      if (message.last) addStep(panel, message.last, message.seq);
      break;
    case 'state':
      applyState(panel, message.state, message.change);
      if (message.change === 'data-edited' || message.change === 'reconfigured') {
        reloadData(panel);
      }
      if (message.change === 'stopped') {
        showError(panel.ui.error, {
          message: 'This session has ended. Start a new one from the setup at the top.',
        });
      }
      break;
    case 'error':
      showError(panel.ui.error, { message: message.error, field: message.field });
      break;
    default:
      return;
  }
  panel.schedule();
}

function addStep(panel, step, seq) {
  if (panel.buffer) panel.buffer.push(step);
  if (!panel.series.add(step)) return;
  // A state with the same seq as a batch of steps was taken after them, so it wins a tie.
  if (!panel.now || seq > panel.now.seq || (seq === panel.now.seq && panel.now.fromSteps)) {
    const { loss, params, grad, lr, validationLoss } = step;
    panel.now = { seq, step: step.step, loss, params, grad, lr, validationLoss, fromSteps: true };
  }
}

/** A state from the socket or a command's answer; an older one than shown is ignored. */
export function applyState(panel, state, change) {
  if (!state || (panel.state && state.seq < panel.state.seq)) return; // an older answer
  const previousStep = panel.series.last ? panel.series.last.step : 0;
  if (change === 'reset' || change === 'restarted') {
    if (panel.series.length) panel.lossChart.setGhost(panel.series.snapshot());
    panel.series.clear();
    panel.skipped = 0;
  }
  panel.state = state;
  if (!panel.now || state.seq >= panel.now.seq) {
    panel.now = {
      seq: state.seq,
      step: state.step,
      loss: state.loss,
      params: state.params,
      grad: state.grad,
      lr: state.nextLr,
    };
  }
  if (change === 'subscribed' || change === 'attached' || change === 'recovered') {
    // Joining, or joining again after the connection dropped: fetch what was missed.
    if (state.step < previousStep) panel.series.clear();
    if (state.step > (panel.series.last ? panel.series.last.step : 0)) loadHistory(panel);
  } else if (
    panel.skipped > 0 &&
    (change === 'run-finished' || change === 'run-paused' || change === 'diverged')
  ) {
    panel.skipped = 0;
    loadHistory(panel);
  }
  if (document.activeElement !== panel.ui.lr) panel.ui.lr.value = String(state.lr);
  panel.schedule();
}

async function loadHistory(panel) {
  if (panel.buffer) return;
  panel.buffer = [];
  const id = panel.handle.id;
  try {
    const recorded = await history(id);
    if (panel.handle?.id !== id) return;
    const seen = [...panel.series.records, ...panel.buffer];
    panel.series.clear();
    for (const step of mergeHistory(seen, recorded.steps)) panel.series.add(step);
  } catch (error) {
    showError(panel.ui.error, error);
  } finally {
    panel.buffer = null;
    panel.schedule();
  }
}
