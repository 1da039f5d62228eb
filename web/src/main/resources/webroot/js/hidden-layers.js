// The setup's control for a network's hidden layers: one width box per layer, "Add another
// layer" (at most three) and a Remove button per layer. It keeps the setup's own field, the
// hidden input model.hidden ("8, 8"), as the one source of truth: it writes it on every edit and
// reads it back whenever the setup fills the form (a preset, a link).

import { el } from '../shared/dom.js';

export const MAX_LAYERS = 3;
export const MAX_WIDTH = 64;
const NEW_LAYER_WIDTH = 8;

/** The widths a field's text holds ("8, 8" → [8, 8]); [8, 8] when it holds none. */
export function readWidths(text) {
  const widths = String(text ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(Number);
  return widths.length ? widths : [NEW_LAYER_WIDTH, NEW_LAYER_WIDTH];
}

export class HiddenLayers {
  /**
   * @param root the wrapper: holds the hidden input named model.hidden, [data-role="layers"]
   *     and [data-role="add-layer"]
   */
  constructor(root) {
    this.root = root;
    this.field = root.querySelector('input[name="model.hidden"]');
    this.list = root.querySelector('[data-role="layers"]');
    this.add = root.querySelector('[data-role="add-layer"]');
    this.add.addEventListener('click', () => {
      const widths = this.widths();
      if (widths.length >= MAX_LAYERS) return;
      this.#write([...widths, widths[widths.length - 1] ?? NEW_LAYER_WIDTH]);
      this.list.querySelector('li:last-child input').focus();
    });
    this.field.form.addEventListener('downhill:setup-filled', () => this.#render());
    this.#render();
  }

  widths() {
    return readWidths(this.field.value);
  }

  #write(widths) {
    this.field.value = widths.join(', ');
    this.#render();
    this.field.form.dispatchEvent(new Event('change'));
  }

  #render() {
    const widths = this.widths();
    this.add.disabled = widths.length >= MAX_LAYERS;
    const boxes = this.list.querySelectorAll('input');
    if (boxes.length === widths.length) {
      // The same layers: edit in place, so the box someone is typing in keeps its focus.
      boxes.forEach((box, i) => {
        if (box !== document.activeElement && Number(box.value) !== widths[i]) {
          box.value = String(widths[i]);
        }
      });
      return;
    }
    this.list.replaceChildren(
      ...widths.map((width, i) => {
        const box = el('input', {
          type: 'number',
          min: 1,
          max: MAX_WIDTH,
          step: 1,
          value: width,
          'aria-label': `Layer ${i + 1} width`,
          dataset: { layer: i + 1 },
        });
        // Not the form's own field: only model.hidden is read; edits go there.
        box.addEventListener('change', (event) => {
          event.stopPropagation();
          const next = this.widths();
          next[i] = Number(box.value);
          this.#write(next);
        });
        const remove = el('button', {
          type: 'button',
          text: 'Remove',
          'aria-label': `Remove layer ${i + 1}`,
          disabled: widths.length <= 1,
        });
        remove.addEventListener('click', () => {
          this.#write(this.widths().filter((_, j) => j !== i));
          this.add.focus();
        });
        return el('li', {}, el('label', {}, `Layer ${i + 1}: `, box, ' ReLUs'), ' ', remove);
      }),
    );
  }
}
