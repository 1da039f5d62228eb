// The instructor's room, once a workshop is open: the join panel, the roster and room chart, one
// participant's detail, the controls (spotlight, open steps, push a scenario, pause everyone,
// extend, close), all over one WebSocket watching the workshop with the instructor's token and
// every participant's session as they join.

import { el, role, setText, showError } from '/shared/dom.js';
import { connectionPill } from '/shared/chrome.js';
import { LiveSocket } from '/shared/live-socket.js';
import { DetailPanel } from './detail.js';
import { forget } from './instructor-store.js';
import { JoinPanel } from './join-panel.js';
import { STEP_NAMES } from './lesson-steps.js';
import { confirmAction, timeLeft } from './page.js';
import { Roster } from './roster.js';
import { describeScenario, ScenarioFields } from './scenario-form.js';

export class Room {
  constructor(handle, first) {
    this.handle = handle;
    this.state = null;
    this.closed = false;
    this.root = document.getElementById('room');
    this.error = role(this.root, 'controls-error');
    this.note = role(this.root, 'controls-note');
    this.dialog = document.getElementById('confirm');

    this.socket = new LiveSocket();
    connectionPill(this.socket);
    this.detail = new DetailPanel(document.getElementById('detail'), {
      onShow: (session) => this.act(null, () => this.handle.spotlight(session)),
      onClose: () => this.select(null),
      onRemove: (entry) => this.remove(entry),
    });
    this.roster = new Roster({
      table: role(this.root, 'roster'),
      chart: role(this.root, 'room-chart'),
      empty: role(this.root, 'empty'),
      socket: this.socket,
      onSelect: (entry) => this.select(entry),
      onChange: (entry) => this.detail.changed(entry),
    });
    this.roster.onSummary(() => this.summary());
    role(this.root, 'log').addEventListener('change', (e) => this.roster.setLog(e.target.checked));
    this.#wireLineFilter();

    this.joinPanel = new JoinPanel(document.getElementById('join-panel'), {
      handle,
      dialog: this.dialog,
      act: (button, command, done) => this.act(button, command, done),
    });
    this.#wireControls();
    this.root.hidden = false;
    document.body.dataset.workshop = 'open'; // for tests and anyone scripting the page
    this.render(first);
    this.socket.watch('workshop', handle.id, (m) => this.onMessage(m), {
      token: handle.exportToken(),
    });
    setInterval(() => {
      this.joinPanel.renderExpiry();
      this.renderEnd();
    }, 30_000);
  }

  /** "Lines: everyone / the best N / the worst N" for the room's chart. */
  #wireLineFilter() {
    const mode = role(this.root, 'line-filter');
    const n = role(this.root, 'line-count');
    const apply = () => {
      const count = Math.max(1, Math.round(Number(n.value)) || 10);
      role(this.root, 'line-count-label').hidden = mode.value === 'all';
      this.roster.setFilter(mode.value, count);
    };
    mode.addEventListener('change', apply);
    n.addEventListener('input', apply);
  }

  #wireControls() {
    const steps = role(this.root, 'steps');
    STEP_NAMES.forEach((name, i) => {
      const button = el(
        'button',
        { type: 'button', dataset: { steps: String(i + 1) }, 'aria-pressed': 'false' },
        el('span', { class: 'step-num', 'aria-hidden': 'true' }, String(i + 1)),
        ` ${name}`,
      );
      button.title = i === 0 ? 'Open step 1 only' : `Open steps 1 to ${i + 1}`;
      button.addEventListener('click', () => this.act(button, () => this.handle.openSteps(i + 1)));
      steps.append(button);
    });
    role(this.root, 'open-next').addEventListener('click', (e) => {
      const next = Math.min(4, (this.state?.openSteps ?? 1) + 1);
      this.act(e.currentTarget, () => this.handle.openSteps(next), `Step ${next} is open for everyone.`);
    });
    role(this.root, 'pause-all').addEventListener('click', (e) =>
      this.act(e.currentTarget, () => this.handle.pauseAll(), 'Everyone is paused.'),
    );
    role(this.root, 'spotlight-none').addEventListener('click', (e) =>
      this.act(e.currentTarget, () => this.handle.spotlight(null)),
    );
    const pushForm = document.getElementById('push-form');
    const pushFields = new ScenarioFields(
      role(pushForm, 'scenario'),
      document.getElementById('scenario-template'),
    );
    pushForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const button = pushForm.querySelector('button[type="submit"]');
      let scenario;
      try {
        scenario = pushFields.read();
      } catch (error) {
        showError(this.error, error);
        return;
      }
      const ok = await confirmAction(this.dialog, {
        title: 'Restart everyone with this scenario?',
        text: `Every participant's session starts over: ${pushFields.describe()}.`,
        confirm: 'Restart everyone',
      });
      if (ok) this.act(button, () => this.handle.pushScenario(scenario), 'The new scenario is out.');
    });
    role(this.root, 'extend').addEventListener('click', (e) =>
      this.act(e.currentTarget, () => this.handle.extend(1), 'The workshop has one more hour, up to a day ahead.'),
    );
    role(this.root, 'close-workshop').addEventListener('click', async (e) => {
      const button = e.currentTarget;
      const ok = await confirmAction(this.dialog, {
        title: 'Close the workshop?',
        text: "Every participant's session stops and the code stops working. This cannot be undone.",
        confirm: 'Close the workshop',
      });
      if (ok) this.act(button, () => this.handle.close(), 'The workshop is closed.');
    });
  }

  /** Runs an instructor command; its answer (the workshop) is rendered at once. */
  async act(button, command, done) {
    if (this.closed) return;
    if (button) button.disabled = true;
    showError(this.error, null);
    try {
      const state = await command();
      this.render(state);
      if (done) this.note.textContent = done;
    } catch (error) {
      showError(this.error, error);
    } finally {
      if (button && !this.closed) button.disabled = false;
      this.renderControls();
    }
  }

  onMessage(message) {
    if (message.type === 'error') {
      showError(document.getElementById('page-error'), {
        message: `The live dashboard was refused: ${message.error}`,
      });
      return;
    }
    this.render(message.state);
  }

  async remove(entry) {
    const ok = await confirmAction(this.dialog, {
      title: `Remove ${entry.name}?`,
      text: 'Their session ends, and their link no longer brings them back.',
      confirm: 'Remove',
    });
    if (!ok) return;
    this.select(null);
    this.act(null, () => this.handle.removeParticipant(entry.id), `${entry.name} was removed.`);
  }

  select(entry) {
    this.roster.select(entry ? entry.session : null);
    if (entry) {
      this.detail.open(entry);
      this.detail.root.scrollIntoView({ block: 'nearest' });
    } else {
      this.detail.close();
    }
  }

  render(state) {
    // The same state may come twice (the answer to a command, and over the socket): keep the newest.
    if (this.state && state.seq < this.state.seq) return;
    this.state = state;
    setText(
      document.querySelector('[data-role="title"]'),
      `${state.title} · ${describeScenario(state.scenario)}`,
    );
    document.title = `${state.title} — Downhill workshop (instructor)`;
    this.roster.sync(state.participants || []);
    this.roster.setSpotlight(state.spotlight ?? null);
    this.detail.setSpotlight(state.spotlight ?? null);
    this.joinPanel.render(state, this.closed || state.closed);
    this.renderEnd();
    this.renderControls();
    if (state.closed) this.onClosed();
  }

  /** When the workshop closes by itself, unless given more time. */
  renderEnd() {
    const state = this.state;
    const ends = role(this.root, 'ends');
    role(this.root, 'extend').disabled = this.closed || !state.endsAt;
    if (!state.endsAt || state.closed) {
      setText(ends, '');
      return;
    }
    const at = new Date(state.endsAt);
    const clock = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    setText(ends, `The workshop closes by itself at ${clock} (${timeLeft(at.getTime() - Date.now())}).`);
  }

  renderControls() {
    const state = this.state;
    const open = state.openSteps;
    for (const button of role(this.root, 'steps').querySelectorAll('button')) {
      const n = Number(button.dataset.steps);
      button.setAttribute('aria-pressed', String(n <= open));
    }
    const next = role(this.root, 'open-next');
    next.disabled = this.closed || open >= 4;
    setText(next, open >= 4 ? 'Every step is open' : `Open step ${open + 1}: ${STEP_NAMES[open]}`);
    const shown = state.spotlight ? this.roster.get(state.spotlight) : null;
    const status = role(this.root, 'spotlight-status');
    status.textContent = '';
    if (shown) {
      status.append('Showing ', el('strong', { text: shown.name }), '’s session to everyone.');
    } else {
      status.textContent = state.spotlight ? 'Showing a session to everyone.' : "Nobody's session is shown.";
    }
    role(this.root, 'spotlight-none').disabled = this.closed || !state.spotlight;
  }

  summary() {
    const c = this.roster.summary();
    const who = c.total === 1 ? '1 participant' : `${c.total} participants`;
    setText(
      role(this.root, 'summary'),
      c.total === 0
        ? 'Nobody has joined yet.'
        : `${who} · ${c.running} running · ${c.stuck} stuck · ${c.diverged} diverged`,
    );
    if (this.state) this.renderControls();
  }

  onClosed() {
    if (this.closed) return;
    this.closed = true;
    document.body.dataset.workshop = 'closed';
    forget();
    this.roster.closeAll();
    for (const button of this.root.querySelectorAll('button:not([data-role="detail-close"])')) {
      button.disabled = true;
    }
    const banner = document.getElementById('page-error');
    banner.className = 'ws-banner';
    banner.hidden = false;
    banner.textContent = "This workshop is closed: every participant's session has stopped. ";
    const again = el('button', { type: 'button', class: 'primary' }, 'Open another workshop');
    again.addEventListener('click', () => location.reload());
    banner.append(again);
    this.socket.close();
  }
}
