// What the sweep's two charts share beyond the chart base of every page (/shared/plot.js,
// /shared/chart-theme.js): the colour of each variant, step-count ticks, the clipping of exploding
// losses, and the marks and labels drawn on the canvas.

import { INK } from '/shared/chart-theme.js';

export const DIVERGED = '#b71c1c';
export const TARGET = '#1b5e20';

// A ramp from small to large learning rates; it avoids the red that marks divergence, and every
// colour keeps a readable contrast on white for projectors.
const RAMP = ['#3949ab', '#1e88e5', '#00897b', '#43a047', '#9e9d24', '#ef6c00'];

const hex = (c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));

/** The colour of the rank-th of n learning rates (smallest first). */
export function rampColor(rank, n) {
  const t = n <= 1 ? 0 : rank / (n - 1);
  const scaled = t * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(scaled));
  const f = scaled - i;
  const [a, b] = [hex(RAMP[i]), hex(RAMP[i + 1])];
  const mix = a.map((v, j) => Math.round(v + (b[j] - v) * f));
  return `rgb(${mix.join(',')})`;
}

/** Each variant's colour, by the rank of its learning rate. */
export function variantColors(variants) {
  const order = variants.map((v, k) => k).sort((a, b) => variants[a].lr - variants[b].lr || a - b);
  const colors = new Array(variants.length);
  order.forEach((k, rank) => {
    colors[k] = rampColor(rank, variants.length);
  });
  return colors;
}

/** A step count on an axis: 500, 20k, 1.5M. */
export function stepTick(value) {
  if (value == null) return '';
  if (value >= 1e6) return `${Number((value / 1e6).toPrecision(3))}M`;
  if (value >= 1e4) return `${Number((value / 1e3).toPrecision(3))}k`;
  return String(value);
}

/**
 * The y range that shows a sweep's losses: from the lowest loss to the highest, but no higher than
 * a few times the highest starting loss, so one exploding rate does not flatten the others.
 * Curves above it leave the chart at the top.
 */
export function lossRange(min, max, start, log) {
  if (min == null || max == null || !Number.isFinite(min) || !Number.isFinite(max)) {
    return log ? [1, 10] : [0, 1];
  }
  const ceiling = start != null && start > 0 ? start * (log ? 4 : 1.5) : Infinity;
  let hi = Math.min(max, ceiling);
  if (log) {
    const lo = min > 0 ? min : Math.max(hi / 1e6, Number.MIN_VALUE);
    if (!(hi > lo * 1.5)) hi = lo * 1.5;
    const pad = Math.pow(hi / lo, 0.07);
    return [lo / pad, hi * pad];
  }
  const lo = Math.min(0, min);
  if (!(hi > lo)) hi = lo + 1;
  return [lo, hi + (hi - lo) * 0.05];
}

/**
 * Where a label of width w beside a mark at (x, y) fits within [left, right]: to its right, else
 * to its left, else under it, pulled inside. Answers {x, y, align}.
 */
export function besideMark(x, y, w, gap, left, right) {
  if (x + gap + w <= right) return { x: x + gap, y, align: 'left' };
  if (x - gap - w >= left) return { x: x - gap, y, align: 'right' };
  return { x: Math.max(left, Math.min(x - w / 2, right - w)), y: y + gap * 1.6, align: 'left' };
}

/** Draws text on a white box, so labels stay readable over curves; returns the box. */
export function label(ctx, text, x, y, { color = INK, align = 'left', font } = {}) {
  ctx.font = font;
  const metrics = ctx.measureText(text);
  const h = metrics.actualBoundingBoxAscent + metrics.actualBoundingBoxDescent;
  const pad = h * 0.35;
  const w = metrics.width;
  const left = align === 'right' ? x - w : x;
  ctx.fillStyle = 'rgba(255,255,255,0.88)';
  ctx.fillRect(left - pad, y - h / 2 - pad, w + 2 * pad, h + 2 * pad);
  ctx.fillStyle = color;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.fillText(text, left, y);
  return { left: left - pad, top: y - h / 2 - pad, width: w + 2 * pad, height: h + 2 * pad };
}

/** A cross (diverged), with a white halo so it shows over any curve. */
export function cross(ctx, x, y, r, color = DIVERGED) {
  ctx.lineCap = 'round';
  for (const [width, stroke] of [
    [r * 0.9, '#fff'],
    [r * 0.45, color],
  ]) {
    ctx.lineWidth = width;
    ctx.strokeStyle = stroke;
    ctx.beginPath();
    ctx.moveTo(x - r, y - r);
    ctx.lineTo(x + r, y + r);
    ctx.moveTo(x + r, y - r);
    ctx.lineTo(x - r, y + r);
    ctx.stroke();
  }
}

/** A filled disc with a ring (reached the target, or a plain point). */
export function disc(ctx, x, y, r, fill, ring = '#fff') {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = r * 0.45;
  ctx.strokeStyle = ring;
  ctx.stroke();
}

/** An upward triangle: the value lies above the chart. */
export function arrowUp(ctx, x, y, r, fill) {
  ctx.beginPath();
  ctx.moveTo(x, y - r);
  ctx.lineTo(x + r, y + r * 0.8);
  ctx.lineTo(x - r, y + r * 0.8);
  ctx.closePath();
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = r * 0.35;
  ctx.strokeStyle = '#fff';
  ctx.stroke();
}
