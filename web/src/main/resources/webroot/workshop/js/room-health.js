// Which sessions of a room need the instructor's attention, as pure functions of what the
// dashboard knows about each one, so the rules are easy to read and to change.
//
// - diverged: the server stopped the run because the loss, gradient or parameters blew up.
// - stuck: running, but the best loss has not improved by 0.1 % over the last 150 steps;
//   or idle for 45 s with a loss still above half of where the session started.

export const STUCK_STEPS = 150;
export const IDLE_MS = 45_000;
const MIN_GAIN = 1e-3;

/** Starts following a session (when it joins, and after a reset, a new scenario or a fork). */
export function restartProgress(loss, step, now) {
  return trackProgress({ bestLoss: Infinity, bestStep: step, firstLoss: null, lastActive: now }, step, loss, now);
}

/** Follows a session's best loss; call for every step it makes and every change it reports. */
export function trackProgress(progress, step, loss, now) {
  progress.lastActive = now;
  if (typeof loss !== 'number' || !Number.isFinite(loss)) return progress;
  if (progress.firstLoss === null) progress.firstLoss = loss;
  if (loss < progress.bestLoss * (1 - MIN_GAIN)) {
    progress.bestLoss = loss;
    progress.bestStep = step;
  }
  return progress;
}

/**
 * 'diverged' | 'stuck' | null for one participant: status is the session's status, step and loss
 * its latest, progress what trackProgress kept.
 */
export function attention({ status, step, loss }, progress, now) {
  if (status === 'diverged') return 'diverged';
  if (!progress || typeof loss !== 'number' || progress.firstLoss === null) return null;
  if (status === 'running' && step - progress.bestStep >= STUCK_STEPS) return 'stuck';
  if (
    status === 'idle' &&
    now - progress.lastActive >= IDLE_MS &&
    loss > 0.5 * progress.firstLoss
  ) {
    return 'stuck';
  }
  return null;
}
