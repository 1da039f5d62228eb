// The sweep endpoints under /api/sweeps, through the shared request wrapper (/shared/request.js):
// failures are its ApiError. Driving a sweep needs its owner token, which a SweepHandle keeps in a
// private field: it goes into the Authorization header and into sessionStorage, never a URL.

import { request, TokenHandle } from '/shared/request.js';

const sweepPath = (id) => `/api/sweeps/${encodeURIComponent(id)}`;

/**
 * A state with every variant: the server answers the first ones that fit its budget and `next`,
 * the index where the following page starts; this reads the pages until the last.
 */
async function complete(state) {
  if (!state || state.next === null || state.next === undefined) return state;
  const variants = [...state.variants];
  let next = state.next;
  while (next !== null && next !== undefined) {
    const page = await request('GET', `${sweepPath(state.id)}?from=${next}`);
    variants.push(...page.variants);
    next = page.next;
  }
  return { ...state, variants, next: null };
}

/** The state of any sweep; watching needs no token. */
export const sweepState = async (id) => complete(await request('GET', sweepPath(id)));

/** Every variant's recorded curve: {sweep, stride, steps, losses[k][i]}. */
export const sweepCurves = (id) => request('GET', sweepPath(id) + '/export?format=json');

/** Where the whole sweep downloads from, as CSV or JSON. */
export const exportUrl = (id, format) => `${sweepPath(id)}/export?format=${format}`;

/** Creates a sweep; resolves to a handle and the sweep's first state. */
export async function createSweep(body) {
  const created = await request('POST', '/api/sweeps', { body });
  const { token, ...state } = created;
  return { handle: new SweepHandle(state.id, token), state: await complete(state) };
}

/** What the owner of one sweep may do with it; every call answers with the sweep's state. */
export class SweepHandle extends TokenHandle {
  async run() {
    return complete(await this.send('POST', sweepPath(this.id) + '/run'));
  }

  async pause() {
    return complete(await this.send('POST', sweepPath(this.id) + '/pause'));
  }

  async reset() {
    return complete(await this.send('POST', sweepPath(this.id) + '/reset'));
  }

  /** Stops the sweep on the server; keepalive lets it finish while the page unloads. */
  remove({ keepalive = false } = {}) {
    return this.send('DELETE', sweepPath(this.id), { keepalive });
  }
}
