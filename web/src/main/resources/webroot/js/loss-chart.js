// The loss of each step as a uPlot chart (LossChart), on the shared chart base (/shared/plot.js).
// It switches itself to a log scale by the shared rule (/shared/chart-theme.js) unless the
// person watching chose a scale.

import { axis, tick, wantsLogScale, yAxis } from '../shared/chart-theme.js';
import { Plot } from '../shared/plot.js';
import { COLORS } from './colors.js';
import { count, num } from '../shared/format.js';

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
    super(container, { aspect: 0.6, minRem: 11, maxRem: 20 });
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
    this.lastPaint = 0;
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
    const lossAxis = yAxis(t, this.lossLabel + (this.log ? ' (log scale)' : ''));
    if (this.log)
      lossAxis.values = (u, splits) => splits.map((v) => (v == null ? '' : tick(10 ** v, 3)));
    return {
      scales: { x: { time: false }, y: {} },
      axes: [axis(t, 'step'), lossAxis],
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
    const wait = this.lastPaint + spacing - performance.now();
    if (wait > 0) {
      if (!this.pending) {
        this.pending = setTimeout(() => {
          this.pending = 0;
          this.draw();
        }, wait);
      }
      return;
    }
    this.lastPaint = performance.now();
    if (!this.log && !this.personChose && wantsLogScale(this.series.maxLoss)) {
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
