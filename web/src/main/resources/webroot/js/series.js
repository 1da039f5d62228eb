// The steps of one run as a chart draws them. A run may be millions of steps long, so the
// series keeps at most `cap` points: when full it drops every other point and from then on
// keeps one step in `stride`. The newest step is always the last point, so the end of a run is
// never missing.

export class StepSeries {
  constructor(cap = 20000) {
    this.cap = cap;
    this.clear();
  }

  clear() {
    this.xs = [];
    this.ys = [];
    this.vys = []; // the validation loss of each point, null where a step has none
    this.hasValidation = false;
    this.records = []; // the full step ({step, loss, grad, params, lr}) behind each point
    this.stride = 1;
    this.lastKept = -Infinity;
    this.tailIsExtra = false; // the last point is off-stride, kept only because it is newest
    this.first = null;
    this.last = null;
    this.received = 0;
    this.maxLoss = -Infinity;
    // Bumps on every change, clearing included, so a chart redraws exactly when needed.
    this.version = (this.version ?? 0) + 1;
  }

  get length() {
    return this.xs.length;
  }

  /** Adds one step; a step not newer than the last one (a replay) is ignored. */
  add(record) {
    if (!record || typeof record.step !== 'number') return false;
    if (this.last && record.step <= this.last.step) return false;
    if (this.tailIsExtra) {
      this.xs.pop();
      this.ys.pop();
      this.vys.pop();
      this.records.pop();
    }
    this.xs.push(record.step);
    // null, not NaN, for a missing loss: uPlot leaves a gap, and nothing prints "NaN".
    this.ys.push(Number.isFinite(record.loss) ? record.loss : null);
    const v = record.validationLoss;
    this.vys.push(Number.isFinite(v) ? v : null);
    if (Number.isFinite(v)) this.hasValidation = true;
    this.records.push(record);
    if (record.loss > this.maxLoss) this.maxLoss = record.loss;
    this.tailIsExtra = record.step - this.lastKept < this.stride;
    if (!this.tailIsExtra) this.lastKept = record.step;
    if (this.first === null) this.first = record;
    this.last = record;
    this.received++;
    this.version++;
    if (this.xs.length >= this.cap) this.#halve();
    return true;
  }

  #halve() {
    const keep = (_, i) => i % 2 === 0 || i === this.xs.length - 1;
    this.xs = this.xs.filter(keep);
    this.ys = this.ys.filter(keep);
    this.vys = this.vys.filter(keep);
    this.records = this.records.filter(keep);
    this.stride *= 2;
    this.tailIsExtra = false;
    this.lastKept = this.last.step;
  }

  /** A frozen copy of the points, e.g. to show a previous run beside the next one. */
  snapshot() {
    return { xs: this.xs.slice(), ys: this.ys.slice() };
  }
}
