// A gradient-descent panel for one session: Compute the gradient, Step, Run, Pause, Reset, the
// learning rate, the live loss chart (fed by the WebSocket), early warnings when the loss rises,
// swings or blows up, the curve moving toward the data (and a note when it leaves the chart), and
// the gradient of each parameter with what its sign means. Step 2 of the lesson uses one for the
// main session; step 4 uses another for fitting ReLUs.

import { evaluate, history, historyUrl, sessionData, stepAt } from './api.js';
import { COLORS } from './colors.js';
import { FitChart } from './fit-chart.js';
import { LossChart } from './loss-chart.js';
import { DataEditor } from './data-editor.js';
import { role, setText, showError } from '../shared/dom.js';
import { count, isNumber, lossName, num, rate } from '../shared/format.js';
import { mergeHistory } from '../shared/history-merge.js';
import { GradientTable } from './gradient-table.js';
import { curveGrid, predictor, reluUnits } from './models.js';
import { NetworkView } from './network.js';
import { StepSeries } from './series.js';
import { WarningList } from './warning-list.js';
import { curveOffChart, lossWarnings } from './warnings.js';

const HOVER_HINT = 'Hover over the chart, or focus it and use \u2190 \u2192, to read any step.';

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
      onHover: (record) => this.#hover(record),
      onPick: (step) => this.#showStep(step),
      onAutoLog: () => {
        this.ui.log.checked = true;
      },
    });
    this.fitChart = new FitChart(role(root, 'fit-chart'));
    this.editor = new DataEditor(this.fitChart, {
      edit: (command) => this.#editPoint(command),
      announce: (text) => setText(this.ui['edit-status'], text),
      removeButton: this.ui['remove-point'],
    });
    this.dataReads = 0;
    role(root, 'loss-chart').addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.pinned) this.#unpin();
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
      this.#act(async () => {
        const reply = await this.handle.step(1);
        this.#applyState(reply.state);
      }),
    );
    ui['grad-btn'].addEventListener('click', () => this.#act(() => this.computeGradient()));
    ui['run-btn'].addEventListener('click', () => this.run());
    ui['pause-btn'].addEventListener('click', () =>
      this.#act(async () => {
        this.#applyState(await this.handle.pause());
      }),
    );
    ui['reset-btn'].addEventListener('click', () => this.#act(() => this.resetKeepingSettings()));
    ui.lr.addEventListener('change', () =>
      this.#act(async () => {
        const lr = Number(ui.lr.value);
        if (ui.lr.value.trim() === '' || !(lr > 0)) {
          ui.lr.value = this.state ? String(this.state.lr) : '';
          throw Object.assign(new Error('must be a number above 0'), { field: 'learning rate' });
        }
        this.wanted.lr = lr;
        this.#applyState(await this.handle.setLearningRate(lr));
      }),
    );
    ui.log.addEventListener('change', () => this.lossChart.setLog(ui.log.checked));
    ui['restore-points'].addEventListener('click', () => this.#editPoint({ kind: 'restore' }));
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
    this.#showData(data);
    this.ui.csv.href = historyUrl(handle.id, 'csv');
    this.ui.json.href = historyUrl(handle.id, 'json');
    this.ui.lr.value = String(state.lr);
    this.gradients.build(this.paramNames);
    const network = this.spec.model.kind === 'mlp';
    role(this.root, 'network-fig').hidden = !network;
    if (network) this.network.show(this.spec.model.hidden, this.paramNames);
    this.#applyState(state, 'attached');
    this.unwatch = this.stream.watch('session', handle.id, (message) => this.#onMessage(message));
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
    return this.#act(async () => {
      if (!(n >= 1)) {
        throw Object.assign(new Error('must be a whole number of at least 1'), { field: 'steps' });
      }
      this.#applyState(await this.handle.run(n, pace));
    });
  }

  /** Sets the parameters (from the hand-fit sliders). */
  setParams(params) {
    return this.#act(async () => this.#applyState(await this.handle.setParams(params)));
  }

  /** Sets one parameter (a network's weight, from its editor); a refusal is thrown to it. */
  async #setOne(index, value) {
    const params = this.currentParams();
    params[index] = value;
    this.#applyState(await this.handle.setParams(params));
  }

  /**
   * Starts afresh from params: step 0, gradient zeroed, the chart cleared; Reset comes back
   * here. Answers the new state, or null when refused (the refusal is shown in the panel).
   */
  async restart(params) {
    let state = null;
    await this.#act(async () => {
      state = await this.handle.restart(params);
      this.#applyState(state, 'restarted');
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
    this.#schedule();
  }

  /** The lesson's switch: accumulate (never zero) the gradient, or zero it every step. */
  setAccumulate(on) {
    return this.#act(async () => {
      this.wanted.accumulate = on;
      this.#applyState(await this.handle.setAccumulateGradients(on));
    });
  }

  /**
   * Back to the start. The server's reset also restores the spec's learning rate and switch;
   * a person who just changed them means to keep them, so they are set again.
   */
  async resetKeepingSettings() {
    let state = await this.handle.reset();
    this.#applyState(state, 'reset');
    if (this.wanted.lr !== null && this.wanted.lr !== state.lr) {
      state = await this.handle.setLearningRate(this.wanted.lr);
      this.#applyState(state);
    }
    if (this.wanted.accumulate !== null && this.wanted.accumulate !== state.accumulateGradients) {
      this.#applyState(await this.handle.setAccumulateGradients(this.wanted.accumulate));
    }
  }

  /** Shows the session's points: the training ones editable, the held-out ones hollow. */
  #showData(data) {
    this.data = data;
    this.editor.setPoints({ x: data.x, y: data.y });
    this.fitChart.setHeldOut(data.validation ?? null);
    this.ui['held-out-note'].hidden = !data.validation;
    this.root.dataset.heldOut = String(data.validation ? data.validation.x.length : 0);
  }

  /**
   * Adds, moves or removes a training point on the server; the loss follows from its answer, and
   * the points are read back either way (a refused move springs back). Answers whether it was
   * taken.
   */
  async #editPoint(command) {
    let taken = false;
    await this.#act(async () => {
      const { handle } = this;
      let state;
      if (command.kind === 'add') state = await handle.addPoint(command.x, command.y);
      else if (command.kind === 'move')
        state = await handle.movePoint(command.index, command.x, command.y);
      else if (command.kind === 'restore') state = await handle.restorePoints();
      else state = await handle.removePoint(command.index);
      this.#applyState(state);
      taken = true;
    });
    await this.#reloadData();
    return taken;
  }

  /**
   * Reads the points again (after an edit here or anywhere else), and the gradient at the
   * current values on them, so the table shows where the next step goes. Only the last of
   * several reads in flight is shown.
   */
  async #reloadData() {
    const id = this.handle?.id;
    if (!id) return;
    const read = ++this.dataReads;
    try {
      const data = await sessionData(id);
      if (this.handle?.id !== id || read !== this.dataReads) return;
      this.#showData(data);
      this.onData(data);
      if (this.state && this.state.status !== 'running') await this.computeGradient();
      this.root.dataset.dataVersion = String(read);
    } catch (error) {
      showError(this.ui.error, error);
    }
  }

  /** Runs a command; its refusal is shown in the panel, as text. */
  async #act(command) {
    if (!this.handle) return;
    showError(this.ui.error, null);
    try {
      await command();
    } catch (error) {
      showError(this.ui.error, error);
    }
  }

  #onMessage(message) {
    switch (message.type) {
      case 'steps':
        for (const step of message.steps) this.#addStep(step, message.seq);
        break;
      case 'skipped':
        // Steps coalesced because this browser fell behind: keep the newest; the history
        // fills the chart in once the run ends.
        this.skipped += message.count;
        if (message.last) this.#addStep(message.last, message.seq);
        break;
      case 'state':
        this.#applyState(message.state, message.change);
        if (message.change === 'data-edited' || message.change === 'reconfigured') {
          this.#reloadData();
        }
        if (message.change === 'stopped') {
          showError(this.ui.error, {
            message: 'This session has ended. Start a new one from the setup at the top.',
          });
        }
        break;
      case 'error':
        showError(this.ui.error, { message: message.error, field: message.field });
        break;
      default:
        return;
    }
    this.#schedule();
  }

  #addStep(step, seq) {
    if (this.buffer) this.buffer.push(step);
    if (!this.series.add(step)) return;
    // A state with the same seq as a batch of steps was taken after them, so it wins a tie.
    if (!this.now || seq > this.now.seq || (seq === this.now.seq && this.now.fromSteps)) {
      const { loss, params, grad, lr, validationLoss } = step;
      this.now = { seq, step: step.step, loss, params, grad, lr, validationLoss, fromSteps: true };
    }
  }

  #applyState(state, change) {
    if (!state || (this.state && state.seq < this.state.seq)) return; // an older answer
    const previousStep = this.series.last ? this.series.last.step : 0;
    if (change === 'reset' || change === 'restarted') {
      if (this.series.length) this.lossChart.setGhost(this.series.snapshot());
      this.series.clear();
      this.skipped = 0;
    }
    this.state = state;
    if (!this.now || state.seq >= this.now.seq) {
      this.now = {
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
      if (state.step < previousStep) this.series.clear();
      if (state.step > (this.series.last ? this.series.last.step : 0)) this.#loadHistory();
    } else if (
      this.skipped > 0 &&
      (change === 'run-finished' || change === 'run-paused' || change === 'diverged')
    ) {
      this.skipped = 0;
      this.#loadHistory();
    }
    if (document.activeElement !== this.ui.lr) this.ui.lr.value = String(state.lr);
    this.#schedule();
  }

  async #loadHistory() {
    if (this.buffer) return;
    this.buffer = [];
    const id = this.handle.id;
    try {
      const recorded = await history(id);
      if (this.handle?.id !== id) return;
      const seen = [...this.series.records, ...this.buffer];
      this.series.clear();
      for (const step of mergeHistory(seen, recorded.steps)) this.series.add(step);
    } catch (error) {
      showError(this.ui.error, error);
    } finally {
      this.buffer = null;
      this.#schedule();
    }
  }

  #schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.#render();
    });
  }

  #render() {
    const { ui, state, now } = this;
    this.lossChart.draw();
    if (!state || !now) return;
    const status = state.status;
    ui.status.dataset.status = status;
    setText(
      ui.status,
      status === 'running' ? 'running' : status === 'diverged' ? 'diverged' : 'idle',
    );
    this.root.classList.toggle('is-diverged', status === 'diverged');
    this.root.dataset.status = status;
    setText(ui.step, count(now.step));
    setText(ui.loss, num(now.loss));
    ui.loss.dataset.value = isNumber(now.loss) ? String(now.loss) : '';
    const heldOut = this.series.last ? this.series.last.validationLoss : undefined;
    ui['validation-readout'].hidden = !isNumber(heldOut);
    setText(ui['validation-loss'], isNumber(heldOut) ? num(heldOut) : '\u2014');
    setText(ui.rate, rate(now.lr));
    ui.accumulating.hidden = !state.accumulateGradients;
    ui.skipped.hidden = this.skipped === 0;
    setText(
      ui.skipped,
      `${count(this.skipped)} steps arrived too fast to draw one by one; the chart fills in when the run stops.`,
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
    this.#renderWarnings(status);
    ui['pause-btn'].disabled = status !== 'running';
    ui['step-btn'].disabled = status === 'running' || status === 'diverged';
    ui['grad-btn'].disabled = status === 'running';
    ui['run-btn'].disabled = status === 'diverged';
    this.#renderGradients();
    if (this.spec.model.kind === 'mlp') this.network.update(now.params);
    this.#renderCurve();
    this.onRender(this);
  }

  /** The early warnings: rising, swinging, blowing up (the diverged alert replaces them). */
  #renderWarnings(status) {
    const warnings =
      status === 'diverged'
        ? []
        : lossWarnings(this.series.ys, {
            accumulate: this.state.accumulateGradients,
            lossName: lossName(this.spec.loss),
            current: this.now.loss,
          });
    this.warnings.show(warnings);
  }

  #renderGradients() {
    const { now, state } = this;
    const probe =
      this.probe && this.probe.grad && sameValues(this.probe.params, now.params)
        ? this.probe
        : null;
    if (!probe) this.probe = null;
    this.root.dataset.gradient = probe ? 'computed' : now.step > 0 ? 'stepped' : 'none';
    this.gradients.show({
      params: now.params,
      step: now.step,
      computed: probe ? probe.grad : null,
      used: now.grad,
      accumulate: state.accumulateGradients,
    });
  }

  /**
   * Shows the curve as it was at a past step, from the server's exact replay of the run (so it
   * works for steps this page never saw, or after a restart). A second pick of it, or Escape,
   * goes back to now.
   */
  async #showStep(step) {
    if (!this.handle) return;
    if (this.pinned && this.pinned.step === step) {
      this.#unpin();
      return;
    }
    const id = this.handle.id;
    try {
      const record = await stepAt(id, step);
      if (this.handle?.id !== id) return;
      this.pinned = record;
      setText(
        this.ui.pinned,
        `Showing the curve after step ${count(record.step)} (${lossName(this.spec.loss)} ` +
          `${num(record.loss)} there). Click that step again, or press Escape, to go back to now.`,
      );
      this.ui.pinned.hidden = false;
      this.#schedule();
    } catch (failure) {
      showError(this.ui.error, failure);
    }
  }

  #unpin() {
    this.pinned = null;
    this.ui.pinned.hidden = true;
    this.#schedule();
  }

  #renderCurve() {
    const params = this.pinned ? this.pinned.params : this.now.params;
    if (!params.every(isNumber)) return;
    const grid = curveGrid(this.spec, params);
    const curves = [];
    if (this.spec.model.kind === 'relu-sum' && params.length <= 2 * COLORS.units.length) {
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
    const model = predictor(this.spec.model, params);
    const ys = grid.map(model);
    curves.push({ label: 'model', x: grid, y: ys, stroke: COLORS.curve, width: 1.2 });
    this.fitChart.setCurves(curves);
    const off = curveOffChart(ys, this.fitChart.shownRange());
    this.ui['off-chart'].hidden = !off.left;
    setText(this.ui['off-chart'], off.left ? off.text : '');
    this.root.dataset.offChart = String(off.left);
  }

  #hover(record) {
    if (!record) {
      setText(this.ui.hover, HOVER_HINT);
      return;
    }
    const params = this.paramNames
      .map((name, i) => `${name} = ${num(record.params[i])}`)
      .join(', ');
    const grads = record.grad.map((g) => num(g)).join(', ');
    const heldOut = isNumber(record.validationLoss)
      ? `validation ${num(record.validationLoss)} \u00b7 `
      : '';
    setText(
      this.ui.hover,
      `Step ${count(record.step)}: ${lossName(this.spec.loss)} ${num(record.loss)} \u00b7 ` +
        heldOut +
        `gradient ${grads} \u00b7 then ${params} \u00b7 learning rate ${rate(record.lr)}`,
    );
  }
}

function sameValues(a, b) {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
