// A small neural network ("kind":"mlp") as pure functions, tested in Node: the layout of its
// parameters, the drawing's geometry, weight → colour and width, and the network's output. The
// drawing itself is network-view.js.

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
export function ranges(layers) {
  return {
    weights: layers.map((l) => [l.offset, l.biasOffset]),
    biases: layers.map((l) => [l.biasOffset, l.biasOffset + l.out]),
  };
}
