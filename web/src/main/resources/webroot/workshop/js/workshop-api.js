// The REST calls of workshops (docs/api.md, "Workshops"), through the shared request wrapper
// (/shared/request.js): failures are its ApiError. Tokens go in the Authorization header only,
// never in a URL.

import { request, TokenHandle } from '/shared/request.js';

const path = (id, suffix = '') => `/api/workshops/${encodeURIComponent(id)}${suffix}`;

/** Opens a workshop; the answer holds the instructor token, shown only here. */
export const openWorkshop = (title, scenario, openSteps) =>
  request('POST', '/api/workshops', { body: { title, scenario, openSteps } });

/** Joins with a code and a display name: {workshop, participant, session, token}. */
export const joinWorkshop = (code, name) =>
  request('POST', '/api/workshops/join', { body: { code, name } });

/** Comes back to the same session with the token given at the first join. */
export const rejoinWorkshop = (workshop, rejoinToken) =>
  request('POST', '/api/workshops/join', { body: { workshop, rejoinToken } });

/** The workshop: the instructor's view with their token, the room's view without. */
export const workshopState = (id, token) => request('GET', path(id), { token });

/** Where participants can reach the server: {source, urls, joinPath}. */
export const serverAddresses = () => request('GET', '/api/server/addresses');

/** Copies the spotlighted session into the participant's own; answers with their new state. */
export const fork = (id, participantToken) =>
  request('POST', path(id, '/fork'), { token: participantToken });

/** What the holder of the instructor token may do; each answers with the workshop. */
export class InstructorHandle extends TokenHandle {
  #call(method, suffix, body) {
    return this.send(method, path(this.id, suffix), { body });
  }

  state() {
    return this.#call('GET', '');
  }

  spotlight(session) {
    return this.#call('POST', '/spotlight', { session: session ?? null });
  }

  openSteps(steps) {
    return this.#call('POST', '/open', { steps });
  }

  pushScenario(scenario) {
    return this.#call('POST', '/scenario', { scenario });
  }

  pauseAll() {
    return this.#call('POST', '/pause-all');
  }

  /** renew false revokes the code; true issues a new one. */
  changeCode(renew) {
    return this.#call('POST', '/code', { renew });
  }

  /** The SVG text of the QR code of the join page on `base` (an origin), with the code. */
  joinQr(base) {
    return this.send('GET', `${path(this.id, '/qr.svg')}?base=${encodeURIComponent(base)}`, {
      text: true,
    });
  }

  /** Gives the workshop `hours` more before it closes by itself. */
  extend(hours) {
    return this.#call('POST', '/extend', { hours });
  }

  /** Removes a participant; their session ends. */
  removeParticipant(participant) {
    return this.#call('DELETE', `/participants/${encodeURIComponent(participant)}`);
  }

  close() {
    return this.#call('DELETE', '');
  }
}
