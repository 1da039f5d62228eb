// "The model's curve and the data" for a session the page follows (the participant's own in
// step 2, the spotlighted one): the data points once (again after a new scenario), and the curve
// drawn in the browser from the session's parameters at every step, as the lesson page does, so a
// room of hundreds running at 60 steps a second asks the server for nothing more.

import { sessionData } from '/js/api.js';
import { curveGrid, predictor } from '/js/models.js';
import { FitPlot } from './plots.js';

export class FitView {
  /** container: the chart's element; it carries data-curve-params for tests and scripts. */
  constructor(container) {
    this.container = container;
    this.plot = new FitPlot(container);
    this.session = null;
    this.loading = 0;
  }

  /** Follows `session` at `state` (a session state with spec and params); restarted reloads the data. */
  show(session, state, { restarted = false } = {}) {
    if (session !== this.session || restarted) {
      this.session = session;
      this.#loadData(session);
    }
    if (!state || !state.spec || !Array.isArray(state.params)) return;
    const grid = curveGrid(state.spec, state.params);
    const model = predictor(state.spec.model, state.params);
    const y = grid.map((x) => {
      const v = model(x);
      return Number.isFinite(v) ? v : null;
    });
    this.plot.setCurve({ x: grid, y });
    this.container.dataset.curveParams = state.params.join(',');
  }

  /** Stops following (the spotlight went off). */
  clear() {
    this.session = null;
    this.plot.setData({ x: [], y: [] });
    this.plot.setCurve({ x: [], y: [] });
    delete this.container.dataset.curveParams;
  }

  async #loadData(session) {
    const ticket = ++this.loading;
    try {
      const data = await sessionData(session);
      if (ticket !== this.loading || session !== this.session) return;
      this.plot.setData(data);
      this.container.dataset.dataPoints = String(data.x.length);
    } catch {
      // The curve still draws; the dots come with the next restart or reload.
    }
  }
}
