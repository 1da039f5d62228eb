// Sequence numbers on the WebSocket. Every message about a session, sweep or workshop may carry
// `seq` (and a batch `firstSeq`, its first): numbers of that subject, one after another. A message
// whose first number is beyond the next one expected shows that messages were left out (a client
// that fell behind is sent the latest state instead of every step), so the page fetches what it
// missed. The answer to a (re)subscription and a recovery start counting afresh.

/**
 * Follows one message: `previous` is the newest seq seen so far (undefined before any). Answers
 * {gap, last}: whether messages were skipped before this one, and the newest seq after it.
 * Messages without a seq (replies, errors) change nothing; an older seq never moves `last` back.
 */
export function followSequence(previous, message) {
  if (typeof message.seq !== 'number') return { gap: false, last: previous };
  const first = typeof message.firstSeq === 'number' ? message.firstSeq : message.seq;
  const restart = message.change === 'subscribed' || message.change === 'recovered';
  const gap = previous !== undefined && !restart && first > previous + 1;
  return { gap, last: Math.max(previous ?? -1, message.seq) };
}
