// Step 4 of the lesson: its own loop never zeroes abc.grad, so every step adds the new
// gradient to all the old ones. The switch turns that on or off in the main session; the
// comparison runs the same setup both ways from the same start and overlays the two losses.

import { createSession } from './api.js';
import { LossChart } from './charts.js';
import { role, setText, showError } from './dom.js';
import { count, lossName, num } from './format.js';
import { StepSeries } from './series.js';

export class Accumulation {
  /**
   * @param root the section
   * @param panel the main session's TrainerPanel (the switch drives its session)
   * @param setupSpec function returning the current setup's spec
   */
  constructor(root, { panel, setupSpec }) {
    this.panel = panel;
    this.setupSpec = setupSpec;
    this.toggle = role(root, 'forget');
    this.toggleState = role(root, 'forget-state');
    this.error = role(root, 'loop-error');
    this.result = role(root, 'compare-result');
    this.form = role(root, 'compare-form');
    this.zeroed = new StepSeries();
    this.chart = new LossChart(role(root, 'compare-chart'), {
      series: this.zeroed,
      seriesLabel: 'zeroed every step',
      ghostStyle: { label: 'never zeroed (the lesson)', stroke: '#c62828', dash: [10, 5] },
    });
    this.toggle.addEventListener('change', () => this.panel.setAccumulate(this.toggle.checked));
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.compare();
    });
  }

  /** Keeps the switch in step with the main session (called whenever its panel redraws). */
  sync(panel) {
    if (!panel.state) return;
    const on = panel.state.accumulateGradients;
    if (this.toggle.checked !== on) this.toggle.checked = on;
    setText(
      this.toggleState,
      on
        ? 'On: the main session adds each new gradient to the sum of the old ones, as the lesson does.'
        : 'Off: the main session zeroes the gradient before each step, as training loops should.',
    );
  }

  /** Runs the setup twice from the same start, zeroing and not, and overlays the losses. */
  async compare() {
    const steps = Math.round(Number(this.form.elements.steps.value));
    const submit = this.form.querySelector('button[type="submit"]');
    showError(this.error, null);
    submit.disabled = true;
    const made = [];
    try {
      const spec = this.setupSpec();
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
      setText(
        this.result,
        `After ${count(steps)} steps: zeroed every step, ${outcome(a)}; ` +
          `never zeroed, ${outcome(b)}.`,
      );
    } catch (error) {
      showError(this.error, error);
    } finally {
      submit.disabled = false;
      // The two sessions served this comparison only.
      for (const handle of made) handle.remove().catch(() => {});
    }
  }
}
