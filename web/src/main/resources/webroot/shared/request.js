// The one request wrapper of every page: JSON in and out of the REST API under /api. Failures
// become ApiError carrying the server's {error, field} and the HTTP status (0 when the server
// cannot be reached). A token goes into the Authorization header and nowhere else (never a URL).

/** A refused request: the server's message and the field at fault (null when none). */
export class ApiError extends Error {
  constructor(status, message, field) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.field = field ?? null;
  }
}

/**
 * Sends one request and answers the parsed JSON (null for 204), or the text when `text` is set.
 * signal aborts it (the AbortError is passed on as it is); keepalive lets it finish while the
 * page unloads.
 */
export async function request(method, path, { body, token, signal, keepalive, text = false } = {}) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      keepalive,
      cache: 'no-store',
    });
  } catch (failure) {
    if (failure.name === 'AbortError') throw failure;
    throw new ApiError(0, 'the server cannot be reached', null);
  }
  if (response.status === 204) return null;
  if (text && response.ok) return response.text();
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(
      response.status,
      payload && typeof payload.error === 'string' ? payload.error : `HTTP ${response.status}`,
      payload && typeof payload.field === 'string' ? payload.field : null,
    );
  }
  return payload;
}

/**
 * What the holder of an owner token may do with one session, sweep or workshop. The token is
 * kept in a private field: it leaves only in the Authorization header of `send`, and through
 * exportToken for the one place that keeps it (sessionStorage, so a reload of the tab keeps it).
 */
export class TokenHandle {
  #token;

  constructor(id, token) {
    this.id = id;
    this.#token = token;
  }

  exportToken() {
    return this.#token;
  }

  /** A request carrying the token; options as for request(). */
  send(method, path, options = {}) {
    return request(method, path, { ...options, token: this.#token });
  }
}
