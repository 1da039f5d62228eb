// The models' formulas, for drawing curves in the browser: the training curve is redrawn on
// every frame of a run and the ReLU playground on every slider move, which must not cost a
// request each. The server stays the authority on losses and gradients; these only draw.

import { networkOutput } from './network.js';

/** n evenly spaced numbers from `from` to `to`, both included (torch.linspace). */
export function linspace(from, to, n) {
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = from + ((to - from) * i) / (n - 1);
  return out;
}

/** The lesson's rectified_linear: max(m·x + b, 0). */
export function relu(m, b, x) {
  return Math.max(m * x + b, 0);
}

/** Σ max(mᵢ·x + bᵢ, 0) with params laid out m1, b1, m2, b2, … as the server does. */
export function reluSum(params, x) {
  let y = 0;
  for (let i = 0; i + 1 < params.length; i += 2) y += relu(params[i], params[i + 1], x);
  return y;
}

/** A polynomial with its highest power first (a, b, c of a·x² + b·x + c), by Horner's rule. */
export function polynomial(params, x) {
  let y = 0;
  for (const p of params) y = y * x + p;
  return y;
}

/** The prediction function for a spec's model: x → y. */
export function predictor(model, params) {
  if (model && model.kind === 'relu-sum') return (x) => reluSum(params, x);
  if (model && model.kind === 'mlp') return (x) => networkOutput(model.hidden, params, x);
  return (x) => polynomial(params, x);
}

/**
 * The x grid a curve is drawn on: the data's span with a 2.5 % margin each side, as the
 * server's /evaluate curve spans it, with the kinks of ReLUs added so corners stay sharp.
 */
export function curveGrid(spec, params, points = 160) {
  const margin = (spec.data.xMax - spec.data.xMin) * 0.025;
  const from = spec.data.xMin - margin;
  const to = spec.data.xMax + margin;
  const grid = linspace(from, to, points);
  if (spec.model && spec.model.kind === 'relu-sum' && params) {
    for (let i = 0; i + 1 < params.length; i += 2) {
      const kink = -params[i + 1] / params[i];
      if (Number.isFinite(kink) && kink > from && kink < to) grid.push(kink);
    }
    grid.sort((a, b) => a - b);
  }
  return grid;
}

/** The units of a ReLU sum, each as its own function, for drawing them one by one. */
export function reluUnits(params) {
  const units = [];
  for (let i = 0; i + 1 < params.length; i += 2) {
    const m = params[i];
    const b = params[i + 1];
    units.push((x) => relu(m, b, x));
  }
  return units;
}

/** The function a spec's data is drawn from (data.target), x → y, to draw it dashed. */
export function targetFunction(target) {
  const c = (target && target.coefficients) || [];
  switch (target && target.kind) {
    case 'sine':
      return (x) => c[0] * Math.sin(c[1] * x);
    case 'abs':
      return (x) => c[0] * Math.abs(x);
    case 'step':
      return (x) => (x >= 0 ? c[0] : 0);
    default:
      return (x) => polynomial(c, x);
  }
}
