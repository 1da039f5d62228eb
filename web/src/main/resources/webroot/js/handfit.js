// Step 1 of the lesson: where the data comes from (the true function, the lesson's add_noise),
// then fitting it by hand. Sliders set the parameters; the formula beside them follows every
// move, and the server evaluates the loss (MAE or MSE) and the curve without changing the
// session. Requests are throttled to about 30 a second while dragging, and stale answers are
// dropped.

import { evaluate } from './api.js';
import { COLORS } from './colors.js';
import { FitChart } from './fit-chart.js';
import { role, setText, showError } from '../shared/dom.js';
import { dataCode, dataStory, modelFormula } from './formula.js';
import { lossName, num } from '../shared/format.js';
import { curveGrid, targetFunction } from './models.js';
import { ParamSliders } from './sliders.js';
import { latestOnly } from '../shared/throttle.js';
import { curveOffChart } from './warnings.js';

const LOSS_LONG = {
  mae: 'MAE (mean absolute error: the average distance from each dot to the curve)',
  mse: 'MSE (mean squared error: the average of the squared distances from each dot to the curve)',
};

export class HandFit {
  /**
   * @param root the section; holds [data-role] hand-chart, hand-loss, hand-loss-name, sliders,
   *     apply, take, hand-error, hand-formula, truth, data-code, noise-story, show-truth
   * @param onApply called with the slider values when the person wants to train from there
   */
  constructor(root, { onApply }) {
    this.root = root;
    this.session = null;
    this.answer = null;
    this.chart = new FitChart(role(root, 'hand-chart'));
    this.loss = role(root, 'hand-loss');
    this.lossLabel = role(root, 'hand-loss-name');
    this.lossLong = role(root, 'hand-loss-long');
    this.formula = role(root, 'hand-formula');
    this.offChart = role(root, 'hand-off-chart');
    this.showTruth = role(root, 'show-truth');
    this.error = role(root, 'hand-error');
    this.sliders = new ParamSliders(role(root, 'sliders'), {
      onInput: (values) => {
        this.#formula(values);
        this.request(values);
      },
      describedBy: this.loss.id,
    });
    this.request = latestOnly((params, signal) => evaluate(this.session.id, params, signal), {
      intervalMs: 33,
      onAnswer: (answer) => this.#show(answer),
      onError: (error) => showError(this.error, error),
    });
    this.showTruth.addEventListener('change', () => this.#draw());
    role(root, 'apply').addEventListener('click', () => onApply(this.sliders.values()));
    role(root, 'take').addEventListener('click', () => {
      if (!this.session) return;
      this.sliders.setValues(this.session.currentParams());
      this.#formula(this.sliders.values());
      this.request(this.sliders.values());
    });
  }

  /**
   * Shows a session: the story of its data, its dots, and sliders set to its current parameters.
   * @param session {id, spec, data, paramNames, currentParams()}
   */
  attach(session) {
    this.session = session;
    const spec = session.spec;
    setText(this.lossLabel, lossName(spec.loss));
    setText(this.lossLong, LOSS_LONG[spec.loss] ?? lossName(spec.loss));
    const story = dataStory(spec);
    setText(role(this.root, 'truth'), story.truth);
    setText(role(this.root, 'data-code').firstElementChild, dataCode(spec));
    setText(role(this.root, 'noise-story'), `${story.points} ${story.noise}`);
    this.chart.setPoints(session.data);
    this.sliders.build(session.paramNames, session.currentParams());
    this.#formula(this.sliders.values());
    this.request(this.sliders.values());
  }

  /** New points (edited by hand in step 2): drawn, and the loss asked again on them. */
  setData(data) {
    if (!this.session) return;
    this.session = { ...this.session, data };
    this.chart.setPoints(data);
    this.request(this.sliders.values());
  }

  #formula(values) {
    setText(this.formula, modelFormula(this.session?.spec.model.kind, values));
  }

  #show(answer) {
    showError(this.error, null);
    this.answer = answer;
    setText(this.loss, num(answer.loss));
    this.loss.dataset.loss = Number.isFinite(answer.loss) ? String(answer.loss) : '';
    this.#draw();
  }

  #draw() {
    const curves = [];
    if (this.showTruth.checked && this.session) {
      const grid = curveGrid(this.session.spec, null);
      const truth = targetFunction(this.session.spec.data.target);
      curves.push({
        label: 'true function',
        x: grid,
        y: grid.map(truth),
        stroke: COLORS.truth,
        dash: [8, 6],
      });
    }
    if (this.answer) {
      const { x, y } = this.answer.curve;
      curves.push({ label: 'your curve', x, y, stroke: COLORS.curve });
      const off = curveOffChart(y, this.chart.shownRange());
      this.offChart.hidden = !off.left;
      setText(this.offChart, off.left ? off.text : '');
    }
    this.chart.setCurves(curves);
  }
}
