// The one WebSocket of a page, for sessions, sweeps and workshops alike. A page watches any of
// them by kind and id; every message about one goes to its listeners as listener(message,
// {gap, first}): gap when sequence numbers were skipped (shared/sequence.js), first for the first
// message after a (re)subscription, which may be the latest state rather than a "subscribed" one
// (what came before it is for the listener to fetch). A sweep's state in parts arrives whole
// (shared/state-parts.js); an error refusing a subscription goes to that subscription's
// listeners. After a drop the socket reconnects with back-off and subscribes again.
//
// The server accepts at most 50 commands a second per connection, so outgoing messages go
// through a paced queue (an instructor who reconnects to a room of 300 is resubscribed over a
// few seconds instead of being refused), with at most IN_FLIGHT commands awaiting an answer.

import { followSequence } from './sequence.js';
import { assembleParts } from './state-parts.js';

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 8000;
const SENDS_PER_SECOND = 40;
const IN_FLIGHT = 12;

/** Which subject a server message is about: [kind, id]. */
function subjectOf(message) {
  if (message.type === 'workshop-state') return ['workshop', message.workshop];
  if (typeof message.sweep === 'string') return ['sweep', message.sweep];
  return ['session', message.session];
}

const keyOf = (kind, id) => `${kind}:${id}`;

export class LiveSocket {
  #socket = null;
  #status = 'connecting';
  #statusListeners = new Set();
  #watched = new Map(); // key → {kind, id, token, listeners, lastSeq, fresh, partial}
  #pending = new Map(); // requestId → key, to route a refused subscription
  #queue = [];
  #awaiting = new Set(); // requestIds sent and not yet answered
  #sentAt = []; // times of the last sends, for pacing
  #pumpTimer = null;
  #nextRequestId = 1;
  #retryMs = RETRY_MIN_MS;
  #closed = false;

  constructor(url = LiveSocket.defaultUrl()) {
    this.url = url;
    this.#connect();
  }

  /** The page's own origin, ws:// or wss:// to match. */
  static defaultUrl() {
    return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
  }

  get status() {
    return this.#status;
  }

  /** Calls listener('connecting' | 'open' | 'closed' | 'ended') now and on every change. */
  onStatus(listener) {
    this.#statusListeners.add(listener);
    listener(this.#status);
    return () => this.#statusListeners.delete(listener);
  }

  /**
   * Watches a session, sweep or workshop (kind 'session' | 'sweep' | 'workshop'). A token (a
   * workshop's instructor) travels in the subscribe message, never in a URL. Returns a function
   * that stops watching, and unsubscribes when nobody else watches.
   */
  watch(kind, id, listener, { token = null } = {}) {
    const key = keyOf(kind, id);
    let subject = this.#watched.get(key);
    if (!subject) {
      subject = {
        kind,
        id,
        token,
        listeners: new Set(),
        lastSeq: undefined,
        fresh: true,
        partial: null,
      };
      this.#watched.set(key, subject);
      this.#subscribe(key, subject);
    }
    subject.listeners.add(listener);
    return () => {
      subject.listeners.delete(listener);
      if (subject.listeners.size === 0 && this.#watched.get(key) === subject) {
        this.#watched.delete(key);
        this.#queue = this.#queue.filter((m) => !(m.type === 'subscribe' && m[kind] === id));
        this.#enqueue({ type: 'unsubscribe', [kind]: id });
      }
    };
  }

  /** Stops for good (a workshop ended); the status becomes 'ended'. */
  close() {
    this.#closed = true;
    if (this.#socket) this.#socket.close();
    this.#setStatus('ended');
  }

  #setStatus(status) {
    this.#status = status;
    for (const listener of this.#statusListeners) listener(status);
  }

  #connect() {
    this.#setStatus('connecting');
    const socket = new WebSocket(this.url);
    this.#socket = socket;
    socket.addEventListener('open', () => {
      this.#retryMs = RETRY_MIN_MS;
      this.#queue = [];
      this.#pending.clear();
      this.#awaiting.clear();
      this.#setStatus('open');
      for (const [key, subject] of this.#watched) this.#subscribe(key, subject);
    });
    socket.addEventListener('message', (event) => this.#onFrame(event.data));
    socket.addEventListener('close', () => {
      if (this.#socket !== socket || this.#closed) return;
      this.#setStatus('closed');
      // Back off, with jitter, so a restarting server is not hammered by a room of browsers.
      const delay = this.#retryMs * (0.75 + Math.random() * 0.5);
      this.#retryMs = Math.min(this.#retryMs * 2, RETRY_MAX_MS);
      setTimeout(() => this.#connect(), delay);
    });
  }

  #subscribe(key, subject) {
    subject.fresh = true;
    subject.lastSeq = undefined;
    subject.partial = null;
    const message = { type: 'subscribe', [subject.kind]: subject.id };
    if (subject.token) message.token = subject.token;
    this.#enqueue(message, key);
  }

  #enqueue(message, route) {
    if (!this.#socket || this.#socket.readyState !== WebSocket.OPEN) return; // sent on open
    const requestId = this.#nextRequestId++;
    message.requestId = requestId;
    if (route) this.#pending.set(requestId, route);
    this.#queue.push(message);
    this.#pump();
  }

  #pump() {
    if (this.#pumpTimer !== null) return;
    while (this.#queue.length) {
      const now = performance.now();
      while (this.#sentAt.length && now - this.#sentAt[0] >= 1000) this.#sentAt.shift();
      if (this.#sentAt.length >= SENDS_PER_SECOND) {
        this.#pumpTimer = setTimeout(
          () => {
            this.#pumpTimer = null;
            this.#pump();
          },
          1000 - (now - this.#sentAt[0]) + 5,
        );
        return;
      }
      if (!this.#socket || this.#socket.readyState !== WebSocket.OPEN) {
        this.#queue = [];
        return;
      }
      if (this.#awaiting.size >= IN_FLIGHT) return; // pumped again when an answer comes
      const next = this.#queue.shift();
      this.#awaiting.add(next.requestId);
      this.#socket.send(JSON.stringify(next));
      this.#sentAt.push(now);
    }
  }

  #onFrame(text) {
    let frame;
    try {
      frame = JSON.parse(text);
    } catch {
      return; // not ours to interpret
    }
    for (const message of frame.messages || []) this.#dispatch(message);
  }

  #dispatch(message) {
    if (message.type === 'reply' || message.type === 'error') {
      this.#awaiting.delete(message.requestId);
      this.#pump();
      const key = this.#pending.get(message.requestId);
      this.#pending.delete(message.requestId);
      const subject = message.type === 'error' && key && this.#watched.get(key);
      if (subject) this.#deliver(subject, message, { gap: false, first: false });
      return;
    }
    const subject = this.#watched.get(keyOf(...subjectOf(message)));
    if (!subject) return;
    const { partial, whole } = assembleParts(subject.partial, message);
    subject.partial = partial;
    if (!whole) return;
    const { gap, last } = followSequence(subject.lastSeq, whole);
    subject.lastSeq = last;
    const first = subject.fresh;
    subject.fresh = false;
    this.#deliver(subject, whole, { gap, first });
  }

  #deliver(subject, message, info) {
    for (const listener of [...subject.listeners]) listener(message, info);
  }
}
