// The one WebSocket of the page. Sessions are watched by id; every message about a session
// ("steps", "state", "skipped", and errors answering our subscribe) goes to that session's
// listeners. The connection comes back by itself after a drop and subscribes again; the
// "state" message that answers a subscription (change "subscribed") tells a listener to reload
// what it may have missed.

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 8000;

export class Stream {
  #socket = null;
  #listeners = new Map(); // session id → Set of callbacks
  #statusListeners = new Set();
  #pendingSubscribe = new Map(); // requestId → session id, to route a refused subscription
  #nextRequestId = 1;
  #retryMs = RETRY_MIN_MS;
  #status = 'connecting';
  #lastSeq = new Map(); // session id → newest seq seen, to notice gaps

  constructor(url = Stream.defaultUrl()) {
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

  /** Calls listener('connecting' | 'open' | 'closed') now and on every change. */
  onStatus(listener) {
    this.#statusListeners.add(listener);
    listener(this.#status);
    return () => this.#statusListeners.delete(listener);
  }

  /**
   * Watches a session: listener(message, {gap}) for each message about it. Returns a function
   * that stops watching (and unsubscribes when nobody else watches).
   */
  watch(sessionId, listener) {
    let set = this.#listeners.get(sessionId);
    if (!set) {
      set = new Set();
      this.#listeners.set(sessionId, set);
      this.#subscribe(sessionId);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.#listeners.get(sessionId) === set) {
        this.#listeners.delete(sessionId);
        this.#lastSeq.delete(sessionId);
        this.#send({ type: 'unsubscribe', session: sessionId, requestId: this.#nextRequestId++ });
      }
    };
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
      this.#setStatus('open');
      for (const id of this.#listeners.keys()) this.#subscribe(id);
    });
    socket.addEventListener('message', (event) => this.#onFrame(event.data));
    socket.addEventListener('close', () => {
      if (this.#socket !== socket) return;
      this.#setStatus('closed');
      // Back off so a restarting server is not hammered by a room of browsers at once.
      const delay = this.#retryMs * (0.75 + Math.random() * 0.5);
      this.#retryMs = Math.min(this.#retryMs * 2, RETRY_MAX_MS);
      setTimeout(() => this.#connect(), delay);
    });
  }

  #send(message) {
    if (this.#socket && this.#socket.readyState === WebSocket.OPEN) {
      this.#socket.send(JSON.stringify(message));
      return true;
    }
    return false; // sent again on open
  }

  #subscribe(sessionId) {
    const requestId = this.#nextRequestId++;
    if (this.#send({ type: 'subscribe', session: sessionId, requestId })) {
      this.#pendingSubscribe.set(requestId, sessionId);
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
    if (message.type === 'reply') {
      this.#pendingSubscribe.delete(message.requestId);
      return;
    }
    let sessionId = message.session;
    if (message.type === 'error') {
      sessionId = this.#pendingSubscribe.get(message.requestId);
      this.#pendingSubscribe.delete(message.requestId);
      if (!sessionId) return;
    }
    const listeners = this.#listeners.get(sessionId);
    if (!listeners) return;
    let gap = false;
    if (typeof message.seq === 'number') {
      const previous = this.#lastSeq.get(sessionId);
      const first = typeof message.firstSeq === 'number' ? message.firstSeq : message.seq;
      gap = previous !== undefined && first > previous + 1 && message.change !== 'subscribed' && message.change !== 'recovered';
      this.#lastSeq.set(sessionId, Math.max(previous ?? -1, message.seq));
    }
    for (const listener of [...listeners]) listener(message, { gap });
  }
}
