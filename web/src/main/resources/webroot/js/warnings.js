// Early warnings for a run, before its loss stops being a finite number: the loss has risen for
// several steps in a row, it swings up and down, it has passed a large multiple of its start, or
// the model's curve has left the chart. Pure: the panel passes the losses and the chart's range,
// and shows the sentences these return.

/** Rises in a row that earn a warning. */
export const RISING_STEPS = 5;

/** A loss this many times its start means the run is blowing up. */
export const BLOW_UP_FACTOR = 100;

/** How far back the swing rule looks: swings of a run a million steps long are old news. */
const SWING_WINDOW = 400;

/** Rising stretches (of at least this many steps) that make a swing. */
const SWING_RISE = 3;

const finite = (v) => typeof v === 'number' && Number.isFinite(v);

/** How many of the last steps each raised the loss (0 when the last one lowered it). */
export function risingRun(losses) {
  let run = 0;
  let later = null;
  for (let i = losses.length - 1; i >= 0; i--) {
    const loss = losses[i];
    if (!finite(loss)) break;
    if (later !== null) {
      if (later > loss) run++;
      else break;
    }
    later = loss;
  }
  return run;
}

/** Stretches of at least SWING_RISE rises among the last SWING_WINDOW losses. */
export function risingStretches(losses) {
  const recent = losses.slice(-SWING_WINDOW).filter(finite);
  let stretches = 0;
  let run = 0;
  for (let i = 1; i < recent.length; i++) {
    if (recent[i] > recent[i - 1]) {
      run++;
      if (run === SWING_RISE) stretches++;
    } else {
      run = 0;
    }
  }
  return stretches;
}

function short(value) {
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e5 || abs < 1e-3)) return value.toExponential(2).replace('e+', 'e');
  return String(Number(value.toPrecision(4)));
}

/**
 * The warnings for a run's losses in step order (null where a step had none):
 * [{kind: 'blow-up'|'rising'|'swinging', text}], the most serious first.
 *
 * @param accumulate whether the session never zeroes its gradient: then a swing is explained
 * @param lossName "MAE" or "MSE"
 * @param current the loss at the parameters now (after the last step), which the page shows
 *     beside the chart; the blow-up rule names it, so both say the same number
 */
export function lossWarnings(
  losses,
  {
    accumulate = false,
    lossName = 'loss',
    current = null,
    risingSteps = RISING_STEPS,
    blowUp = BLOW_UP_FACTOR,
  } = {},
) {
  const out = [];
  const start = losses.find(finite);
  let last = null;
  for (let i = losses.length - 1; i >= 0 && last === null; i--) {
    if (finite(losses[i])) last = losses[i];
  }
  if (start === undefined || last === null) return out;
  if (finite(current)) last = current;
  if (start > 0 && last > blowUp * start) {
    out.push({
      kind: 'blow-up',
      text:
        `The ${lossName} is ${short(last)}, ${short(last / start)} times what it was ` +
        `at the start (${short(start)}): this run is blowing up and will soon stop ` +
        'being a number. ' +
        'Lower the learning rate, then press Reset.',
    });
  }
  const run = risingRun(losses);
  if (run >= risingSteps) {
    out.push({
      kind: 'rising',
      text:
        `The ${lossName} has risen for ${run} steps in a row: ` +
        'the steps overshoot the lowest point. ' +
        (accumulate
          ? 'Here the gradient is never zeroed, so each step adds the new gradient ' +
            'to the sum of all earlier ones.'
          : 'A smaller learning rate takes smaller steps.'),
    });
  }
  if (accumulate && risingStretches(losses) >= 2) {
    out.push({
      kind: 'swinging',
      text:
        `The ${lossName} swings down and up again because this session ` +
        'never zeroes its gradient, ' +
        "as the lesson's loop forgets to: every update uses the sum of all the gradients so far, " +
        'which carries the parameters past the fit and back. Compare it with zeroing:',
    });
  }
  return out;
}

/**
 * A curve with more than this share of its points off the chart has left it: a good fit may
 * graze the top at the data's far end, which is no reason to warn.
 */
export const OFF_CHART_SHARE = 0.2;

/**
 * Whether a curve leaves a chart's y range, and by how much: {left: false} or
 * {left: true, text}. Non-finite values count as off the chart.
 */
export function curveOffChart(ys, range) {
  if (!Array.isArray(range) || !ys || !ys.length) return { left: false };
  const [lo, hi] = range;
  let min = Infinity;
  let max = -Infinity;
  let outside = 0;
  for (const y of ys) {
    if (!finite(y) || y < lo || y > hi) outside++;
    if (finite(y)) {
      min = Math.min(min, y);
      max = Math.max(max, y);
    }
  }
  if (outside <= OFF_CHART_SHARE * ys.length) return { left: false };
  const reach =
    max > hi ? `reaches ${short(max)}` : min < lo ? `reaches ${short(min)}` : 'is not a number';
  const share = outside === ys.length ? 'The whole' : 'Part of the';
  return {
    left: true,
    text:
      `${share} model's curve is off the chart: it ${reach}, and the chart shows ` +
      `${short(lo)} to ${short(hi)} (the data's range).`,
  };
}
