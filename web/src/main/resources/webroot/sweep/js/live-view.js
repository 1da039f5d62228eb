// The running sweep on screen: its status and progress, the Run/Pause/Reset buttons, the export
// links, the two charts and the table of variants. Draws at most once per animation frame however
// fast progress arrives, and refreshes the table a few times a second.

import { count } from '/shared/format.js';
import { variantColors } from './chart-kit.js';
import { Legend } from './legend.js';
import { LossChart } from './loss-chart.js';
import { RateChart } from './rate-chart.js';
import { RANKINGS } from './ranking.js';
import { exportUrl } from './sweep-api.js';

const TABLE_EVERY_MS = 250;

const STATUS_WORDS = { running: 'running', paused: 'paused', finished: 'finished' };

export class LiveView {
  constructor(sweep, { onDrive }) {
    this.sweep = sweep;
    this.$ = (id) => document.getElementById(id);
    this.frame = 0;
    this.tableAt = 0;
    this.tableTimer = 0;
    this.busy = false;
    this.lossChart = new LossChart(this.$('loss-chart'), sweep, {
      onHover: (text) => {
        this.$('loss-hover').textContent =
          text ?? 'Point at the chart to read a step; at a curve for its rate and loss.';
      },
    });
    this.rateChart = new RateChart(this.$('rate-chart'), sweep, {
      onBest: (best) => {
        this.best = best;
      },
    });
    this.legend = new Legend(this.$('legend-body'), {
      onToggle: (k) => this.setVisible(k, !this.lossChart.visible[k]),
      onFocus: (k) => this.lossChart.focus(k),
    });
    this.$('log-scale').addEventListener('change', (event) => {
      this.lossChart.setLog(event.target.checked);
      this.rateChart.setLog(event.target.checked);
    });
    this.$('ranking').addEventListener('change', (event) => {
      this.rateChart.setRanking(event.target.value);
      this.#table();
    });
    this.$('log-steps').addEventListener('change', (event) => {
      this.lossChart.setLogSteps(event.target.checked);
    });
    this.$('show-all').addEventListener('click', () => {
      this.sweep.variants.forEach((v, k) => this.setVisible(k, true));
    });
    this.$('hide-diverged').addEventListener('click', () => {
      this.sweep.variants.forEach((v, k) => {
        if (v.status === 'diverged') this.setVisible(k, false);
      });
    });
    for (const action of ['run', 'pause', 'reset']) {
      this.$(action).addEventListener('click', async () => {
        this.busy = true;
        this.#buttons();
        try {
          await onDrive(action);
        } finally {
          this.busy = false;
          this.#table();
          // Keyboard users keep a focus: Run turns into Pause and back.
          if (this.$(action).disabled) {
            const next = ['pause', 'run', 'reset'].map(this.$).find((b) => !b.disabled);
            if (next) next.focus();
          }
        }
      });
    }
  }

  /** Shows a new sweep (its state already in the SweepData). */
  show() {
    const sweep = this.sweep;
    document.body.dataset.sweep = 'attached';
    this.$('empty').hidden = true;
    this.$('sweep-view').hidden = false;
    this.$('sweep-id').textContent = sweep.id;
    for (const format of ['csv', 'json']) {
      const link = this.$(`export-${format}`);
      link.href = exportUrl(sweep.id, format);
      link.setAttribute('download', `downhill-sweep-${sweep.id}.${format}`);
      link.setAttribute('aria-label', `Export the whole sweep as ${format.toUpperCase()}`);
    }
    const colors = variantColors(sweep.variants);
    const log = this.$('log-scale').checked;
    this.lossChart.log = log;
    this.lossChart.logSteps = this.$('log-steps').checked;
    this.rateChart.log = log;
    this.rateChart.ranking = this.$('ranking').value;
    this.legend.build(sweep, colors);
    this.lossChart.reset(colors);
    this.rateChart.reset(colors);
    this.tableAt = 0;
    this.render();
  }

  /** Back to "no sweep yet". */
  clear(message) {
    document.body.dataset.sweep = 'none';
    this.$('sweep-view').hidden = true;
    this.$('empty').hidden = false;
    if (message) this.$('empty').querySelector('p').textContent = message;
  }

  setVisible(k, shown) {
    this.lossChart.setVisible(k, shown);
    this.rateChart.setVisible(k, shown);
    this.legend.setVisible(k, shown);
    this.#buttons();
  }

  /** Draws on the next animation frame; many calls in one frame cost one draw. */
  render() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.#draw();
    });
  }

  #draw() {
    this.lossChart.update();
    this.rateChart.update();
    const now = performance.now();
    const final = this.sweep.status !== 'running';
    if (final || now - this.tableAt >= TABLE_EVERY_MS) {
      this.tableAt = now;
      this.#table();
    } else if (!this.tableTimer) {
      this.tableTimer = setTimeout(() => {
        this.tableTimer = 0;
        this.tableAt = performance.now();
        this.#table();
      }, TABLE_EVERY_MS);
    }
  }

  /** The table, status, progress and counts: text that need not change every frame. */
  #table() {
    const sweep = this.sweep;
    this.legend.update(sweep);
    const status = sweep.status ?? '';
    const badge = this.$('sweep-status');
    badge.dataset.status = status;
    badge.textContent = STATUS_WORDS[status] ?? status;
    document.body.dataset.sweepStatus = status;
    const progress = this.$('progress');
    progress.max = Math.max(1, sweep.steps);
    progress.value = Math.min(sweep.step, sweep.steps);
    const pace = sweep.stepsPerSecond > 0 ? ` \u00b7 ${count(sweep.stepsPerSecond)} steps/s` : '';
    this.$('step-text').textContent = `step ${count(sweep.step)} of ${count(sweep.steps)}${pace}`;
    const c = sweep.counts();
    const parts = [`${count(sweep.k)} learning rates`];
    if (c.active) parts.push(`${count(c.active)} active`);
    if (c.finished) parts.push(`${count(c.finished)} finished`);
    if (c['reached-target']) parts.push(`${count(c['reached-target'])} reached the target`);
    if (c.diverged) parts.push(`${count(c.diverged)} diverged`);
    this.$('counts').textContent = parts.join(' \u00b7 ');
    const best = this.best;
    const ranking = RANKINGS[this.rateChart.ranking];
    const lowest = ranking.lowest.charAt(0).toUpperCase() + ranking.lowest.slice(1);
    this.$('rate-best').textContent = best
      ? `${lowest}${status === 'finished' ? '' : ' so far'}: ${best.loss.toPrecision(5)} ` +
        `at learning rate ${best.lr.toPrecision(4)}.`
      : 'No losses yet.';
    this.$('rate-note').textContent = status === 'finished' ? ranking.noteDone : ranking.note;
    this.#buttons();
  }

  #buttons() {
    const status = this.sweep.status;
    this.$('run').disabled = this.busy || status !== 'paused';
    this.$('pause').disabled = this.busy || status !== 'running';
    this.$('reset').disabled = this.busy || (status === 'paused' && this.sweep.step === 0);
    const hideable = this.sweep.variants.some(
      (v, k) => v.status === 'diverged' && this.lossChart.visible[k],
    );
    this.$('hide-diverged').disabled = !hideable;
    this.$('show-all').disabled = this.lossChart.visible.every(Boolean);
  }
}
