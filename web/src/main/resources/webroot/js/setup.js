// The setup panel: model, data, loss, optimizer, schedule, learning rate, seed. Its fields are
// named by their path in the spec ("data.target.kind"); a field left as the preset has it is
// not sent, so the server's preset fills it. The same overrides live in the page's query string
// (?model.kind=relu-sum&model.units=3), so a link recreates the setup. Never the token.

import { setText, showError } from '../shared/dom.js';
import { lossName, rate } from '../shared/format.js';

/** How a field's text becomes a value. */
const READERS = {
  text: (s) => s,
  number: (s) => Number(s),
  bool: (s) => s === 'true',
  list: (s) => s.split(',').map((part) => Number(part.trim())),
};

function get(object, path) {
  return path.split('.').reduce((value, key) => (value == null ? undefined : value[key]), object);
}

function set(object, path, value) {
  const keys = path.split('.');
  let node = object;
  for (const key of keys.slice(0, -1)) node = node[key] ??= {};
  node[keys[keys.length - 1]] = value;
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Fields with no value in a preset get these when they appear (the server's own defaults). */
const FALLBACKS = { 'model.degree': 3, 'model.units': 2, 'model.hidden': [8, 8] };

export class Setup {
  /**
   * @param form the setup <form>; each field has name = spec path and data-type
   * @param presets {name: spec} from the server
   * @param onSubmit async (spec) → called to start a session with it; its refusal is shown
   * @param onApplied called with the new query whenever the setup in use changes
   * @param keepQuery the part of the query that is not the setup (the classroom link's hide=…)
   */
  constructor(form, { presets, onSubmit, onApplied = () => {}, keepQuery = () => '' }) {
    this.form = form;
    this.presets = presets;
    this.onSubmit = onSubmit;
    this.onApplied = onApplied;
    this.keepQuery = keepQuery;
    this.error = form.querySelector('[data-role="setup-error"]');
    this.summary = document.querySelector('[data-role="setup-summary"]');
    this.link = form.querySelector('[data-role="setup-link"]');
    const presetSelect = form.elements.preset;
    presetSelect.replaceChildren(...Object.keys(presets).map((name) => new Option(name, name)));
    presetSelect.addEventListener('change', () => {
      this.#fill(this.presets[presetSelect.value]);
    });
    form.elements['model.kind'].addEventListener('change', () => {
      form.elements.init.value = ''; // starting values belong to the model they were set for
    });
    form.elements['data.target.kind'].addEventListener('change', () => {
      form.elements['data.target.coefficients'].value = '';
    });
    form.addEventListener('change', () => this.#showRelevant());
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
  }

  /** Reads the setup from a query string into the form (the preset first, then overrides). */
  load(query) {
    const params = new URLSearchParams(query);
    const preset = this.presets[params.get('preset')] ? params.get('preset') : 'notebook';
    this.form.elements.preset.value = preset;
    this.#fill(this.presets[preset]);
    for (const [path, value] of params) {
      const field = this.form.elements[path];
      if (!field || path === 'preset') continue;
      if (field.type === 'checkbox') field.checked = value === 'true';
      else field.value = value;
    }
    this.#showRelevant();
    this.#describe();
    this.form.dispatchEvent(new Event('downhill:setup-filled'));
  }

  /** The spec the form describes: the preset's name and the fields that differ from it. */
  spec() {
    const { overrides } = this.#read();
    const spec = { preset: this.form.elements.preset.value };
    for (const [path, value] of overrides) set(spec, path, value);
    return spec;
  }

  /** The query string for the form's setup: only what differs from the preset. */
  query() {
    const params = new URLSearchParams();
    params.set('preset', this.form.elements.preset.value);
    for (const [path, value] of this.#read().overrides) {
      params.set(path, Array.isArray(value) ? value.join(',') : String(value));
    }
    return params.toString();
  }

  /** Starts a session with the form's setup; puts the setup in the address bar once it worked. */
  async submit() {
    showError(this.error, null);
    let spec;
    try {
      spec = this.spec();
    } catch (error) {
      this.#refused(error);
      return false;
    }
    const button = this.form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      await this.onSubmit(spec);
      this.remember();
      return true;
    } catch (error) {
      this.#refused(error);
      return false;
    } finally {
      button.disabled = false;
    }
  }

  /**
   * The spec of the setup now in use (the last one started), which the other sections build on;
   * edits in the form count only once started.
   */
  appliedSpec() {
    return structuredClone(this.applied ?? this.spec());
  }

  /** Writes the setup to the address bar (replacing, so Back leaves the page as usual). */
  remember() {
    this.applied = this.spec();
    const kept = this.keepQuery();
    const url = `${location.pathname}?${this.query()}${kept ? '&' + kept : ''}${location.hash}`;
    history.replaceState(null, '', url);
    this.link.href = url;
    this.#describe();
    this.onApplied(this.query());
  }

  /**
   * Shows the session's settings as they are now: the session is the one source of truth, so
   * the form, its summary, the link and the address bar follow every switch and box that
   * changes it (the learning rate, the accumulation; with start, the starting values too).
   * Edits of other fields not yet started are left alone.
   */
  reflect(state, { start = false } = {}) {
    if (!state || !this.applied) return;
    // Only what the session changed since last time: a box someone is typing in stays theirs.
    const seen = this.reflected;
    this.reflected = { id: state.id, lr: state.lr, accumulate: state.accumulateGradients };
    const fresh = !seen || seen.id !== state.id;
    const f = this.form.elements;
    let changed = false;
    if ((fresh || seen.lr !== state.lr) && Number(f.lr.value) !== state.lr) {
      f.lr.value = String(state.lr);
      changed = true;
    }
    if (
      (fresh || seen.accumulate !== state.accumulateGradients) &&
      f.accumulateGradients.checked !== state.accumulateGradients
    ) {
      f.accumulateGradients.checked = state.accumulateGradients;
      changed = true;
    }
    const init = state.spec.init.join(', ');
    if (start && f.init.value !== init) {
      f.init.value = init;
      changed = true;
    }
    if (changed) this.remember();
  }

  #refused(error) {
    showError(this.error, error);
    const path = error.field ? error.field.replace(/\[\d+\]$/, '') : null;
    const field = path && this.form.elements[path];
    this.form.closest('details').open = true;
    if (field && field.focus) {
      field.setAttribute('aria-invalid', 'true');
      field.focus();
      field.addEventListener('input', () => field.removeAttribute('aria-invalid'), { once: true });
    }
  }

  #fill(preset) {
    for (const field of this.form.querySelectorAll('[data-type]')) {
      const value = get(preset, field.name) ?? FALLBACKS[field.name];
      if (field.type === 'checkbox') field.checked = Boolean(value);
      else
        field.value =
          value === undefined ? '' : Array.isArray(value) ? value.join(', ') : String(value);
    }
    this.#showRelevant();
    this.form.dispatchEvent(new Event('downhill:setup-filled'));
  }

  /** Shows only the fields the chosen kinds use (degree for polynomials, beta for Adam, …). */
  #showRelevant() {
    for (const wrapper of this.form.querySelectorAll('[data-when]')) {
      const [path, values] = wrapper.dataset.when.split('=');
      const current = this.form.elements[path].value;
      wrapper.hidden = !values.split('|').includes(current);
    }
  }

  /** [[path, value]] for visible fields that differ from the preset; throws on unreadable ones. */
  #read() {
    const preset = this.presets[this.form.elements.preset.value];
    const overrides = [];
    for (const field of this.form.querySelectorAll('[data-type]')) {
      if (field.closest('[hidden]')) continue;
      const type = field.dataset.type;
      let value;
      if (field.type === 'checkbox') {
        value = field.checked;
      } else {
        if (field.validity && field.validity.badInput) {
          throw Object.assign(new Error('is not a number'), { field: field.name });
        }
        const text = field.value.trim();
        if (text === '') continue; // left empty: the server's default
        value = READERS[type](text);
        if (
          (type === 'number' && !Number.isFinite(value)) ||
          (type === 'list' && !value.every(Number.isFinite))
        ) {
          throw Object.assign(
            new Error(type === 'list' ? 'must be numbers separated by commas' : 'is not a number'),
            {
              field: field.name,
            },
          );
        }
      }
      if (!same(value, get(preset, field.name))) overrides.push([field.name, value]);
    }
    return { overrides };
  }

  /** The one-line description shown on the closed setup panel. */
  #describe() {
    const f = this.form.elements;
    const model =
      f['model.kind'].value === 'polynomial'
        ? `polynomial of degree ${f['model.degree'].value}`
        : f['model.kind'].value === 'relu-sum'
          ? `${f['model.units'].value} ReLUs`
          : f['model.kind'].value === 'mlp'
            ? `neural network (${f['model.hidden'].value} ReLUs)`
            : 'quadratic';
    const parts = [
      `${model} model`,
      lossName(f.loss.value),
      `${f['optimizer.kind'].value.toUpperCase()} at learning rate ${rate(Number(f.lr.value))}`,
      `${f['data.target.kind'].value} data, ${f['data.n'].value} points, seed ${f.seed.value}`,
    ];
    const heldOut = Number(f['data.validationFraction'].value);
    if (heldOut > 0) parts.push(`${Math.round(heldOut * 100)} % held out for validation`);
    if (f.accumulateGradients.checked) parts.push('gradient never zeroed');
    setText(this.summary, parts.join(' \u00b7 '));
  }
}
