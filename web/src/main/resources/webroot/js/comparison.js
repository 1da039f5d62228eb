// The same start run twice, the gradient never zeroed (the lesson's loop) and zeroed every step,
// both losses on one chart: the one-click answer to "why does my loss swing?". Two throw-away
// sessions of the setup in use serve it and are deleted once their steps are in.

import { createSession } from './api.js';
import { LossChart } from './loss-chart.js';
import { role, setText, showError } from '../shared/dom.js';
import { count, lossName, num } from '../shared/format.js';
import { StepSeries } from './series.js';

export class ZeroingComparison {
  /**
   * @param root holds [data-role] compare-form (with a "steps" input), compare-chart,
   *     compare-result and compare-error
   * @param spec function returning the spec to compare (the setup in use, its start included)
   */
  constructor(root, { spec }) {
    this.root = root;
    this.spec = spec;
    this.form = role(root, 'compare-form');
    this.result = role(root, 'compare-result');
    this.error = role(root, 'compare-error');
    this.zeroed = new StepSeries();
    this.chart = new LossChart(role(root, 'compare-chart'), {
      series: this.zeroed,
      seriesLabel: 'zeroed every step',
      ghostStyle: { label: 'never zeroed (the lesson)', stroke: '#c62828', dash: [10, 5] },
    });
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.compare();
    });
  }

  /** Brings the comparison into view and runs it. */
  show() {
    this.root.scrollIntoView({ block: 'center' });
    return this.compare();
  }

  /** Runs the spec twice from the same start, zeroing and not, and overlays the losses. */
  async compare() {
    const steps = Math.round(Number(this.form.elements.steps.value));
    const submit = this.form.querySelector('button[type="submit"]');
    showError(this.error, null);
    if (!(steps >= 1 && steps <= 10000)) {
      showError(this.error, { field: 'steps', message: 'must be a whole number from 1 to 10 000' });
      return;
    }
    submit.disabled = true;
    this.root.dataset.comparing = 'true';
    const made = [];
    try {
      const spec = this.spec();
      // allSettled, so a session made before the other one failed is still deleted below.
      const created = await Promise.allSettled(
        [false, true].map((accumulateGradients) => createSession({ ...spec, accumulateGradients })),
      );
      for (const outcome of created) {
        if (outcome.status === 'fulfilled') made.push(outcome.value.handle);
      }
      const refused = created.find((outcome) => outcome.status === 'rejected');
      if (refused) throw refused.reason;
      const [zeroed, accumulated] = created.map((outcome) => outcome.value);
      const [a, b] = await Promise.all([zeroed.handle.step(steps), accumulated.handle.step(steps)]);
      const name = lossName(zeroed.state.spec.loss);
      this.zeroed.clear();
      for (const step of a.steps) this.zeroed.add(step);
      const ghost = new StepSeries();
      for (const step of b.steps) ghost.add(step);
      this.chart.container.hidden = false;
      this.chart.setLossLabel(name);
      this.chart.setGhost(ghost.snapshot());
      const outcome = (run) => {
        const d = run.state.divergence;
        if (d) return `diverged at step ${count(d.step)}`;
        return `${name} ${num(run.steps[run.steps.length - 1]?.loss)}`;
      };
      const best = (run) => num(Math.min(...run.steps.map((s) => s.loss).filter(Number.isFinite)));
      setText(
        this.result,
        `After ${count(steps)} steps: zeroed every step, ${outcome(a)} (lowest ${best(a)}); ` +
          `never zeroed, ${outcome(b)} (lowest ${best(b)}). The dashed red line is the lesson's ` +
          'loop, which adds every gradient to the sum of the earlier ones.',
      );
    } catch (error) {
      showError(this.error, error);
    } finally {
      submit.disabled = false;
      delete this.root.dataset.comparing;
      // The two sessions served this comparison only.
      for (const handle of made) handle.remove().catch(() => {});
    }
  }
}
