// The "Share as a classroom link" dialog: a checkbox per control a link may hide, and the link
// itself, kept up to date as boxes are ticked. The page applies a link's choice at load by
// marking <html data-hide>, which the stylesheet turns into hidden controls.

import { el, setText } from '../shared/dom.js';
import { HIDEABLE, classroomLink, parseHidden } from './classroom.js';

/** Hides what the address asks to hide; answers the keys hidden. */
export function applyClassroomLink(search = location.search) {
  const hidden = parseHidden(search);
  if (hidden.length) document.documentElement.dataset.hide = hidden.join(' ');
  else delete document.documentElement.dataset.hide;
  return hidden;
}

export class ClassroomDialog {
  /**
   * @param dialog the <dialog>
   * @param opener the button that opens it
   * @param hidden the keys hidden now (ticked when the dialog opens)
   */
  constructor(dialog, opener, hidden) {
    this.dialog = dialog;
    this.output = dialog.querySelector('[data-role="classroom-link"]');
    this.open = dialog.querySelector('[data-role="open-link"]');
    this.copied = dialog.querySelector('[data-role="classroom-copied"]');
    const choices = dialog.querySelector('[data-role="hide-choices"]');
    this.boxes = HIDEABLE.map(({ key, label }) => {
      const box = el('input', { type: 'checkbox', name: 'hide', value: key });
      box.checked = hidden.includes(key);
      box.addEventListener('change', () => this.#update());
      choices.append(el('label', { class: 'check' }, box, ` ${label}`));
      return box;
    });
    opener.addEventListener('click', () => {
      this.#update();
      dialog.showModal();
    });
    dialog.querySelector('[data-role="copy-link"]').addEventListener('click', () => this.#copy());
  }

  /** The link for the boxes ticked now, with the setup in the address bar now. */
  link() {
    const chosen = this.boxes.filter((box) => box.checked).map((box) => box.value);
    return classroomLink(location.origin, location.pathname, location.search, chosen);
  }

  #update() {
    const link = this.link();
    this.output.value = link;
    this.open.href = link;
    setText(this.copied, '');
  }

  async #copy() {
    this.output.select();
    try {
      await navigator.clipboard.writeText(this.output.value);
      setText(this.copied, 'Copied. Paste it where your class will find it.');
    } catch {
      setText(this.copied, 'The link is selected: copy it with Ctrl+C (\u2318C on a Mac).');
    }
  }
}
