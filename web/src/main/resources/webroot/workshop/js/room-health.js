// Which sessions of a room need the instructor's attention, as pure functions of what the
// dashboard knows about each one, so the rules are easy to read, to test and to change.
//
// - diverged: the server stopped the run because the loss, gradient or parameters blew up.
// - stuck: both of
//   1. not getting anywhere: running, with no new best loss (by 0.1 %) in the last 150 steps;
//      or idle for 45 s with the loss still above half of where the session started; and
//   2. behind the room: the current loss is strictly above the median current loss of the
//      room's participants (at least two of them with a loss).
//   A run that never zeroes its gradient swings for ever and stops setting new bests even when
//   it is the best in the room; the second condition keeps such a run, and anyone at or better
//   than the middle of the room, from being flagged: the best participant is never stuck.

export const STUCK_STEPS = 150;
export const IDLE_MS = 45_000;
const MIN_GAIN = 1e-3;

const finite = (v) => typeof v === 'number' && Number.isFinite(v);

/** Starts following a session (when it joins, and after a reset, a new scenario or a fork). */
export function restartProgress(loss, step, now) {
  return trackProgress({ bestLoss: Infinity, bestStep: step, firstLoss: null, lastActive: now }, step, loss, now);
}

/** Follows a session's best loss; call for every step it makes and every change it reports. */
export function trackProgress(progress, step, loss, now) {
  progress.lastActive = now;
  if (!finite(loss)) return progress;
  if (progress.firstLoss === null) progress.firstLoss = loss;
  if (loss < progress.bestLoss * (1 - MIN_GAIN)) {
    progress.bestLoss = loss;
    progress.bestStep = step;
  }
  return progress;
}

/** The median of the finite numbers among values, or null when there are none. */
export function median(values) {
  const sorted = values.filter(finite).sort((a, b) => a - b);
  if (!sorted.length) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** What attention() needs to know of the whole room: its median loss and how many have one. */
export function roomStanding(sessions) {
  const losses = sessions
    .filter((s) => s.status !== 'diverged')
    .map((s) => s.loss)
    .filter(finite);
  return { median: median(losses), count: losses.length };
}

/** Rule 1 alone: the session is not getting anywhere. */
export function notImproving({ status, step, loss }, progress, now) {
  if (!progress || !finite(loss) || progress.firstLoss === null) return false;
  if (status === 'running') return step - progress.bestStep >= STUCK_STEPS;
  return status === 'idle' && now - progress.lastActive >= IDLE_MS && loss > 0.5 * progress.firstLoss;
}

/**
 * 'diverged' | 'stuck' | null for one participant: status is the session's status, step and loss
 * its latest, progress what trackProgress kept, room what roomStanding says of everyone.
 */
export function attention(session, progress, now, room) {
  if (session.status === 'diverged') return 'diverged';
  if (!notImproving(session, progress, now)) return null;
  const behind = room && room.count >= 2 && room.median !== null && session.loss > room.median;
  return behind ? 'stuck' : null;
}
