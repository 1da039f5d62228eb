// A sweep's state can be larger than one WebSocket message: it comes as a "sweep-state" holding
// the first variants (its state's `next` says where the rest start) and "sweep-variants" messages
// with the rest, all under the same seq. The socket puts them back together, so a listener only
// ever sees a whole state.

/**
 * Takes one message with the state assembled so far (`partial`, or null). Answers {partial,
 * whole}: what is still being assembled, and the message to hand on (null while parts are
 * missing). A part that does not continue the state being assembled drops it (the page reads the
 * state over REST now and then in any case). Other messages pass unchanged.
 */
export function assembleParts(partial, message) {
  if (message.type === 'sweep-variants') {
    if (!partial || partial.seq !== message.seq || partial.state.variants.length !== message.from) {
      return { partial: null, whole: null };
    }
    const variants = [...partial.state.variants, ...message.variants];
    const grown = { ...partial, state: { ...partial.state, variants } };
    if (message.next !== null && message.next !== undefined) return { partial: grown, whole: null };
    return { partial: null, whole: { ...grown, state: { ...grown.state, next: null } } };
  }
  if (message.type === 'sweep-state') {
    const next = message.state && message.state.next;
    if (next !== null && next !== undefined) {
      const variants = [...message.state.variants];
      return { partial: { ...message, state: { ...message.state, variants } }, whole: null };
    }
    return { partial: null, whole: message };
  }
  return { partial, whole: message };
}
