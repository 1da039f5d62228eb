// Wires the page together: the setup, the main session (steps 1, 2 and 4 share it), the ReLU
// section with its own fitting session, the WebSocket, and the page-wide switches. The main
// session's token is kept in sessionStorage so that a reload of this tab keeps the session;
// it never goes into the URL, and other sessions' tokens live only in memory.

import { createSession, presets, sessionData, sessionState, SessionHandle } from './api.js';
import { connectionPill, largeTypeSwitch } from '../shared/chrome.js';
import { LiveSocket } from '../shared/live-socket.js';
import { Accumulation } from './accumulate.js';
import { hideParam } from './classroom.js';
import { ClassroomDialog, applyClassroomLink } from './classroom-dialog.js';
import { ZeroingComparison } from './comparison.js';
import { fromTemplate, showError } from '../shared/dom.js';
import { HandFit } from './handfit.js';
import { HiddenLayers } from './hidden-layers.js';
import { ReluFit, ReluPlayground } from './relu.js';
import { Setup } from './setup.js';
import { TrainerPanel } from './trainer.js';

const STORE_KEY = 'downhill.main';

function mountTrainer(id) {
  const panel = fromTemplate('trainer-template');
  document.getElementById(id).append(panel);
  return panel;
}

function stored() {
  try {
    return JSON.parse(sessionStorage.getItem(STORE_KEY) || 'null');
  } catch {
    return null;
  }
}

async function main() {
  largeTypeSwitch();
  const hidden = applyClassroomLink();
  new ClassroomDialog(
    document.getElementById('classroom-dialog'),
    document.getElementById('share-classroom'),
    hidden,
  );
  const stream = new LiveSocket();
  connectionPill(stream);
  const pageError = document.getElementById('page-error');

  let setup = null;
  let accumulation = null;
  const accumulateStory = document.querySelector('#descent [data-role="accumulate-story"]');
  const descentComparison = new ZeroingComparison(
    document.querySelector('#descent [data-role="descent-compare"]'),
    { spec: () => setup.appliedSpec() },
  );
  const trainer = new TrainerPanel(mountTrainer('descent-trainer'), {
    stream,
    // The session is the one source of truth: the setup, the switch and the story follow it.
    onRender: (panel) => {
      if (accumulation) accumulation.sync(panel);
      if (setup) setup.reflect(panel.state);
      accumulateStory.hidden = !panel.state.accumulateGradients;
    },
    onCompare: () => descentComparison.show(),
    onData: (data) => hand.setData(data),
  });
  const handNote = document.querySelector('#hand [data-role="hand-note"]');
  const hand = new HandFit(document.getElementById('hand'), {
    onApply: async (params) => {
      const state = await trainer.restart(params);
      if (!state) return;
      setup.reflect(state, { start: true });
      handNote.textContent =
        'Done: gradient descent in step 2 starts afresh from these values (step 0, gradient ' +
        'zeroed), and its Reset comes back here.';
    },
  });
  new ReluPlayground(document.getElementById('relu'));
  const reluPanel = new TrainerPanel(mountTrainer('relu-trainer'), { stream });
  reluPanel.root.hidden = true;
  const reluFit = new ReluFit(document.getElementById('relu'), {
    panel: reluPanel,
    setupSpec: () => setup.appliedSpec(),
  });
  accumulation = new Accumulation(document.getElementById('loop'), {
    panel: trainer,
    setupSpec: () => setup.appliedSpec(),
  });
  window.addEventListener('pagehide', () => reluFit.dispose());

  let mainHandle = null;
  /** Shows a session as the main one; the previous main session is deleted. */
  async function useMain({ handle, state }) {
    const data = await sessionData(handle.id);
    const previous = mainHandle;
    mainHandle = handle;
    sessionStorage.setItem(
      STORE_KEY,
      JSON.stringify({ query: setup.query(), id: handle.id, token: handle.exportToken() }),
    );
    trainer.attach({ handle, state, data });
    hand.attach({
      id: handle.id,
      spec: state.spec,
      data,
      paramNames: state.paramNames,
      currentParams: () => trainer.currentParams(),
    });
    handNote.textContent = '';
    document.body.dataset.session = 'ready';
    if (previous && previous.id !== handle.id) previous.remove().catch(() => {});
  }

  let available;
  try {
    available = await presets();
  } catch (error) {
    showError(pageError, error);
    return;
  }
  setup = new Setup(document.getElementById('setup-form'), {
    presets: available,
    onSubmit: async (spec) => useMain(await createSession(spec)),
    keepQuery: () => hideParam(hidden),
    // A reload finds its session again only under the query it was kept with.
    onApplied: (query) => {
      const kept = stored();
      if (kept && mainHandle && kept.id === mainHandle.id && kept.query !== query) {
        sessionStorage.setItem(STORE_KEY, JSON.stringify({ ...kept, query }));
      }
    },
  });
  new HiddenLayers(document.querySelector('[data-role="hidden-layers"]'));
  setup.load(location.search);

  // A reload of this tab with the same setup keeps its session; anything else starts afresh.
  const kept = stored();
  if (kept && kept.query === setup.query()) {
    try {
      const state = await sessionState(kept.id);
      await useMain({ handle: new SessionHandle(kept.id, kept.token), state });
      setup.remember();
      return;
    } catch {
      // gone (server restarted or session deleted): start a new one below
    }
  } else if (kept) {
    new SessionHandle(kept.id, kept.token).remove().catch(() => {});
  }
  if (!(await setup.submit())) sessionStorage.removeItem(STORE_KEY);
}

main();
