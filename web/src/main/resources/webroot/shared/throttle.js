// Latest-only throttling for requests made while a person drags a slider: at most one request
// in flight and at most one per interval; inputs that arrive meanwhile collapse into the newest,
// and an answer older than one already shown is dropped, so the display never steps backwards.

/**
 * Wraps fetcher(value, signal) → Promise. Calling the result with a value schedules a request;
 * onAnswer(answer, value) runs for answers that are still the newest; onError(error) otherwise.
 */
export function latestOnly(fetcher, { intervalMs, onAnswer, onError }) {
  let pending = null; // the newest value not yet sent
  let hasPending = false;
  let inFlight = false;
  let lastSent = 0;
  let sentSeq = 0;
  let shownSeq = 0;
  let timer = null;

  function pump() {
    if (!hasPending || inFlight || timer !== null) return;
    const wait = lastSent + intervalMs - performance.now();
    if (wait > 0) {
      timer = setTimeout(() => {
        timer = null;
        pump();
      }, wait);
      return;
    }
    const value = pending;
    hasPending = false;
    inFlight = true;
    lastSent = performance.now();
    const seq = ++sentSeq;
    const controller = new AbortController();
    fetcher(value, controller.signal)
      .then((answer) => {
        if (seq > shownSeq) {
          shownSeq = seq;
          onAnswer(answer, value);
        }
      })
      .catch((error) => {
        if (error.name !== 'AbortError' && seq > shownSeq) onError(error);
      })
      .finally(() => {
        inFlight = false;
        pump();
      });
  }

  return function schedule(value) {
    pending = value;
    hasPending = true;
    pump();
  };
}
