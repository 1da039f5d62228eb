// Number formatting for everything the page shows. The server sends null for any non-finite
// value (JSON has no NaN), so every formatter turns null, undefined and non-finite into a dash:
// the page never shows "NaN" or "Infinity".

const MINUS = '\u2212';

/** Whether a value is a finite number (false for null, undefined, NaN and ±Infinity). */
export function isNumber(value) {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A number for display: 4 decimals near 1, fewer for large values, exponent for extremes. */
export function num(value, decimals = 4) {
  if (!isNumber(value)) return '\u2014';
  const abs = Math.abs(value);
  let text;
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-4)) {
    text = abs.toExponential(2);
  } else if (abs >= 1000) {
    text = abs.toFixed(Math.min(decimals, 1));
  } else if (abs >= 100) {
    text = abs.toFixed(Math.min(decimals, 2));
  } else {
    text = abs.toFixed(decimals);
  }
  // A typographic minus reads better on a projector than a hyphen.
  return value < 0 && Number(text) !== 0 ? MINUS + text : text;
}

/** A learning rate: short, and exponent form for tiny rates. */
export function rate(value) {
  if (!isNumber(value)) return '\u2014';
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5)) {
    return value.toExponential(1);
  }
  return String(Number(value.toPrecision(4)));
}

/** A whole count with thin grouping, e.g. 12 345. */
export function count(value) {
  if (!isNumber(value)) return '\u2014';
  return Math.round(value).toLocaleString('en-US').replace(/,/g, '\u2009');
}

/** The loss's display name, "MAE" or "MSE". */
export function lossName(loss) {
  return typeof loss === 'string' ? loss.toUpperCase() : 'loss';
}
