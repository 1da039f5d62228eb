// What the sweep's two charts share: fonts read from the page's root size (canvas text does not
// follow CSS, so charts rebuild on the "downhill:theme" event of the large-type switch), axes,
// the colour of each variant, tick labels, and the clipping of exploding losses.

import uPlot from '/vendor/uplot/uPlot.esm.js';

export const INK = '#161616';
export const GRID = 'rgba(0,0,0,0.10)';
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

/** Device pixels per CSS pixel, as uPlot draws its canvas. */
export const pxRatio = () => uPlot.pxRatio;

export function theme() {
  const px = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  return {
    px,
    font: `${Math.round(px * 0.8)}px system-ui, sans-serif`,
    labelFont: `600 ${Math.round(px * 0.85)}px system-ui, sans-serif`,
    // Canvas text is drawn in device pixels.
    canvasFont: (scale = 0.8, weight = 600) =>
      `${weight} ${Math.round(px * scale * uPlot.pxRatio)}px system-ui, sans-serif`,
  };
}

/** A short tick label: a diverging run reaches 1e300, which must not push the axis away. */
export function tick(value) {
  if (value == null) return '';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e5 || abs < 1e-3)) {
    return Number(value.toPrecision(2)).toExponential().replace('e+', 'e');
  }
  return String(Number(value.toPrecision(6)));
}

/** A step count on an axis: 500, 20k, 1.5M. */
export function stepTick(value) {
  if (value == null) return '';
  if (value >= 1e6) return `${Number((value / 1e6).toPrecision(3))}M`;
  if (value >= 1e4) return `${Number((value / 1e3).toPrecision(3))}k`;
  return String(value);
}

export function axis(t, label, extra = {}) {
  return {
    label,
    font: t.font,
    labelFont: t.labelFont,
    stroke: INK,
    grid: { stroke: GRID, width: 1 },
    ticks: { stroke: GRID, width: 1 },
    size: Math.round(t.px * 3.2),
    labelSize: Math.round(t.px * 1.6),
    values: (u, splits) => splits.map((v) => tick(v)),
    space: (u, axisIdx) => Math.round(t.px * (axisIdx === 0 ? 3.5 : 2)),
    ...extra,
  };
}

/** A y axis as wide as its longest tick label; log-scale ticks from logSplits. */
export function yAxis(t, label, log = false) {
  return axis(t, label, {
    size: (u, values) => {
      const longest = values && values.length ? Math.max(...values.map((v) => v.length)) : 3;
      return Math.round(t.px * (1.2 + 0.5 * longest));
    },
    ...(log ? logTicks(t, 'y') : {}),
  });
}

/**
 * The axis options of a log scale: as many ticks as fit at the current font size, every one
 * labelled (uPlot's own filter would drop the round numbers of a range under a decade).
 */
export function logTicks(t, direction) {
  return {
    splits: (u, axisIdx, min, max) => {
      const length = (direction === 'x' ? u.bbox.width : u.bbox.height) / pxRatio();
      const room = Math.max(2, Math.floor(length / (t.px * (direction === 'x' ? 4.5 : 2.2))));
      return logSplits(min, max, room);
    },
    filter: (u, splits) => splits,
  };
}

function niceStep(raw) {
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

/**
 * Ticks for a log axis from min to max, at most about `room` of them: decades, with 2 and 5
 * between them when there is room, every other decade (or fewer) when there is not, and plain
 * round numbers when the range spans less than a decade.
 */
export function logSplits(min, max, room) {
  if (!(min > 0) || !(max > min)) return [];
  const decades = Math.log10(max / min);
  const out = [];
  if (decades < 1) {
    const step = niceStep((max - min) / room);
    for (let v = Math.ceil(min / step) * step; v <= max; v += step) {
      out.push(Number(v.toPrecision(12)));
    }
    return out;
  }
  const mantissas = decades * 3 <= room ? [1, 2, 5] : [1];
  const every = Math.max(1, Math.ceil((decades + 1) / room));
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    if (e % every !== 0) continue;
    for (const m of mantissas) {
      const v = Number((m * Math.pow(10, e)).toPrecision(12));
      if (v >= min && v <= max) out.push(v);
    }
  }
  return out;
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

/** Common plumbing: sizing to the container, rebuilding on a theme change, one draw per frame. */
export class Plot {
  constructor(container, aspect) {
    this.container = container;
    this.aspect = aspect;
    this.u = null;
    this.lastWidth = 0;
    new ResizeObserver(() => {
      const width = this.container.clientWidth;
      if (this.u && width !== this.lastWidth) {
        this.lastWidth = width;
        this.u.setSize(this.size());
      }
    }).observe(container);
    document.addEventListener('downhill:theme', () => this.rebuild());
  }

  size() {
    const t = theme();
    const width = Math.max(240, this.container.clientWidth);
    const height = Math.round(Math.max(t.px * 12, Math.min(width * this.aspect, t.px * 26)));
    return { width, height };
  }

  rebuild() {
    if (this.u) this.u.destroy();
    this.lastWidth = this.container.clientWidth;
    this.u = new uPlot({ ...this.size(), ...this.options(theme()) }, this.data(), this.container);
  }
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
