// What every chart of every page shares: the ink, the fonts, the axes and their tick labels, log
// scale ticks, and the one rule for switching a loss chart to a log scale by itself. Canvas text
// does not follow CSS, so fonts are read from the page's root font size; charts rebuild when the
// "large type" switch changes it (shared/plot.js).

import uPlot from '/vendor/uplot/uPlot.esm.js';

export const INK = '#222';
export const GRID = 'rgba(0,0,0,0.10)';

/**
 * The log-scale rule, the same on every page: a loss chart whose largest loss is above a million
 * switches itself to a log scale (on a linear axis a loss that large flattens every other to a
 * line), unless the person watching chose a scale themselves. The sweep's loss chart starts on a
 * log scale and never switches by itself.
 */
export const AUTO_LOG_ABOVE = 1e6;

/** Whether a chart showing losses up to maxLoss should switch itself to a log scale. */
export const wantsLogScale = (maxLoss) => maxLoss > AUTO_LOG_ABOVE;

/** Device pixels per CSS pixel, as uPlot draws its canvas. */
export const pxRatio = () => uPlot.pxRatio;

export function theme() {
  const px = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  return {
    px,
    font: `${Math.round(px * 0.8)}px system-ui, sans-serif`,
    labelFont: `600 ${Math.round(px * 0.85)}px system-ui, sans-serif`,
    // Canvas text drawn by hand is in device pixels.
    canvasFont: (scale = 0.8, weight = 600) =>
      `${weight} ${Math.round(px * scale * uPlot.pxRatio)}px system-ui, sans-serif`,
  };
}

/** A short tick label: a diverging run reaches 1e300, which must not push the axis away. */
export function tick(value, digits = 6) {
  if (value == null) return '';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e5 || abs < 1e-3)) {
    return Number(value.toPrecision(2)).toExponential().replace('e+', 'e');
  }
  return String(Number(value.toPrecision(digits)));
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
    // Room between ticks grows with the font, so large type never overlaps its labels.
    space: (u, axisIdx) => Math.round(t.px * (axisIdx === 0 ? 3.5 : 2)),
    ...extra,
  };
}

/** Tick steps for any loss a run can reach: uPlot's own stop at 5e16, a diverging run does not. */
const WIDE_INCRS = (() => {
  const incrs = [];
  for (let e = -16; e <= 307; e++) for (const m of [1, 2, 5]) incrs.push(m * 10 ** e);
  return incrs;
})();

/** A y axis as wide as its longest tick label (so "1e300" never runs into its title). */
export function yAxis(t, label, log = false, extra = {}) {
  return axis(t, label, {
    incrs: WIDE_INCRS,
    size: (u, values) => {
      const longest = values && values.length ? Math.max(...values.map((v) => String(v).length)) : 3;
      return Math.round(t.px * (1.2 + 0.5 * longest));
    },
    ...(log ? logTicks(t, 'y') : {}),
    ...extra,
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

/** Losses for a log scale: zero and below cannot be drawn there. */
export function forScale(losses, log) {
  return log ? losses.map((v) => (v > 0 ? v : null)) : losses;
}
