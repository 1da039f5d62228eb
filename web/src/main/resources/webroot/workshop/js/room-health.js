// Which sessions of a room need the instructor's attention, as pure functions of what the
// dashboard knows about each one, so the rules are easy to read, to test and to change.
//
// - diverged: the server stopped the run because the loss, gradient or parameters blew up.
// - stuck: both of
//   1. not getting anywhere: running, with no new best loss (by 0.1 %) in the last 150 steps;
//      or idle for 45 s with the loss still above half of where the session started; and
//   2. behind the room: the session's level (its loss averaged over its last few dozen steps)
//      is strictly above the median level of the room's participants (at least two of them
//      with a loss), and its current loss is not the lowest in the room.
//   A run that never zeroes its gradient swings for ever and stops setting new bests even when
//   it is the best in the room; the second condition keeps such a run, and anyone at or better
//   than the middle of the room, from being flagged: the best participant is never stuck.
//   The level, not the current loss, is compared with the room, so a run swinging across the
//   room's middle keeps one flag instead of gaining and losing it at every step.

export const STUCK_STEPS = 150;
export const IDLE_MS = 45_000;
const MIN_GAIN = 1e-3;
/** How much of each new loss goes into the level: it follows roughly the last 40 steps. */
const LEVEL_WEIGHT = 0.05;

const finite = (v) => typeof v === 'number' && Number.isFinite(v);

/** Starts following a session (when it joins, and after a reset, a new scenario or a fork). */
export function restartProgress(loss, step, now) {
  const fresh = { bestLoss: Infinity, bestStep: step, firstLoss: null, level: null, lastActive: now };
  return trackProgress(fresh, step, loss, now);
}

/** Follows a session's best loss; call for every step it makes and every change it reports. */
export function trackProgress(progress, step, loss, now) {
  progress.lastActive = now;
  if (!finite(loss)) return progress;
  if (progress.firstLoss === null) progress.firstLoss = loss;
  progress.level = finite(progress.level) ? progress.level + LEVEL_WEIGHT * (loss - progress.level) : loss;
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

/** A session's level: its averaged loss when followed, else its current loss. */
export function levelOf(session, progress = session.progress) {
  return progress && finite(progress.level) ? progress.level : session.loss;
}

/**
 * What attention() needs to know of the whole room: the median level, how many have a loss, and
 * the lowest current loss (the best participant's, as the roster shows it).
 */
export function roomStanding(sessions) {
  const standing = sessions.filter((s) => s.status !== 'diverged' && finite(s.loss));
  const losses = standing.map((s) => s.loss);
  return {
    median: median(standing.map((s) => levelOf(s))),
    count: losses.length,
    lowest: losses.length ? Math.min(...losses) : null,
  };
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
  if (!room || room.count < 2 || room.median === null) return null;
  const best = room.lowest !== null && room.lowest !== undefined && session.loss <= room.lowest;
  return !best && levelOf(session, progress) > room.median ? 'stuck' : null;
}
