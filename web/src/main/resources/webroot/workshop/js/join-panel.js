// The instructor's join panel: the address the room opens, as large text and as a QR code (drawn
// by the server, with the join code in its fragment so a phone's camera fills it in), the code
// itself, and the buttons that copy, renew or revoke it. When the server knows several addresses
// (a laptop on Wi-Fi and on a cable), the instructor picks the one the room shares; the choice is
// kept in this browser.

import { el, role, setText } from '/shared/dom.js';
import { confirmAction, timeLeft } from './page.js';
import { serverAddresses } from './workshop-api.js';

const ADDRESS_KEY = 'downhill.workshop.join-address';
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/** Shows a code as its two groups, the dash between them lighter so the groups stand out. */
function showCode(node, code) {
  const [head, tail] = code.split('-');
  node.replaceChildren(
    el('span', {}, head),
    el('span', { class: 'ws-code-dash' }, '-'),
    el('span', {}, tail ?? ''),
  );
}

/** "192.168.1.20:8080/workshop/join.html": what people type; http is what a browser assumes. */
function typed(origin, joinPath) {
  return origin.replace(/^http:\/\//, '') + joinPath;
}

/**
 * The addresses to offer, best first: the server's list, with the page's own address in front when
 * the instructor reached it by a name or address other machines can use too.
 */
export function offeredAddresses(answer, page) {
  const urls = [...(answer.urls || [])];
  if (answer.source === 'public-url') return urls;
  const own = `${page.protocol}//${page.host}`;
  if (!LOOPBACK.test(page.hostname) && !urls.includes(own)) urls.unshift(own);
  return urls;
}

export class JoinPanel {
  /** root: the #join-panel section; act(button, command, note) runs an instructor command. */
  constructor(root, { handle, dialog, act }) {
    this.root = root;
    this.handle = handle;
    this.state = null;
    this.closed = false;
    this.base = null;
    this.joinPath = '/workshop/join.html';
    this.qrFor = null;
    this.#wire(dialog, act);
    this.#loadAddresses();
  }

  #wire(dialog, act) {
    const status = role(this.root, 'copy-status');
    role(this.root, 'copy').addEventListener('click', async () => {
      const code = this.state?.code;
      if (!code) return;
      try {
        await navigator.clipboard.writeText(code);
      } catch {
        // No clipboard permission (an old browser, or not a secure origin): select the text,
        // so Ctrl+C copies it.
        const range = document.createRange();
        range.selectNodeContents(role(this.root, 'code'));
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        status.textContent = 'Selected: press Ctrl+C to copy.';
        return;
      }
      status.textContent = `Copied ${code}`;
      setTimeout(() => (status.textContent = ''), 4000);
    });
    role(this.root, 'renew').addEventListener('click', (e) =>
      act(e.currentTarget, () => this.handle.changeCode(true), 'A new code is out; the old one no longer works.'),
    );
    role(this.root, 'revoke').addEventListener('click', async (e) => {
      const button = e.currentTarget;
      const ok = await confirmAction(dialog, {
        title: 'Revoke the join code?',
        text: 'Nobody new can join until you issue a new code. Everyone already in stays in.',
        confirm: 'Revoke the code',
      });
      if (ok) act(button, () => this.handle.changeCode(false), 'The code is revoked.');
    });
    role(this.root, 'address').addEventListener('change', (e) => {
      localStorage.setItem(ADDRESS_KEY, e.target.value);
      this.#useBase(e.target.value);
    });
  }

  async #loadAddresses() {
    let answer;
    try {
      answer = await serverAddresses();
    } catch {
      answer = { source: 'none', urls: [] };
    }
    this.joinPath = answer.joinPath || this.joinPath;
    const urls = offeredAddresses(answer, location);
    const note = role(this.root, 'address-note');
    note.hidden = urls.length > 0;
    if (!urls.length) {
      // Only loopback: the page's own address is all there is, and nobody else can use it.
      urls.push(location.origin);
      setText(
        note,
        'Only this computer can reach the server now. Connect it to the room’s network, or start it with --public-url.',
      );
    }
    const select = role(this.root, 'address');
    select.replaceChildren(...urls.map((url) => el('option', { value: url }, typed(url, this.joinPath))));
    role(this.root, 'address-pick').hidden = urls.length < 2;
    const kept = localStorage.getItem(ADDRESS_KEY);
    select.value = urls.includes(kept) ? kept : urls[0];
    this.root.dataset.addressSource = answer.source;
    this.#useBase(select.value);
  }

  #useBase(base) {
    this.base = base;
    // The line may break after the address, never inside "join.html".
    role(this.root, 'join-url').replaceChildren(
      el('span', {}, typed(base, '')),
      el('wbr'),
      el('span', {}, this.joinPath),
    );
    this.root.dataset.joinUrl = base + this.joinPath;
    this.#drawQr();
  }

  /** Redraws the QR code when the address or the code changed (a new code, a revoked one). */
  async #drawQr() {
    if (!this.base || !this.state) return;
    const code = this.state.code ?? '';
    const key = `${this.base} ${code}`;
    if (this.qrFor === key) return;
    this.qrFor = key;
    const image = role(this.root, 'qr');
    try {
      const svg = await this.handle.joinQr(this.base);
      if (this.qrFor !== key) return; // a newer one is on its way
      image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
      image.alt = code
        ? `QR code: opens ${typed(this.base, this.joinPath)} with the code filled in`
        : `QR code: opens ${typed(this.base, this.joinPath)}`;
      image.dataset.code = code;
      image.hidden = false;
    } catch {
      this.qrFor = null;
      image.hidden = true; // the address and the code still read as text
    }
  }

  /** Shows the workshop's code, its expiry and the QR code that goes with them. */
  render(state, closed) {
    this.state = state;
    this.closed = closed;
    const codeNode = role(this.root, 'code');
    if (codeNode.dataset.code !== (state.code ?? '') || !state.code) {
      codeNode.dataset.code = state.code ?? '';
      if (state.code) showCode(codeNode, state.code);
      else setText(codeNode, state.closed ? 'closed' : 'no code');
    }
    codeNode.classList.toggle('is-off', !state.code);
    if (state.closed) role(this.root, 'qr').hidden = true;
    else this.#drawQr();
    this.renderExpiry();
    role(this.root, 'copy').disabled = !state.code;
    role(this.root, 'revoke').disabled = closed || !state.code;
    role(this.root, 'renew').disabled = closed;
  }

  renderExpiry() {
    const state = this.state;
    if (!state) return;
    const expiry = role(this.root, 'expiry');
    if (!state.code) {
      setText(expiry, state.closed ? 'The workshop is closed.' : 'Revoked: nobody new can join. Press “New code” to let people in.');
      return;
    }
    const at = new Date(state.codeExpiresAt);
    const clock = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    setText(expiry, `Expires at ${clock} (${timeLeft(at.getTime() - Date.now())})`);
  }
}
