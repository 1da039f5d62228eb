// How the sweep's rates are ranked, and what the page calls each ranking. The final loss of an
// oscillating run depends on where its swing happens to stop, so the page ranks by the best
// loss by default, and says which ranking it uses. Pure: curves and states in, numbers out.

export const RANKINGS = Object.freeze({
  best: {
    lowest: 'lowest best loss',
    note: 'the lowest loss each rate reached',
    noteDone: 'the lowest loss each rate reached',
  },
  final: {
    lowest: 'lowest final loss',
    note: 'the latest loss of each rate; final once done',
    noteDone: 'the final loss of each rate',
  },
  area: {
    lowest: 'smallest area under the curve',
    note: 'the area under each loss curve so far, as a mean loss per step',
    noteDone: 'the area under each loss curve, as a mean loss per step',
  },
});

const finite = (v) => typeof v === 'number' && Number.isFinite(v);

/**
 * The area under a loss curve per step, i.e. its mean loss: the trapezoid rule over the points
 * kept (steps xs, losses ys, null where unknown), divided by the steps it spans. Null with
 * fewer than one point; a single point is its own mean.
 */
export function meanLoss(xs, ys) {
  let area = 0;
  let first = null;
  let last = null;
  let previous = null;
  for (let i = 0; i < xs.length; i++) {
    const y = ys[i];
    if (!finite(y)) continue;
    if (previous !== null) area += ((y + previous.y) / 2) * (xs[i] - previous.x);
    if (first === null) first = { x: xs[i], y };
    previous = { x: xs[i], y };
    last = previous;
  }
  if (first === null) return null;
  if (last.x === first.x) return first.y;
  return area / (last.x - first.x);
}

/** The lowest finite value of a curve, or null. */
export function lowest(ys) {
  let min = null;
  for (const y of ys) if (finite(y) && (min === null || y < min)) min = y;
  return min;
}

/**
 * Variant k's score under a ranking (lower is better), or null when it has none yet.
 *
 * @param kind best, final or area
 * @param variant its state ({bestLoss, …})
 * @param finalLoss its latest loss (the page's lossOf)
 * @param xs, ys the steps and its losses as the page keeps them
 */
export function scoreOf(kind, { variant, finalLoss, xs, ys }) {
  if (kind === 'final') return finite(finalLoss) ? finalLoss : null;
  if (kind === 'area') return meanLoss(xs, ys);
  // The server's best covers every step; the curve's covers those that arrived since its state.
  const fromCurve = lowest(ys);
  const fromState = finite(variant.bestLoss) ? variant.bestLoss : null;
  if (fromCurve === null) return fromState;
  return fromState === null ? fromCurve : Math.min(fromCurve, fromState);
}

/**
 * The best entry among [{k, lr, score, diverged}]: the lowest score of a rate that did not
 * diverge; ties go to the smaller rate (the safer choice). Null when none has a score.
 */
export function bestOf(entries) {
  let best = null;
  for (const e of entries) {
    if (e.diverged || !finite(e.score)) continue;
    const better = best === null || e.score < best.score;
    if (better || (e.score === best.score && e.lr < best.lr)) best = e;
  }
  return best;
}
