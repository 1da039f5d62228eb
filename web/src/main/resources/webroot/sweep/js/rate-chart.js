// Loss against learning rate, log x: the classic learning-rate-range picture. One point per
// variant in its curve's colour, filled in live, scored by the ranking chosen (its best loss by
// default, its final loss, or the area under its curve: see ranking.js). A diverged variant is a
// red cross, a score above the chart an arrow at its top, and the best rate among those that did
// not diverge is ringed and named with its ranking ("lowest best loss: …"). Exposes data-points
// (points drawn), data-diverged, data-above, data-best-lr and data-ranking on its container.

import { num, rate } from '/shared/format.js';
import { RANKINGS, bestOf, scoreOf } from './ranking.js';
import { axis, INK, logTicks, pxRatio, theme, yAxis } from '/shared/chart-theme.js';
import { Plot } from '/shared/plot.js';
import { TARGET, arrowUp, besideMark, cross, disc, label, lossRange } from './chart-kit.js';

export class RateChart extends Plot {
  constructor(container, sweep, { onBest = () => {} } = {}) {
    super(container, { aspect: 0.42, minRem: 12, maxRem: 26, minWidth: 240 });
    this.sweep = sweep;
    this.onBest = onBest;
    this.colors = [];
    this.visible = [];
    this.order = [];
    this.log = true;
    this.xs = [];
    this.ys = [];
    this.raw = [];
    this.yr = [1, 10];
    this.best = null;
    this.ranking = 'best';
    this.drawnVersion = -1;
    container.tabIndex = 0;
    container.setAttribute('role', 'img');
  }

  /** A new sweep: its variants ordered by learning rate. */
  reset(colors) {
    this.colors = colors;
    this.visible = colors.map(() => true);
    const variants = this.sweep.variants;
    this.order = variants.map((v, k) => k).sort((a, b) => variants[a].lr - variants[b].lr || a - b);
    this.#compute();
    this.rebuild();
  }

  rebuild() {
    super.rebuild();
    this.drawnVersion = this.sweep.version;
    this.#expose();
  }

  /** Scores the rates by another ranking: best, final or area. */
  setRanking(kind) {
    this.ranking = RANKINGS[kind] ? kind : 'best';
    this.#compute();
    this.rebuild();
  }

  setLog(on) {
    this.log = on;
    this.#compute();
    this.rebuild();
  }

  /** Hidden variants stay on this overview, drawn hollow. */
  setVisible(k, shown) {
    this.visible[k] = shown;
    if (this.u) this.u.redraw(false, false);
  }

  update() {
    if (!this.u || this.sweep.version === this.drawnVersion) return;
    this.drawnVersion = this.sweep.version;
    this.#compute();
    this.u.setData(this.data());
    this.#expose();
  }

  data() {
    return [this.xs, this.ys];
  }

  /** The points: latest losses, clipped to the range that keeps the others readable. */
  #compute() {
    const sweep = this.sweep;
    this.xs = this.order.map((k) => sweep.variants[k].lr);
    this.raw = this.order.map((k) =>
      scoreOf(this.ranking, {
        variant: sweep.variants[k],
        finalLoss: sweep.lossOf(k),
        xs: sweep.xs,
        ys: sweep.ys[k] ?? [],
      }),
    );
    let min = null;
    let max = null;
    let start = null;
    for (const value of this.raw) {
      if (value === null || (this.log && !(value > 0))) continue;
      if (min === null || value < min) min = value;
      if (max === null || value > max) max = value;
    }
    for (const first of sweep.first) {
      if (first && (start === null || first.loss > start)) start = first.loss;
    }
    this.yr = lossRange(min, max, start, this.log);
    const top = this.yr[1];
    this.ys = this.order.map((k, i) => {
      const value = this.raw[i];
      // A variant with no finite loss at all blew up at once: it belongs at the top.
      if (value === null) return sweep.variants[k].status === 'diverged' ? top : null;
      return Math.min(value, top);
    });
    const best = bestOf(
      this.order.map((k, i) => ({
        k,
        lr: sweep.variants[k].lr,
        score: this.raw[i],
        diverged: sweep.variants[k].status === 'diverged',
      })),
    );
    this.best = best && { k: best.k, lr: best.lr, loss: best.score, ranking: this.ranking };
    this.onBest(this.best);
  }

  options(t) {
    return {
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: {
          time: false,
          distr: 3,
          log: 10,
          range: (u, min, max) => {
            if (min == null) return [1e-4, 1];
            const pad = min === max ? 3 : Math.pow(max / min, 0.06);
            return [min / pad, max * pad];
          },
        },
        y: { distr: this.log ? 3 : 1, log: 10, range: () => this.yr },
      },
      axes: [
        axis(t, 'learning rate (log scale)', logTicks(t, 'x')),
        yAxis(t, this.#axisLabel(), this.log),
      ],
      series: [
        { label: 'learning rate' },
        {
          label: 'loss',
          stroke: '#9a9a9a',
          width: t.px * 0.1,
          spanGaps: true,
          points: { show: false },
        },
      ],
      hooks: { draw: [(u) => this.#points(u)] },
    };
  }

  #axisLabel() {
    const name = { best: 'best loss', final: 'final loss', area: 'mean loss (area)' }[this.ranking];
    return this.log ? `${name} (log scale)` : name;
  }

  #points(u) {
    const t = theme();
    const ctx = u.ctx;
    const r = t.px * 0.42 * pxRatio();
    const top = this.yr[1];
    ctx.save();
    this.order.forEach((k, i) => {
      const y0 = this.ys[i];
      if (y0 === null) return;
      const v = this.sweep.variants[k];
      const x = u.valToPos(this.xs[i], 'x', true);
      const y = u.valToPos(y0, 'y', true);
      const above = this.raw[i] === null || this.raw[i] > top;
      const color = this.visible[k] ? this.colors[k] : '#ffffff';
      if (v.status === 'diverged') {
        cross(ctx, x, above ? y + r * 1.2 : y, r * 1.1);
      } else if (above) {
        arrowUp(ctx, x, y + r * 1.2, r * 1.1, this.colors[k]);
      } else {
        const ring =
          v.status === 'reached-target' ? TARGET : this.visible[k] ? '#fff' : this.colors[k];
        disc(ctx, x, y, r, color, ring);
      }
    });
    if (this.best) {
      const i = this.order.indexOf(this.best.k);
      const x = u.valToPos(this.xs[i], 'x', true);
      const y = u.valToPos(this.ys[i], 'y', true);
      ctx.beginPath();
      ctx.arc(x, y, r * 2, 0, 2 * Math.PI);
      ctx.lineWidth = r * 0.35;
      ctx.strokeStyle = INK;
      ctx.stroke();
      const text =
        `${RANKINGS[this.ranking].lowest}: ` +
        `lr ${rate(this.best.lr)} \u2192 ${num(this.best.loss)}`;
      const { left, top, width } = u.bbox;
      const font = t.canvasFont(0.8);
      ctx.font = font;
      // Above the ring, where the points of larger losses are not (the lowest is the lowest).
      const above = y - r * 4.2 > top + r * 2;
      const w = ctx.measureText(text).width;
      const spot = besideMark(x, above ? y - r * 4.2 : y, w, r * 2.6, left, left + width);
      label(ctx, text, spot.x, spot.y, { align: spot.align, font });
    }
    ctx.restore();
  }

  #expose() {
    const data = this.container.dataset;
    data.points = String(this.ys.filter((y) => y !== null).length);
    data.diverged = String(
      this.order.filter((k) => this.sweep.variants[k].status === 'diverged').length,
    );
    data.above = String(
      this.raw.filter((v, i) => this.ys[i] !== null && (v === null || v > this.yr[1])).length,
    );
    data.bestLr = this.best ? String(this.best.lr) : '';
    data.ranking = this.ranking;
    data.scale = this.log ? 'log' : 'linear';
    this.container.setAttribute(
      'aria-label',
      `Loss against learning rate for ${this.sweep.k} rates` +
        (this.best
          ? `; ${RANKINGS[this.ranking].lowest} ${num(this.best.loss)} at lr ${rate(this.best.lr)}`
          : ''),
    );
  }
}
