// Where the instructor's page keeps the workshop and its token: sessionStorage, so a reload of
// this tab keeps the workshop, or a recovery link's URL fragment for another tab or device.

const STORE_KEY = 'downhill.workshop.instructor';

/** The workshop and token of a recovery link (#workshop=…&token=…), taken out of the URL. */
function fromRecoveryLink() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const workshop = fragment.get('workshop');
  const token = fragment.get('token');
  if (!workshop || !token) return null;
  history.replaceState(null, '', location.pathname + location.search);
  return { workshop, token };
}

/** The workshop and token to come back to, or null. */
export function stored() {
  const recovered = fromRecoveryLink();
  if (recovered) {
    sessionStorage.setItem(STORE_KEY, JSON.stringify(recovered));
    return recovered;
  }
  try {
    return JSON.parse(sessionStorage.getItem(STORE_KEY) || 'null');
  } catch {
    return null;
  }
}

/** Keeps the workshop's token for a reload of this tab. */
export function remember(workshop, token) {
  sessionStorage.setItem(STORE_KEY, JSON.stringify({ workshop, token }));
}

/** Forgets the workshop (it closed, or the token no longer works). */
export function forget() {
  sessionStorage.removeItem(STORE_KEY);
}
