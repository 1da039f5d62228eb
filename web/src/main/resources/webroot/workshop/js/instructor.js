// The instructor's page: open a workshop, show its join code, and watch the whole room over
// one WebSocket (the workshop with the instructor token, and every participant's session as
// they join). The instructor token lives in sessionStorage, so a reload of this tab keeps the
// workshop. Another tab or device gets the room back from the recovery link shown once at
// creation: it holds the token in the URL fragment, which a browser never sends to a server.

import { role, setText, showError } from '/shared/dom.js';
import { largeTypeSwitch } from '/shared/chrome.js';
import { forget, remember, stored } from './instructor-store.js';
import { ScenarioFields } from './scenario-form.js';
import { InstructorHandle, openWorkshop } from './workshop-api.js';
import { Room } from './room.js';

/** Shows the recovery link once, right after the workshop opened. */
function showRecoveryLink(link) {
  const panel = document.getElementById('recovery');
  if (!panel || !link) return;
  const url = new URL(link, location.origin).href;
  const field = role(panel, 'recovery-link');
  field.value = url;
  panel.hidden = false;
  role(panel, 'recovery-copy').addEventListener('click', async () => {
    field.select();
    try {
      await navigator.clipboard.writeText(url);
      setText(role(panel, 'recovery-note'), 'Copied. Keep it somewhere only you can see.');
    } catch {
      setText(role(panel, 'recovery-note'), 'Select the link and copy it.');
    }
  });
  role(panel, 'recovery-done').addEventListener('click', () => {
    field.value = '';
    panel.hidden = true;
  });
}

function showCreate(note) {
  const section = document.getElementById('create');
  section.hidden = false;
  const form = document.getElementById('create-form');
  const fields = new ScenarioFields(role(form, 'scenario'), document.getElementById('scenario-template'));
  const error = role(form, 'create-error');
  if (note) showError(error, { message: note });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    showError(error, null);
    const title = form.elements.title.value.trim();
    if (!title) {
      showError(error, { field: 'title', message: 'give the workshop a title' });
      form.elements.title.focus();
      return;
    }
    button.disabled = true;
    try {
      const scenario = fields.read();
      const created = await openWorkshop(title, scenario, Number(form.elements.openSteps.value));
      const { instructorToken, recoveryLink, ...state } = created;
      remember(state.id, instructorToken);
      section.hidden = true;
      new Room(new InstructorHandle(state.id, instructorToken), state);
      showRecoveryLink(recoveryLink);
      document.querySelector('#join-panel .primary').focus();
    } catch (failure) {
      showError(error, failure);
    } finally {
      button.disabled = false;
    }
  });
}

async function main() {
  largeTypeSwitch();
  const saved = stored();
  if (!saved) {
    showCreate(null);
    return;
  }
  const handle = new InstructorHandle(saved.workshop, saved.token);
  try {
    const state = await handle.state();
    if (!state.participants || state.closed) throw new Error('not the instructor any more');
    new Room(handle, state);
  } catch (failure) {
    if (failure.status === 0) {
      showError(document.getElementById('page-error'), failure);
      return; // the server is down; a reload later finds the workshop again
    }
    forget();
    showCreate('Your last workshop is no longer open. Open a new one.');
  }
}

main();
