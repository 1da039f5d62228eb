// Everything the page knows about one sweep: each variant's state and its loss curve, merged by
// step from live progress and from the export endpoint (after a reload or a gap). The curves are
// columns ready for uPlot — xs (steps) and ys[k] (variant k's loss, null where unknown) — and
// stay bounded however long the sweep: a step is kept when it lies at least step/density after
// the last kept one, so every early step is kept and later ones thin out evenly on a log scale
// (the story of a learning rate is told in its first steps). Step 1, the newest step and the
// steps where variants stopped are always kept.
//
// A variant that stopped (diverged, or reached the target) keeps repeating its last loss in the
// progress messages; its curve is cut at the step where it stopped, which its state tells.

const MAX_VALUES = 400_000;

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

export class SweepData {
  constructor({ maxValues = MAX_VALUES } = {}) {
    this.maxValues = maxValues;
    this.id = null;
    this.variants = [];
    this.version = 0; // bumps on every change of curves or states
    this.stateVersion = 0; // bumps when a state is applied
    this.#clearRows();
  }

  /** Starts over with a new sweep (its first state). */
  start(state) {
    this.id = state.id;
    this.variants = [];
    this.seq = -1; // the newest event seen, from states and progress alike
    this.resetSeq = -1; // the event that last reset the sweep
    this.status = null;
    this.step = 0;
    this.steps = state.steps;
    this.target = null;
    this.#clearRows();
    this.applyState(state);
  }

  get k() {
    return this.variants.length;
  }

  get maxRows() {
    return Math.max(200, Math.min(4000, Math.floor(this.maxValues / Math.max(1, this.k))));
  }

  /** Rows per unit of log(step): the whole sweep then fits in about maxRows rows. */
  get density() {
    return this.maxRows / (Math.log(Math.max(2, this.steps)) + 1);
  }

  /** Whether step, coming `gap` steps after the last kept one, is worth keeping. */
  #worth(step, gap) {
    return step === 1 || this.pinned.has(step) || gap >= step / this.density;
  }

  #clearRows() {
    const k = this.variants.length;
    this.xs = [];
    this.ys = Array.from({ length: k }, () => []);
    this.first = Array.from({ length: k }, () => null); // {step, loss}
    this.latest = Array.from({ length: k }, () => null); // {step, loss}
    this.end = new Array(k).fill(Infinity); // the last step of a stopped variant's curve
    this.pinned = new Set(); // steps always kept: where a variant stopped
    this.version++;
  }

  /**
   * Applies a sweep state unless something newer was seen. A state whose step went back means the
   * sweep was reset: the curves start again. Answers whether it was applied.
   */
  applyState(state) {
    if (!state || state.id !== this.id) return false;
    if (typeof state.seq === 'number' && state.seq < this.seq) return false;
    const wasReset = state.step < this.step;
    const resized = state.variants.length !== this.variants.length;
    if (wasReset) this.resetSeq = state.seq;
    this.seq = state.seq ?? this.seq;
    this.status = state.status;
    this.step = state.step;
    this.steps = state.steps;
    this.stepsPerSecond = isNum(state.stepsPerSecond) ? state.stepsPerSecond : 0;
    this.target = isNum(state.target) ? state.target : null;
    // At step 0 nothing has run, whatever the variants say: the state that announces a reset
    // still carries each variant as it stood before it (the sweep publishes before its batches
    // have reset), and must not pin old divergences onto the fresh curves.
    this.variants = state.variants.map((v) =>
      state.step === 0
        ? { ...v, status: 'active', steps: 0, loss: null, bestLoss: null, reachedTargetAt: null }
        : { ...v },
    );
    if (wasReset || resized) this.#clearRows();
    this.variants.forEach((v, k) => this.#applyEnd(k, v));
    this.stateVersion++;
    this.version++;
    return true;
  }

  /** The step after which variant k draws nothing, from its state. */
  static endOf(v) {
    if (v.status === 'diverged') return v.steps;
    if (v.status === 'reached-target' && isNum(v.reachedTargetAt)) return v.reachedTargetAt;
    return Infinity;
  }

  #applyEnd(k, v) {
    const end = SweepData.endOf(v);
    if (end === this.end[k]) return;
    this.end[k] = end;
    if (end === Infinity) return;
    const ys = this.ys[k];
    for (let i = this.xs.length - 1; i >= 0 && this.xs[i] > end; i--) ys[i] = null;
    if (this.latest[k] && this.latest[k].step > end) this.latest[k] = null;
    // The state knows the loss at the step where the variant stopped (its last finite loss): the
    // curve ends exactly there even when the stream or the export thinned that step out.
    if (end >= 1 && isNum(v.loss)) {
      this.pinned.add(end);
      this.#put(k, this.#row(end), end, v.loss);
    }
  }

  /** The row of `step`, added when missing; -1 when the step falls between kept ones. */
  #row(step) {
    const xs = this.xs;
    const n = xs.length;
    if (n === 0 || step > xs[n - 1]) {
      // The newest step is always kept; the one it replaces as newest goes if not worth keeping.
      if (n > 1 && !this.#worth(xs[n - 1], xs[n - 1] - xs[n - 2])) {
        xs.pop();
        for (const ys of this.ys) ys.pop();
      }
      xs.push(step);
      for (const ys of this.ys) ys.push(null);
      return xs.length - 1;
    }
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[mid] < step) lo = mid + 1;
      else hi = mid;
    }
    if (xs[lo] === step) return lo;
    if (!this.#worth(step, lo > 0 ? step - xs[lo - 1] : step)) return -1;
    xs.splice(lo, 0, step);
    for (const ys of this.ys) ys.splice(lo, 0, null);
    return lo;
  }

  #put(k, row, step, loss) {
    const value = step <= this.end[k] && isNum(loss) ? loss : null;
    this.ys[k][row] = value;
    if (value === null) return;
    if (!this.first[k] || step < this.first[k].step) this.first[k] = { step, loss: value };
    if (!this.latest[k] || step >= this.latest[k].step) this.latest[k] = { step, loss: value };
  }

  /** Merges a "sweep-progress" message: {steps, variants, losses[i][j]}. */
  addProgress(message) {
    const { steps, variants, losses } = message;
    if (!Array.isArray(steps) || !Array.isArray(variants)) return;
    // Progress from before a reset can arrive after it (the reset's answer came over HTTP).
    if (typeof message.seq === 'number' && message.seq < this.resetSeq) return;
    if (typeof message.seq === 'number') this.seq = Math.max(this.seq, message.seq);
    if (steps.length > 0) this.step = Math.max(this.step, steps[steps.length - 1]);
    for (let j = 0; j < steps.length; j++) {
      const row = this.#row(steps[j]);
      if (row < 0) continue;
      for (let i = 0; i < variants.length; i++) {
        const k = variants[i];
        if (k >= 0 && k < this.k) this.#put(k, row, steps[j], losses[i]?.[j]);
      }
    }
    this.#cap();
    this.version++;
  }

  /**
   * Merges an export ({sweep, steps, losses[k][i]}), e.g. after a reload or a gap. Live progress
   * may have overtaken it, which the merge by step absorbs; an export from before the last reset
   * is dropped.
   */
  addCurves(curves) {
    if (!curves || !curves.sweep || curves.sweep.id !== this.id) return;
    if (curves.sweep.seq < this.resetSeq) return;
    this.applyState(curves.sweep);
    const steps = curves.steps || [];
    const losses = curves.losses || [];
    // One merge of two sorted step lists, cheaper than inserting rows one by one.
    const xs = [];
    const ys = this.ys.map(() => []);
    let a = 0;
    let b = 0;
    while (a < this.xs.length || b < steps.length) {
      const mine = a < this.xs.length ? this.xs[a] : Infinity;
      const theirs = b < steps.length ? steps[b] : Infinity;
      const step = Math.min(mine, theirs);
      xs.push(step);
      for (let k = 0; k < ys.length; k++) {
        const own = mine === step ? this.ys[k][a] : null;
        ys[k].push(own ?? (theirs === step ? (losses[k]?.[b] ?? null) : null));
      }
      if (mine === step) a++;
      if (theirs === step) b++;
    }
    this.xs = xs;
    this.ys = ys;
    for (let k = 0; k < ys.length; k++) {
      this.first[k] = null;
      this.latest[k] = null;
      for (let i = 0; i < xs.length; i++) {
        if (xs[i] > this.end[k]) ys[k][i] = null;
        const v = ys[k][i];
        if (!isNum(v)) continue;
        if (!this.first[k]) this.first[k] = { step: xs[i], loss: v };
        this.latest[k] = { step: xs[i], loss: v };
      }
    }
    this.#cap();
    this.version++;
  }

  /** Thins rows that merges brought closer than the density allows (first and last stay). */
  #cap() {
    const xs = this.xs;
    if (xs.length < 3) return;
    const keep = new Array(xs.length).fill(true);
    let kept = xs[0];
    for (let i = 1; i < xs.length - 1; i++) {
      keep[i] = this.#worth(xs[i], xs[i] - kept);
      if (keep[i]) kept = xs[i];
    }
    if (keep.every(Boolean)) return;
    this.xs = xs.filter((_, i) => keep[i]);
    this.ys = this.ys.map((ys) => ys.filter((_, i) => keep[i]));
  }

  /** Variant k's loss now: its latest drawn value, or its state's once it has stopped. */
  lossOf(k) {
    const v = this.variants[k];
    if (this.end[k] !== Infinity || this.status === 'finished') {
      if (isNum(v.loss)) return v.loss;
    }
    return this.latest[k]?.loss ?? (isNum(v.loss) ? v.loss : null);
  }

  /** How many variants stand in each status. */
  counts() {
    const counts = { active: 0, finished: 0, diverged: 0, 'reached-target': 0 };
    for (const v of this.variants) counts[v.status] = (counts[v.status] ?? 0) + 1;
    return counts;
  }
}
