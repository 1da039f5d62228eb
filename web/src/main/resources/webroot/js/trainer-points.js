// A gradient-descent panel's points: shown on its data chart (the training ones editable, the
// held-out ones hollow), edited by hand on the server, and read back after any edit.

import { sessionData } from './api.js';
import { showError } from '../shared/dom.js';
import { applyState } from './trainer-feed.js';

/** Shows the session's points: the training ones editable, the held-out ones hollow. */
export function showData(panel, data) {
  panel.data = data;
  panel.editor.setPoints({ x: data.x, y: data.y });
  panel.fitChart.setHeldOut(data.validation ?? null);
  panel.ui['held-out-note'].hidden = !data.validation;
  panel.root.dataset.heldOut = String(data.validation ? data.validation.x.length : 0);
}

/**
 * Adds, moves or removes a training point on the server; the loss follows from its answer, and
 * the points are read back either way (a refused move springs back). Answers whether it was
 * taken.
 */
export async function editPoint(panel, command) {
  let taken = false;
  await panel.act(async () => {
    const { handle } = panel;
    let state;
    if (command.kind === 'add') state = await handle.addPoint(command.x, command.y);
    else if (command.kind === 'move')
      state = await handle.movePoint(command.index, command.x, command.y);
    else if (command.kind === 'restore') state = await handle.restorePoints();
    else state = await handle.removePoint(command.index);
    applyState(panel, state);
    taken = true;
  });
  await reloadData(panel);
  return taken;
}

/**
 * Reads the points again (after an edit here or anywhere else), and the gradient at the
 * current values on them, so the table shows where the next step goes. Only the last of
 * several reads in flight is shown.
 */
export async function reloadData(panel) {
  const id = panel.handle?.id;
  if (!id) return;
  const read = ++panel.dataReads;
  try {
    const data = await sessionData(id);
    if (panel.handle?.id !== id || read !== panel.dataReads) return;
    showData(panel, data);
    panel.onData(data);
    if (panel.state && panel.state.status !== 'running') await panel.computeGradient();
    panel.root.dataset.dataVersion = String(read);
  } catch (error) {
    showError(panel.ui.error, error);
  }
}
