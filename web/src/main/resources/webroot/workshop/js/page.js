// What both workshop pages share beyond the page chrome (/shared/chrome.js): a confirmation
// dialog for the instructor's irreversible buttons, and the time a workshop has left.

/**
 * Asks in a modal <dialog> (keyboard and screen-reader friendly, unlike window.confirm, which
 * also freezes the page's live updates). Resolves to true when confirmed.
 */
export function confirmAction(dialog, { title, text, confirm }) {
  dialog.querySelector('[data-role="confirm-title"]').textContent = title;
  dialog.querySelector('[data-role="confirm-text"]').textContent = text;
  const ok = dialog.querySelector('[data-role="confirm-ok"]');
  ok.textContent = confirm;
  return new Promise((resolve) => {
    const done = () => {
      dialog.removeEventListener('close', done);
      resolve(dialog.returnValue === 'ok');
    };
    dialog.returnValue = '';
    dialog.addEventListener('close', done);
    dialog.showModal();
    dialog.querySelector('[data-role="confirm-cancel"]').focus();
  });
}

/** "in 3 h 59 min", "in 12 min", "in less than a minute", "expired". */
export function timeLeft(ms) {
  if (ms <= 0) return 'expired';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'in less than a minute';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? `in ${h} h ${m} min` : `in ${m} min`;
}
