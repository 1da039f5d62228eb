// A small neural network ("kind":"mlp") drawn as it learns: the input x, each hidden layer of
// ReLU units and the output, every weight a line whose colour shows its sign and whose width its
// size, every unit filled by its bias. Clicking a weight (or Enter on it) opens a small editor
// that sets that one weight on the server. The pure parts (the parameter layout, the drawing's
// geometry, weight → colour and width, the network's output) come first and are tested in Node.

import { el } from '../shared/dom.js';
import { num } from '../shared/format.js';

const SVG = 'http://www.w3.org/2000/svg';

/** Colours of a positive and a negative weight or bias (blue and orange read apart for most). */
export const SIGN_COLORS = { positive: '#1565c0', negative: '#e65100' };

/** The thinnest and thickest line a weight is drawn with, in SVG units. */
export const LINE_WIDTHS = { min: 0.5, max: 6 };

/**
 * Where each layer sits in the parameter vector, as the server lays it out: layer by layer (the
 * hidden layers, then the output), each layer's weights row by row (into its unit 1 from every
 * unit of the layer before, then into unit 2, …) and then its biases.
 * @param hidden the hidden widths, e.g. [8, 8]
 * @returns [{in, out, offset, biasOffset}] for layers 1 … L + 1
 */
export function parameterLayout(hidden) {
  const layers = [];
  let inputs = 1;
  let offset = 0;
  for (const out of [...hidden, 1]) {
    layers.push({ in: inputs, out, offset, biasOffset: offset + inputs * out });
    offset += inputs * out + out;
    inputs = out;
  }
  return layers;
}

/** How many parameters a network of these hidden widths has. */
export function parameterCount(hidden) {
  const layers = parameterLayout(hidden);
  const last = layers[layers.length - 1];
  return last.biasOffset + last.out;
}

/**
 * The index in the parameter vector of the weight into unit `to` of `layer` from unit `from` of
 * the layer before (layer from 1, units from 0).
 */
export function weightIndex(hidden, layer, to, from) {
  const l = parameterLayout(hidden)[layer - 1];
  return l.offset + to * l.in + from;
}

/** The index in the parameter vector of the bias of unit `unit` of `layer` (layer from 1). */
export function biasIndex(hidden, layer, unit) {
  return parameterLayout(hidden)[layer - 1].biasOffset + unit;
}

/** What parameter `index` is: {kind: 'weight', layer, to, from} or {kind: 'bias', layer, unit}. */
export function describeParameter(hidden, index) {
  const layers = parameterLayout(hidden);
  for (let l = 0; l < layers.length; l++) {
    const { in: inputs, out, offset, biasOffset } = layers[l];
    if (index < offset || index >= biasOffset + out) continue;
    if (index >= biasOffset) return { kind: 'bias', layer: l + 1, unit: index - biasOffset };
    const within = index - offset;
    return { kind: 'weight', layer: l + 1, to: Math.floor(within / inputs), from: within % inputs };
  }
  return null;
}

/** The network's output at x for params in the server's layout: its forward pass. */
export function networkOutput(hidden, params, x) {
  let activations = [x];
  const layers = parameterLayout(hidden);
  layers.forEach((layer, l) => {
    const next = new Array(layer.out);
    for (let j = 0; j < layer.out; j++) {
      let z = params[layer.biasOffset + j];
      for (let i = 0; i < layer.in; i++) {
        z += params[layer.offset + j * layer.in + i] * activations[i];
      }
      next[j] = l < layers.length - 1 ? Math.max(z, 0) : z;
    }
    activations = next;
  });
  return activations[0];
}

/**
 * Where each unit is drawn: one column per layer (the input x, the hidden layers, the output),
 * the units of a column spread evenly over its height and centred.
 * @returns {width, height, columns: [[{x, y}]]}, columns[0] the input, the last the output
 */
export function layout(hidden, { width = 480, gap = 34, padding = 24, maxHeight = 420 } = {}) {
  const widths = [1, ...hidden, 1];
  const tallest = Math.max(...widths);
  const spacing = Math.min(gap, (maxHeight - 2 * padding) / Math.max(1, tallest - 1));
  const height = Math.round(2 * padding + spacing * (tallest - 1));
  const step = (width - 2 * padding) / (widths.length - 1);
  const columns = widths.map((units, c) => {
    const top = height / 2 - (spacing * (units - 1)) / 2;
    return Array.from({ length: units }, (_, u) => ({
      x: padding + c * step,
      y: top + u * spacing,
    }));
  });
  return { width, height, columns, radius: Math.max(2.5, Math.min(9, spacing / 2.6)) };
}

/** The largest |value| among params[from … to), at least a tiny number (never a zero divisor). */
export function largest(params, ranges) {
  let most = 1e-12;
  for (const [from, to] of ranges) {
    for (let i = from; i < to; i++) most = Math.max(most, Math.abs(params[i]) || 0);
  }
  return most;
}

/**
 * How a weight is drawn: its colour by sign, its width by its size relative to the largest
 * weight of the network (so the strongest line is always the thickest), its opacity the same.
 */
export function weightStyle(weight, largestWeight) {
  const share = Number.isFinite(weight) ? Math.min(1, Math.abs(weight) / largestWeight) : 0;
  return {
    color: weight < 0 ? SIGN_COLORS.negative : SIGN_COLORS.positive,
    width: LINE_WIDTHS.min + (LINE_WIDTHS.max - LINE_WIDTHS.min) * share,
    opacity: 0.35 + 0.65 * share,
  };
}

/** How a unit is filled by its bias: the sign's colour, the more opaque the larger the bias. */
export function biasFill(bias, largestBias) {
  const share = Number.isFinite(bias) ? Math.min(1, Math.abs(bias) / largestBias) : 0;
  return {
    color: bias < 0 ? SIGN_COLORS.negative : SIGN_COLORS.positive,
    opacity: 0.1 + 0.9 * share,
  };
}

/** The ranges [from, to) of every weight and of every bias of a layout, for largest(). */
function ranges(layers) {
  return {
    weights: layers.map((l) => [l.offset, l.biasOffset]),
    biases: layers.map((l) => [l.biasOffset, l.biasOffset + l.out]),
  };
}

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
