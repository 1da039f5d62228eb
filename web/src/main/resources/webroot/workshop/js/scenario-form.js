// The scenario fields of the instructor's forms (open a workshop, push a scenario): a preset,
// its loss, learning rate and gradient accumulation. Choosing a preset fills in its defaults.

import { presets } from '/js/api.js';
import { ApiError } from '/shared/request.js';

let presetsOnce = null;

function loadPresets() {
  presetsOnce ??= presets().catch(() => ({}));
  return presetsOnce;
}

export class ScenarioFields {
  /** Puts the fields from the template into container (inside a form). */
  constructor(container, template) {
    container.append(template.content.firstElementChild.cloneNode(true));
    this.root = container;
    this.preset = container.querySelector('[name="preset"]');
    this.loss = container.querySelector('[name="loss"]');
    this.lr = container.querySelector('[name="lr"]');
    this.accumulate = container.querySelector('[name="accumulateGradients"]');
    // What the person set by hand before the presets arrived is kept; a new preset resets all.
    this.touched = new Set();
    for (const field of [this.loss, this.lr, this.accumulate]) {
      field.addEventListener('change', () => this.touched.add(field));
    }
    this.preset.addEventListener('change', () => {
      this.touched.clear();
      this.fillDefaults();
    });
    this.fillDefaults();
  }

  async fillDefaults() {
    const spec = (await loadPresets())[this.preset.value];
    if (!spec) return;
    if (!this.touched.has(this.loss)) this.loss.value = spec.loss;
    if (!this.touched.has(this.lr)) this.lr.value = String(spec.lr);
    if (!this.touched.has(this.accumulate)) this.accumulate.checked = spec.accumulateGradients;
  }

  /** The spec to send; throws an ApiError naming the field when the rate is not usable. */
  read() {
    const lr = Number(this.lr.value);
    const bad = this.lr.value.trim() === '' || !Number.isFinite(lr) || lr <= 0;
    this.lr.setAttribute('aria-invalid', String(bad));
    if (bad) {
      this.lr.focus();
      throw new ApiError(400, 'must be a number above 0', 'learning rate');
    }
    return {
      preset: this.preset.value,
      loss: this.loss.value,
      lr,
      accumulateGradients: this.accumulate.checked,
    };
  }

  /** What the fields say, in words, for a confirmation. */
  describe() {
    const preset = this.preset.selectedOptions[0].textContent.trim();
    const accumulate = this.accumulate.checked ? ', gradient never zeroed' : '';
    return `${preset}, ${this.loss.value.toUpperCase()}, learning rate ${this.lr.value}${accumulate}`;
  }
}

/** A short description of a scenario as the server returns it. */
export function describeScenario(spec) {
  if (!spec) return '';
  const model =
    spec.model?.kind === 'relu-sum'
      ? `${spec.model.units} ReLUs`
      : spec.model?.kind === 'polynomial'
        ? `polynomial of degree ${spec.model.degree}`
        : 'quadratic';
  const accumulate = spec.accumulateGradients ? ', gradient never zeroed' : '';
  return `${model}, ${String(spec.loss).toUpperCase()}, learning rate ${spec.lr}${accumulate}`;
}
