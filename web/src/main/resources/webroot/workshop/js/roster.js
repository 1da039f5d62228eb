// The instructor's view of the room: one entry per participant with their session's live state
// and loss curve, kept from the WebSocket; the sortable table and the overlaid chart drawn from
// it. Names are user input: they reach the page through textContent only.

import { history } from '/js/api.js';
import { el, setText } from '/js/dom.js';
import { count, isNumber, num, rate } from '/js/format.js';
import { PALETTE, RoomPlot } from './plots.js';
import { attention, restartProgress, trackProgress } from './room-health.js';
import { Trace } from './trace.js';

const RENDER_MS = 250;
const HEALTH_MS = 5000;
const HISTORY_FETCHES = 4;
const STATUS_ORDER = { diverged: 0, stuck: 1, running: 2, idle: 3, stopped: 4, gone: 5 };

/** One participant and what the dashboard knows of their session. */
class Entry {
  constructor(participant, color) {
    this.id = participant.id;
    this.name = participant.name;
    this.session = participant.session;
    this.color = color;
    this.trace = new Trace();
    this.status = 'idle';
    this.step = 0;
    this.loss = null;
    this.lr = null;
    this.params = [];
    this.grad = [];
    this.paramNames = [];
    this.lossKind = null;
    this.progress = null;
    this.flag = null;
    this.row = null;
    this.unwatch = null;
  }

  /** What the table shows as the status: a flag wins over the session's own status. */
  get shownStatus() {
    return this.flag ?? this.status;
  }
}

export class Roster {
  /**
   * table: the roster <table>; chart: the room chart's container; socket: the RoomSocket;
   * onSelect(entry): a name was chosen; onChange(entry): an entry's data changed.
   */
  constructor({ table, chart, empty, socket, onSelect, onChange }) {
    this.table = table;
    this.body = table.tBodies[0];
    this.empty = empty;
    this.socket = socket;
    this.onSelect = onSelect;
    this.onChange = onChange;
    this.entries = new Map(); // session id → Entry
    this.plot = new RoomPlot(chart);
    this.sort = { key: 'name', descending: false };
    this.spotlight = null;
    this.selected = null;
    this.renderTimer = null;
    this.historyQueue = [];
    this.historyRunning = 0;
    this.listeners = new Set();
    for (const th of table.tHead.querySelectorAll('th[data-sort]')) {
      th.querySelector('button').addEventListener('click', () => this.sortBy(th.dataset.sort));
    }
    setInterval(() => this.scheduleRender(), HEALTH_MS);
    this.render();
  }

  /** Calls listener() whenever the summary figures may have changed. */
  onSummary(listener) {
    this.listeners.add(listener);
  }

  get(session) {
    return this.entries.get(session) ?? null;
  }

  /** Brings the roster in line with the workshop's participant list. */
  sync(participants) {
    let added = false;
    const present = new Set(participants.map((p) => p.session));
    for (const [session, entry] of this.entries) {
      if (present.has(session)) continue;
      // Removed by the instructor: their line, row and subscription go.
      if (entry.unwatch) entry.unwatch();
      if (entry.row) entry.row.remove();
      this.entries.delete(session);
      if (this.selected === session) this.selected = null;
      added = true;
    }
    for (const p of participants) {
      const known = this.entries.get(p.session);
      if (known) {
        known.name = p.name;
        continue;
      }
      const entry = new Entry(p, PALETTE[this.entries.size % PALETTE.length]);
      this.entries.set(p.session, entry);
      entry.progress = restartProgress(null, 0, performance.now());
      entry.unwatch = this.socket.watchSession(p.session, (m, info) => this.#onMessage(entry, m, info));
      added = true;
    }
    if (added) this.#updateSeries();
    this.scheduleRender();
  }

  /** The workshop ended: every session has stopped. */
  closeAll() {
    for (const entry of this.entries.values()) {
      entry.status = 'stopped';
      if (entry.unwatch) entry.unwatch();
      entry.unwatch = null;
    }
    this.scheduleRender();
  }

  setSpotlight(session) {
    this.spotlight = session;
    this.scheduleRender();
  }

  select(session) {
    this.selected = session;
    this.plot.focus(session);
    this.scheduleRender();
  }

  setLog(log) {
    this.plot.setLog(log);
  }

  sortBy(key) {
    this.sort =
      this.sort.key === key
        ? { key, descending: !this.sort.descending }
        : { key, descending: key === 'steps' };
    this.render();
  }

  /** Counts for the summary line. */
  summary() {
    const counts = { total: 0, running: 0, stuck: 0, diverged: 0 };
    for (const e of this.entries.values()) {
      counts.total++;
      if (e.status === 'running') counts.running++;
      if (e.flag === 'stuck') counts.stuck++;
      if (e.flag === 'diverged') counts.diverged++;
    }
    return counts;
  }

  #onMessage(entry, message, { gap, first }) {
    const now = performance.now();
    switch (message.type) {
      case 'state': {
        const change = message.change;
        this.#applyState(entry, message.state);
        if (change === 'reset' || change === 'reconfigured') {
          entry.trace.clear();
          entry.progress = restartProgress(entry.loss, entry.step, now);
          this.plot.schedule();
        } else if (change === 'stopped') {
          entry.status = 'stopped';
        }
        entry.progress = trackProgress(entry.progress, entry.step, entry.loss, now);
        break;
      }
      case 'steps':
        for (const s of message.steps) this.#applyStep(entry, s, now);
        break;
      case 'skipped':
        if (message.last) this.#applyStep(entry, message.last, now);
        this.#fetchHistory(entry);
        break;
      case 'error':
        entry.status = message.status === 404 ? 'gone' : entry.status;
        break;
      default:
        return;
    }
    // First sight, back after a drop, or a hole: what was missed comes from the record.
    if ((first || gap) && entry.step > 0) this.#fetchHistory(entry);
    this.plot.schedule();
    this.scheduleRender();
    this.onChange(entry);
  }

  #applyState(entry, state) {
    entry.status = state.status;
    entry.step = state.step;
    entry.loss = state.loss;
    entry.lr = state.nextLr ?? state.lr;
    entry.params = state.params;
    entry.grad = state.grad;
    entry.paramNames = state.paramNames;
    entry.lossKind = state.spec ? state.spec.loss : entry.lossKind;
  }

  #applyStep(entry, s, now) {
    entry.trace.add(s.step, s.loss);
    entry.step = s.step;
    if (s.loss !== null) entry.loss = s.loss;
    entry.lr = s.lr;
    entry.params = s.params;
    entry.grad = s.grad;
    entry.progress = trackProgress(entry.progress, s.step, s.loss, now);
  }

  /** Loads a session's recorded steps, a few sessions at a time (a reload sees the whole room). */
  #fetchHistory(entry) {
    if (this.historyQueue.includes(entry)) return;
    this.historyQueue.push(entry);
    this.#pumpHistory();
  }

  #pumpHistory() {
    while (this.historyRunning < HISTORY_FETCHES && this.historyQueue.length) {
      const entry = this.historyQueue.shift();
      this.historyRunning++;
      history(entry.session)
        .then((recorded) => {
          entry.trace.load(recorded.steps);
          this.plot.schedule();
          this.onChange(entry);
        })
        .catch(() => {}) // the live steps still draw; a stopped session has no history
        .finally(() => {
          this.historyRunning--;
          this.#pumpHistory();
        });
    }
  }

  #updateSeries() {
    this.plot.setSeries(
      [...this.entries.values()].map((e) => ({
        key: e.session,
        color: e.color,
        trace: e.trace,
        diverged: () => e.status === 'diverged',
      })),
    );
    this.plot.focus(this.selected);
  }

  scheduleRender() {
    if (this.renderTimer !== null) return;
    this.renderTimer = setTimeout(() => {
      this.renderTimer = null;
      this.render();
    }, RENDER_MS);
  }

  render() {
    const now = performance.now();
    for (const entry of this.entries.values()) {
      entry.flag = attention(entry, entry.progress, now);
      if (!entry.row) entry.row = this.#makeRow(entry);
      this.#fillRow(entry);
    }
    this.#order();
    this.empty.hidden = this.entries.size > 0;
    this.table.hidden = this.entries.size === 0;
    for (const th of this.table.tHead.querySelectorAll('th[data-sort]')) {
      const sorted = th.dataset.sort === this.sort.key;
      if (sorted) th.setAttribute('aria-sort', this.sort.descending ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    }
    for (const listener of this.listeners) listener();
  }

  #makeRow(entry) {
    const nameButton = el('button', { type: 'button', class: 'ws-name', 'data-role': 'name' });
    nameButton.addEventListener('click', (event) => {
      event.stopPropagation();
      this.onSelect(entry);
    });
    const swatch = el('span', { class: 'ws-swatch', 'aria-hidden': 'true' });
    swatch.style.background = entry.color;
    const row = el(
      'tr',
      { dataset: { session: entry.session, participant: entry.id } },
      el('th', { scope: 'row' }, swatch, nameButton, el('span', { class: 'ws-shown', 'data-role': 'shown' })),
      el('td', { class: 'num', 'data-role': 'loss' }),
      el('td', { class: 'num', 'data-role': 'steps' }),
      el('td', { class: 'num', 'data-role': 'lr' }),
      el(
        'td',
        { class: 'ws-status' },
        el('span', { class: 'badge', 'data-role': 'status' }),
        el('span', { class: 'ws-flag', 'data-role': 'flag', 'data-flag': 'stuck', hidden: true }, 'stuck'),
      ),
    );
    // The whole row answers a click; the name's button is what the keyboard reaches.
    row.addEventListener('click', () => this.onSelect(entry));
    return row;
  }

  #fillRow(entry) {
    const row = entry.row;
    const cell = (name) => row.querySelector(`[data-role="${name}"]`);
    setText(cell('name'), entry.name);
    setText(cell('shown'), entry.session === this.spotlight ? 'shown to everyone' : '');
    setText(cell('loss'), num(entry.loss));
    setText(cell('steps'), count(entry.step));
    setText(cell('lr'), rate(entry.lr));
    setText(cell('status'), entry.status);
    cell('status').dataset.status = entry.status;
    cell('flag').hidden = entry.flag !== 'stuck';
    row.dataset.status = entry.shownStatus;
    row.dataset.sessionStatus = entry.status;
    row.dataset.flag = entry.flag ?? '';
    row.classList.toggle('is-selected', entry.session === this.selected);
    row.classList.toggle('is-shown', entry.session === this.spotlight);
    if (entry.session === this.selected) cell('name').setAttribute('aria-current', 'true');
    else cell('name').removeAttribute('aria-current');
  }

  #order() {
    const { key, descending } = this.sort;
    const value = (e) => {
      switch (key) {
        case 'loss':
          return isNumber(e.loss) ? e.loss : null;
        case 'steps':
          return e.step;
        case 'lr':
          return isNumber(e.lr) ? e.lr : null;
        case 'status':
          return STATUS_ORDER[e.shownStatus] ?? 9;
        default:
          return e.name.toLocaleLowerCase();
      }
    };
    const sorted = [...this.entries.values()].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      if (x === null && y === null) return 0;
      if (x === null) return 1; // no value: last either way
      if (y === null) return -1;
      const c = typeof x === 'string' ? x.localeCompare(y) : x - y;
      return descending ? -c : c;
    });
    const rows = sorted.map((e) => e.row);
    const current = [...this.body.rows];
    if (rows.length === current.length && rows.every((r, i) => r === current[i])) return;
    // Moving a row takes the focus out of it: put it back where it was.
    const focused = this.body.contains(document.activeElement) ? document.activeElement : null;
    this.body.append(...rows);
    if (focused) focused.focus();
  }
}
