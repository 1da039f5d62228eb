// What both workshop pages share: the connection pill, the "large type" switch for projectors,
// and a confirmation dialog for the instructor's irreversible buttons.

const LARGE_KEY = 'downhill.large-type';

/** Shows the socket's status in a pill: live, connecting, reconnecting, ended. */
export function connectionPill(pill, socket) {
  const words = {
    open: 'live',
    connecting: 'connecting\u2026',
    closed: 'reconnecting\u2026',
    ended: 'ended',
  };
  pill.hidden = false;
  socket.onStatus((status) => {
    pill.textContent = words[status] || status;
    pill.dataset.state = status;
  });
}

/** Large type for projectors: bigger text everywhere, and charts redrawn with bigger fonts. */
export function largeTypeSwitch(button) {
  const apply = (on) => {
    document.documentElement.classList.toggle('large', on);
    button.setAttribute('aria-pressed', String(on));
    document.dispatchEvent(new Event('downhill:theme'));
  };
  button.addEventListener('click', () => {
    const on = button.getAttribute('aria-pressed') !== 'true';
    localStorage.setItem(LARGE_KEY, on ? '1' : '');
    apply(on);
  });
  if (localStorage.getItem(LARGE_KEY)) apply(true);
}

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
