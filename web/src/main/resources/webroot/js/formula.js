// The lesson's formulas as text: the model beside the sliders ("y = 1.10x² + 1.20x + 1.30", live),
// the true function the data is drawn from (3x² + 4x + 5) and the noise added to it, as the
// notebook's add_noise does. Pure: no DOM, so the rules are tested with node --test.

const MINUS = '\u2212';
const SUPERSCRIPT = '\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079';

/** x with its power: x, x², x¹²; nothing for the constant. */
function power(n) {
  if (n === 0) return '';
  if (n === 1) return 'x';
  return 'x' + String(n).split('').map((d) => SUPERSCRIPT[Number(d)]).join('');
}

/** A coefficient's size: fixed decimals when given, else as short as it is (3, not 3.00). */
function size(value, decimals) {
  const abs = Math.abs(value);
  return decimals == null ? String(Number(abs.toPrecision(6))) : abs.toFixed(decimals);
}

/** A signed number as short as it is: -2, 0.4. */
function plain(value) {
  return String(Number(Number(value).toPrecision(6)));
}

/** Terms joined with their signs: "a + b − c", a leading minus as "−a". */
function signed(terms) {
  return terms
    .map(({ negative, text }, i) => {
      if (i === 0) return (negative ? MINUS : '') + text;
      return (negative ? ` ${MINUS} ` : ' + ') + text;
    })
    .join('');
}

/** A polynomial with its highest power first: [a, b, c] → "1.10x² + 1.20x + 1.30". */
export function polynomialText(coefficients, decimals = 2) {
  if (!coefficients.length || !coefficients.every(Number.isFinite)) return '\u2014';
  const top = coefficients.length - 1;
  return signed(
    coefficients.map((value, i) => ({
      negative: value < 0 && Number(size(value, decimals)) !== 0,
      text: size(value, decimals) + power(top - i),
    })),
  );
}

/** A sum of ReLUs, params m1, b1, m2, b2, …: "max(1.00x + 2.00, 0) + …". */
export function reluText(params, decimals = 2) {
  if (params.length < 2 || !params.every(Number.isFinite)) return '\u2014';
  const units = [];
  for (let i = 0; i + 1 < params.length; i += 2) {
    units.push(`max(${polynomialText([params[i], params[i + 1]], decimals)}, 0)`);
  }
  return units.join(' + ');
}

/** The model with its current parameters, as the formula beside the sliders. */
export function modelFormula(modelKind, params, decimals = 2) {
  if (modelKind === 'mlp') return `y = a network of ReLU layers, ${params.length} parameters`;
  const body =
    modelKind === 'relu-sum' ? reluText(params, decimals) : polynomialText(params, decimals);
  return `y = ${body}`;
}

/** The function the data is drawn from, from the spec's data.target. */
export function targetFormula(target) {
  const c = (target && target.coefficients) || [];
  switch (target && target.kind) {
    case 'quadratic':
      return `y = ${polynomialText(c, null)}`;
    case 'sine':
      return `y = ${size(c[0], null)}\u00b7sin(${size(c[1], null)}x)`;
    case 'abs':
      return `y = ${size(c[0], null)}\u00b7|x|`;
    case 'step':
      return `y = ${size(c[0], null)} for x \u2265 0, else 0`;
    default:
      return '';
  }
}

/** The lesson's own code for the data, with the spec's numbers. */
export function dataCode(spec) {
  const d = spec.data;
  const noise = d.noise || { mult: 0, add: 0 };
  const c = (d.target && d.target.coefficients) || [];
  const f =
    d.target && d.target.kind === 'quadratic'
      ? `f = mk_quad(${c.map((v) => size(v, null)).join(', ')})    # ${targetFormula(d.target)}`
      : `# f is ${targetFormula(d.target)}`;
  return [
    f,
    'def noise(x, scale): return normal(scale=scale, size=x.shape)',
    'def add_noise(x, multiplier, add): return x * (1+noise(x,multiplier)) + noise(x,add)',
    `seed(${spec.seed})`,
    `x = torch.linspace(start=${plain(d.xMin)}, end=${plain(d.xMax)}, steps=${d.n})`,
    `y = add_noise(f(x), ${size(noise.mult, null)}, ${size(noise.add, null)})`,
  ].join('\n');
}

/**
 * The story of the data, from a session's spec: where the dots come from and how the noise was
 * added. {truth, points, noise}, each a sentence.
 */
export function dataStory(spec) {
  const d = spec.data;
  const noise = d.noise || { mult: 0, add: 0 };
  return {
    truth: targetFormula(d.target),
    points:
      `${d.n} points x evenly spaced from ${plain(d.xMin)} to ${plain(d.xMax)}` +
      ` (torch.linspace), seed ${spec.seed}.`,
    noise:
      `add_noise(f(x), ${size(noise.mult, null)}, ${size(noise.add, null)}): each y is ` +
      `f(x)\u00b7(1 + N(0, ${size(noise.mult, null)})) + N(0, ${size(noise.add, null)}), ` +
      'where N(0, s) is a normal random number with spread s.',
  };
}
