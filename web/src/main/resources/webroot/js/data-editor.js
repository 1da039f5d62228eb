// Editing a session's training points on its data chart: click empty space to add a point, drag
// a point to move it, double-click or Alt-click it to remove it. From the keyboard: focus the
// chart, ← → choose a point, ↑ ↓ move it (Shift: in smaller steps), Delete removes it, + adds
// one in the middle of the view. On a touch screen, tap a point to choose it and use the remove
// button. Every edit goes to the server, which answers with the new loss; the chart shows the
// server's points once it has them. Held-out points are not editable.

import { COLORS } from './colors.js';
import { handPlaced, hitPoint, linearScale, moved, nextByX } from './point-edit.js';

export class DataEditor {
  /**
   * @param chart the FitChart that draws the points
   * @param edit async (command) → sends {kind: 'add'|'move'|'remove', index, x, y} and reads
   *     the server's points back; answers whether the server took it (a refusal is shown by the
   *     caller)
   * @param announce (text) → tells a screen reader (and everyone) what just happened
   * @param removeButton a button that removes the chosen point, enabled while one is chosen
   */
  constructor(chart, { edit, announce = () => {}, removeButton = null }) {
    this.chart = chart;
    this.edit = edit;
    this.announce = announce;
    this.removeButton = removeButton;
    removeButton?.addEventListener('click', () => {
      if (this.selected >= 0) this.#remove(this.selected);
    });
    this.points = null; // the server's training points, {x, y}
    this.selected = -1;
    this.drag = null; // {index, from: [px, py], at: [x, y], moved}
    this.pending = null; // a pointer down on empty space, {from}
    const container = chart.container;
    this.container = container;
    container.tabIndex = 0;
    container.classList.add('editable');
    chart.overlay = (u) => this.#drawSelection(u);
    container.addEventListener('pointerdown', (event) => this.#down(event));
    container.addEventListener('pointermove', (event) => this.#move(event));
    container.addEventListener('pointerup', (event) => this.#up(event));
    container.addEventListener('pointercancel', () => this.#cancel());
    container.addEventListener('dblclick', (event) => this.#doubleClick(event));
    container.addEventListener('keydown', (event) => this.#key(event));
    this.#publish();
  }

  /** The server's training points; a point being dragged keeps its place until it is let go. */
  setPoints(points) {
    this.points = points ? { x: points.x.slice(), y: points.y.slice() } : null;
    if (this.selected >= this.count()) this.selected = this.count() - 1;
    this.#show();
  }

  count() {
    return this.points ? this.points.x.length : 0;
  }

  #show() {
    if (!this.points) {
      this.chart.setPoints(null);
      this.#publish();
      return;
    }
    const shown = { x: this.points.x.slice(), y: this.points.y.slice() };
    if (this.drag && this.drag.moved) {
      shown.x[this.drag.index] = this.drag.at[0];
      shown.y[this.drag.index] = this.drag.at[1];
    }
    this.chart.setPoints(shown);
    this.#publish();
  }

  /**
   * Exposes data-edit-points (the training points), data-selected-point (the chosen one's index,
   * -1 for none) and its place in the plotting area (data-selected-left, -top, in CSS pixels) on
   * the chart, for tests and for anyone scripting the page.
   */
  #publish() {
    const d = this.container.dataset;
    d.editPoints = String(this.count());
    d.selectedPoint = String(this.selected);
    const scales = this.selected >= 0 && this.points ? this.#scales() : null;
    d.selectedLeft = scales ? String(scales.x.toPixel(this.points.x[this.selected])) : '';
    d.selectedTop = scales ? String(scales.y.toPixel(this.points.y[this.selected])) : '';
    if (this.removeButton) this.removeButton.disabled = !(this.selected >= 0 && this.count() > 1);
  }

  /** Pixels inside the plotting area ↔ data, from the chart's own scales. */
  #scales() {
    const u = this.chart.plot;
    if (!u || u.scales.x.min == null || u.scales.y.min == null) return null;
    const width = u.over.clientWidth;
    const height = u.over.clientHeight;
    return {
      u,
      x: linearScale([u.scales.x.min, u.scales.x.max], [0, width]),
      y: linearScale([u.scales.y.min, u.scales.y.max], [height, 0]),
    };
  }

  /** Where the event is in the plotting area, or null outside it. */
  #position(event, scales) {
    const box = scales.u.over.getBoundingClientRect();
    const px = event.clientX - box.left;
    const py = event.clientY - box.top;
    if (px < 0 || py < 0 || px > box.width || py > box.height) return null;
    return [px, py];
  }

  #hit(scales, [px, py]) {
    if (!this.points) return -1;
    return hitPoint(this.points, px, py, (x, y) => [scales.x.toPixel(x), scales.y.toPixel(y)]);
  }

  #down(event) {
    if (event.button !== 0 || !this.points) return;
    const scales = this.#scales();
    const at = scales && this.#position(event, scales);
    if (!at) return;
    const index = this.#hit(scales, at);
    if (index >= 0 && event.altKey) {
      event.preventDefault();
      this.#remove(index);
      return;
    }
    this.container.setPointerCapture?.(event.pointerId);
    if (index >= 0) {
      event.preventDefault();
      this.selected = index;
      this.drag = {
        index,
        from: at,
        at: [this.points.x[index], this.points.y[index]],
        moved: false,
      };
      this.#show();
    } else {
      this.pending = { from: at };
    }
  }

  #move(event) {
    if (!this.drag) return;
    const scales = this.#scales();
    if (!scales) return;
    const box = scales.u.over.getBoundingClientRect();
    const at = [event.clientX - box.left, event.clientY - box.top];
    if (!this.drag.moved && !moved(this.drag.from, at)) return;
    this.drag.moved = true;
    this.drag.at = [scales.x.toValue(at[0]), scales.y.toValue(at[1])];
    this.#show();
  }

  #up(event) {
    const scales = this.#scales();
    if (this.drag) {
      const drag = this.drag;
      this.drag = null;
      if (drag.moved) {
        const [x, y] = drag.at.map(handPlaced);
        this.#send({ kind: 'move', index: drag.index, x, y }, `Point ${drag.index + 1} moved`);
      } else {
        this.#show();
      }
      return;
    }
    if (this.pending && scales) {
      const at = this.#position(event, scales);
      const from = this.pending.from;
      this.pending = null;
      if (at && !moved(from, at)) {
        const x = handPlaced(scales.x.toValue(at[0]));
        const y = handPlaced(scales.y.toValue(at[1]));
        this.selected = this.count(); // the new point comes last
        this.#send({ kind: 'add', x, y }, 'Point added');
      }
    }
  }

  #cancel() {
    this.drag = null;
    this.pending = null;
    this.#show();
  }

  #doubleClick(event) {
    const scales = this.#scales();
    const at = scales && this.#position(event, scales);
    if (!at) return;
    const index = this.#hit(scales, at);
    if (index >= 0) this.#remove(index);
  }

  #remove(index) {
    this.selected = -1;
    this.#send({ kind: 'remove', index }, `Point ${index + 1} removed`);
  }

  #key(event) {
    if (!this.points) return;
    const scales = this.#scales();
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      this.selected = nextByX(this.points, this.selected, event.key === 'ArrowRight' ? 1 : -1);
      const i = this.selected;
      const where = `x ${handPlaced(this.points.x[i])}, y ${handPlaced(this.points.y[i])}`;
      this.announce(`Point ${i + 1}: ${where}`);
      this.#show();
    } else if ((event.key === 'ArrowUp' || event.key === 'ArrowDown') && this.selected >= 0) {
      if (!scales) return;
      const i = this.selected;
      const span = scales.u.scales.y.max - scales.u.scales.y.min;
      const by = (event.shiftKey ? 0.01 : 0.05) * span * (event.key === 'ArrowUp' ? 1 : -1);
      this.#send(
        { kind: 'move', index: i, x: this.points.x[i], y: handPlaced(this.points.y[i] + by) },
        `Point ${i + 1} moved`,
      );
    } else if ((event.key === 'Delete' || event.key === 'Backspace') && this.selected >= 0) {
      this.#remove(this.selected);
    } else if (event.key === '+' || event.key === 'Insert') {
      if (!scales) return;
      const u = scales.u;
      const x = handPlaced((u.scales.x.min + u.scales.x.max) / 2);
      const y = handPlaced((u.scales.y.min + u.scales.y.max) / 2);
      this.selected = this.count();
      this.#send({ kind: 'add', x, y }, 'Point added in the middle');
    } else if (event.key === 'Escape') {
      this.selected = -1;
      this.#show();
    } else {
      return;
    }
    event.preventDefault();
  }

  async #send(command, done) {
    // Shown where it was let go until the server's points arrive (or come back, if refused).
    if (command.kind === 'move') {
      this.points.x[command.index] = command.x;
      this.points.y[command.index] = command.y;
    }
    this.#show();
    if (await this.edit(command)) this.announce(done);
  }

  /** A ring around the chosen point, so the keyboard's choice is visible. */
  #drawSelection(u) {
    const i = this.selected;
    if (!this.points || i < 0 || i >= this.count()) return;
    const x = this.drag && this.drag.moved ? this.drag.at[0] : this.points.x[i];
    const y = this.drag && this.drag.moved ? this.drag.at[1] : this.points.y[i];
    const left = u.valToPos(x, 'x', true);
    const top = u.valToPos(y, 'y', true);
    const ctx = u.ctx;
    ctx.save();
    ctx.beginPath();
    ctx.lineWidth = 3 * devicePixelRatio;
    ctx.strokeStyle = COLORS.selected;
    ctx.arc(left, top, 9 * devicePixelRatio, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.restore();
  }
}
