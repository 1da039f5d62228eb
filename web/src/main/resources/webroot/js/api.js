// The lesson's endpoints under /api/sessions and /api/presets, one function each, through the
// shared request wrapper (/shared/request.js). Driving a session needs its owner token, which a
// SessionHandle keeps in a private field: it goes into the Authorization header, never a URL.

import { request, TokenHandle } from '../shared/request.js';

const sessionPath = (id) => `/api/sessions/${encodeURIComponent(id)}`;

/** Named starting specs, {name: spec}. */
export const presets = () => request('GET', '/api/presets');

/** The state of any session; watching needs no token. */
export const sessionState = (id) => request('GET', sessionPath(id));

/** The data points {x, y}. */
export const sessionData = (id) => request('GET', sessionPath(id) + '/data');

/** The loss, its gradient and the curve at other parameters; changes nothing, needs no token. */
export const evaluate = (id, params, signal) =>
  request('POST', sessionPath(id) + '/evaluate', { body: { params }, signal });

/** Step {@code step} of the session's run as it was made, recomputed by the server. */
export const stepAt = (id, step) => request('GET', `${sessionPath(id)}/at/${step}`);

/**
 * The recorded steps {paramNames, dropped, total, steps} from step `from` on (all by default),
 * before step `until` when given. The server answers in pages of bounded size; this follows each
 * page's `next` until the end.
 */
export async function history(id, { from = 1, until = Infinity } = {}) {
  let page = await request('GET', `${sessionPath(id)}/history?format=json&from=${from}`);
  const steps = [];
  const first = page;
  for (;;) {
    for (const step of page.steps) {
      if (step.step >= until) return { ...first, next: null, steps };
      steps.push(step);
    }
    if (page.next === null || page.next === undefined || page.next >= until) break;
    page = await request('GET', `${sessionPath(id)}/history?format=json&from=${page.next}`);
  }
  return { ...first, next: null, steps };
}

/** Where the history downloads from, as CSV or JSON. */
export const historyUrl = (id, format) => `${sessionPath(id)}/history?format=${format}`;

/** Creates a session; resolves to a handle and the session's first state. */
export async function createSession(spec) {
  const created = await request('POST', '/api/sessions', { body: spec });
  const { token, ...state } = created;
  return { handle: new SessionHandle(state.id, token), state };
}

/** What the owner of one session may do with it. */
export class SessionHandle extends TokenHandle {
  #drive(method, suffix, body, options = {}) {
    return this.send(method, sessionPath(this.id) + suffix, { body, ...options });
  }

  /**
   * {steps, state} after count steps. The server answers the last steps that fit its budget
   * (`truncated`, `omitted`); the first ones are read back from the history.
   */
  async step(count) {
    const answer = await this.#drive('POST', '/steps', { count });
    if (!answer.truncated || !answer.steps.length) return answer;
    const first = answer.steps[0].step - answer.omitted;
    const earlier = await history(this.id, { from: first, until: answer.steps[0].step });
    return { ...answer, steps: [...earlier.steps, ...answer.steps], truncated: false, omitted: 0 };
  }

  run(count, stepsPerSecond) {
    return this.#drive('POST', '/run', { count, stepsPerSecond });
  }

  pause() {
    return this.#drive('POST', '/pause');
  }

  reset() {
    return this.#drive('POST', '/reset');
  }

  /** A fresh start from params (step 0, gradient zeroed); reset then returns there. */
  restart(params) {
    return this.#drive('POST', '/restart', { params });
  }

  setLearningRate(lr) {
    return this.#drive('PUT', '/lr', { lr });
  }

  setParams(params) {
    return this.#drive('PUT', '/params', { params });
  }

  setAccumulateGradients(accumulateGradients) {
    return this.#drive('PUT', '/accumulate', { accumulateGradients });
  }

  /** Adds a training point after the others; answers the state (its loss on the new points). */
  addPoint(x, y) {
    return this.#drive('POST', '/data/points', { x, y });
  }

  movePoint(index, x, y) {
    return this.#drive('PUT', `/data/points/${index}`, { x, y });
  }

  removePoint(index) {
    return this.#drive('DELETE', `/data/points/${index}`);
  }

  /** Puts the spec's own training points back, undoing every edit. */
  restorePoints() {
    return this.#drive('POST', '/data/restore');
  }

  /** Deletes the session; keepalive lets it finish while the page unloads. */
  remove({ keepalive = false } = {}) {
    return this.#drive('DELETE', '', undefined, { keepalive });
  }
}
