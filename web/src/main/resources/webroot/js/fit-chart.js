// Data points with model curves over them as a uPlot chart (FitChart), on the shared chart base.

import { axis, yAxis } from '../shared/chart-theme.js';
import { Plot } from '../shared/plot.js';
import { COLORS } from './colors.js';
import { num } from '../shared/format.js';

/**
 * Data points with model curves over them. Curves are {label, x, y, stroke, width, dash}; the
 * y axis is fixed to the data (padded) or to a given range, so a wild curve leaves the view
 * rather than squashing the data flat, as the lesson's ylim does.
 */
export class FitChart extends Plot {
  constructor(container, { yRange = null, xLabel = 'x', yLabel = 'y' } = {}) {
    super(container);
    this.points = null;
    this.heldOut = null;
    this.overlay = null; // (u) → draws over the chart, e.g. a chosen point's ring
    this.curves = [];
    this.yRange = yRange;
    this.labels = [xLabel, yLabel];
    this.signature = '';
    container.setAttribute('role', 'img');
    this.rebuild();
  }

  /** The data as a scatter ({x, y}), or null. */
  setPoints(points) {
    this.points = points;
    this.#update();
  }

  /** Points held out of training ({x, y}), drawn hollow beside the data, or null. */
  setHeldOut(points) {
    this.heldOut = points && points.x.length ? points : null;
    this.#update();
  }

  setCurves(curves) {
    this.curves = curves;
    this.#update();
  }

  /** The uPlot instance now drawn (it is replaced when the chart is rebuilt). */
  get plot() {
    return this.u;
  }

  setYRange(range) {
    this.yRange = range;
    this.rebuild();
  }

  #update() {
    const signature = [
      this.points ? 'data' : '',
      this.heldOut ? 'held-out' : '',
      ...this.curves.map((c) => c.label),
    ].join('|');
    if (signature !== this.signature) {
      this.signature = signature;
      this.rebuild();
    } else {
      this.schedule();
    }
    this.container.setAttribute(
      'aria-label',
      `Chart of ${[
        this.points ? 'the data points' : null,
        this.heldOut ? 'the held-out points' : null,
        ...this.curves.map((c) => c.label),
      ]
        .filter(Boolean)
        .join(', ')}`,
    );
  }

  /** The y range the chart shows now, [lo, hi], or null before it has data. */
  shownRange() {
    return this.#range();
  }

  #range() {
    if (Array.isArray(this.yRange)) return this.yRange;
    if (this.points && this.points.y.length) {
      const ys = [...this.points.y, ...(this.heldOut ? this.heldOut.y : [])].filter(
        Number.isFinite,
      );
      const lo = Math.min(...ys);
      const hi = Math.max(...ys);
      const pad = Math.max((hi - lo) * 0.2, 1);
      return [lo - pad, hi + pad];
    }
    return null;
  }

  options(t) {
    const series = [{ label: this.labels[0], value: (u, v) => num(v, 2) }];
    if (this.points) {
      series.push({
        label: 'data',
        stroke: COLORS.data,
        fill: COLORS.data,
        paths: () => null,
        points: { show: true, size: Math.round(t.px * 0.6), width: 1, fill: COLORS.data },
      });
    }
    if (this.heldOut) {
      series.push({
        label: 'held out',
        stroke: COLORS.heldOut,
        fill: '#fff',
        paths: () => null,
        points: { show: true, size: Math.round(t.px * 0.7), width: 2, fill: '#fff' },
      });
    }
    for (const c of this.curves) {
      series.push({
        label: c.label,
        stroke: c.stroke || COLORS.curve,
        width: (c.width || 1) * Math.max(2, t.px / 7),
        dash: c.dash,
        spanGaps: true,
        points: { show: false },
      });
    }
    const range = this.#range();
    return {
      scales: {
        x: { time: false },
        y: range ? { range: () => range } : {},
      },
      axes: [axis(t, this.labels[0]), yAxis(t, this.labels[1])],
      series,
      legend: { live: false },
      cursor: { show: false },
      hooks: { draw: [(u) => this.overlay && this.overlay(u)] },
    };
  }

  /**
   * One row per point of each series, in the order of x; null where a series has none. Points
   * never share a row, so two points at the same x (one placed by hand) are both drawn.
   */
  data() {
    const parts = [];
    if (this.points) parts.push(this.points);
    if (this.heldOut) parts.push(this.heldOut);
    for (const c of this.curves) parts.push(c);
    const entries = [];
    parts.forEach((p, part) => {
      for (let i = 0; i < p.x.length; i++) entries.push([p.x[i], part, p.y[i]]);
    });
    entries.sort((a, b) => a[0] - b[0]);
    const columns = parts.map(() => new Array(entries.length).fill(null));
    entries.forEach(([, part, y], row) => {
      columns[part][row] = Number.isFinite(y) ? y : null;
    });
    return [entries.map((e) => e[0]), ...columns];
  }
}
