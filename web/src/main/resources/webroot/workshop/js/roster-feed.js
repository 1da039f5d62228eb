// What the instructor's roster hears about each participant's session: socket messages applied
// to the participant's entry, and the recorded steps fetched a few sessions at a time, so a
// reload of the page (a room of hundreds) does not ask the server for every history at once.

import { history } from '/js/api.js';
import { restartProgress, trackProgress } from './room-health.js';

/**
 * Applies one socket message to a participant's entry. Answers null for a message that changes
 * nothing, else {fetch}: whether the recorded steps should be read (steps were coalesced).
 */
export function applyMessage(entry, message, now) {
  switch (message.type) {
    case 'state': {
      const change = message.change;
      applyState(entry, message.state);
      if (change === 'reset' || change === 'reconfigured') {
        entry.trace.clear();
        entry.progress = restartProgress(entry.loss, entry.step, now);
      } else if (change === 'stopped') {
        entry.status = 'stopped';
      }
      entry.progress = trackProgress(entry.progress, entry.step, entry.loss, now);
      return { fetch: false };
    }
    case 'steps':
      for (const s of message.steps) applyStep(entry, s, now);
      return { fetch: false };
    case 'skipped':
      if (message.last) applyStep(entry, message.last, now);
      return { fetch: true };
    case 'error':
      entry.status = message.status === 404 ? 'gone' : entry.status;
      return { fetch: false };
    default:
      return null;
  }
}

function applyState(entry, state) {
  entry.status = state.status;
  entry.step = state.step;
  entry.loss = state.loss;
  entry.lr = state.nextLr ?? state.lr;
  entry.params = state.params;
  entry.grad = state.grad;
  entry.paramNames = state.paramNames;
  entry.lossKind = state.spec ? state.spec.loss : entry.lossKind;
}

function applyStep(entry, s, now) {
  entry.trace.add(s.step, s.loss);
  entry.step = s.step;
  if (s.loss !== null) entry.loss = s.loss;
  entry.lr = s.lr;
  entry.params = s.params;
  entry.grad = s.grad;
  entry.progress = trackProgress(entry.progress, s.step, s.loss, now);
}

/** Loads entries' recorded steps into their traces, at most `limit` requests at a time. */
export class HistoryQueue {
  constructor(limit, onLoaded) {
    this.limit = limit;
    this.onLoaded = onLoaded;
    this.queue = [];
    this.running = 0;
  }

  add(entry) {
    if (this.queue.includes(entry)) return;
    this.queue.push(entry);
    this.#pump();
  }

  #pump() {
    while (this.running < this.limit && this.queue.length) {
      const entry = this.queue.shift();
      this.running++;
      history(entry.session)
        .then((recorded) => {
          entry.trace.load(recorded.steps);
          this.onLoaded(entry);
        })
        .catch(() => {}) // the live steps still draw; a stopped session has no history
        .finally(() => {
          this.running--;
          this.#pump();
        });
    }
  }
}
