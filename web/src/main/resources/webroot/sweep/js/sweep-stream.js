// The page's WebSocket, for sweeps. The shared Stream (/js/stream.js) routes messages by their
// "session" field; sweep messages carry "sweep" instead, so this small twin routes by that. It
// reconnects by itself after a drop (with back-off) and subscribes again; the "sweep-state"
// message with change "subscribed" that answers each subscription tells the listener to fetch
// whatever it missed meanwhile. Sequence numbers reveal gaps (a lagging client gets the latest
// state rather than every progress message). A large state comes in parts, a "sweep-state" with
// the first variants and "sweep-variants" messages with the rest: listeners get it whole.

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 8000;

export class SweepStream {
  #socket = null;
  #listeners = new Map(); // sweep id → Set of callbacks
  #statusListeners = new Set();
  #pendingSubscribe = new Map(); // requestId → sweep id, to route a refused subscription
  #nextRequestId = 1;
  #retryMs = RETRY_MIN_MS;
  #status = 'connecting';
  #lastSeq = new Map(); // sweep id → newest seq seen
  #partial = new Map(); // sweep id → a "sweep-state" message whose variants are still coming

  constructor(url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`) {
    this.url = url;
    this.#connect();
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

  /** Watches a sweep: listener(message, {gap}) for each message about it. Returns unwatch. */
  watch(sweepId, listener) {
    let set = this.#listeners.get(sweepId);
    if (!set) {
      set = new Set();
      this.#listeners.set(sweepId, set);
      this.#subscribe(sweepId);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.#listeners.get(sweepId) === set) {
        this.#listeners.delete(sweepId);
        this.#lastSeq.delete(sweepId);
        this.#partial.delete(sweepId);
        this.#send({ type: 'unsubscribe', sweep: sweepId, requestId: this.#nextRequestId++ });
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
      this.#lastSeq.clear();
      this.#partial.clear();
      // Back off, so a restarting server is not hammered by every open page at once.
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
    return false; // sent on open
  }

  #subscribe(sweepId) {
    const requestId = this.#nextRequestId++;
    if (this.#send({ type: 'subscribe', sweep: sweepId, requestId })) {
      this.#pendingSubscribe.set(requestId, sweepId);
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
    if (message.type === 'reply') {
      this.#pendingSubscribe.delete(message.requestId);
      return;
    }
    let sweepId = message.sweep;
    if (message.type === 'error') {
      sweepId = this.#pendingSubscribe.get(message.requestId);
      this.#pendingSubscribe.delete(message.requestId);
    }
    const listeners = sweepId && this.#listeners.get(sweepId);
    if (!listeners) return;
    message = this.#assemble(sweepId, message);
    if (!message) return;
    let gap = false;
    if (typeof message.seq === 'number') {
      const previous = this.#lastSeq.get(sweepId);
      const first = typeof message.firstSeq === 'number' ? message.firstSeq : message.seq;
      gap = previous !== undefined && first > previous + 1 && message.change !== 'subscribed' && message.change !== 'recovered';
      this.#lastSeq.set(sweepId, Math.max(previous ?? -1, message.seq));
    }
    for (const listener of [...listeners]) listener(message, { gap });
  }

  /**
   * Puts a state in parts back together: null while parts are missing, then the whole
   * "sweep-state". Parts that do not continue the state being assembled are dropped with it (the
   * page reads the state over REST now and then in any case).
   */
  #assemble(sweepId, message) {
    if (message.type === 'sweep-variants') {
      const partial = this.#partial.get(sweepId);
      if (!partial || partial.seq !== message.seq || partial.state.variants.length !== message.from) {
        this.#partial.delete(sweepId);
        return null;
      }
      partial.state.variants.push(...message.variants);
      if (message.next !== null && message.next !== undefined) return null;
      this.#partial.delete(sweepId);
      partial.state.next = null;
      return partial;
    }
    if (message.type === 'sweep-state') {
      this.#partial.delete(sweepId);
      const next = message.state && message.state.next;
      if (next !== null && next !== undefined) {
        this.#partial.set(sweepId, {
          ...message,
          state: { ...message.state, variants: [...message.state.variants] },
        });
        return null;
      }
    }
    return message;
  }
}
