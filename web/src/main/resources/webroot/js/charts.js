// uPlot charts: the loss of each step (LossChart) and data with model curves (FitChart).
// Canvas text does not follow CSS, so fonts are read from the page's root font size and the
// charts are rebuilt when the "large type" switch changes it (event "downhill:theme").
// Charts redraw at most once per animation frame, whatever the rate of incoming steps.

import uPlot from '/vendor/uplot/uPlot.esm.js';
import { count, num } from './format.js';

export const COLORS = {
  data: '#0b3d91',
  curve: '#c62828',
  loss: '#1565c0',
  validation: '#e65100',
  heldOut: '#e65100',
  selected: '#ffb300',
  ghost: '#8a8a8a',
  truth: '#2e7d32',
  units: ['#2e7d32', '#6a1b9a', '#ef6c00', '#00838f', '#ad1457', '#5d4037'],
  grid: 'rgba(0,0,0,0.10)',
  axis: '#222',
};

function theme() {
  const px = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  return {
    px,
    font: `${Math.round(px * 0.8)}px system-ui, sans-serif`,
    labelFont: `600 ${Math.round(px * 0.85)}px system-ui, sans-serif`,
  };
}

/** A short tick label: a diverging run reaches 1e300, which must not push the axis away. */
function tick(value, digits = 6) {
  if (value == null) return '';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e5 || abs < 1e-3)) return value.toExponential(0).replace('e+', 'e');
  return String(Number(value.toPrecision(digits)));
}

/** A left axis as wide as its longest tick label, so "1e300" never runs into the axis title. */
function leftAxisSize(t) {
  return (u, values) => {
    const longest = values && values.length ? Math.max(...values.map((v) => String(v).length)) : 3;
    return Math.round(t.px * (1.2 + 0.5 * longest));
  };
}

function axis(t, label, extra = {}) {
  return {
    label,
    font: t.font,
    labelFont: t.labelFont,
    stroke: COLORS.axis,
    grid: { stroke: COLORS.grid, width: 1 },
    ticks: { stroke: COLORS.grid, width: 1 },
    size: Math.round(t.px * 3.2),
    labelSize: Math.round(t.px * 1.6),
    values: (u, splits) => splits.map((v) => tick(v)),
    // Room between ticks grows with the font, so large type never overlaps its labels.
    space: (u, axisIdx) => Math.round(t.px * (axisIdx === 0 ? 3.5 : 2)),
    ...extra,
  };
}

/** Common plumbing: sizing to the container, rebuilding on theme change, frame-batched redraw. */
class Plot {
  constructor(container) {
    this.container = container;
    this.u = null;
    this.frame = 0;
    this.lastWidth = 0;
    this.resizeObserver = new ResizeObserver(() => {
      const width = this.container.clientWidth;
      if (this.u && width !== this.lastWidth) {
        this.lastWidth = width;
        this.u.setSize(this.size());
      }
    });
    this.resizeObserver.observe(container);
    document.addEventListener('downhill:theme', () => this.rebuild());
  }

  size() {
    const t = theme();
    const width = Math.max(200, this.container.clientWidth);
    const height = Math.round(Math.max(t.px * 11, Math.min(width * 0.6, t.px * 20)));
    return { width, height };
  }

  rebuild() {
    if (this.u) {
      this.u.destroy();
      this.u = null;
    }
    this.lastWidth = this.container.clientWidth;
    this.u = new uPlot({ ...this.size(), ...this.options(theme()) }, this.data(), this.container);
    this.afterBuild();
  }

  afterBuild() {}

  /** Redraws on the next animation frame; many calls in one frame cost one redraw. */
  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }
}

/** Above this loss the chart switches itself to a log scale. */
const AUTO_LOG_ABOVE = 1e9;

/**
 * The loss of every step, with an optional previous run for comparison, a log-scale switch and
 * a hover (or keyboard) cursor that reports the step under it. Exposes data-points (points
 * drawn), data-last-step, data-first-loss and data-last-loss on its container for tests and for
 * anyone scripting the page.
 */
export class LossChart extends Plot {
  constructor(
    container,
    {
      series,
      onHover = () => {},
      onPick = null,
      onAutoLog = () => {},
      lossLabel = 'loss',
      seriesLabel = null,
      ghostStyle = {},
    },
  ) {
    super(container);
    this.onAutoLog = onAutoLog;
    this.series = series;
    this.seriesLabel = seriesLabel;
    this.ghostStyle = { label: 'previous run', stroke: COLORS.ghost, dash: [8, 6], ...ghostStyle };
    this.ghost = null;
    this.log = false;
    this.lossLabel = lossLabel;
    this.onHover = onHover;
    this.onPick = onPick;
    this.rowRecords = [];
    this.drawnVersion = -1;
    this.lastDraw = 0;
    this.pending = 0;
    this.cursorRow = null;
    container.tabIndex = 0;
    container.setAttribute('role', 'img');
    container.addEventListener('keydown', (event) => this.#onKey(event));
    // A click (or Enter on the keyboard cursor) picks the step under the cursor.
    container.addEventListener('click', () => this.#pick());
    container.addEventListener('blur', () => this.#moveCursor(null));
    this.rebuild();
  }

  setLossLabel(label) {
    if (label === this.lossLabel) return;
    this.lossLabel = label;
    this.rebuild();
  }

  /** Switches the log scale; once a person has chosen, the chart no longer switches by itself. */
  setLog(log, { byPerson = true } = {}) {
    if (byPerson) this.personChose = true;
    this.log = log;
    this.rebuild();
  }

  /** The previous run's points ({xs, ys}) to draw dashed beside this one, or null. */
  setGhost(ghost) {
    this.ghost = ghost && ghost.xs.length ? ghost : null;
    this.rebuild();
  }

  options(t) {
    const value = (u, v) => num(v == null ? v : this.log ? 10 ** v : v);
    const series = [
      { label: 'step', value: (u, v) => (v == null ? '\u2014' : count(v)) },
      {
        label: this.seriesLabel || this.lossLabel,
        stroke: COLORS.loss,
        width: Math.max(2, t.px / 8),
        value,
        spanGaps: true,
        points: { show: false },
      },
    ];
    this.drawnValidation = this.series.hasValidation;
    if (this.series.hasValidation) {
      // The held-out points' loss beside the training loss: where it climbs, the fit overfits.
      series.push({
        label: 'validation loss',
        stroke: COLORS.validation,
        width: Math.max(2, t.px / 8),
        value,
        spanGaps: true,
        points: { show: false },
      });
    }
    if (this.ghost) {
      series.push({
        label: this.ghostStyle.label,
        stroke: this.ghostStyle.stroke,
        width: Math.max(1.5, t.px / 10),
        dash: this.ghostStyle.dash,
        value,
        spanGaps: true,
        points: { show: false },
      });
    }
    // The log scale is drawn as log10 of the loss on a linear axis, labelled with the loss
    // itself: uPlot cannot place ticks on values beyond about 1e17, which a diverging run reaches.
    const yAxis = axis(t, this.lossLabel + (this.log ? ' (log scale)' : ''));
    if (this.log)
      yAxis.values = (u, splits) => splits.map((v) => (v == null ? '' : tick(10 ** v, 3)));
    return {
      scales: { x: { time: false }, y: {} },
      axes: [axis(t, 'step'), { ...yAxis, size: leftAxisSize(t) }],
      series,
      legend: { live: true },
      cursor: { drag: { x: true, y: false } },
      hooks: {
        setCursor: [
          (u) => {
            const row = u.cursor.idx;
            this.onHover(row == null ? null : (this.rowRecords[row] ?? null));
          },
        ],
      },
    };
  }

  afterBuild() {
    this.container.dataset.scale = this.log ? 'log' : 'linear';
    this.drawnVersion = this.series.version;
    this.#publish();
  }

  /** The chart's data; merges the previous run's steps in when there is one. */
  data() {
    const { xs, ys, vys, records } = this.series;
    const positive = (y) => (!this.log ? y : y > 0 ? Math.log10(y) : null);
    const validated = this.series.hasValidation;
    if (!this.ghost) {
      this.rowRecords = records;
      const columns = [xs.slice(), this.log ? ys.map(positive) : ys.slice()];
      if (validated) columns.push(this.log ? vys.map(positive) : vys.slice());
      return columns;
    }
    const g = this.ghost;
    const X = [];
    const A = [];
    const V = [];
    const B = [];
    const rows = [];
    let i = 0;
    let j = 0;
    while (i < xs.length || j < g.xs.length) {
      const xi = i < xs.length ? xs[i] : Infinity;
      const xj = j < g.xs.length ? g.xs[j] : Infinity;
      const x = Math.min(xi, xj);
      X.push(x);
      A.push(xi === x ? positive(ys[i]) : null);
      V.push(xi === x ? positive(vys[i]) : null);
      rows.push(xi === x ? records[i] : null);
      B.push(xj === x ? positive(g.ys[j]) : null);
      if (xi === x) i++;
      if (xj === x) j++;
    }
    this.rowRecords = rows;
    return validated ? [X, A, V, B] : [X, A, B];
  }

  draw() {
    if (!this.u || this.series.version === this.drawnVersion) return;
    // Redrawing thousands of points every frame would starve the page (and, on a shared
    // laptop, the server): the more points, the fewer redraws, down to four a second.
    const spacing = Math.min(250, Math.max(0, this.series.length / 80));
    const wait = this.lastDraw + spacing - performance.now();
    if (wait > 0) {
      if (!this.pending) {
        this.pending = setTimeout(() => {
          this.pending = 0;
          this.draw();
        }, wait);
      }
      return;
    }
    this.lastDraw = performance.now();
    if (!this.log && !this.personChose && this.series.maxLoss > AUTO_LOG_ABOVE) {
      // A loss this large flattens everything else to a line on a linear axis.
      this.setLog(true, { byPerson: false });
      this.onAutoLog();
      return;
    }
    if (this.series.hasValidation !== this.drawnValidation) {
      this.rebuild(); // the validation curve comes or goes: another set of series
      return;
    }
    this.drawnVersion = this.series.version;
    this.u.setData(this.data());
    this.#publish();
  }

  #publish() {
    const s = this.series;
    const d = this.container.dataset;
    d.points = String(s.length);
    d.lastStep = s.last ? String(s.last.step) : '0';
    d.firstLoss = s.first && Number.isFinite(s.first.loss) ? String(s.first.loss) : '';
    d.lastLoss = s.last && Number.isFinite(s.last.loss) ? String(s.last.loss) : '';
    const v = s.last ? s.last.validationLoss : null;
    d.lastValidationLoss = Number.isFinite(v) ? String(v) : '';
    this.container.setAttribute(
      'aria-label',
      s.last
        ? `Loss chart: ${count(s.received)} steps; at step ${count(s.last.step)} the loss was ${num(s.last.loss)}`
        : 'Loss chart: no steps yet',
    );
  }

  /** Arrow keys move the cursor from step to step, so the hover works without a mouse. */
  #onKey(event) {
    const n = this.u ? this.u.data[0].length : 0;
    if (!n) return;
    const jump = event.shiftKey ? 10 : 1;
    let row = this.cursorRow;
    if (event.key === 'ArrowRight') row = row == null ? n - 1 : Math.min(n - 1, row + jump);
    else if (event.key === 'ArrowLeft') row = row == null ? n - 1 : Math.max(0, row - jump);
    else if (event.key === 'Home') row = 0;
    else if (event.key === 'End') row = n - 1;
    else if (event.key === 'Escape') row = null;
    else if (event.key === 'Enter') {
      this.#pick();
      return;
    } else return;
    event.preventDefault();
    this.#moveCursor(row);
  }

  #pick() {
    if (!this.onPick || !this.u) return;
    const row = this.u.cursor.idx ?? this.cursorRow;
    const record = row == null ? null : this.rowRecords[row];
    if (record) this.onPick(record.step);
  }

  #moveCursor(row) {
    this.cursorRow = row;
    if (!this.u) return;
    if (row == null) {
      this.u.setCursor({ left: -10, top: -10 });
      return;
    }
    const x = this.u.data[0][row];
    const y = this.u.data[1][row] ?? this.u.data[2]?.[row];
    const left = this.u.valToPos(x, 'x');
    const top = y == null ? 0 : this.u.valToPos(y, 'y');
    this.u.setCursor({ left, top });
  }
}

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
      axes: [axis(t, this.labels[0]), axis(t, this.labels[1], { size: leftAxisSize(t) })],
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

  draw() {
    if (this.u) this.u.setData(this.data());
  }
}
