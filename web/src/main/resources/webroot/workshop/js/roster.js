// The instructor's view of the room: one entry per participant with their session's live state
// and loss curve, kept from the WebSocket; the sortable table and the overlaid chart drawn from
// it. The table's order holds still while the pointer or the keyboard is in it (room-order.js);
// a row under the pointer or the focus brings its line forward on the chart. Names are user
// input: they reach the page through textContent only. What it hears is roster-feed.js.

import { PALETTE } from './plots.js';
import { attention, restartProgress, roomStanding } from './room-health.js';
import { heldOrder, sortedKeys, sortValue } from './room-order.js';
import { RoomPlot } from './room-plot.js';
import { applyMessage, HistoryQueue } from './roster-feed.js';
import { pickShown } from './room-stats.js';
import { Entry, fillRow, makeRow } from './roster-row.js';

const RENDER_MS = 250;
const HEALTH_MS = 5000;
const HISTORY_FETCHES = 4;
const ORDER_MS = 5000;

export class Roster {
  /**
   * table: the roster <table>; chart: the room chart's container; socket: the LiveSocket;
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
    this.histories = new HistoryQueue(HISTORY_FETCHES, (entry) => {
      this.plot.schedule();
      this.onChange(entry);
    });
    this.listeners = new Set();
    this.joined = 0;
    this.filter = { mode: 'all', n: 10 };
    this.shownKeys = '';
    this.held = false;
    this.orderedAt = -Infinity;
    this.orderDue = true;
    this.#holdWhileRead();
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
      const entry = new Entry(p, PALETTE[this.joined % PALETTE.length], this.joined++);
      this.entries.set(p.session, entry);
      entry.progress = restartProgress(null, 0, performance.now());
      entry.unwatch = this.socket.watch('session', p.session, (m, info) => this.#onMessage(entry, m, info));
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
    this.orderDue = true; // a header pressed: the new order now, even under the pointer
    this.render();
  }

  /** Which lines the chart draws: 'all', or the n with the best or worst current loss. */
  setFilter(mode, n) {
    this.filter = { mode, n };
    this.#updateSeries();
  }

  /** Holds the order while the pointer is over the rows or the focus is on one. */
  #holdWhileRead() {
    let pointer = false;
    let focus = false;
    const update = () => {
      this.held = pointer || focus;
      this.table.dataset.orderHeld = String(this.held);
      if (!this.held) this.scheduleRender();
    };
    this.body.addEventListener('pointerenter', () => ((pointer = true), update()));
    this.body.addEventListener('pointerleave', () => ((pointer = false), update()));
    // The rows, not the headers: pressing "Loss" to sort leaves the focus there, and must not
    // hold the order it asked for.
    this.body.addEventListener('focusin', () => ((focus = true), update()));
    this.body.addEventListener('focusout', (e) => {
      focus = this.body.contains(e.relatedTarget);
      update();
    });
  }

  /** A row under the pointer or the focus brings its line forward; null gives it back. */
  #highlight(entry) {
    this.plot.focus(entry ? entry.session : this.selected);
    this.table.dataset.highlighted = entry ? entry.session : '';
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
    const outcome = applyMessage(entry, message, performance.now());
    if (!outcome) return;
    // First sight, back after a drop, or a hole: what was missed comes from the record.
    if (outcome.fetch || ((first || gap) && entry.step > 0)) this.histories.add(entry);
    this.plot.schedule();
    this.scheduleRender();
    this.onChange(entry);
  }

  #updateSeries() {
    const all = [...this.entries.values()];
    const shown = new Set(
      pickShown(
        all.map((e) => ({ key: e.session, loss: e.loss, diverged: e.status === 'diverged' })),
        this.filter.mode,
        this.filter.n,
      ),
    );
    const series = (e) => ({
      key: e.session,
      name: e.name,
      color: e.color,
      trace: e.trace,
      diverged: () => e.status === 'diverged',
    });
    const keys = all.filter((e) => shown.has(e.session)).map((e) => e.session).join();
    if (keys !== this.shownKeys || this.entries.size !== this.plot.room.length) {
      this.shownKeys = keys;
      this.plot.setSeries(all.filter((e) => shown.has(e.session)).map(series), all.map(series));
      this.plot.focus(this.selected);
    }
    for (const e of all) if (e.row) e.row.dataset.line = shown.has(e.session) ? 'shown' : 'hidden';
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
    const room = roomStanding([...this.entries.values()]);
    for (const entry of this.entries.values()) {
      entry.flag = attention(entry, entry.progress, now, room);
      if (!entry.row) entry.row = this.#makeRow(entry);
      this.#fillRow(entry);
    }
    this.#order(now);
    if (this.filter.mode !== 'all') this.#updateSeries(); // the best and worst change as they run
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
    return makeRow(entry, {
      onSelect: () => this.onSelect(entry),
      onHighlight: (on) => this.#highlight(on ? entry : null),
    });
  }

  #fillRow(entry) {
    fillRow(entry, { spotlight: this.spotlight, selected: this.selected });
  }

  #order(now) {
    const { key, descending } = this.sort;
    const list = [...this.entries.values()];
    const current = [...this.body.rows].map((r) => r.dataset.session);
    const due = this.orderDue || now - this.orderedAt >= ORDER_MS;
    const hold = !this.orderDue && (this.held || !due);
    const keys = heldOrder(current, sortedKeys(list, (e) => sortValue(e, key), descending), hold);
    if (!hold) {
      this.orderedAt = now;
      this.orderDue = false;
    }
    const rows = keys.map((k) => this.entries.get(k).row);
    const shown = [...this.body.rows];
    if (rows.length === shown.length && rows.every((r, i) => r === shown[i])) return;
    // Moving a row takes the focus out of it: put it back where it was.
    const focused = this.body.contains(document.activeElement) ? document.activeElement : null;
    this.body.append(...rows);
    if (focused) focused.focus();
  }
}
