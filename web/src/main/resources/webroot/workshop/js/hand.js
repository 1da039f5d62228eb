// Step 1 for a participant: fit the data by hand. A slider and a number box per parameter; the
// server evaluates the loss and the model's curve without changing the session (throttled while
// dragging, stale answers dropped). "Use these values" sets them in the participant's session.

import { evaluate, sessionData } from '/js/api.js';
import { el, role, setText, showError } from '/shared/dom.js';
import { lossName, num } from '/shared/format.js';
import { latestOnly } from '/shared/throttle.js';
import { FitPlot } from './plots.js';

const HALF_RANGE = 10;

export class HandFit {
  /** root: the #hand section; onApply(params) sets them in the session. */
  constructor(root, { sessionId, onApply }) {
    this.root = root;
    this.sessionId = sessionId;
    this.plot = new FitPlot(role(root, 'fit-chart'));
    this.loss = role(root, 'hand-loss');
    this.error = role(root, 'hand-error');
    this.note = role(root, 'hand-note');
    this.rows = [];
    this.names = [];
    this.sessionParams = [];
    this.request = latestOnly((params, signal) => evaluate(this.sessionId, params, signal), {
      intervalMs: 50,
      onAnswer: (answer) => this.#show(answer),
      onError: (error) => showError(this.error, error),
    });
    role(root, 'apply').addEventListener('click', async () => {
      showError(this.error, null);
      try {
        await onApply(this.values());
        this.note.textContent = 'Done: your session now starts from these values.';
      } catch (error) {
        showError(this.error, error);
      }
    });
    role(root, 'take').addEventListener('click', () => {
      this.setValues(this.sessionParams);
      this.request(this.values());
    });
  }

  /** Follows the session: rebuilds the sliders when its parameters change shape or start over. */
  update(state, { restarted }) {
    this.sessionParams = state.params || [];
    setText(role(this.root, 'hand-loss-name'), lossName(state.spec?.loss));
    const names = state.paramNames || [];
    const reshaped = names.join() !== this.names.join();
    if (reshaped || restarted) {
      this.names = names;
      this.#build(names, this.sessionParams);
      this.#loadData();
      this.request(this.values());
    }
  }

  values() {
    return this.rows.map((row) => row.value);
  }

  setValues(values) {
    values.forEach((value, i) => {
      if (this.rows[i] && Number.isFinite(value)) this.#set(this.rows[i], value);
    });
  }

  async #loadData() {
    try {
      this.plot.setData(await sessionData(this.sessionId));
    } catch (error) {
      showError(this.error, error);
    }
  }

  #build(names, values) {
    const container = role(this.root, 'sliders');
    container.replaceChildren();
    this.rows = names.map((name, i) => this.#row(name, values[i] ?? 0));
  }

  #row(name, value) {
    const id = `hand-${name}`;
    const slider = el('input', {
      type: 'range',
      id,
      min: -HALF_RANGE,
      max: HALF_RANGE,
      step: 0.01,
      'aria-describedby': 'hand-loss',
      dataset: { param: name },
    });
    const box = el('input', {
      type: 'number',
      step: 'any',
      inputmode: 'decimal',
      'aria-label': `${name}, exact value`,
      dataset: { param: name },
    });
    const row = { slider, box, value };
    slider.addEventListener('input', () => {
      row.value = Number(slider.value);
      box.value = String(row.value);
      this.request(this.values());
    });
    box.addEventListener('change', () => {
      const v = Number(box.value);
      const ok = box.value.trim() !== '' && Number.isFinite(v);
      box.setAttribute('aria-invalid', String(!ok));
      if (!ok) return;
      this.#set(row, v);
      this.request(this.values());
    });
    role(this.root, 'sliders').append(
      el('div', { class: 'slider-row' }, el('label', { for: id }, name), slider, box),
    );
    this.#set(row, value);
    return row;
  }

  #set(row, value) {
    row.value = value;
    const half = Math.max(HALF_RANGE, Math.ceil(Math.abs(value) * 1.5));
    row.slider.min = String(-half);
    row.slider.max = String(half);
    row.slider.value = String(value);
    row.box.value = String(Number(value.toFixed(4)));
    row.box.removeAttribute('aria-invalid');
  }

  #show(answer) {
    showError(this.error, null);
    setText(this.loss, num(answer.loss));
    this.loss.dataset.loss = Number.isFinite(answer.loss) ? String(answer.loss) : '';
    this.plot.setCurve(answer.curve);
  }
}
