// The instructor's close look at one participant: their status, loss curve and parameters,
// and the button that shows their session to everyone.

import { el, role, setText } from '/shared/dom.js';
import { count, lossName, num, rate } from '/shared/format.js';
import { LossPlot } from './plots.js';

export class DetailPanel {
  /**
   * root: the #detail section; onShow(session | null) spotlights; onClose() closes;
   * onRemove(entry) removes the participant from the workshop.
   */
  constructor(root, { onShow, onClose, onRemove }) {
    this.root = root;
    this.entry = null;
    this.spotlight = null;
    this.plot = new LossPlot(role(root, 'detail-chart'), { heightRem: 13 });
    this.showButton = role(root, 'detail-show');
    this.showButton.addEventListener('click', () =>
      onShow(this.spotlight === this.entry?.session ? null : this.entry.session),
    );
    role(root, 'detail-close').addEventListener('click', onClose);
    role(root, 'detail-remove').addEventListener('click', () => {
      if (this.entry) onRemove(this.entry);
    });
    root.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') onClose();
    });
  }

  open(entry) {
    this.entry = entry;
    this.root.hidden = false;
    this.root.dataset.session = entry.session;
    role(this.root, 'detail-swatch').style.background = entry.color;
    this.plot.show(entry.trace, entry.color);
    this.render();
  }

  close() {
    this.entry = null;
    this.root.hidden = true;
    delete this.root.dataset.session;
  }

  setSpotlight(session) {
    this.spotlight = session;
    this.render();
  }

  /** An entry's data changed; redraws when it is the one on show. */
  changed(entry) {
    if (entry !== this.entry) return;
    this.plot.schedule();
    this.render();
  }

  render() {
    const e = this.entry;
    if (!e) return;
    const r = (name) => role(this.root, name);
    setText(r('detail-name'), e.name);
    const status = e.status;
    setText(r('detail-status'), status);
    r('detail-status').dataset.status = status;
    setText(r('detail-step'), count(e.step));
    setText(r('detail-loss-name'), lossName(e.lossKind));
    setText(r('detail-loss'), num(e.loss));
    setText(r('detail-lr'), rate(e.lr));
    const flag = r('detail-flag');
    flag.hidden = e.flag !== 'stuck'; // a divergence is the status itself
    flag.dataset.flag = e.flag ?? '';
    setText(flag, e.flag ?? '');
    const shown = this.spotlight === e.session;
    setText(this.showButton, shown ? 'Stop showing to everyone' : 'Show to everyone');
    this.showButton.setAttribute('aria-pressed', String(shown));
    this.#params(e);
  }

  #params(e) {
    const body = role(this.root, 'detail-params').tBodies[0];
    const names = e.paramNames || [];
    while (body.rows.length > names.length) body.deleteRow(-1);
    while (body.rows.length < names.length) {
      body.append(
        el('tr', {}, el('th', { scope: 'row' }), el('td', { class: 'num' }), el('td', { class: 'num' })),
      );
    }
    names.forEach((name, i) => {
      const cells = body.rows[i].cells;
      setText(cells[0], name);
      setText(cells[1], num(e.params?.[i]));
      setText(cells[2], num(e.grad?.[i]));
    });
  }
}
