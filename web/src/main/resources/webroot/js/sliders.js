// A slider per parameter, each paired with a number box for exact values: the lesson's
// @interact. Keyboard: arrows move by the slider's step, Shift+arrows by ten steps, Page Up /
// Page Down by a hundred; Home and End go to the ends of the range.

import { el } from '../shared/dom.js';
import { num } from '../shared/format.js';

let nextId = 1;

export class ParamSliders {
  /**
   * @param container where the rows go
   * @param onInput called with all values on every move (many times a second while dragging)
   * @param range the default half-width of each slider's range; grows to fit a value outside it
   * @param step the slider's smallest move
   * @param describedBy id of the element that shows the result (the loss), for screen readers
   */
  constructor(container, { onInput, range = 10, step = 0.01, describedBy = null }) {
    this.container = container;
    this.onInput = onInput;
    this.range = range;
    this.step = step;
    this.describedBy = describedBy;
    this.rows = [];
  }

  /** Builds one row per name, set to values. */
  build(names, values, { ranges = [] } = {}) {
    this.container.replaceChildren();
    this.rows = names.map((name, i) => this.#row(name, values[i] ?? 0, ranges[i]));
  }

  /** The exact values: a typed 1.7387 stays 1.7387 though the slider snaps to its step. */
  values() {
    return this.rows.map((row) => row.value);
  }

  setValues(values) {
    values.forEach((value, i) => {
      const row = this.rows[i];
      if (row && Number.isFinite(value)) this.#set(row, value);
    });
  }

  #row(name, value, range) {
    const id = `param-${nextId++}`;
    const half = range ?? this.range;
    const slider = el('input', {
      type: 'range',
      id,
      min: -half,
      max: half,
      step: this.step,
      'aria-describedby': this.describedBy,
      dataset: { param: name },
    });
    const box = el('input', {
      type: 'number',
      step: 'any',
      inputmode: 'decimal',
      'aria-label': `${name}, exact value`,
      dataset: { paramBox: name },
    });
    const row = { name, range: slider, box, value };
    this.#set(row, value);
    slider.addEventListener('input', () => {
      row.value = Number(slider.value);
      box.value = trim(Number(slider.value));
      slider.setAttribute('aria-valuetext', `${name} = ${num(Number(slider.value), 2)}`);
      this.onInput(this.values());
    });
    slider.addEventListener('keydown', (event) => this.#bigSteps(event, row));
    box.addEventListener('input', () => {
      const typed = Number(box.value);
      if (box.value.trim() === '' || !Number.isFinite(typed)) return;
      this.#fit(row, typed);
      row.value = typed;
      row.range.value = String(typed);
      this.onInput(this.values());
    });
    box.addEventListener('change', () => {
      box.value = trim(row.value); // an unreadable entry falls back to the last good value
    });
    this.container.append(
      el('div', { class: 'slider-row' }, el('label', { for: id, text: name }), slider, box),
    );
    return row;
  }

  #bigSteps(event, row) {
    let factor = 0;
    if (event.shiftKey && (event.key === 'ArrowRight' || event.key === 'ArrowUp')) factor = 10;
    if (event.shiftKey && (event.key === 'ArrowLeft' || event.key === 'ArrowDown')) factor = -10;
    if (event.key === 'PageUp') factor = 100;
    if (event.key === 'PageDown') factor = -100;
    if (!factor) return;
    event.preventDefault();
    const next = Math.min(
      Number(row.range.max),
      Math.max(Number(row.range.min), row.value + factor * this.step),
    );
    row.range.value = String(next);
    row.range.dispatchEvent(new Event('input', { bubbles: true }));
  }

  /** Widens a slider's range when a value (trained or typed) falls outside it. */
  #fit(row, value) {
    const max = Number(row.range.max);
    if (Math.abs(value) > max) {
      const half = Math.ceil(Math.abs(value) * 1.5);
      row.range.min = String(-half);
      row.range.max = String(half);
    }
  }

  #set(row, value) {
    this.#fit(row, value);
    row.value = value;
    row.range.value = String(value);
    row.box.value = trim(value);
    row.range.setAttribute('aria-valuetext', `${row.name} = ${num(value, 2)}`);
  }
}

/** A value for a number box: no float noise such as 1.2000000000000002. */
function trim(value) {
  return String(Number(value.toPrecision(6)));
}
