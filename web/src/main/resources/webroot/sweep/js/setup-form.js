// The setup form: keeps the address bar's query in step with it (so the URL is always a link to
// this setup), shows what the setup will run, marks the inputs at fault (found by the page or by
// the server), and sets the accumulation switch to each preset's own when the preset changes.

import { showError } from '/shared/dom.js';
import { count, lossName, rate } from '/shared/format.js';
import {
  PRESET_ACCUMULATES,
  fromQuery,
  inputFor,
  rates,
  readForm,
  toQuery,
  toRequest,
  validate,
  writeForm,
} from './setup.js';

const OPTIMIZER_NAMES = { sgd: 'SGD', momentum: 'momentum', adam: 'Adam' };

export class SetupForm {
  constructor(form, { summary, preview, error, onSubmit }) {
    this.form = form;
    this.summary = summary;
    this.preview = preview;
    this.error = error;
    this.presetAccumulates = { ...PRESET_ACCUMULATES };
    form.addEventListener('input', () => this.sync());
    form.addEventListener('change', (event) => {
      if (event.target.name === 'preset') {
        form.elements.namedItem('accumulate').checked =
          this.presetAccumulates[event.target.value] ?? true;
      }
      this.sync();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const setup = readForm(form);
      const errors = validate(setup);
      if (errors.length > 0) {
        this.showErrors(errors);
        return;
      }
      onSubmit(setup);
    });
  }

  /** Fills the form from a query string. */
  load(search) {
    writeForm(this.form, fromQuery(search), this.presetAccumulates);
    this.sync();
  }

  /** The presets' own accumulation, as the server reports it. */
  setPresetAccumulates(map) {
    const accumulateFollowsPreset =
      !new URLSearchParams(location.search).has('accumulate') ||
      this.form.elements.namedItem('accumulate').checked ===
        this.presetAccumulates[this.form.elements.namedItem('preset').value];
    Object.assign(this.presetAccumulates, map);
    if (accumulateFollowsPreset) {
      this.form.elements.namedItem('accumulate').checked =
        this.presetAccumulates[this.form.elements.namedItem('preset').value] ?? true;
      this.sync();
    }
  }

  setup() {
    return readForm(this.form);
  }

  /** The canonical query of the setup in the form. */
  query() {
    return toQuery(this.setup());
  }

  request(setup = this.setup()) {
    return toRequest(setup, this.presetAccumulates);
  }

  /** Brings the URL, the preview and the marks of invalid inputs up to date with the form. */
  sync() {
    const setup = this.setup();
    for (const part of this.form.querySelectorAll('[data-mode]')) {
      part.hidden = part.dataset.mode !== setup.lrMode;
    }
    const errors = validate(setup);
    this.#mark(errors);
    if (errors.length === 0) {
      const query = toQuery(setup);
      if (location.search !== query) history.replaceState(null, '', query + location.hash);
      showError(this.error, null);
    }
    this.preview.textContent = errors.length
      ? `Not yet: ${errors[0].message} (${errors[0].field}).`
      : describe(setup);
    this.summary.textContent = errors.length ? '' : brief(setup);
  }

  /** Marks the inputs at fault and shows the first fault; focuses its input. */
  showErrors(errors) {
    this.#mark(errors);
    const first = errors[0];
    showError(this.error, first);
    this.form.closest('details').open = true;
    const input = inputFor(this.form, first.field, this.setup());
    if (input) input.focus();
  }

  busy(on) {
    const button = this.form.querySelector('button[type=submit]');
    button.disabled = on;
    button.textContent = on ? 'Creating\u2026' : 'Create sweep';
  }

  #mark(errors) {
    const setup = this.setup();
    const bad = new Set(errors.map((e) => inputFor(this.form, e.field, setup)).filter(Boolean));
    for (const input of this.form.querySelectorAll('input, select')) {
      if (bad.has(input)) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  }
}

function rateSpan(setup, list) {
  if (setup.lrMode === 'list') {
    const shown =
      list.length > 6
        ? [...list.slice(0, 3).map(rate), '\u2026', rate(list.at(-1))]
        : list.map(rate);
    return shown.join(', ');
  }
  return `${rate(setup.from)} to ${rate(setup.to)}, ${setup.scale} spacing`;
}

/** A run's length for people: "12 s", "3 min", "2.5 h". */
function duration(seconds) {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${Number((seconds / 3600).toPrecision(2))} h`;
}

/** What the setup runs, in a sentence. */
function describe(setup) {
  const list = rates(setup);
  const k = list.length;
  return (
    `${count(k)} learning rate${k === 1 ? '' : 's'} (${rateSpan(setup, list)}), ` +
    `${count(setup.steps)} steps each: ${count(k)} loss curve${k === 1 ? '' : 's'} ` +
    `of ${lossName(setup.loss)} with ${OPTIMIZER_NAMES[setup.optimizer]}` +
    (setup.target !== null ? `, stopping below ${setup.target}` : '') +
    (setup.pace > 0
      ? `, at ${count(setup.pace)} steps a second (about ${duration(setup.steps / setup.pace)})`
      : ', as fast as the server goes') +
    '.'
  );
}

/** The setup in a line, for the folded setup panel. */
function brief(setup) {
  const list = rates(setup);
  return [
    setup.preset,
    lossName(setup.loss),
    OPTIMIZER_NAMES[setup.optimizer],
    `accumulation ${setup.accumulate ? 'on' : 'off'}`,
    `${count(list.length)} rates ${rateSpan(setup, list)}`,
    `${count(setup.steps)} steps`,
    setup.pace > 0 ? `${count(setup.pace)} steps/s` : 'full speed',
    setup.target !== null ? `target ${setup.target}` : null,
  ]
    .filter(Boolean)
    .join(' \u00b7 ');
}
