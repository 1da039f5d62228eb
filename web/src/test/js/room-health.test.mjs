// The STUCK rule: not getting anywhere and behind the room; never the best participant.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  attention,
  IDLE_MS,
  median,
  restartProgress,
  roomStanding,
  STUCK_STEPS,
  trackProgress,
} from '../../main/resources/webroot/workshop/js/room-health.js';

/** A run whose loss swings between two values for `steps` steps (a gradient never zeroed). */
function swinging(low, high, steps) {
  const progress = restartProgress(high, 0, 0);
  let loss = high;
  for (let step = 1; step <= steps; step++) {
    loss = step % 2 ? low : high;
    trackProgress(progress, step, loss, step);
  }
  return { session: { status: 'running', step: steps, loss }, progress };
}

test('the median of an odd and an even count, ignoring what is not a number', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([null, NaN, 5]), 5);
  assert.equal(median([]), null);
});

test('the best participant is never stuck, however long their loss stays put', () => {
  const best = swinging(2.15, 2.2, STUCK_STEPS * 3);
  const other = swinging(3.0, 3.1, STUCK_STEPS * 3);
  const room = roomStanding([best.session, other.session, { status: 'idle', loss: 4.4 }]);
  assert.equal(attention(best.session, best.progress, 1e9, room), null);
  assert.equal(attention(other.session, other.progress, 1e9, room), null, 'at the median');
});

test('a run behind the room with no new best in 150 steps is stuck', () => {
  const behind = swinging(4.0, 4.1, STUCK_STEPS + 2);
  const room = roomStanding([behind.session, { status: 'running', loss: 2.1 }, { status: 'running', loss: 2.5 }]);
  assert.equal(attention(behind.session, behind.progress, 0, room), 'stuck');
});

test('a run that keeps improving is not stuck, even far behind', () => {
  const progress = restartProgress(10, 0, 0);
  let loss = 10;
  for (let step = 1; step <= 500; step++) trackProgress(progress, step, (loss *= 0.99), step);
  const session = { status: 'running', step: 500, loss };
  assert.equal(attention(session, progress, 0, { median: 0.001, count: 5 }), null);
});

test('alone in the room nobody is stuck: there is no room to be behind', () => {
  const alone = swinging(4.0, 4.1, STUCK_STEPS * 2);
  assert.equal(attention(alone.session, alone.progress, 0, roomStanding([alone.session])), null);
});

test('idle 45 s above half the starting loss and behind the room is stuck', () => {
  const progress = restartProgress(4.4, 0, 0);
  const session = { status: 'idle', step: 0, loss: 4.4 };
  const room = roomStanding([session, { status: 'idle', loss: 2 }, { status: 'idle', loss: 3 }]);
  assert.equal(attention(session, progress, IDLE_MS - 1, room), null);
  assert.equal(attention(session, progress, IDLE_MS, room), 'stuck');
});

test('a diverged run is flagged diverged, and does not count toward the median', () => {
  const room = roomStanding([{ status: 'diverged', loss: 1e300 }, { status: 'idle', loss: 2 }]);
  assert.deepEqual(room, { median: 2, count: 1, lowest: 2 });
  assert.equal(attention({ status: 'diverged', step: 3, loss: null }, null, 0, room), 'diverged');
});

test('a run swinging across the middle of the room keeps one flag at every step', () => {
  // Never zeroed: 2.9, 3.7, 2.9, … — its current loss is below the room's middle every other
  // step, but its level (about 3.3) stays above the others' (2.5, 3.0, 3.1).
  const steady = (loss) => {
    const progress = restartProgress(loss, 0, 0);
    for (let step = 1; step <= STUCK_STEPS * 2; step++) trackProgress(progress, step, loss, step);
    return { status: 'running', step: STUCK_STEPS * 2, loss, progress };
  };
  const others = [steady(2.5), steady(3.0), steady(3.1)];
  const progress = restartProgress(3.7, 0, 0);
  const flags = new Set();
  for (let step = 1; step <= STUCK_STEPS * 3; step++) {
    const loss = step % 2 ? 2.9 : 3.7;
    trackProgress(progress, step, loss, step);
    if (step < STUCK_STEPS + 50) continue;
    const session = { status: 'running', step, loss, progress };
    flags.add(attention(session, progress, step, roomStanding([...others, session])));
  }
  assert.deepEqual([...flags], ['stuck']);
});

test('a swinging run at the lowest current loss is not stuck, whatever its level', () => {
  const progress = restartProgress(9, 0, 0);
  for (let step = 1; step <= STUCK_STEPS * 2; step++) trackProgress(progress, step, step % 2 ? 1 : 9, step);
  const session = { status: 'running', step: STUCK_STEPS * 2 + 1, loss: 1, progress };
  const room = roomStanding([session, { status: 'running', loss: 2 }, { status: 'running', loss: 3 }]);
  assert.equal(attention(session, progress, 0, room), null);
});
