// One participant on the instructor's dashboard: what is known of their session (Entry), and
// their row in the roster table. Names are user input: they reach the row through textContent.

import { el, setText } from '/shared/dom.js';
import { count, num, rate } from '/shared/format.js';
import { levelOf } from './room-health.js';
import { Trace } from './trace.js';

/** One participant and what the dashboard knows of their session. */
export class Entry {
  constructor(participant, color, joinIndex) {
    this.joinIndex = joinIndex;
    this.key = participant.session; // for the order of rows (room-order.js)
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

/** The table row of an entry; handlers: onSelect(), onHighlight(on). */
export function makeRow(entry, { onSelect, onHighlight }) {
  const nameButton = el('button', { type: 'button', class: 'ws-name', 'data-role': 'name' });
  nameButton.addEventListener('click', (event) => {
    event.stopPropagation();
    onSelect();
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
  row.addEventListener('click', () => onSelect());
  row.addEventListener('pointerenter', () => onHighlight(true));
  row.addEventListener('pointerleave', () => onHighlight(false));
  row.addEventListener('focusin', () => onHighlight(true));
  row.addEventListener('focusout', () => onHighlight(false));
  return row;
}

/** Brings an entry's row up to date; spotlight and selected are session ids (or null). */
export function fillRow(entry, { spotlight, selected }) {
  const row = entry.row;
  const cell = (name) => row.querySelector(`[data-role="${name}"]`);
  setText(cell('name'), entry.name);
  setText(cell('shown'), entry.session === spotlight ? 'shown to everyone' : '');
  setText(cell('loss'), num(entry.loss));
  setText(cell('steps'), count(entry.step));
  setText(cell('lr'), rate(entry.lr));
  setText(cell('status'), entry.status);
  cell('status').dataset.status = entry.status;
  cell('flag').hidden = entry.flag !== 'stuck';
  cell('flag').title = entry.flag === 'stuck' ? `Averaged loss ${num(levelOf(entry))}, behind the room's middle` : '';
  row.dataset.status = entry.shownStatus;
  row.dataset.sessionStatus = entry.status;
  row.dataset.flag = entry.flag ?? '';
  row.classList.toggle('is-selected', entry.session === selected);
  row.classList.toggle('is-shown', entry.session === spotlight);
  if (entry.session === selected) cell('name').setAttribute('aria-current', 'true');
  else cell('name').removeAttribute('aria-current');
}
