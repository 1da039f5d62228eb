// The early warnings above a training panel's controls, as text (see warnings.js for the
// rules). A swinging loss offers a one-click comparison with zeroing the gradient, when the
// page has one. Redrawn only when the warnings change, so a run's frames do not churn the DOM.

import { el } from '../shared/dom.js';

export class WarningList {
  /**
   * @param container where the warnings go
   * @param panel the element whose data-warnings lists their kinds (for tests and scripts)
   * @param onCompare called by the button under a swinging loss; none when null
   */
  constructor(container, panel, { onCompare = null } = {}) {
    this.container = container;
    this.panel = panel;
    this.onCompare = onCompare;
    this.key = null;
  }

  /** @param warnings [{kind, text}] */
  show(warnings) {
    const key = warnings.map((w) => w.text).join('|');
    if (key === this.key) return;
    this.key = key;
    this.panel.dataset.warnings = warnings.map((w) => w.kind).join(' ');
    this.container.replaceChildren(...warnings.map((w) => this.#line(w)));
  }

  #line(warning) {
    const line = el('p', { class: 'alert warn', dataset: { kind: warning.kind } }, warning.text);
    if (warning.kind === 'swinging' && this.onCompare) {
      const button = el('button', {
        type: 'button',
        dataset: { role: 'compare-now' },
        text: 'Compare with zeroing',
      });
      button.addEventListener('click', () => this.onCompare());
      line.append(button);
    }
    return line;
  }
}
