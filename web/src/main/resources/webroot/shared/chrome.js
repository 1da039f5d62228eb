// The page chrome every page shares around its own header: the connection pill and the "large
// type" switch for projectors (one stored choice for every page).

const LARGE_KEY = 'downhill.large-type';
const WORDS = {
  open: 'live',
  connecting: 'connecting\u2026',
  closed: 'reconnecting\u2026',
  ended: 'ended',
};

/** Shows the socket's status in the pill (#connection): live, connecting, reconnecting, ended. */
export function connectionPill(socket, pill = document.getElementById('connection')) {
  pill.hidden = false;
  socket.onStatus((status) => {
    pill.textContent = WORDS[status] || status;
    pill.dataset.state = status;
  });
}

/**
 * Large type (#large-type): bigger text everywhere, and charts rebuilt with bigger fonts (canvas
 * text does not follow CSS, so the switch tells them with the event "downhill:theme").
 */
export function largeTypeSwitch(button = document.getElementById('large-type')) {
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
