// Joining a fetched history with the steps seen live. A page that (re)subscribes fetches the
// recorded steps over REST while new steps keep arriving on the socket; the server keeps only the
// most recent steps, so points older than its first recorded one are worth keeping too.

/**
 * One list of steps ({step, …}) in step order without repeats: the steps seen before the
 * history's first, the history itself (it wins where both have a step), and the steps seen after
 * its last. `seen` is what the page holds and received meanwhile, in the order it came; a step not
 * newer than the one before it (a replay, a repeat) is left out.
 */
export function mergeHistory(seen, recorded) {
  if (!recorded.length) return ascending(seen);
  const first = recorded[0].step;
  const last = recorded[recorded.length - 1].step;
  return ascending([
    ...seen.filter((s) => s.step < first),
    ...recorded,
    ...seen.filter((s) => s.step > last),
  ]);
}

function ascending(steps) {
  const out = [];
  for (const s of steps) {
    if (!out.length || s.step > out[out.length - 1].step) out.push(s);
  }
  return out;
}
