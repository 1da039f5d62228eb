// The pure rules of editing data points on a chart: which point a pointer is on, where a pixel
// is in the data, and which point the keyboard goes to next. No DOM: the chart passes its own
// mappings in, so these are tested with node --test.

/** How close (in CSS pixels) a pointer must be to a point to take it. */
export const HIT_RADIUS = 10;

/**
 * The index of the point nearest to the pointer at (px, py) within radius, or -1.
 * @param points {x: [], y: []} in data units
 * @param toPixel (x, y) → [left, top] in the same pixels as px, py
 */
export function hitPoint(points, px, py, toPixel, radius = HIT_RADIUS) {
  let best = -1;
  let bestDistance = radius * radius;
  for (let i = 0; i < points.x.length; i++) {
    const [left, top] = toPixel(points.x[i], points.y[i]);
    const dx = left - px;
    const dy = top - py;
    const distance = dx * dx + dy * dy;
    if (distance <= bestDistance) {
      best = i;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * A linear map between a data interval and a pixel interval (pixels may run the other way, as
 * y does on screen): {toPixel, toValue}.
 */
export function linearScale([dataFrom, dataTo], [pixelFrom, pixelTo]) {
  const ratio = (pixelTo - pixelFrom) / (dataTo - dataFrom);
  return {
    toPixel: (value) => pixelFrom + (value - dataFrom) * ratio,
    toValue: (pixel) => dataFrom + (pixel - pixelFrom) / ratio,
  };
}

/** The index of the point after (direction 1) or before (-1) the chosen one, by x. */
export function nextByX(points, chosen, direction) {
  const order = points.x.map((x, i) => [x, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (!order.length) return -1;
  const at = order.findIndex(([, i]) => i === chosen);
  if (at < 0) return order[direction > 0 ? 0 : order.length - 1][1];
  const next = Math.min(order.length - 1, Math.max(0, at + direction));
  return order[next][1];
}

/** Whether a pointer that went down at a and up at b moved (a drag) rather than clicked. */
export function moved(a, b, slack = 3) {
  return Math.abs(a[0] - b[0]) > slack || Math.abs(a[1] - b[1]) > slack;
}

/** A number rounded to what a person placing it by hand can mean: 4 significant digits. */
export function handPlaced(value) {
  return Number(value.toPrecision(4));
}
