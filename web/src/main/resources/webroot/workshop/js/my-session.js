// A participant's own session: its live state and loss curve from the WebSocket, and the
// controls of step 2 (Step, Run paced at 60 steps a second, Pause, Reset, learning rate) and
// step 4 (gradient accumulation). Commands go over REST with the owner token, which the
// SessionHandle keeps out of sight.

import { history, sessionState } from '/js/api.js';
import { el, role, setText, showError } from '/shared/dom.js';
import { count, lossName, num, rate } from '/shared/format.js';
import { LossPlot } from './plots.js';
import { Trace } from './trace.js';

const STEPS_PER_SECOND = 60;

export class MySession {
  /**
   * root: the #lesson element; handle: the SessionHandle; socket: the LiveSocket;
   * onState(state, {restarted}) is called after every change (restarted: new parameters' shape
   * or a fresh start); onStopped() when the session ends (the instructor removed this
   * participant, or closed the workshop).
   */
  constructor(root, { handle, socket, onState, onStopped = () => {} }) {
    this.root = root;
    this.handle = handle;
    this.socket = socket;
    this.onState = onState;
    this.onStopped = onStopped;
    this.state = null;
    this.ended = false;
    this.trace = new Trace();
    this.error = role(root, 'error');
    this.plot = new LossPlot(role(root, 'loss-chart'));
    this.plot.show(this.trace);
    this.frame = 0;
    this.#wire();
  }

  #wire() {
    const r = (name) => role(this.root, name);
    r('step-btn').addEventListener('click', () => this.#command(() => this.handle.step(1)));
    r('run-btn').addEventListener('click', () => {
      const input = r('count');
      const n = Number(input.value);
      const ok = Number.isInteger(n) && n >= 1 && n <= 10_000_000;
      input.setAttribute('aria-invalid', String(!ok));
      if (!ok) {
        showError(this.error, { field: 'steps', message: 'must be a whole number from 1 to 10000000' });
        input.focus();
        return;
      }
      this.#command(() => this.handle.run(n, STEPS_PER_SECOND));
    });
    r('pause-btn').addEventListener('click', () => this.#command(() => this.handle.pause()));
    r('reset-btn').addEventListener('click', () => this.#command(() => this.handle.reset()));
    r('lr-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const input = r('lr');
      const lr = Number(input.value);
      const ok = input.value.trim() !== '' && Number.isFinite(lr) && lr > 0;
      input.setAttribute('aria-invalid', String(!ok));
      if (!ok) {
        showError(this.error, { field: 'learning rate', message: 'must be a number above 0' });
        return;
      }
      this.#command(() => this.handle.setLearningRate(lr));
    });
    r('log').addEventListener('change', (e) => this.plot.setLog(e.target.checked));
    const accumulate = r('accumulate');
    accumulate.addEventListener('change', () =>
      this.#command(
        () => this.handle.setAccumulateGradients(accumulate.checked),
        role(this.root, 'loop-error'),
      ),
    );
  }

  /** Loads the state and the recorded steps, then follows the session live. */
  async attach() {
    this.unwatch = this.socket.watch('session', this.handle.id, (m, info) => this.#onMessage(m, info));
    await this.reload();
  }

  /** Reads the state and the record afresh (after a new scenario, a fork, or a gap). */
  async reload() {
    try {
      const [state, recorded] = await Promise.all([
        sessionState(this.handle.id),
        history(this.handle.id),
      ]);
      this.trace.clear();
      this.trace.load(recorded.steps);
      this.#setState(state, true);
    } catch (error) {
      showError(this.error, error);
    }
  }

  /** The workshop ended: nothing may be driven any more. */
  disable() {
    this.ended = true;
    for (const control of this.root.querySelectorAll('.controls button, .controls input, [data-role="accumulate"]')) {
      control.disabled = true;
    }
  }

  async #command(call, errorNode = this.error) {
    showError(errorNode, null);
    try {
      const answer = await call();
      const state = answer && answer.state ? answer.state : answer;
      if (answer && answer.steps) for (const s of answer.steps) this.trace.add(s.step, s.loss);
      if (state && typeof state.seq === 'number' && (!this.state || state.seq >= this.state.seq)) {
        this.#setState(state, false);
      }
    } catch (error) {
      showError(errorNode, error);
    }
  }

  #onMessage(message, { gap, first }) {
    switch (message.type) {
      case 'state': {
        const change = message.change;
        if (change === 'stopped') {
          this.onStopped();
          return;
        }
        const restarted = change === 'reset' || change === 'reconfigured';
        if (restarted) this.trace.clear();
        this.#setState(message.state, restarted);
        break;
      }
      case 'steps':
        for (const s of message.steps) this.trace.add(s.step, s.loss);
        this.#advance(message.steps[message.steps.length - 1], message.seq);
        break;
      case 'skipped':
        // Steps left out for a slow screen: the readouts still move on to the last one.
        if (message.last) this.trace.add(message.last.step, message.last.loss);
        this.#advance(message.last, message.seq);
        gap = true;
        break;
      case 'error':
        showError(this.error, { message: `Live updates stopped: ${message.error}` });
        return;
      default:
        return;
    }
    // Back after a drop, or a hole: what was missed comes from the record.
    if (first || gap) this.#refill();
  }

  /** Fills a hole in the curve from the record (after a drop or a catch-up). */
  #refill() {
    history(this.handle.id)
      .then((recorded) => {
        this.trace.load(recorded.steps);
        this.plot.schedule();
      })
      .catch(() => {});
  }

  /** The readouts follow the latest step: a running session sends no new state for each. */
  #advance(last, seq) {
    if (!last || !this.state) return;
    const { step, loss, params, grad, lr } = last;
    this.#setState({ ...this.state, step, loss, params, grad, lr, nextLr: lr, seq }, false);
  }

  #setState(state, restarted) {
    this.state = state;
    this.plot.schedule();
    if (!this.frame) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.#render();
      });
    }
    this.onState(state, { restarted });
  }

  #render() {
    const s = this.state;
    const r = (name) => role(this.root, name);
    const status = s.status;
    setText(r('status'), status);
    r('status').dataset.status = status;
    setText(r('step'), count(s.step));
    setText(r('loss-name'), lossName(s.spec?.loss));
    setText(r('loss'), num(s.loss));
    setText(r('rate'), rate(s.nextLr ?? s.lr));
    const lrInput = r('lr');
    if (document.activeElement !== lrInput && lrInput.getAttribute('aria-invalid') !== 'true') {
      lrInput.value = String(s.nextLr ?? s.lr);
    }
    const diverged = r('diverged');
    diverged.hidden = status !== 'diverged';
    if (status === 'diverged') {
      const at = s.divergence ? ` at step ${count(s.divergence.step)}` : '';
      setText(diverged, `The run blew up${at}: the ${s.divergence?.reason ?? 'loss'} stopped being a number. Try a smaller learning rate, then Reset.`);
    }
    const running = status === 'running';
    if (!this.ended) {
      r('step-btn').disabled = running;
      r('pause-btn').disabled = !running;
    }
    r('accumulate').checked = Boolean(s.accumulateGradients);
    this.#params(s);
  }

  #params(s) {
    const body = role(this.root, 'params').tBodies[0];
    const names = s.paramNames || [];
    while (body.rows.length > names.length) body.deleteRow(-1);
    while (body.rows.length < names.length) {
      body.append(
        el('tr', {}, el('th', { scope: 'row' }), el('td', { class: 'num', dataset: { role: 'value' } }), el('td', { class: 'num' })),
      );
    }
    names.forEach((name, i) => {
      const cells = body.rows[i].cells;
      setText(cells[0], name);
      setText(cells[1], num(s.params?.[i]));
      setText(cells[2], num(s.grad?.[i]));
    });
  }
}
