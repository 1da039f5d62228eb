// uPlot charts of the workshop pages: one session's loss (LossPlot) and data with the model's
// curve (FitPlot), and what they share with the room's chart (room-plot.js), on the chart base of
// every page (/shared/plot.js, /shared/chart-theme.js). Redraws are batched: at most one per
// animation frame, and the room's chart, which may hold hundreds of series, a few times a second.

import uPlot from '/vendor/uplot/uPlot.esm.js';
import { axis, forScale, wantsLogScale, yAxis } from '/shared/chart-theme.js';
import { Plot } from '/shared/plot.js';

export const PALETTE = [
  '#1565c0', '#c62828', '#2e7d32', '#6a1b9a', '#ef6c00', '#00838f',
  '#ad1457', '#5d4037', '#283593', '#9e9d24', '#37474f', '#d84315',
];

/** A workshop chart: the shared base, with a log scale that can be switched. */
export class Chart extends Plot {
  constructor(container, { heightRem = 14, minIntervalMs = 0 } = {}) {
    super(container, { heightRem, minIntervalMs, minWidth: 240 });
    this.log = false;
  }

  setLog(log) {
    this.log = log;
    this.invalidate();
    this.schedule();
  }
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
      axes: [axis(t, 'step'), yAxis(t, 'loss', log)],
      series: [{}, { label: 'loss', stroke: this.color, width: 2, points: { show: false } }],
    };
  }

  data() {
    if (!this.trace) return [[], []];
    return [this.trace.steps, forScale(this.trace.losses, this.log || this.autoLog)];
  }

  /**
   * An emptied trace (a reset, a new scenario) shows the empty chart, not the old axes; a run
   * that blows up switches to a log scale by the shared rule, where the rest stays visible.
   */
  schedule() {
    const big = Boolean(this.trace) && this.trace.losses.some(wantsLogScale);
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
      axes: [axis(t, 'x'), yAxis(t, 'y')],
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
