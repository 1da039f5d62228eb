// A small neural network ("kind":"mlp") drawn as it learns: the input x, each hidden layer of
// ReLU units and the output, every weight a line whose colour shows its sign and whose width its
// size, every unit filled by its bias. Clicking a weight (or Enter on it) opens a small editor
// that sets that one weight on the server. Its geometry and colours are network.js.

import { el } from '../shared/dom.js';
import { num } from '../shared/format.js';
import {
  biasFill,
  describeParameter,
  largest,
  layout,
  parameterCount,
  parameterLayout,
  ranges,
  weightStyle,
} from './network.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

/**
 * The drawing and its weight editor, in a container of the trainer panel. show() builds it for
 * one network; update() restyles it with new parameters (called at most once an animation frame
 * by the panel); the editor calls onSetWeight(index, value).
 */
export class NetworkView {
  /** @param onSetWeight async (index, value) → sets one parameter on the server */
  constructor(container, { onSetWeight }) {
    this.container = container;
    this.onSetWeight = onSetWeight;
    this.hidden = null;
    this.shown = null;
    this.editing = null;
    this.editor = this.#editor();
  }

  /** Builds the drawing for a network of these hidden widths, with the server's names. */
  show(hidden, names) {
    this.hidden = hidden.slice();
    this.names = names;
    this.layers = parameterLayout(hidden);
    this.ranges = ranges(this.layers);
    this.shown = null;
    this.#close();
    const geometry = layout(hidden);
    const drawing = svg('svg', {
      viewBox: `0 0 ${geometry.width} ${geometry.height}`,
      class: 'network',
      role: 'group',
      'aria-label': `A network: input x, hidden layers of ${hidden.join(', ')} ReLUs, output y`,
      'data-role': 'network-svg',
    });
    const lines = svg('g', { class: 'weights' });
    const units = svg('g', { class: 'units' });
    this.weightLines = [];
    this.unitCircles = [];
    this.layers.forEach((layer, l) => {
      const from = geometry.columns[l];
      const to = geometry.columns[l + 1];
      for (let j = 0; j < layer.out; j++) {
        for (let i = 0; i < layer.in; i++) {
          const index = layer.offset + j * layer.in + i;
          const line = svg('line', {
            x1: from[i].x,
            y1: from[i].y,
            x2: to[j].x,
            y2: to[j].y,
            tabindex: 0,
            role: 'button',
            'data-index': index,
          });
          line.addEventListener('click', () => this.#open(index));
          line.addEventListener('keydown', (event) => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              this.#open(index);
            }
          });
          lines.append(line);
          this.weightLines.push({ index, line });
        }
        const circle = svg('circle', {
          cx: to[j].x,
          cy: to[j].y,
          r: geometry.radius,
          'data-index': layer.biasOffset + j,
        });
        circle.append(svg('title'));
        units.append(circle);
        this.unitCircles.push({ index: layer.biasOffset + j, circle });
      }
    });
    const input = geometry.columns[0][0];
    const output = geometry.columns[geometry.columns.length - 1][0];
    units.append(svg('circle', { cx: input.x, cy: input.y, r: geometry.radius, class: 'input' }));
    const labels = svg('g', { class: 'labels' });
    const xLabel = svg('text', { x: input.x, y: input.y - geometry.radius - 4 });
    xLabel.textContent = 'x';
    const yLabel = svg('text', { x: output.x, y: output.y - geometry.radius - 4 });
    yLabel.textContent = 'y';
    labels.append(xLabel, yLabel);
    drawing.append(lines, units, labels);
    this.container.replaceChildren(drawing, this.editor.form);
  }

  /** Restyles every line and unit for params (skipped when they are the ones already shown). */
  update(params) {
    if (!this.hidden || params === this.shown) return;
    if (params.length !== parameterCount(this.hidden)) return;
    this.shown = params;
    const weightScale = largest(params, this.ranges.weights);
    const biasScale = largest(params, this.ranges.biases);
    for (const { index, line } of this.weightLines) {
      const style = weightStyle(params[index], weightScale);
      line.setAttribute('stroke', style.color);
      line.setAttribute('stroke-width', style.width.toFixed(2));
      line.setAttribute('stroke-opacity', style.opacity.toFixed(2));
      line.setAttribute('aria-label', `${this.names[index]} = ${num(params[index])}`);
      line.dataset.value = String(params[index]);
    }
    for (const { index, circle } of this.unitCircles) {
      const fill = biasFill(params[index], biasScale);
      circle.setAttribute('fill', fill.color);
      circle.setAttribute('fill-opacity', fill.opacity.toFixed(2));
      circle.firstChild.textContent = `${this.names[index]} = ${num(params[index])}`;
    }
  }

  #editor() {
    const name = el('span', { dataset: { role: 'weight-name' } });
    const value = el('input', {
      type: 'number',
      step: 'any',
      inputmode: 'decimal',
      required: true,
      dataset: { role: 'weight-value' },
    });
    const error = el('p', { class: 'error', role: 'alert', hidden: true });
    const cancel = el('button', { type: 'button', text: 'Cancel' });
    const form = el(
      'form',
      {
        class: 'weight-editor',
        dataset: { role: 'weight-editor' },
        hidden: true,
        novalidate: true,
      },
      el('label', {}, name, ' ', value),
      el('button', { type: 'submit', class: 'primary', text: 'Set' }),
      cancel,
      error,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#submit();
    });
    cancel.addEventListener('click', () => this.#close());
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.#close();
    });
    return { form, name, value, error };
  }

  #open(index) {
    const { form, name, value, error } = this.editor;
    this.editing = index;
    for (const { index: i, line } of this.weightLines) {
      line.classList.toggle('editing', i === index);
    }
    const what = describeParameter(this.hidden, index);
    const into =
      what.layer === this.layers.length
        ? 'the output'
        : `unit ${what.to + 1} of layer ${what.layer}`;
    const from = what.layer === 1 ? 'x' : `unit ${what.from + 1} of layer ${what.layer - 1}`;
    name.textContent = `${this.names[index]} (into ${into} from ${from})`;
    value.value = this.shown ? String(this.shown[index]) : '';
    error.hidden = true;
    form.hidden = false;
    value.focus();
    value.select();
  }

  async #submit() {
    const { value, error } = this.editor;
    const number = Number(value.value);
    if (value.value.trim() === '' || !Number.isFinite(number)) {
      error.textContent = 'must be a finite number';
      error.hidden = false;
      return;
    }
    const index = this.editing;
    try {
      await this.onSetWeight(index, number);
      this.#close();
    } catch (failure) {
      error.textContent = failure.message || String(failure);
      error.hidden = false;
    }
  }

  #close() {
    const edited = (this.weightLines || []).find(({ index }) => index === this.editing);
    const returning = this.editor.form.contains(document.activeElement);
    this.editing = null;
    this.editor.form.hidden = true;
    for (const { line } of this.weightLines || []) line.classList.remove('editing');
    if (edited && returning) edited.line.focus(); // back to the weight, for the keyboard
  }
}
