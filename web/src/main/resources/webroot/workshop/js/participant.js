// A participant's page: join with the code and a name, then work through the lesson's open
// steps in a session of one's own, while the instructor may show someone's session to everyone.
// {workshop, token, session} are kept in localStorage, so a reload (or a closed laptop lid)
// comes back to the same session; the token never goes into a URL.

import { SessionHandle } from '/js/api.js';
import { role, setText, showError } from '/shared/dom.js';
import { num } from '/shared/format.js';
import { connectionPill, largeTypeSwitch } from '/shared/chrome.js';
import { LiveSocket } from '/shared/live-socket.js';
import { HandFit } from './hand.js';
import { MySession } from './my-session.js';
import { FitView } from './fit-view.js';
import { STEP_NAMES } from './lesson-steps.js';
import { SpotlightPanel } from './spotlight.js';
import { fork, joinWorkshop, rejoinWorkshop, workshopState } from './workshop-api.js';

const STORE_KEY = 'downhill.workshop.participant';

function stored() {
  try {
    return JSON.parse(localStorage.getItem(STORE_KEY) || 'null');
  } catch {
    return null;
  }
}

/** Says what a refused join means, in the participant's words. */
function joinMessage(error) {
  if (error.status === 404 && error.field === 'code') {
    return 'That code does not work: it is wrong, expired or revoked. Check it with your instructor.';
  }
  if (error.status === 429 && error.field === 'code') {
    return 'Too many wrong codes from this network: wait a minute, then try again.';
  }
  if (error.status === 429) return `You cannot join now: ${error.message}.`;
  if (error.field === 'name') return `Your name ${error.message}.`;
  if (error.status === 0) return 'The server cannot be reached. Check your connection and try again.';
  return error.field ? `${error.field}: ${error.message}` : error.message;
}

/** The model as a formula with its current numbers, for step 4. */
function formula(state) {
  const names = state.paramNames || [];
  const p = (i) => num(state.params?.[i], 3);
  // "+ −2.000" reads badly: a negative term is written "− 2.000".
  const plus = (i) => {
    const v = state.params?.[i];
    return typeof v === 'number' && v < 0 ? ` \u2212 ${num(-v, 3)}` : ` + ${p(i)}`;
  };
  if (state.spec?.model?.kind === 'relu-sum') {
    const units = [];
    for (let i = 0; i + 1 < names.length; i += 2) units.push(`max(${p(i)}·x${plus(i + 1)}, 0)`);
    return `y = ${units.join(' + ')}`;
  }
  if (state.spec?.model?.kind === 'quadratic' && names.length === 3) {
    return `y = ${p(0)}·x²${plus(1)}·x${plus(2)}`;
  }
  return names.map((n, i) => `${n} = ${p(i)}`).join(', ');
}

class Lesson {
  constructor(joined, name) {
    this.joined = joined;
    this.root = document.getElementById('lesson');
    this.note = role(this.root, 'room-note');
    this.ended = false;
    this.openSteps = 0;
    this.socket = new LiveSocket();
    connectionPill(this.socket);
    const me = document.querySelector('[data-role="me"]');
    me.hidden = !name;
    if (name) me.textContent = `You: ${name}`;

    const handle = new SessionHandle(joined.session, joined.token);
    this.hand = new HandFit(document.getElementById('hand'), {
      sessionId: joined.session,
      onApply: (params) => handle.setParams(params),
    });
    this.descentFit = new FitView(role(this.root, 'descent-fit'));
    this.session = new MySession(this.root, {
      handle,
      socket: this.socket,
      onState: (state, info) => {
        this.hand.update(state, info);
        this.descentFit.show(joined.session, state, info);
        setText(role(this.root, 'formula'), formula(state));
      },
      // A session that stops while the room is open: the instructor removed this participant.
      onStopped: () => this.#sessionStopped(),
    });
    this.spotlight = new SpotlightPanel(document.getElementById('spotlight'), {
      socket: this.socket,
      ownSession: joined.session,
      onFork: async () => {
        await fork(joined.workshop, joined.token);
        await this.session.reload();
        this.say('Forked: your session now carries on from the shown session. See step 2.');
      },
    });
    this.root.hidden = false;
    document.querySelector('[data-role="nav"]').hidden = false;
  }

  async start() {
    try {
      this.apply(await workshopState(this.joined.workshop), 'loaded');
    } catch (error) {
      showError(document.getElementById('page-error'), error);
    }
    this.socket.watch('workshop', this.joined.workshop, (m) => this.onMessage(m));
    await this.session.attach();
    document.body.dataset.session = 'ready'; // for tests and anyone scripting the page
  }

  say(text) {
    this.note.hidden = !text;
    this.note.textContent = text;
  }

  onMessage(message) {
    if (message.type === 'error') {
      if (message.status === 404) this.end();
      return;
    }
    this.apply(message.state, message.change);
  }

  apply(state, change) {
    setText(document.querySelector('[data-role="title"]'), state.title);
    document.title = `${state.title} — Downhill workshop`;
    this.#openSteps(state.openSteps, change);
    this.spotlight.show(state.spotlight ?? null, state.spotlightName ?? null);
    switch (change) {
      case 'scenario-pushed':
        this.say('Your instructor started everyone on a new scenario: your session starts over.');
        this.session.reload();
        break;
      case 'paused-all':
        this.say('Your instructor paused everyone.');
        break;
      case 'spotlight':
        if (state.spotlight === this.joined.session) this.say('The instructor is showing your session to everyone.');
        else if (state.spotlight) this.say('The instructor is showing a session: see “Shown by the instructor”.');
        else this.say('');
        break;
      default:
    }
    if (state.closed || change === 'closed') this.end();
  }

  #openSteps(open, change) {
    if (open === this.openSteps) return;
    const opened = change === 'steps-opened' && open > this.openSteps;
    this.openSteps = open;
    for (const section of this.root.querySelectorAll('section[data-step]')) {
      section.hidden = Number(section.dataset.step) > open;
    }
    for (const item of document.querySelectorAll('[data-role="nav"] li[data-step]')) {
      const isOpen = Number(item.dataset.step) <= open;
      item.dataset.open = String(isOpen);
      const link = item.querySelector('a');
      if (isOpen) link.removeAttribute('aria-disabled');
      else link.setAttribute('aria-disabled', 'true');
      link.title = isOpen ? '' : 'Opens when your instructor says so';
    }
    const locked = STEP_NAMES.slice(open).map((n, i) => `${open + i + 1} · ${n}`);
    setText(
      role(this.root, 'locked'),
      locked.length ? `Still to come, when your instructor opens them: ${locked.join(', ')}.` : '',
    );
    if (opened) {
      this.say(`Step ${open} is open: ${STEP_NAMES[open - 1]}.`);
      const section = this.root.querySelector(`section[data-step="${open}"]`);
      if (section) section.scrollIntoView({ behavior: 'smooth', block: 'start' });
    }
  }

  /**
   * The session stopped: either the workshop closed (every session stops with it, and its word may
   * come a moment later) or the instructor removed this participant. The room's state says which.
   */
  async #sessionStopped() {
    let closed = true;
    try {
      closed = (await workshopState(this.joined.workshop)).closed;
    } catch {
      // gone or unreachable: the workshop is over for this page either way
    }
    if (closed) this.end();
    else this.end('The instructor removed you from the workshop. Your charts stay here until you close the page.');
  }

  end(
    why = 'The workshop has ended. Thank you for taking part! Your charts stay here until you close the page.',
  ) {
    if (this.ended) return;
    this.ended = true;
    localStorage.removeItem(STORE_KEY);
    this.session.disable();
    this.spotlight.disable();
    for (const control of document.querySelectorAll('#hand button, #hand input')) {
      control.disabled = true;
    }
    this.say('');
    const banner = document.getElementById('ended');
    banner.hidden = false;
    banner.textContent = why;
    this.socket.close();
  }
}

/**
 * The code a scanned QR code carries in the fragment (#code=…), taken out of the address bar so it
 * is not shared on by a copied link; null when there is none.
 */
function codeFromLink() {
  const code = new URLSearchParams(location.hash.slice(1)).get('code');
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  return code;
}

function showJoin(note, code) {
  const section = document.getElementById('join');
  section.hidden = false;
  const form = document.getElementById('join-form');
  const error = role(form, 'join-error');
  if (note) showError(error, { message: note });
  if (code) form.elements.code.value = code;
  (code ? form.elements.name : form.elements.code).focus();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const code = form.elements.code.value.trim();
    const name = form.elements.name.value.trim();
    showError(error, null);
    for (const input of [form.elements.code, form.elements.name]) input.removeAttribute('aria-invalid');
    if (!code || !name) {
      const missing = !code ? form.elements.code : form.elements.name;
      missing.setAttribute('aria-invalid', 'true');
      missing.focus();
      showError(error, { message: !code ? 'Type the code your instructor shows.' : 'Type the name the room will see.' });
      return;
    }
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      const joined = await joinWorkshop(code, name);
      localStorage.setItem(
        STORE_KEY,
        JSON.stringify({ workshop: joined.workshop, token: joined.token, session: joined.session, name }),
      );
      section.hidden = true;
      new Lesson(joined, name).start();
    } catch (failure) {
      const field = failure.field === 'name' ? form.elements.name : form.elements.code;
      field.setAttribute('aria-invalid', 'true');
      showError(error, { message: joinMessage(failure) });
    } finally {
      button.disabled = false;
    }
  });
}

async function main() {
  largeTypeSwitch();
  const code = codeFromLink();
  const saved = stored();
  if (!saved) {
    showJoin(null, code);
    return;
  }
  try {
    const joined = await rejoinWorkshop(saved.workshop, saved.token);
    new Lesson({ ...joined, token: saved.token }, saved.name).start();
  } catch (failure) {
    if (failure.status === 0 || failure.status === 429 || failure.status === 503) {
      showError(document.getElementById('page-error'), { message: `${joinMessage(failure)} Reload the page to try again.` });
      return;
    }
    localStorage.removeItem(STORE_KEY);
    showJoin('Your last workshop has ended or is closed to you now. Join with a new code.', code);
  }
}

main();
