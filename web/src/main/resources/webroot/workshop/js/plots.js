// uPlot charts of the workshop pages: one session's loss (LossPlot) and data with the model's
// curve (FitPlot), and what they share with the room's chart (room-plot.js). Canvas text does not follow
// CSS, so fonts come from the root font size and charts are rebuilt when the "large type" switch
// changes it (event "downhill:theme"). Redraws are batched: at most one per animation frame, and
// the room's chart, which may hold hundreds of series, at most a few times a second.

import uPlot from '/vendor/uplot/uPlot.esm.js';

export const PALETTE = [
  '#1565c0', '#c62828', '#2e7d32', '#6a1b9a', '#ef6c00', '#00838f',
  '#ad1457', '#5d4037', '#283593', '#9e9d24', '#37474f', '#d84315',
];

const GRID = 'rgba(0,0,0,0.10)';
const AXIS = '#222';

export function theme() {
  const px = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  return {
    px,
    font: `${Math.round(px * 0.8)}px system-ui, sans-serif`,
    labelFont: `600 ${Math.round(px * 0.85)}px system-ui, sans-serif`,
  };
}

function tick(value) {
  if (value == null) return '';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e5 || abs < 1e-3)) return value.toExponential(0).replace('e+', 'e');
  return String(Number(value.toPrecision(6)));
}

export function axis(t, label, extra = {}) {
  return {
    label,
    font: t.font,
    labelFont: t.labelFont,
    stroke: AXIS,
    grid: { stroke: GRID, width: 1 },
    ticks: { stroke: GRID, width: 1 },
    size: Math.round(t.px * 3.2),
    labelSize: Math.round(t.px * 1.6),
    values: (u, splits) => splits.map((v) => tick(v)),
    space: (u, i) => Math.round(t.px * (i === 0 ? 3.5 : 2)),
    ...extra,
  };
}

/** Tick steps for any loss a run can reach: uPlot's own stop at 5e16, a diverging run does not. */
const WIDE_INCRS = (() => {
  const incrs = [];
  for (let e = -16; e <= 307; e++) for (const m of [1, 2, 5]) incrs.push(m * 10 ** e);
  return incrs;
})();

/**
 * Ticks of a log axis: 1, 2 and 5 per decade over a few decades, fewer decades over many (a
 * diverged run spans 300, and uPlot would draw a grid line for each of its minor steps).
 */
function logSplits(u, axisIdx, min, max) {
  if (!(min > 0) || !(max > min)) return [];
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const splits = [];
  const every = [1, 2, 3, 5, 10, 20, 25, 50, 100].find((n) => n >= (hi - lo) / 6) ?? 100;
  const mantissas = hi - lo <= 4 ? [1, 2, 5] : [1];
  for (let e = lo; e <= hi; e += every) {
    for (const m of mantissas) {
      const v = m * 10 ** e;
      if (v >= min * 0.999 && v <= max * 1.001) splits.push(v);
    }
  }
  return splits;
}

export function leftAxis(t, label, log = false) {
  return axis(t, label, {
    incrs: WIDE_INCRS,
    // Our splits are already sparse: uPlot's own filter would hide most of their labels.
    ...(log ? { splits: logSplits, filter: (u, splits) => splits } : {}),
    size: (u, values) => {
      const longest = values && values.length ? Math.max(...values.map((v) => String(v).length)) : 3;
      return Math.round(t.px * (1.2 + 0.5 * longest));
    },
  });
}

const AUTO_LOG_ABOVE = 1e6;

/** Losses for a log scale: zero and below cannot be drawn there. */
export function forScale(losses, log) {
  return log ? losses.map((v) => (v > 0 ? v : null)) : losses;
}

/** Sizing to the container, rebuilding on theme change, and batched redraws. */
export class Chart {
  constructor(container, { heightRem = 14, minIntervalMs = 0 } = {}) {
    this.container = container;
    this.heightRem = heightRem;
    this.minIntervalMs = minIntervalMs;
    this.u = null;
    this.log = false;
    this.frame = 0;
    this.timer = null;
    this.lastDraw = 0;
    this.lastWidth = 0;
    new ResizeObserver(() => {
      const width = this.container.clientWidth;
      if (this.u && width !== this.lastWidth && width > 0) {
        this.lastWidth = width;
        this.u.setSize(this.size());
      }
    }).observe(container);
    document.addEventListener('downhill:theme', () => this.rebuild());
  }

  size() {
    const t = theme();
    const width = Math.max(240, this.container.clientWidth);
    return { width, height: Math.round(t.px * this.heightRem) };
  }

  setLog(log) {
    this.log = log;
    this.invalidate();
    this.schedule();
  }

  /** Drops the chart; the next draw builds it anew (new series, colours or scale). */
  invalidate() {
    if (this.u) this.u.destroy();
    this.u = null;
  }

  rebuild() {
    if (this.u) this.u.destroy();
    this.lastWidth = this.container.clientWidth;
    this.u = new uPlot({ ...this.size(), ...this.options(theme()) }, this.data(), this.container);
    this.afterBuild();
  }

  afterBuild() {}

  /** Redraws soon: on the next frame, and no sooner than minIntervalMs after the last. */
  schedule() {
    if (this.frame || this.timer !== null) return;
    const wait = this.lastDraw + this.minIntervalMs - performance.now();
    const go = () => {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.lastDraw = performance.now();
        if (!this.u) this.rebuild();
        else this.u.setData(this.data());
        this.afterDraw();
      });
    };
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        go();
      }, wait);
    } else {
      go();
    }
  }

  afterDraw() {}
}

/**
 * The loss of one session. Its container carries data-points (points drawn) and data-last-step,
 * for tests and for anyone scripting the page.
 */
export class LossPlot extends Chart {
  constructor(container, { color = PALETTE[0], heightRem = 14 } = {}) {
    super(container, { heightRem });
    this.color = color;
    this.trace = null;
    this.autoLog = false;
    this.container.dataset.points = '0';
    // The empty chart keeps its place, so the page does not jump when the first step arrives.
    this.container.style.minHeight = `${heightRem}rem`;
  }

  /** Shows a Trace; call schedule() after it changes. */
  show(trace, color = this.color) {
    this.trace = trace;
    if (color !== this.color) {
      this.color = color;
      this.invalidate();
    }
    this.schedule();
  }

  options(t) {
    const log = this.log || this.autoLog;
    return {
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false }, y: log ? { distr: 3 } : {} },
      axes: [axis(t, 'step'), leftAxis(t, 'loss', log)],
      series: [{}, { label: 'loss', stroke: this.color, width: 2, points: { show: false } }],
    };
  }

  data() {
    if (!this.trace) return [[], []];
    return [this.trace.steps, forScale(this.trace.losses, this.log || this.autoLog)];
  }

  /**
   * An emptied trace (a reset, a new scenario) shows the empty chart, not the old axes; a loss
   * beyond a million (a run that blows up) switches to a log scale, where the rest stays visible.
   */
  schedule() {
    const big = Boolean(this.trace) && this.trace.losses.some((v) => v > AUTO_LOG_ABOVE);
    if (big !== this.autoLog) {
      this.autoLog = big;
      this.invalidate();
    }
    if (this.u && this.trace && this.trace.length === 0) {
      this.invalidate();
      this.afterDraw();
      return;
    }
    if (!this.u && this.trace && this.trace.length === 0) {
      this.afterDraw();
      return;
    }
    super.schedule();
  }

  afterBuild() {
    this.afterDraw();
  }

  afterDraw() {
    const n = this.trace ? this.trace.length : 0;
    this.container.dataset.points = String(n);
    this.container.dataset.lastStep = n ? String(this.trace.lastStep) : '';
  }
}

/**
 * The y range of a fit chart: the data and the curve, but never more than two data spans beyond
 * the data, so a wild curve (a diverging run, a slider pulled far) runs off the chart instead of
 * flattening the dots into a line.
 */
function fitRange(points, curve, min, max) {
  const finite = (values) => values.filter((v) => typeof v === 'number' && Number.isFinite(v));
  const data = finite(points.y);
  if (!data.length) return uPlot.rangeNum(min ?? 0, max ?? 1, 0.1, true);
  const dataMin = Math.min(...data);
  const dataMax = Math.max(...data);
  const span = Math.max(dataMax - dataMin, 1e-9);
  const line = finite(curve.y);
  const lo = Math.max(Math.min(dataMin, ...line), dataMin - 2 * span);
  const hi = Math.min(Math.max(dataMax, ...line), dataMax + 2 * span);
  return uPlot.rangeNum(lo, hi, 0.08, false);
}

/** The data as dots and the model's curve as a line. */
export class FitPlot extends Chart {
  constructor(container) {
    super(container, { heightRem: 15 });
    this.points = { x: [], y: [] };
    this.curve = { x: [], y: [] };
  }

  setData(points) {
    this.points = points;
    this.schedule();
  }

  setCurve(curve) {
    this.curve = curve;
    this.schedule();
  }

  options(t) {
    return {
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: false },
        y: { range: (u, min, max) => fitRange(this.points, this.curve, min, max) },
      },
      axes: [axis(t, 'x'), leftAxis(t, 'y')],
      series: [
        {},
        {
          label: 'data',
          stroke: '#0b3d91',
          fill: '#0b3d91',
          paths: () => null,
          points: { show: true, size: Math.round(t.px * 0.5), fill: '#0b3d91' },
        },
        { label: 'model', stroke: '#c62828', width: 2.5, spanGaps: true, points: { show: false } },
      ],
    };
  }

  data() {
    return uPlot.join([
      [this.points.x, this.points.y],
      [this.curve.x, this.curve.y],
    ]);
  }
}
