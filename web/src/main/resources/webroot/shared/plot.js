// The base of every chart: a uPlot sized to its container, rebuilt when the "large type" switch
// changes the fonts (event "downhill:theme"), and redrawn at most once per animation frame (and
// no sooner than minIntervalMs after the last redraw, for charts of hundreds of series).

import uPlot from '/vendor/uplot/uPlot.esm.js';
import { theme } from './chart-theme.js';

/**
 * A subclass gives options(theme) and data(); it may override draw() (called by schedule),
 * afterBuild() and afterDraw(). The height follows the width (aspect, between minRem and maxRem
 * root font sizes) or is fixed (heightRem).
 */
export class Plot {
  constructor(container, options = {}) {
    const { aspect = 0.6, minRem = 11, maxRem = 20, heightRem = null } = options;
    const { minWidth = 200, minIntervalMs = 0 } = options;
    this.container = container;
    this.layout = { aspect, minRem, maxRem, heightRem, minWidth };
    this.minIntervalMs = minIntervalMs;
    this.u = null;
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
    const { aspect, minRem, maxRem, heightRem, minWidth } = this.layout;
    const t = theme();
    const width = Math.max(minWidth, this.container.clientWidth);
    if (heightRem !== null) return { width, height: Math.round(t.px * heightRem) };
    const height = Math.round(Math.max(t.px * minRem, Math.min(width * aspect, t.px * maxRem)));
    return { width, height };
  }

  rebuild() {
    if (this.u) this.u.destroy();
    this.u = null;
    this.lastWidth = this.container.clientWidth;
    this.u = new uPlot({ ...this.size(), ...this.options(theme()) }, this.data(), this.container);
    this.afterBuild();
  }

  /** Drops the chart; the next draw builds it anew (new series, colours or scale). */
  invalidate() {
    if (this.u) this.u.destroy();
    this.u = null;
  }

  afterBuild() {}

  afterDraw() {}

  /** Builds the chart when there is none, else gives it the latest data. */
  draw() {
    if (!this.u) this.rebuild();
    else this.u.setData(this.data());
    this.afterDraw();
  }

  /** Redraws soon: on the next frame; many calls in one frame cost one redraw. */
  schedule() {
    if (this.frame || this.timer !== null) return;
    const wait = this.lastDraw + this.minIntervalMs - performance.now();
    const go = () => {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.lastDraw = performance.now();
        this.draw();
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
}
