// The loss curve of one session as the page keeps it: (step, loss) pairs in step order, thinned
// when long so that a room of hundreds of sessions running for hours stays light. Thinning drops
// every other old point and keeps the newest, so recent steps keep their detail.

import { mergeHistory } from '/shared/history-merge.js';

const MAX_POINTS = 2000;

export class Trace {
  constructor(maxPoints = MAX_POINTS) {
    this.maxPoints = maxPoints;
    this.clear();
  }

  clear() {
    this.steps = [];
    this.losses = [];
  }

  get length() {
    return this.steps.length;
  }

  get lastStep() {
    return this.steps.length ? this.steps[this.steps.length - 1] : null;
  }

  /** Adds a step; a non-finite loss (sent as null) is left out, an old step is ignored. */
  add(step, loss) {
    if (typeof loss !== 'number' || !Number.isFinite(loss)) return;
    const last = this.lastStep;
    if (last !== null && step <= last) return;
    this.steps.push(step);
    this.losses.push(loss);
    if (this.steps.length > this.maxPoints) this.#thin();
  }

  /**
   * Puts recorded steps [{step, loss}] in place of what the trace holds, keeping the live steps
   * that arrived while the record was fetched (those after its last step) and the older ones
   * the server no longer keeps (shared/history-merge.js).
   */
  load(steps) {
    const live = this.steps.map((step, i) => ({ step, loss: this.losses[i] }));
    this.clear();
    for (const s of mergeHistory(live, steps)) this.add(s.step, s.loss);
  }

  #thin() {
    const keep = (_, i, all) => i % 2 === 0 || i === all.length - 1;
    this.steps = this.steps.filter(keep);
    this.losses = this.losses.filter(keep);
  }
}
