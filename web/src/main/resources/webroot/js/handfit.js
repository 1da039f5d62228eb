// Step 1 of the lesson: fit the data by hand. Sliders set the parameters; the server evaluates
// the loss (MAE or MSE) and the curve at them without changing the session. Requests are
// throttled to about 30 a second while dragging, and stale answers are dropped.

import { evaluate } from './api.js';
import { FitChart, COLORS } from './charts.js';
import { role, setText, showError } from './dom.js';
import { lossName, num } from './format.js';
import { ParamSliders } from './sliders.js';
import { latestOnly } from './throttle.js';

export class HandFit {
  /**
   * @param root the section; holds [data-role] hand-chart, hand-loss, hand-loss-name, sliders,
   *     apply, take, hand-error
   * @param onApply called with the slider values when the person wants to train from there
   */
  constructor(root, { onApply }) {
    this.root = root;
    this.session = null;
    this.chart = new FitChart(role(root, 'hand-chart'));
    this.loss = role(root, 'hand-loss');
    this.lossLabel = role(root, 'hand-loss-name');
    this.error = role(root, 'hand-error');
    this.sliders = new ParamSliders(role(root, 'sliders'), {
      onInput: (values) => this.request(values),
      describedBy: this.loss.id,
    });
    this.request = latestOnly((params, signal) => evaluate(this.session.id, params, signal), {
      intervalMs: 33,
      onAnswer: (answer) => this.#show(answer),
      onError: (error) => showError(this.error, error),
    });
    role(root, 'apply').addEventListener('click', () => onApply(this.sliders.values()));
    role(root, 'take').addEventListener('click', () => {
      if (!this.session) return;
      this.sliders.setValues(this.session.currentParams());
      this.request(this.sliders.values());
    });
  }

  /**
   * Shows a session: its data, and sliders set to its current parameters.
   * @param session {id, spec, data, paramNames, currentParams()}
   */
  attach(session) {
    this.session = session;
    setText(this.lossLabel, lossName(session.spec.loss));
    this.chart.setPoints(session.data);
    this.sliders.build(session.paramNames, session.currentParams());
    this.request(this.sliders.values());
  }

  #show(answer) {
    showError(this.error, null);
    setText(this.loss, num(answer.loss));
    this.loss.dataset.loss = Number.isFinite(answer.loss) ? String(answer.loss) : '';
    this.chart.setCurves([
      { label: 'your curve', x: answer.curve.x, y: answer.curve.y, stroke: COLORS.curve },
    ]);
  }
}
