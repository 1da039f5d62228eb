// The classroom link: a teacher picks controls to hide, and the link opens the lesson with the
// same setup and those controls hidden (as TensorFlow Playground's "hide" does). The choice
// lives in the query as hide=setup,lr,… beside the setup; the page marks <html data-hide="…">
// and the stylesheet hides every element whose data-hideable names one of them. Pure.

/** The controls a link may hide, in the order the dialog lists them. */
export const HIDEABLE = Object.freeze([
  { key: 'setup', label: 'the Setup box (model, data, loss, optimizer)' },
  { key: 'lr', label: 'the learning-rate boxes' },
  { key: 'speed', label: 'the step count and speed of Run' },
  { key: 'forget', label: "the \u201cforget to zero the gradient\u201d switch" },
  { key: 'compare', label: 'the comparisons of zeroing and not zeroing' },
  { key: 'relu', label: 'step 4, sums of ReLUs' },
  { key: 'downloads', label: 'the CSV and JSON downloads' },
  { key: 'share', label: 'this classroom-link button' },
]);

const KEYS = HIDEABLE.map((h) => h.key);

/** The controls a query hides: known names only, each once, in the dialog's order. */
export function parseHidden(search) {
  const value = new URLSearchParams(search).get('hide') || '';
  const asked = new Set(value.split(',').map((part) => part.trim().toLowerCase()));
  return KEYS.filter((key) => asked.has(key));
}

/** The query's hide part for a choice, "hide=setup,lr", or '' when nothing is hidden. */
export function hideParam(hidden) {
  const chosen = KEYS.filter((key) => hidden.includes(key));
  return chosen.length ? `hide=${chosen.join(',')}` : '';
}

/**
 * The link for a choice: the page's address and setup query, its hide part replaced. The
 * setup's own parameters stay as they are; nothing else (no token, no fragment) goes in.
 */
export function classroomLink(origin, pathname, search, hidden) {
  const params = new URLSearchParams(search);
  params.delete('hide');
  const setup = params.toString();
  const hide = hideParam(hidden);
  const query = [setup, hide].filter(Boolean).join('&');
  return `${origin}${pathname}${query ? '?' + query : ''}`;
}
