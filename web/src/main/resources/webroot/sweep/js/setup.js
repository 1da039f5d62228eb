// A sweep's setup as one plain object, with its three views: the form, the URL query and the
// request body of POST /api/sweeps. The query holds the setup only (never a sweep id or a
// token), so a link recreates the setup, and a reload finds it again. The learning rates use the
// notation of the headless command line: "1e-4:1:13:log" for a range, "0.001,0.01,0.1" a list.

export const LOSSES = ['mae', 'mse'];
export const OPTIMIZERS = ['sgd', 'momentum', 'adam'];
export const PRESETS = ['notebook', 'relu'];
export const SCALES = ['log', 'linear'];

/** Whether each preset accumulates gradients, until GET /api/presets says otherwise. */
export const PRESET_ACCUMULATES = { notebook: true, relu: false };

/** The paces the form offers, in lock-steps per second; 0 runs as fast as it goes. */
export const PACES = [10, 30, 100, 300, 1000, 0];
export const MAX_PACE = 1_000_000;

export const MAX_VARIANTS = 10000;
export const MAX_STEPS = 10_000_000;

export const DEFAULTS = Object.freeze({
  preset: 'notebook',
  loss: 'mae',
  optimizer: 'sgd',
  accumulate: null, // null: the preset's own
  lrMode: 'range',
  from: 1e-4,
  to: 1,
  count: 13,
  scale: 'log',
  list: '0.001, 0.01, 0.1',
  steps: 1000,
  target: null,
  // 1 000 steps at 100 a second take ten seconds: long enough to watch the curves form.
  pace: 100,
});

const finite = (text) => {
  if (typeof text !== 'string' || text.trim() === '') return null;
  const value = Number(text.trim());
  return Number.isFinite(value) ? value : null;
};

const oneOf = (value, allowed, fallback) => (allowed.includes(value) ? value : fallback);

/** The numbers of a comma- (or space-) separated list; null entries where one does not parse. */
export function parseList(text) {
  return String(text ?? '')
    .split(/[\s,;]+/)
    .filter((part) => part !== '')
    .map((part) => finite(part));
}

/** The setup a query string describes; anything missing or not understood takes its default. */
export function fromQuery(search) {
  const query = new URLSearchParams(search);
  const setup = { ...DEFAULTS };
  setup.preset = oneOf(query.get('preset'), PRESETS, DEFAULTS.preset);
  setup.loss = oneOf(query.get('loss'), LOSSES, DEFAULTS.loss);
  setup.optimizer = oneOf(query.get('optimizer'), OPTIMIZERS, DEFAULTS.optimizer);
  const accumulate = query.get('accumulate');
  setup.accumulate = accumulate === 'on' ? true : accumulate === 'off' ? false : null;
  const lr = query.get('lr');
  if (lr && lr.includes(':')) {
    const [from, to, count, scale] = lr.split(':');
    setup.lrMode = 'range';
    setup.from = finite(from) ?? DEFAULTS.from;
    setup.to = finite(to) ?? DEFAULTS.to;
    const n = finite(count);
    setup.count = n !== null && Number.isInteger(n) ? n : DEFAULTS.count;
    setup.scale = oneOf(scale ?? 'log', SCALES, DEFAULTS.scale);
  } else if (lr) {
    setup.lrMode = 'list';
    setup.list = parseList(lr)
      .filter((value) => value !== null)
      .join(', ');
    if (setup.list === '') setup.list = DEFAULTS.list;
  }
  const steps = finite(query.get('steps'));
  if (steps !== null && Number.isInteger(steps)) setup.steps = steps;
  setup.target = finite(query.get('target'));
  const pace = finite(query.get('pace'));
  if (pace !== null && pace >= 0 && pace <= MAX_PACE) setup.pace = pace;
  return setup;
}

/** The canonical query of a setup: always the same text for the same setup. */
export function toQuery(setup) {
  const query = new URLSearchParams();
  query.set('preset', setup.preset);
  query.set('loss', setup.loss);
  query.set('optimizer', setup.optimizer);
  if (setup.accumulate !== null) query.set('accumulate', setup.accumulate ? 'on' : 'off');
  if (setup.lrMode === 'list') {
    query.set('lr', parseList(setup.list).map(String).join(','));
  } else {
    query.set('lr', `${setup.from}:${setup.to}:${setup.count}:${setup.scale}`);
  }
  query.set('steps', String(setup.steps));
  if (setup.target !== null) query.set('target', String(setup.target));
  query.set('pace', String(setup.pace));
  // Colons and commas read better in an address bar than %3A and %2C.
  return '?' + query.toString().replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}

/** The body of POST /api/sweeps. */
export function toRequest(setup, presetAccumulates = PRESET_ACCUMULATES) {
  const body = {
    preset: setup.preset,
    loss: setup.loss,
    optimizer: { kind: setup.optimizer },
    accumulateGradients: setup.accumulate ?? presetAccumulates[setup.preset] ?? true,
    steps: setup.steps,
  };
  if (setup.lrMode === 'list') {
    body.lr = parseList(setup.list);
  } else {
    body.lr = { from: setup.from, to: setup.to, count: setup.count, scale: setup.scale };
  }
  if (setup.target !== null) body.target = setup.target;
  if (setup.pace > 0) body.stepsPerSecond = setup.pace;
  return body;
}

/** The learning rates a setup sweeps, as the server computes them (empty when invalid). */
export function rates(setup) {
  if (setup.lrMode === 'list') {
    const values = parseList(setup.list);
    return values.every((v) => v !== null && v > 0) ? values : [];
  }
  const { from, to, count, scale } = setup;
  if (!(from > 0) || !(to > 0) || !Number.isInteger(count) || count < 1) return [];
  const out = [];
  for (let i = 0; i < count; i++) {
    const t = count === 1 ? 0 : i / (count - 1);
    out.push(
      scale === 'log'
        ? Math.exp(Math.log(from) + t * (Math.log(to) - Math.log(from)))
        : from + t * (to - from),
    );
  }
  if (count > 1) out[count - 1] = to;
  out[0] = from;
  return out;
}

/**
 * What is wrong with a setup, as [{field, message}] with the server's field names, so the same
 * code marks the input at fault whether the page or the server found the fault.
 */
export function validate(setup) {
  const errors = [];
  const rate = (value) => value !== null && value > 0 && value <= 1e6;
  if (setup.lrMode === 'list') {
    const values = parseList(setup.list);
    if (values.length === 0) {
      errors.push({ field: 'lr', message: 'list at least one learning rate' });
    } else if (values.length > MAX_VARIANTS) {
      errors.push({ field: 'lr', message: `at most ${MAX_VARIANTS} learning rates` });
    } else {
      const bad = values.findIndex((value) => !rate(value));
      if (bad >= 0) {
        errors.push({ field: `lr[${bad}]`, message: 'each rate must be a number above 0' });
      }
    }
  } else {
    if (!rate(setup.from)) errors.push({ field: 'lr.from', message: 'must be above 0' });
    if (!rate(setup.to)) errors.push({ field: 'lr.to', message: 'must be above 0' });
    if (!Number.isInteger(setup.count) || setup.count < 1 || setup.count > MAX_VARIANTS) {
      errors.push({
        field: 'lr.count',
        message: `must be a whole number from 1 to ${MAX_VARIANTS}`,
      });
    }
  }
  if (!Number.isInteger(setup.steps) || setup.steps < 1 || setup.steps > MAX_STEPS) {
    errors.push({ field: 'steps', message: 'must be a whole number from 1 to 10 000 000' });
  }
  if (setup.target !== null && !Number.isFinite(setup.target)) {
    errors.push({ field: 'target', message: 'must be a number' });
  }
  if (!(setup.pace >= 0 && setup.pace <= MAX_PACE)) {
    errors.push({ field: 'stepsPerSecond', message: 'must be a number from 0 to 1 000 000' });
  }
  return errors;
}

/** The form input that holds a (server or page) field; lr[3] and lr both mean the list. */
export function inputFor(form, field, setup) {
  if (!field) return null;
  const name =
    field.startsWith('lr[') || field === 'lr'
      ? setup.lrMode === 'list'
        ? 'lr-list'
        : 'lr-from'
      : {
          'lr.from': 'lr-from',
          'lr.to': 'lr-to',
          'lr.count': 'lr-count',
          'lr.scale': 'lr-scale',
          'optimizer.kind': 'optimizer',
          optimizer: 'optimizer',
          accumulateGradients: 'accumulate',
          loss: 'loss',
          preset: 'preset',
          steps: 'steps',
          target: 'target',
          stepsPerSecond: 'pace',
        }[field];
  return name ? form.elements.namedItem(name) : null;
}

/** Reads the form; numbers that do not parse are NaN, so validate() names them. */
export function readForm(form) {
  const value = (name) => form.elements.namedItem(name).value;
  const number = (name) => {
    const text = value(name).trim();
    return text === '' ? NaN : Number(text);
  };
  const targetText = value('target').trim();
  return {
    preset: value('preset'),
    loss: value('loss'),
    optimizer: value('optimizer'),
    accumulate: form.elements.namedItem('accumulate').checked,
    lrMode: form.elements.namedItem('lr-mode').value,
    from: number('lr-from'),
    to: number('lr-to'),
    count: number('lr-count'),
    scale: value('lr-scale'),
    list: value('lr-list'),
    steps: number('steps'),
    target: targetText === '' ? null : Number(targetText),
    pace: Number(value('pace')),
  };
}

/** Fills the form from a setup; accumulate null takes the preset's own. */
export function writeForm(form, setup, presetAccumulates = PRESET_ACCUMULATES) {
  const set = (name, v) => {
    form.elements.namedItem(name).value = v;
  };
  set('preset', setup.preset);
  set('loss', setup.loss);
  set('optimizer', setup.optimizer);
  form.elements.namedItem('accumulate').checked =
    setup.accumulate ?? presetAccumulates[setup.preset] ?? true;
  for (const radio of form.querySelectorAll('input[name="lr-mode"]')) {
    radio.checked = radio.value === setup.lrMode;
  }
  set('lr-from', String(setup.from));
  set('lr-to', String(setup.to));
  set('lr-count', String(setup.count));
  set('lr-scale', setup.scale);
  set('lr-list', setup.list);
  set('steps', String(setup.steps));
  set('target', setup.target === null ? '' : String(setup.target));
  const pace = form.elements.namedItem('pace');
  // A pace from a link that the list lacks gets its own entry, so the form shows what runs.
  if (![...pace.options].some((o) => Number(o.value) === setup.pace)) {
    pace.add(new Option(`${setup.pace} steps a second`, String(setup.pace)));
  }
  pace.value = String(setup.pace);
}
