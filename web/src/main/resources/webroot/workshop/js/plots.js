// uPlot charts of the workshop pages: one session's loss (LossPlot), every participant's loss
// overlaid (RoomPlot), and data with the model's curve (FitPlot). Canvas text does not follow
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

function theme() {
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

function axis(t, label, extra = {}) {
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

function leftAxis(t, label) {
  return axis(t, label, {
    size: (u, values) => {
      const longest = values && values.length ? Math.max(...values.map((v) => String(v).length)) : 3;
      return Math.round(t.px * (1.2 + 0.5 * longest));
    },
  });
}

/** Losses for a log scale: zero and below cannot be drawn there. */
function forScale(losses, log) {
  return log ? losses.map((v) => (v > 0 ? v : null)) : losses;
}

/** Sizing to the container, rebuilding on theme change, and batched redraws. */
class Chart {
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
    this.rebuild();
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
    this.container.dataset.points = '0';
  }

  /** Shows a Trace; call schedule() after it changes. */
  show(trace, color = this.color) {
    this.trace = trace;
    if (color !== this.color) {
      this.color = color;
      this.u = null; // rebuilt at the next draw with the new colour
    }
    this.schedule();
  }

  options(t) {
    return {
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false }, y: this.log ? { distr: 3 } : {} },
      axes: [axis(t, 'step'), leftAxis(t, 'loss')],
      series: [{}, { label: 'loss', stroke: this.color, width: 2, points: { show: false } }],
    };
  }

  data() {
    if (!this.trace) return [[], []];
    return [this.trace.steps, forScale(this.trace.losses, this.log)];
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
 * Every participant's loss on one chart, one series each. setSeries() with a new list rebuilds
 * the chart; new steps only schedule a redraw (at most four a second).
 */
export class RoomPlot extends Chart {
  constructor(container) {
    super(container, { heightRem: 20, minIntervalMs: 250 });
    this.entries = []; // [{key, color, trace}]
    this.focused = null;
  }

  /** entries: [{key, color, trace}] in a stable order. */
  setSeries(entries) {
    const same =
      entries.length === this.entries.length &&
      entries.every((e, i) => e.key === this.entries[i].key && e.color === this.entries[i].color);
    this.entries = entries;
    if (!same) this.u = null;
    this.schedule();
  }

  /** Brings one participant's curve forward (the others fade); null for none. */
  focus(key) {
    this.focused = key;
    this.applyFocus();
  }

  applyFocus() {
    if (!this.u) return;
    const index = this.entries.findIndex((e) => e.key === this.focused);
    this.u.setSeries(index < 0 ? null : index + 1, { focus: true });
  }

  options(t) {
    return {
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, focus: { prox: 16 } },
      focus: { alpha: 0.25 },
      scales: { x: { time: false }, y: this.log ? { distr: 3 } : {} },
      axes: [axis(t, 'step'), leftAxis(t, 'loss')],
      series: [
        {},
        ...this.entries.map((e) => ({
          label: e.key,
          stroke: e.color,
          width: 2,
          spanGaps: true,
          points: { show: false },
        })),
      ],
    };
  }

  data() {
    if (!this.entries.length) return [[]];
    const tables = this.entries.map((e) => [e.trace.steps, forScale(e.trace.losses, this.log)]);
    return uPlot.join(tables);
  }

  afterBuild() {
    this.afterDraw();
  }

  afterDraw() {
    this.applyFocus();
    this.container.dataset.series = String(this.entries.length);
  }
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
      scales: { x: { time: false } },
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
