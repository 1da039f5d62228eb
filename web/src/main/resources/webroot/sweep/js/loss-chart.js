// The loss of every variant at every step, overlaid: one uPlot series per variant, log-scale y by
// default. A diverged variant's curve ends in a red cross where it blew up; a variant that
// reached the target ends in a green disc; the target is a dashed line. Exposes on its container,
// for tests and scripts: data-variants, data-series-count (curves shown), data-points (steps on
// the x axis), data-last-step, data-scale, data-diverged-marks and data-target-marks.

import { count, num, rate } from '/shared/format.js';
import { axis, logTicks, pxRatio, theme, yAxis } from '/shared/chart-theme.js';
import { Plot } from '/shared/plot.js';
import {
  DIVERGED,
  TARGET,
  besideMark,
  cross,
  disc,
  label,
  lossRange,
  stepTick,
} from './chart-kit.js';

const MAX_LABELS = 8;

export class LossChart extends Plot {
  constructor(container, sweep, { onHover = () => {} } = {}) {
    super(container, { aspect: 0.5, minRem: 12, maxRem: 26, minWidth: 240 });
    this.sweep = sweep;
    this.onHover = onHover;
    this.colors = [];
    this.visible = [];
    this.log = true;
    this.logSteps = false;
    this.focused = null;
    this.drawnVersion = -1;
    container.tabIndex = 0;
    container.setAttribute('role', 'img');
  }

  /** A new sweep: one curve per variant, all shown. */
  reset(colors) {
    this.colors = colors;
    this.visible = colors.map(() => true);
    this.focused = null;
    this.rebuild();
  }

  rebuild() {
    super.rebuild();
    this.drawnVersion = this.sweep.version;
    this.#expose();
  }

  setLog(on) {
    this.log = on;
    this.rebuild();
  }

  /** A log step axis, for long sweeps whose first steps hold the story. */
  setLogSteps(on) {
    this.logSteps = on;
    this.rebuild();
  }

  setVisible(k, shown) {
    this.visible[k] = shown;
    if (this.u) this.u.setSeries(k + 1, { show: shown });
    this.#expose();
  }

  /** Highlights one variant's curve (null: none). */
  focus(k) {
    if (!this.u) return;
    if (k === null || !this.visible[k]) this.u.setSeries(null, { focus: false });
    else this.u.setSeries(k + 1, { focus: true });
  }

  /** Redraws if the sweep changed since the last draw. */
  update() {
    if (!this.u || this.sweep.version === this.drawnVersion) return;
    this.drawnVersion = this.sweep.version;
    this.u.setData(this.data());
    this.#expose();
  }

  data() {
    return [this.sweep.xs, ...this.sweep.ys];
  }

  options(t) {
    const sweep = this.sweep;
    const thin = sweep.k > 30;
    return {
      legend: { show: false },
      cursor: { focus: { prox: Math.round(t.px) }, points: { show: false }, drag: { x: false } },
      focus: { alpha: 0.25 },
      scales: {
        x: this.logSteps
          ? {
              time: false,
              distr: 3,
              log: 10,
              range: (u, min, max) => [1, Math.max(10, max ?? 10)],
            }
          : { time: false },
        y: {
          distr: this.log ? 3 : 1,
          log: 10,
          range: (u, min, max) => lossRange(min, max, this.#startLoss(), this.log),
        },
      },
      axes: [
        axis(t, this.logSteps ? 'step (log scale)' : 'step', {
          ...(this.logSteps ? logTicks(t, 'x') : {}),
          values: (u, splits) => splits.map(stepTick),
        }),
        yAxis(t, this.log ? 'loss (log scale)' : 'loss', this.log),
      ],
      series: [
        { label: 'step' },
        ...sweep.variants.map((v, k) => ({
          label: `lr ${rate(v.lr)}`,
          stroke: this.colors[k],
          width: thin ? t.px * 0.08 : t.px * 0.15,
          show: this.visible[k],
          // A gap is a step thinned out for this variant only (or after it stopped): join it.
          spanGaps: true,
          points: { show: false },
        })),
      ],
      hooks: {
        draw: [(u) => this.#marks(u)],
        setCursor: [(u) => this.#hover(u)],
        setSeries: [
          (u, index, opts) => {
            if (opts && opts.focus !== undefined) this.focused = opts.focus ? index : null;
            this.#hover(u);
          },
        ],
      },
    };
  }

  /** The highest first loss of the curves shown: where the y axis stops growing. */
  #startLoss() {
    let start = null;
    this.sweep.first.forEach((first, k) => {
      if (first && this.visible[k] && (start === null || first.loss > start)) start = first.loss;
    });
    return start;
  }

  #hover(u) {
    const idx = u.cursor.idx;
    if (idx === null || idx === undefined || u.cursor.left < 0) {
      this.onHover(null);
      return;
    }
    const step = this.sweep.xs[idx];
    const k = this.focused ? this.focused - 1 : null;
    if (k === null || !this.sweep.variants[k]) {
      this.onHover(`Step ${count(step)} \u00b7 point at a curve to read its rate and loss`);
      return;
    }
    const value = this.sweep.ys[k][idx];
    const lr = rate(this.sweep.variants[k].lr);
    this.onHover(`Step ${count(step)} \u00b7 lr ${lr}: loss ${num(value)}`);
  }

  /** The divergence and target marks, drawn over the curves. */
  #marks(u) {
    const sweep = this.sweep;
    const t = theme();
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    const { min: yMin, max: yMax } = u.scales.y;
    const { min: xMin, max: xMax } = u.scales.x;
    if (yMin == null || xMin == null) return;
    const r = t.px * 0.42 * pxRatio();
    const font = t.canvasFont(0.8);
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();

    if (sweep.target !== null && sweep.target >= yMin && sweep.target <= yMax) {
      const y = u.valToPos(sweep.target, 'y', true);
      ctx.setLineDash([r * 1.6, r * 1.2]);
      ctx.lineWidth = r * 0.35;
      ctx.strokeStyle = TARGET;
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(left + width, y);
      ctx.stroke();
      ctx.setLineDash([]);
      label(ctx, `target ${sweep.target}`, left + width - r, y - r * 2.2, {
        color: TARGET,
        align: 'right',
        font,
      });
    }

    const marks = [];
    sweep.variants.forEach((v, k) => {
      if (!this.visible[k]) return;
      let step;
      let text;
      if (v.status === 'diverged') {
        step = Math.max(v.steps, xMin);
        text = `lr ${rate(v.lr)} diverged @ step ${count(v.steps + 1)}`;
      } else if (v.status === 'reached-target' && v.reachedTargetAt != null) {
        step = v.reachedTargetAt;
        text = `lr ${rate(v.lr)} reached target @ ${count(v.reachedTargetAt)}`;
      } else {
        return;
      }
      const loss = v.loss ?? yMax;
      const above = loss > yMax;
      if (above) text += ` (loss ${num(loss)})`;
      const x = u.valToPos(Math.min(Math.max(step, xMin), xMax), 'x', true);
      const y = u.valToPos(Math.min(Math.max(loss, yMin), yMax), 'y', true);
      marks.push({ k, x, y: above ? y + r * 1.5 : y, text, diverged: v.status === 'diverged' });
    });
    for (const mark of marks) {
      if (mark.diverged) cross(ctx, mark.x, mark.y, r * 1.1);
      else disc(ctx, mark.x, mark.y, r, TARGET);
    }
    // Every divergence is named; targets only when few, since the table lists them all.
    const named = marks.filter((m) => m.diverged || marks.length <= 3);
    if (named.length <= MAX_LABELS) this.#labels(u, named, r, font);
    ctx.restore();
    this.container.dataset.divergedMarks = String(marks.filter((m) => m.diverged).length);
    this.container.dataset.targetMarks = String(marks.filter((m) => !m.diverged).length);
  }

  /** Labels beside their marks, moved down where they would overlap another. */
  #labels(u, marks, r, font) {
    const ctx = u.ctx;
    const placed = [];
    const h = r * 3;
    const { left, top, width, height } = u.bbox;
    const right = left + width;
    const sorted = [...marks].sort((a, b) => a.y - b.y);
    for (const mark of sorted) {
      ctx.font = font;
      const w = ctx.measureText(mark.text).width;
      const spot = besideMark(mark.x, mark.y, w, r * 2, left, right);
      const l = spot.align === 'left' ? spot.x : spot.x - w;
      // Down from the mark, then up, to the first place no other label takes.
      let y = Math.min(Math.max(spot.y, top + h / 2), top + height - h / 2);
      for (const shift of [0, 1, -1, 2, -2, 3, -3, 4, -4]) {
        const yy = Math.min(Math.max(spot.y + shift * h, top + h / 2), top + height - h / 2);
        const box = { l, r: l + w, t: yy - h / 2, b: yy + h / 2 };
        if (!placed.some((p) => box.l < p.r && box.r > p.l && box.t < p.b && box.b > p.t)) {
          placed.push(box);
          y = yy;
          break;
        }
      }
      label(ctx, mark.text, spot.x, y, {
        color: mark.diverged ? DIVERGED : TARGET,
        align: spot.align,
        font,
      });
    }
  }

  #expose() {
    const sweep = this.sweep;
    const shown = this.visible.filter(Boolean).length;
    const data = this.container.dataset;
    data.variants = String(sweep.k);
    data.seriesCount = String(shown);
    data.points = String(sweep.xs.length);
    data.lastStep = String(sweep.xs.length ? sweep.xs[sweep.xs.length - 1] : 0);
    data.scale = this.log ? 'log' : 'linear';
    data.stepScale = this.logSteps ? 'log' : 'linear';
    const counts = sweep.counts();
    this.container.setAttribute(
      'aria-label',
      `Loss per step of ${sweep.k} learning rates (${shown} shown), ` +
        `step ${count(sweep.step)} of ${count(sweep.steps)}; ` +
        `${counts.diverged} diverged, ${counts['reached-target']} reached the target. ` +
        'The table of variants lists every rate and its loss.',
    );
  }
}
