// Step 4 of the lesson: sums of ReLUs. The playground is pure plotting of max(m·x + b, 0), so
// it runs in the browser with no request; it starts where the lesson's @interact cells start.
// Below it, k ReLUs are fitted to the data by gradient descent in a session of their own.

import { createSession, sessionData } from './api.js';
import { COLORS } from './colors.js';
import { FitChart } from './fit-chart.js';
import { role, setText, showError } from '../shared/dom.js';
import { num } from '../shared/format.js';
import { linspace, relu, reluSum } from './models.js';
import { ParamSliders } from './sliders.js';

/** The lesson's starting sliders and y limits for one, two and three ReLUs. */
const LESSON = {
  1: { params: [1, 2], yRange: [-1, 10] },
  2: { params: [-1.5, -2.0, 1.5, 1.7], yRange: [-1, 6] },
  3: { params: [-1.5, -2.0, 1.5, 1.7, -1.1, 2.0], yRange: [-1, 10] },
};
/** The lesson's plot_function(…, min=-5) draws x from −5 to 2.1. */
const X_FROM = -5;
const X_TO = 2.1;

export class ReluPlayground {
  constructor(root) {
    this.chart = new FitChart(role(root, 'relu-chart'), { yRange: LESSON[2].yRange });
    this.formula = role(root, 'relu-formula');
    this.chartEl = role(root, 'relu-chart');
    this.sliders = new ParamSliders(role(root, 'relu-sliders'), {
      onInput: () => this.draw(),
      range: 5,
      step: 0.05,
      describedBy: this.formula.id,
    });
    for (const radio of root.querySelectorAll('input[name="relu-count"]')) {
      radio.addEventListener('change', () => this.show(Number(radio.value)));
    }
    const checked = root.querySelector('input[name="relu-count"]:checked');
    this.show(checked ? Number(checked.value) : 2);
  }

  /** Shows k ReLUs at the lesson's starting values. */
  show(k) {
    const names = [];
    for (let i = 1; i <= k; i++) names.push(`m${i}`, `b${i}`);
    this.sliders.build(names, LESSON[k].params);
    this.chart.setYRange(LESSON[k].yRange);
    this.draw();
  }

  draw() {
    const params = this.sliders.values();
    const grid = linspace(X_FROM, X_TO, 300);
    for (let i = 0; i + 1 < params.length; i += 2) {
      const kink = -params[i + 1] / params[i];
      if (Number.isFinite(kink) && kink > X_FROM && kink < X_TO) grid.push(kink);
    }
    grid.sort((a, b) => a - b);
    // The sum goes first, so the dashed units are drawn over it and stay visible.
    const curves = [];
    if (params.length > 2) {
      curves.push({
        label: 'sum',
        x: grid,
        y: grid.map((x) => reluSum(params, x)),
        stroke: COLORS.loss,
        width: 1.8,
      });
    }
    for (let i = 0; i + 1 < params.length; i += 2) {
      curves.push({
        label: `ReLU ${i / 2 + 1}`,
        x: grid,
        y: grid.map((x) => relu(params[i], params[i + 1], x)),
        stroke: COLORS.units[(i / 2) % COLORS.units.length],
        width: 0.8,
        dash: [7, 5],
      });
    }
    this.chart.setCurves(curves);
    const terms = [];
    for (let i = 0; i + 1 < params.length; i += 2) {
      const b = params[i + 1];
      terms.push(`max(${num(params[i], 2)}x ${b < 0 ? '\u2212' : '+'} ${num(Math.abs(b), 2)}, 0)`);
    }
    setText(this.formula, `y = ${terms.join(' + ')}`);
    this.chartEl.dataset.sumAtZero = String(reluSum(params, 0));
  }
}

/**
 * The form that fits k ReLUs to the current setup's data: creates a relu-sum session, shows it
 * in a TrainerPanel and runs it at a pace people can watch.
 */
export class ReluFit {
  /**
   * @param root the section
   * @param panel a TrainerPanel for the fitting session
   * @param setupSpec function returning the current setup's spec
   */
  constructor(root, { panel, setupSpec }) {
    this.panel = panel;
    this.setupSpec = setupSpec;
    this.handle = null;
    this.error = role(root, 'relu-error');
    this.form = role(root, 'relu-fit-form');
    // ReLU fits take a thousand steps or so: watchable, but not at the slowest pace.
    role(panel.root, 'speed').value = '300';
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.fit();
    });
  }

  async fit() {
    const units = Math.round(Number(this.form.elements.units.value));
    const lr = Number(this.form.elements.lr.value);
    const steps = Math.round(Number(this.form.elements.steps.value));
    showError(this.error, null);
    const spec = {
      ...this.setupSpec(),
      model: { kind: 'relu-sum', units },
      lr,
      accumulateGradients: false,
    };
    delete spec.init; // the setup's starting values belong to its own model
    const submit = this.form.querySelector('button[type="submit"]');
    submit.disabled = true;
    try {
      const { handle, state } = await createSession(spec);
      const data = await sessionData(handle.id);
      this.#forget();
      this.handle = handle;
      this.panel.attach({ handle, state, data });
      this.panel.root.querySelector('[data-role="count"]').value = String(steps);
      await this.panel.run(steps);
    } catch (error) {
      showError(this.error, error);
    } finally {
      submit.disabled = false;
    }
  }

  /** Deletes the fitting session (also when the page goes away): it lives only for this page. */
  #forget({ keepalive = false } = {}) {
    if (this.handle) this.handle.remove({ keepalive }).catch(() => {});
    this.handle = null;
  }

  dispose() {
    this.#forget({ keepalive: true });
  }
}
