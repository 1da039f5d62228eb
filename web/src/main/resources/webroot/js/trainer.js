// A gradient-descent panel for one session: Compute the gradient, Step, Run, Pause, Reset, the
// learning rate, the live loss chart (fed by the WebSocket), early warnings when the loss rises,
// swings or blows up, the curve moving toward the data (and a note when it leaves the chart), and
// the gradient of each parameter with what its sign means. Step 2 of the lesson uses one for the
// main session; step 4 uses another for fitting ReLUs. This file holds the panel and its
// commands; what it hears is trainer-feed.js, what it shows trainer-render.js, its points
// trainer-points.js.

import { role, setText, showError } from '../shared/dom.js';
import { lossName } from '../shared/format.js';
import { evaluate, historyUrl } from './api.js';
import { DataEditor } from './data-editor.js';
import { FitChart } from './fit-chart.js';
import { GradientTable } from './gradient-table.js';
import { LossChart } from './loss-chart.js';
import { NetworkView } from './network-view.js';
import { StepSeries } from './series.js';
import { applyState, onMessage } from './trainer-feed.js';
import { editPoint, showData } from './trainer-points.js';
import { render, showHover, showStep, unpin } from './trainer-render.js';
import { WarningList } from './warning-list.js';

export class TrainerPanel {
  /**
   * @param root an element cloned from #trainer-template
   * @param stream the page's LiveSocket
   * @param onRender called after each redraw with the panel, to keep other views in step
   * @param onCompare when given, a swinging loss offers a button that calls it (the comparison
   *     of zeroing and not zeroing the gradient)
   * @param onData called with the session's points whenever they change (an edit by hand)
   */
  constructor(root, { stream, onRender = () => {}, onCompare = null, onData = () => {} }) {
    this.root = root;
    this.stream = stream;
    this.onRender = onRender;
    this.onCompare = onCompare;
    this.onData = onData;
    this.series = new StepSeries();
    this.ui = Object.fromEntries(
      [
        'status',
        'step',
        'loss',
        'loss-name',
        'rate',
        'accumulating',
        'diverged',
        'error',
        'step-btn',
        'count',
        'speed',
        'run-btn',
        'pause-btn',
        'reset-btn',
        'lr',
        'log',
        'hover',
        'grads',
        'grads-note',
        'csv',
        'json',
        'skipped',
        'pinned',
        'grad-btn',
        'grads-source',
        'warnings',
        'off-chart',
        'validation-readout',
        'validation-loss',
        'edit-status',
        'held-out-note',
        'remove-point',
        'restore-points',
      ].map((name) => [name, role(root, name)]),
    );
    this.lossChart = new LossChart(role(root, 'loss-chart'), {
      series: this.series,
      onHover: (record) => showHover(this, record),
      onPick: (step) => showStep(this, step),
      onAutoLog: () => {
        this.ui.log.checked = true;
      },
    });
    this.fitChart = new FitChart(role(root, 'fit-chart'));
    this.editor = new DataEditor(this.fitChart, {
      edit: (command) => editPoint(this, command),
      announce: (text) => setText(this.ui['edit-status'], text),
      removeButton: this.ui['remove-point'],
    });
    this.dataReads = 0;
    role(root, 'loss-chart').addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.pinned) unpin(this);
    });
    this.warnings = new WarningList(role(root, 'warnings'), root, { onCompare });
    this.gradients = new GradientTable(role(root, 'grads'), {
      source: role(root, 'grads-source'),
      note: role(root, 'grads-note'),
      fold: role(root, 'grads-fold'),
    });
    this.network = new NetworkView(role(root, 'network'), {
      onSetWeight: (index, value) => this.#setOne(index, value),
    });
    this.frame = 0;
    this.#reset();
    this.#wire();
  }

  #reset() {
    this.pinned = null; // a past step whose curve is shown instead of now's, or null
    if (this.ui?.pinned) this.ui.pinned.hidden = true;
    this.handle = null;
    this.spec = null;
    this.data = null;
    this.state = null;
    this.now = null; // newest {seq, step, loss, params, grad, lr}, from a step or a state
    this.wanted = { lr: null, accumulate: null }; // what the person set, kept across Reset
    this.skipped = 0;
    this.buffer = null; // steps arriving while the history loads
    this.probe = null; // {params, grad} from "Compute the gradient", shown until the next change
  }

  #wire() {
    const { ui } = this;
    ui['step-btn'].addEventListener('click', () =>
      this.act(async () => {
        const reply = await this.handle.step(1);
        applyState(this, reply.state);
      }),
    );
    ui['grad-btn'].addEventListener('click', () => this.act(() => this.computeGradient()));
    ui['run-btn'].addEventListener('click', () => this.run());
    ui['pause-btn'].addEventListener('click', () =>
      this.act(async () => {
        applyState(this, await this.handle.pause());
      }),
    );
    ui['reset-btn'].addEventListener('click', () => this.act(() => this.resetKeepingSettings()));
    ui.lr.addEventListener('change', () =>
      this.act(async () => {
        const lr = Number(ui.lr.value);
        if (ui.lr.value.trim() === '' || !(lr > 0)) {
          ui.lr.value = this.state ? String(this.state.lr) : '';
          throw Object.assign(new Error('must be a number above 0'), { field: 'learning rate' });
        }
        this.wanted.lr = lr;
        applyState(this, await this.handle.setLearningRate(lr));
      }),
    );
    ui.log.addEventListener('change', () => this.lossChart.setLog(ui.log.checked));
    ui['restore-points'].addEventListener('click', () => editPoint(this, { kind: 'restore' }));
  }

  /** Shows a session. @param session {handle, state, data} */
  attach({ handle, state, data }) {
    this.detach();
    this.handle = handle;
    this.spec = state.spec;
    this.data = data;
    this.paramNames = state.paramNames;
    this.lossChart.setGhost(null);
    this.lossChart.setLossLabel(lossName(this.spec.loss));
    setText(this.ui['loss-name'], lossName(this.spec.loss));
    showData(this, data);
    this.ui.csv.href = historyUrl(handle.id, 'csv');
    this.ui.json.href = historyUrl(handle.id, 'json');
    this.ui.lr.value = String(state.lr);
    this.gradients.build(this.paramNames);
    const network = this.spec.model.kind === 'mlp';
    role(this.root, 'network-fig').hidden = !network;
    if (network) this.network.show(this.spec.model.hidden, this.paramNames);
    applyState(this, state, 'attached');
    this.unwatch = this.stream.watch('session', handle.id, (message) => onMessage(this, message));
    this.root.hidden = false;
  }

  detach() {
    if (this.unwatch) this.unwatch();
    this.unwatch = null;
    this.series.clear();
    this.#reset();
    this.lossChart.schedule();
  }

  get id() {
    return this.handle ? this.handle.id : null;
  }

  /** The newest parameters known: from the last step or state, whichever came later. */
  currentParams() {
    return this.now ? this.now.params.slice() : [];
  }

  /** Runs count steps at the chosen pace (count and pace from the controls when omitted). */
  run(countSteps, stepsPerSecond) {
    const n = countSteps ?? Math.round(Number(this.ui.count.value));
    const pace = stepsPerSecond ?? Number(this.ui.speed.value);
    return this.act(async () => {
      if (!(n >= 1)) {
        throw Object.assign(new Error('must be a whole number of at least 1'), { field: 'steps' });
      }
      applyState(this, await this.handle.run(n, pace));
    });
  }

  /** Sets the parameters (from the hand-fit sliders). */
  setParams(params) {
    return this.act(async () => applyState(this, await this.handle.setParams(params)));
  }

  /** Sets one parameter (a network's weight, from its editor); a refusal is thrown to it. */
  async #setOne(index, value) {
    const params = this.currentParams();
    params[index] = value;
    applyState(this, await this.handle.setParams(params));
  }

  /**
   * Starts afresh from params: step 0, gradient zeroed, the chart cleared; Reset comes back
   * here. Answers the new state, or null when refused (the refusal is shown in the panel).
   */
  async restart(params) {
    let state = null;
    await this.act(async () => {
      state = await this.handle.restart(params);
      applyState(this, state, 'restarted');
    });
    return state;
  }

  /**
   * The lesson's loss.backward() then abc.grad: the gradient at the current values, from the
   * server, without a step.
   */
  async computeGradient() {
    const params = this.currentParams();
    const id = this.handle.id;
    const answer = await evaluate(id, params);
    if (this.handle?.id !== id) return;
    this.probe = { params, grad: answer.grad };
    this.schedule();
  }

  /** The lesson's switch: accumulate (never zero) the gradient, or zero it every step. */
  setAccumulate(on) {
    return this.act(async () => {
      this.wanted.accumulate = on;
      applyState(this, await this.handle.setAccumulateGradients(on));
    });
  }

  /**
   * Back to the start. The server's reset also restores the spec's learning rate and switch;
   * a person who just changed them means to keep them, so they are set again.
   */
  async resetKeepingSettings() {
    let state = await this.handle.reset();
    applyState(this, state, 'reset');
    if (this.wanted.lr !== null && this.wanted.lr !== state.lr) {
      state = await this.handle.setLearningRate(this.wanted.lr);
      applyState(this, state);
    }
    if (this.wanted.accumulate !== null && this.wanted.accumulate !== state.accumulateGradients) {
      applyState(this, await this.handle.setAccumulateGradients(this.wanted.accumulate));
    }
  }

  /** Runs a command; its refusal is shown in the panel, as text. */
  async act(command) {
    if (!this.handle) return;
    showError(this.ui.error, null);
    try {
      await command();
    } catch (error) {
      showError(this.ui.error, error);
    }
  }

  /** Redraws the panel on the next frame; many calls in one frame cost one redraw. */
  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      render(this);
    });
  }
}
