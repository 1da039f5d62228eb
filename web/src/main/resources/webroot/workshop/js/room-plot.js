// The room's chart: every shown participant's loss, one line each, over the band of the whole
// room's middle half (first to third quartile) and its median at each step. Hovering names the
// participant under the pointer and their loss; a row of the roster brings its line forward.
// A room of hundreds redraws a few times a second at most, its curves thinned to a budget.

import uPlot from '/vendor/uplot/uPlot.esm.js';
import { el } from '/shared/dom.js';
import { count, num } from '/shared/format.js';
import { axis, forScale, yAxis } from '/shared/chart-theme.js';
import { Chart } from './plots.js';
import { lossAt, nearest, stepGrid, stepQuartiles } from './room-stats.js';

const ROOM_POINTS = 60_000;
const BAND = 'rgba(38, 50, 56, 0.16)';
const MEDIAN = '#263238';

/** Every k-th point of a trace and its last, so that at most about budget points remain. */
function thin(trace, budget) {
  const n = trace.length;
  if (n <= budget) return [trace.steps, trace.losses];
  const stride = Math.ceil(n / budget);
  const steps = [];
  const losses = [];
  for (let i = 0; i < n; i += stride) {
    steps.push(trace.steps[i]);
    losses.push(trace.losses[i]);
  }
  if (steps[steps.length - 1] !== trace.steps[n - 1]) {
    steps.push(trace.steps[n - 1]);
    losses.push(trace.losses[n - 1]);
  }
  return [steps, losses];
}

/** The y range of a loss chart: linear, or logarithmic (positive values only). */
function lossRange(log, min, max) {
  if (min === null || max === null) return log ? [1, 10] : [0, 1];
  return log ? uPlot.rangeLog(min, max, 10, true) : uPlot.rangeNum(Math.min(0, min), max, 0.05, true);
}

/**
 * setSeries(shown, room): shown [{key, name, color, trace, diverged()}] in a stable order, the
 * lines drawn; room, the same for everyone, whose quartiles make the band. A new list of shown
 * keys rebuilds the chart; new steps only schedule a redraw. The y axis fits the sessions that
 * did not diverge: a diverged run climbs to 1e300 and would flatten every other curve into the
 * axis, so its line runs off the top instead. The container carries data-series, data-band-steps
 * and data-hover (the name under the pointer) for tests and scripts.
 */
export class RoomPlot extends Chart {
  constructor(container) {
    super(container, { heightRem: 20, minIntervalMs: 250 });
    this.entries = [];
    this.room = [];
    this.yMin = null;
    this.yMax = null;
    this.focused = null;
    this.hovered = null;
    this.tip = null;
  }

  setSeries(entries, room = entries) {
    const same =
      entries.length === this.entries.length &&
      entries.every((e, i) => e.key === this.entries[i].key && e.color === this.entries[i].color);
    this.entries = entries;
    this.room = room;
    // Joining hundreds of curves costs time: a big room redraws less often.
    this.minIntervalMs = Math.min(1000, 250 + 2.5 * room.length);
    if (!same) this.invalidate();
    this.schedule();
  }

  /** Brings one participant's curve forward (the others fade); null for none. */
  focus(key) {
    this.focused = key;
    this.applyFocus();
  }

  applyFocus() {
    if (!this.u) return;
    const key = this.hovered ?? this.focused;
    const index = this.entries.findIndex((e) => e.key === key);
    this.u.setSeries(index < 0 ? null : index + 1, { focus: true });
  }

  options(t) {
    const n = this.entries.length;
    const stat = (label, extra) => ({ label, spanGaps: true, points: { show: false }, ...extra });
    return {
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, focus: { prox: -1 } },
      focus: { alpha: 0.25 },
      scales: {
        x: { time: false },
        y: {
          distr: this.log ? 3 : 1,
          range: (u, min, max) =>
            lossRange(this.log, this.yMin ?? min ?? null, this.yMax ?? max ?? null),
        },
      },
      axes: [axis(t, 'step'), yAxis(t, 'loss', this.log)],
      series: [
        {},
        ...this.entries.map((e) => ({
          label: e.key,
          stroke: e.color,
          width: 2,
          spanGaps: true,
          points: { show: false },
        })),
        stat('first quartile', { stroke: 'transparent', width: 0 }),
        stat('median', { stroke: MEDIAN, width: 2.5, dash: [8, 5] }),
        stat('third quartile', { stroke: 'transparent', width: 0 }),
      ],
      bands: [{ series: [n + 3, n + 1], fill: BAND }],
      hooks: { setCursor: [(u) => this.#hover(u)] },
    };
  }

  data() {
    // Joining and drawing cost grows with the points of all curves together: a big room's
    // curves are thinned further, to about ROOM_POINTS in all (always keeping each last step).
    const budget = Math.max(120, Math.floor(ROOM_POINTS / Math.max(1, this.entries.length)));
    this.yMin = null;
    this.yMax = null;
    const widen = (v) => {
      if (this.log && !(v > 0)) return;
      if (this.yMin === null || v < this.yMin) this.yMin = v;
      if (this.yMax === null || v > this.yMax) this.yMax = v;
    };
    const tables = this.entries.map((e) => {
      const [steps, losses] = thin(e.trace, budget);
      if (!e.diverged()) losses.forEach(widen);
      return [steps, forScale(losses, this.log)];
    });
    const calm = this.room.filter((e) => !e.diverged()).map((e) => e.trace);
    const grid = stepGrid(calm);
    const { q1, median, q3 } = stepQuartiles(calm, grid);
    median.forEach((v) => v !== null && widen(v));
    this.container.dataset.bandSteps = String(grid.length);
    tables.push([grid, forScale(q1, this.log)], [grid, forScale(median, this.log)], [grid, forScale(q3, this.log)]);
    return uPlot.join(tables);
  }

  /** Names the curve under the pointer: the participant and their loss at that step. */
  #hover(u) {
    const { left, top } = u.cursor;
    let key = null;
    let step = null;
    if (left >= 0 && top >= 0) {
      step = Math.round(u.posToVal(left, 'x'));
      const candidates = this.entries.map((e) => {
        const loss = lossAt(e.trace, step);
        return { key: e.key, y: loss === null || (this.log && !(loss > 0)) ? null : u.valToPos(loss, 'y') };
      });
      key = nearest(candidates, top);
    }
    if (key !== this.hovered) {
      this.hovered = key;
      this.applyFocus();
    }
    const entry = key ? this.entries.find((e) => e.key === key) : null;
    this.container.dataset.hover = entry ? entry.name : '';
    if (!this.tip) return;
    this.tip.hidden = !entry;
    if (!entry) return;
    this.tip.replaceChildren(
      el('strong', { text: entry.name }),
      ` · loss ${num(lossAt(entry.trace, step))} at step ${count(step)}`,
    );
    const flip = left > u.over.clientWidth / 2;
    this.tip.style.left = flip ? '' : `${left + 12}px`;
    this.tip.style.right = flip ? `${u.over.clientWidth - left + 12}px` : '';
    this.tip.style.top = `${Math.max(0, top - 36)}px`;
  }

  afterBuild() {
    this.tip = el('div', { class: 'ws-tip', role: 'status', hidden: true });
    this.u.over.append(this.tip);
    this.hovered = null;
    this.afterDraw();
  }

  afterDraw() {
    this.applyFocus();
    this.container.dataset.series = String(this.entries.length);
  }
}
