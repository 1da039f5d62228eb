// The one WebSocket of a workshop page. It watches a workshop (with the instructor's token, or
// as the room) and any number of sessions, routes every message to the listeners of what it is
// about, and after a drop reconnects and subscribes again. The server accepts at most 50 commands
// a second per connection, so outgoing messages go through a paced queue: an instructor who
// reconnects to a room of 300 is resubscribed over a few seconds instead of being refused. It
// also waits for answers before it has more than IN_FLIGHT commands outstanding, under the
// server's own limit of commands in flight per connection.

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 8000;
const SENDS_PER_SECOND = 40;
const IN_FLIGHT = 12;

export class RoomSocket {
  #socket = null;
  #status = 'connecting';
  #statusListeners = new Set();
  #sessions = new Map(); // session id → Set of listeners
  #workshop = null; // {id, token, listeners}
  #pending = new Map(); // requestId → {kind, id}, to route a refused subscription
  #lastSeq = new Map(); // session id → newest seq seen
  #fresh = new Set(); // sessions (re)subscribed whose first message has not come yet
  #queue = [];
  #awaiting = new Set(); // requestIds sent and not yet answered
  #sentAt = []; // times of the last sends, for pacing
  #pumpTimer = null;
  #nextRequestId = 1;
  #retryMs = RETRY_MIN_MS;
  #closed = false;

  constructor(url = RoomSocket.defaultUrl()) {
    this.url = url;
    this.#connect();
  }

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
   * Watches a workshop: listener(message) for its "workshop-state" messages and for an error
   * refusing the subscription. The token (instructor only) travels in the subscribe message,
   * never in a URL.
   */
  watchWorkshop(id, token, listener) {
    this.#workshop = { id, token, listener };
    this.#subscribeWorkshop();
    return () => {
      if (this.#workshop && this.#workshop.listener === listener) {
        this.#workshop = null;
        this.#enqueue({ type: 'unsubscribe', workshop: id });
      }
    };
  }

  /**
   * Watches a session: listener(message, {gap, first}) for each message about it. first marks
   * the first message after a (re)subscription: it may be the session's latest state rather than
   * a "subscribed" one, and what came before it is for the listener to fetch (its history).
   */
  watchSession(id, listener) {
    let set = this.#sessions.get(id);
    if (!set) {
      set = new Set();
      this.#sessions.set(id, set);
      this.#subscribeSession(id);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.#sessions.get(id) === set) {
        this.#sessions.delete(id);
        this.#lastSeq.delete(id);
        this.#queue = this.#queue.filter((m) => !(m.type === 'subscribe' && m.session === id));
        this.#enqueue({ type: 'unsubscribe', session: id });
      }
    };
  }

  /** Stops for good (the workshop ended); the status becomes 'ended'. */
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
      this.#subscribeWorkshop();
      for (const id of this.#sessions.keys()) this.#subscribeSession(id);
    });
    socket.addEventListener('message', (event) => this.#onFrame(event.data));
    socket.addEventListener('close', () => {
      if (this.#socket !== socket || this.#closed) return;
      this.#setStatus('closed');
      // Back off, with jitter, so a restarting server is not hammered by a whole room at once.
      const delay = this.#retryMs * (0.75 + Math.random() * 0.5);
      this.#retryMs = Math.min(this.#retryMs * 2, RETRY_MAX_MS);
      setTimeout(() => this.#connect(), delay);
    });
  }

  #subscribeWorkshop() {
    if (!this.#workshop) return;
    const { id, token } = this.#workshop;
    const message = { type: 'subscribe', workshop: id };
    if (token) message.token = token;
    this.#enqueue(message, { kind: 'workshop', id });
  }

  #subscribeSession(id) {
    this.#fresh.add(id);
    this.#lastSeq.delete(id);
    this.#enqueue({ type: 'subscribe', session: id }, { kind: 'session', id });
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
      return;
    }
    for (const message of frame.messages || []) this.#dispatch(message);
  }

  #dispatch(message) {
    if (message.type === 'reply' || message.type === 'error') {
      this.#awaiting.delete(message.requestId);
      this.#pump();
    }
    if (message.type === 'reply') {
      this.#pending.delete(message.requestId);
      return;
    }
    if (message.type === 'error') {
      const route = this.#pending.get(message.requestId);
      this.#pending.delete(message.requestId);
      if (!route) return;
      if (route.kind === 'workshop') {
        if (this.#workshop && this.#workshop.id === route.id) this.#workshop.listener(message);
      } else {
        this.#toSession(route.id, message, { gap: false, first: false });
      }
      return;
    }
    if (message.type === 'workshop-state') {
      if (this.#workshop && this.#workshop.id === message.workshop) this.#workshop.listener(message);
      return;
    }
    const id = message.session;
    if (!this.#sessions.has(id)) return;
    let gap = false;
    if (typeof message.seq === 'number') {
      const previous = this.#lastSeq.get(id);
      const first = typeof message.firstSeq === 'number' ? message.firstSeq : message.seq;
      gap = previous !== undefined && first > previous + 1 && message.change !== 'subscribed' && message.change !== 'recovered';
      this.#lastSeq.set(id, Math.max(previous ?? -1, message.seq));
    }
    const first = this.#fresh.delete(id);
    this.#toSession(id, message, { gap, first });
  }

  #toSession(id, message, info) {
    const listeners = this.#sessions.get(id);
    if (!listeners) return;
    for (const listener of [...listeners]) listener(message, info);
  }
}
