// The room's loss as numbers the chart draws: the median and quartiles of everyone's loss at
// each step, the loss of one trace at any step, which curve the pointer is on, and which lines a
// "best N / worst N" filter keeps. Pure functions of plain arrays, so Node's test runner checks
// them without a browser.

const finite = (v) => typeof v === 'number' && Number.isFinite(v);

/**
 * The loss a trace ({steps, losses}, steps ascending) had at `step`: that of its last recorded
 * step at or before it, or null before its first step or after its last.
 */
export function lossAt(trace, step) {
  const steps = trace.steps;
  if (!steps.length || step < steps[0] || step > steps[steps.length - 1]) return null;
  let lo = 0;
  let hi = steps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (steps[mid] <= step) lo = mid;
    else hi = mid - 1;
  }
  return trace.losses[lo];
}

/** The q-quantile (0 … 1) of sorted numbers, interpolated between neighbours. */
export function quantile(sorted, q) {
  if (!sorted.length) return null;
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  const above = Math.ceil(at);
  return sorted[below] + (sorted[above] - sorted[below]) * (at - below);
}

/** About `points` whole steps evenly spread over every trace's span (first to last step). */
export function stepGrid(traces, points = 200) {
  let first = Infinity;
  let last = -Infinity;
  for (const t of traces) {
    if (!t.steps.length) continue;
    first = Math.min(first, t.steps[0]);
    last = Math.max(last, t.steps[t.steps.length - 1]);
  }
  if (first > last) return [];
  const grid = [];
  const stride = Math.max(1, (last - first) / Math.max(1, points - 1));
  for (let s = first; s < last; s += stride) {
    const step = Math.round(s);
    if (grid[grid.length - 1] !== step) grid.push(step);
  }
  if (grid[grid.length - 1] !== last) grid.push(last);
  return grid;
}

/**
 * At each step of the grid, the first quartile, the median and the third quartile of the losses
 * of the traces that have reached that step (null where none has).
 */
export function stepQuartiles(traces, grid) {
  const q1 = [];
  const mid = [];
  const q3 = [];
  for (const step of grid) {
    const values = [];
    for (const t of traces) {
      const v = lossAt(t, step);
      if (finite(v)) values.push(v);
    }
    values.sort((a, b) => a - b);
    q1.push(quantile(values, 0.25));
    mid.push(quantile(values, 0.5));
    q3.push(quantile(values, 0.75));
  }
  return { q1, median: mid, q3 };
}

/**
 * The curve nearest the pointer: among candidates [{key, y}] (y the curve's height in pixels at
 * the pointer's step, null when it has none there), the one closest to pointerY within `reach`
 * pixels, or null.
 */
export function nearest(candidates, pointerY, reach = 24) {
  let best = null;
  for (const c of candidates) {
    if (!finite(c.y)) continue;
    const d = Math.abs(c.y - pointerY);
    if (d <= reach && (best === null || d < best.d)) best = { key: c.key, d };
  }
  return best ? best.key : null;
}

/**
 * The keys of the lines a filter keeps: 'all', or the n with the lowest ('best') or highest
 * ('worst') current loss; a session without a finite loss, or diverged, counts as the worst.
 * Ties keep the room's order (who joined first), so the choice does not flicker.
 */
export function pickShown(entries, mode, n) {
  if (mode !== 'best' && mode !== 'worst') return entries.map((e) => e.key);
  const rank = (e) => (!e.diverged && finite(e.loss) ? e.loss : Infinity);
  const ordered = entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => {
      const c = mode === 'best' ? rank(a.e) - rank(b.e) : rank(b.e) - rank(a.e);
      return c || a.i - b.i || 0;
    });
  return ordered.slice(0, Math.max(0, n)).map((x) => x.e.key);
}
