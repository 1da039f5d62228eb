// Wires the sweep page: the setup form, creating a sweep, the WebSocket that streams it, and the
// live view. The sweep's token is kept in sessionStorage (with the setup it was made from), so a
// reload of this tab finds the sweep again; the URL holds only the setup, never the token.

import { presets } from '/js/api.js';
import { connectionPill, largeTypeSwitch } from '/shared/chrome.js';
import { showError } from '/shared/dom.js';
import { LiveSocket } from '/shared/live-socket.js';
import { SweepData } from './curves.js';
import { LiveView } from './live-view.js';
import { SetupForm } from './setup-form.js';
import { SweepHandle, createSweep, sweepCurves, sweepState } from './sweep-api.js';

const STORE_KEY = 'downhill.sweep';

const pageError = document.getElementById('page-error');
const sweep = new SweepData();
let current = null; // {handle, unwatch}
let pollTimer = 0;
let backfilling = null;
let backfillAgain = false;
let startOnSubscribe = null; // a new sweep, started once the stream watches it
const START_ANYWAY_MS = 4000;

function stored() {
  try {
    return JSON.parse(sessionStorage.getItem(STORE_KEY) || 'null');
  } catch {
    return null;
  }
}

function main() {
  largeTypeSwitch();
  const stream = new LiveSocket();
  connectionPill(stream);
  const view = new LiveView(sweep, { onDrive: drive });
  const details = document.getElementById('setup');
  const form = new SetupForm(document.getElementById('setup-form'), {
    summary: document.getElementById('setup-summary'),
    preview: document.getElementById('setup-preview'),
    error: document.getElementById('setup-error'),
    onSubmit: create,
  });
  form.load(location.search);
  presets()
    .then((all) => {
      const map = {};
      for (const [name, spec] of Object.entries(all || {})) {
        if (typeof spec?.accumulateGradients === 'boolean') map[name] = spec.accumulateGradients;
      }
      form.setPresetAccumulates(map);
    })
    .catch(() => {}); // the built-in defaults stand

  async function create(setup) {
    form.busy(true);
    showError(pageError, null);
    try {
      // Created paused and run once subscribed, so the stream carries every step from the first
      // (a sweep of a few thousand steps can finish before a subscription would land).
      const { handle, state } = await createSweep({ ...form.request(setup), start: false });
      const previous = current;
      sessionStorage.setItem(
        STORE_KEY,
        JSON.stringify({ id: handle.id, token: handle.exportToken(), query: form.query() }),
      );
      attach(handle, state);
      startOnSubscribe = handle.id;
      // Without a live stream the sweep still runs; a reload or a reconnect fills in its curves.
      setTimeout(() => startNow(handle.id), START_ANYWAY_MS);
      details.open = false;
      document.getElementById('live').focus();
      // The sweep it replaces is stopped, so a session of trials does not pile up on the server.
      if (previous) previous.handle.remove().catch(() => {});
    } catch (error) {
      form.showErrors([{ field: error.field, message: error.message }]);
    } finally {
      form.busy(false);
    }
  }

  function startNow(id) {
    if (startOnSubscribe !== id || sweep.id !== id) return;
    startOnSubscribe = null;
    drive('run');
  }

  function attach(handle, state) {
    if (current) current.unwatch();
    sweep.start(state);
    view.show();
    current = { handle, unwatch: stream.watch('sweep', handle.id, onMessage) };
    poll();
  }

  function forget(message) {
    if (current) current.unwatch();
    current = null;
    sessionStorage.removeItem(STORE_KEY);
    view.clear(message);
  }

  function onMessage(message, { gap }) {
    if (message.type === 'error') {
      if (message.status === 404) {
        forget('That sweep is gone (the server restarted?): create a new one.');
      } else {
        showError(pageError, { message: message.error, field: message.field });
      }
      return;
    }
    if (message.type === 'sweep-progress') {
      sweep.addProgress(message);
      if (gap) backfill();
    } else if (message.type === 'sweep-state') {
      sweep.applyState(message.state);
      // After (re)subscribing or a gap, the export fills in what this page missed.
      if (message.change === 'subscribed' || message.change === 'recovered' || gap) {
        if (message.state.step > 0) backfill();
      }
      if (message.change === 'subscribed') startNow(message.sweep);
      if (message.change === 'stopped') {
        forget('The sweep was stopped. Create a new one to go on.');
        return;
      }
      poll();
    }
    view.render();
  }

  /** Fetches the recorded curves; calls made meanwhile collapse into one more fetch. */
  function backfill() {
    if (backfilling) {
      backfillAgain = true;
      return;
    }
    const id = sweep.id;
    backfilling = sweepCurves(id)
      .then((curves) => {
        if (sweep.id === id) {
          sweep.addCurves(curves);
          view.render();
        }
      })
      .catch((error) => showError(pageError, error))
      .finally(() => {
        backfilling = null;
        if (backfillAgain) {
          backfillAgain = false;
          backfill();
        }
      });
  }

  /**
   * While the sweep runs, reads its state now and then: the stream announces a variant's
   * divergence or target only with the next run-level change, and the marks should appear live.
   */
  function poll() {
    if (pollTimer || sweep.status !== 'running') return;
    const every = Math.max(1000, Math.min(10000, sweep.k));
    pollTimer = setTimeout(async () => {
      const id = sweep.id;
      try {
        const state = await sweepState(id);
        if (sweep.id === id && sweep.applyState(state)) view.render();
      } catch {
        // the stream reports a missing sweep
      } finally {
        pollTimer = 0;
        poll();
      }
    }, every);
  }

  async function drive(action) {
    if (!current) return;
    showError(pageError, null);
    try {
      const state = await current.handle[action]();
      if (sweep.applyState(state)) view.render();
      poll();
    } catch (error) {
      showError(pageError, error);
    }
  }

  // A reload of this tab comes back to its sweep, if the address still describes its setup.
  const saved = stored();
  if (saved && saved.id && saved.token && saved.query === form.query()) {
    sweepState(saved.id)
      .then((state) => {
        attach(new SweepHandle(saved.id, saved.token), state);
        details.open = false;
      })
      .catch((error) => {
        if (error.status === 404) sessionStorage.removeItem(STORE_KEY);
        else showError(pageError, error);
      });
  }
}

main();
