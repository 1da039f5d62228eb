// "Shown by the instructor": the session the instructor spotlights, live on every participant's
// screen — whose it is, its loss and its model's curve over the data — with a button that copies
// it into the participant's own session.

import { history } from '/js/api.js';
import { el, role, setText, showError } from '/shared/dom.js';
import { count, lossName, num, rate } from '/shared/format.js';
import { LossPlot, PALETTE } from './plots.js';
import { FitView } from './fit-view.js';
import { Trace } from './trace.js';

export class SpotlightPanel {
  /** root: the #spotlight section; onFork() copies the shown session into the participant's. */
  constructor(root, { socket, ownSession, onFork }) {
    this.root = root;
    this.socket = socket;
    this.ownSession = ownSession;
    this.session = null;
    this.state = null;
    this.unwatch = null;
    this.trace = new Trace();
    this.plot = new LossPlot(role(root, 'spot-chart'), { color: PALETTE[3] });
    this.plot.show(this.trace);
    this.fit = new FitView(role(root, 'spot-fit'));
    const button = role(root, 'fork');
    this.error = role(root, 'fork-error');
    button.addEventListener('click', async () => {
      button.disabled = true;
      showError(this.error, null);
      try {
        await onFork();
      } catch (error) {
        showError(this.error, error);
      } finally {
        button.disabled = false;
      }
    });
  }

  /** Shows a session (null: none), and whose it is (the participant's name, or null). */
  show(session, name = null) {
    this.#who(session, name);
    if (session === this.session) return;
    if (this.unwatch) this.unwatch();
    this.unwatch = null;
    this.session = session;
    this.state = null;
    this.trace.clear();
    this.fit.clear();
    showError(this.error, null);
    this.root.hidden = !session;
    this.root.dataset.session = session ?? '';
    if (!session) return;
    const own = session === this.ownSession;
    role(this.root, 'spot-own').hidden = !own;
    role(this.root, 'spot-other').hidden = own;
    if (own) return;
    this.unwatch = this.socket.watch('session', session, (m, info) => this.#onMessage(m, info));
    this.plot.schedule();
  }

  /** "Ada's session" as text (a name is user input), or "your session". */
  #who(session, name) {
    const who = role(this.root, 'spot-who');
    this.root.dataset.name = name ?? '';
    if (!session || session === this.ownSession) {
      who.replaceChildren(); // the lead says "your session" for one's own
    } else if (name) {
      who.replaceChildren(el('strong', { text: name }), '\u2019s session');
    } else {
      who.replaceChildren('A session from the room');
    }
  }

  disable() {
    role(this.root, 'fork').disabled = true;
  }

  #onMessage(message, { gap, first }) {
    switch (message.type) {
      case 'state': {
        const restarted = ['reset', 'reconfigured'].includes(message.change);
        if (restarted) this.trace.clear();
        this.state = message.state;
        this.fit.show(this.session, this.state, { restarted: message.change === 'reconfigured' });
        break;
      }
      case 'steps':
        for (const s of message.steps) this.trace.add(s.step, s.loss);
        this.#advance(message.steps[message.steps.length - 1]);
        break;
      case 'skipped':
        // Steps left out for a slow screen: the readouts still move on to the last one.
        if (message.last) this.trace.add(message.last.step, message.last.loss);
        this.#advance(message.last);
        gap = true;
        break;
      case 'error':
        showError(this.error, { message: `The shown session cannot be watched: ${message.error}` });
        return;
      default:
        return;
    }
    // First sight (someone else may have watched it for long), or a hole: fetch the record.
    if (first || gap) this.#refill();
    this.plot.schedule();
    this.#render();
  }

  /** The readouts and the curve follow the latest step (a running session sends no new state). */
  #advance(last) {
    if (!last || !this.state) return;
    const { step, loss, params, lr } = last;
    this.state = { ...this.state, step, loss, params: params ?? this.state.params, lr, nextLr: lr };
    this.fit.show(this.session, this.state);
  }

  #refill() {
    const session = this.session;
    history(session)
      .then((recorded) => {
        if (session !== this.session) return;
        this.trace.load(recorded.steps);
        this.plot.schedule();
      })
      .catch(() => {});
  }

  #render() {
    const s = this.state;
    if (!s) return;
    const r = (name) => role(this.root, name);
    setText(r('spot-status'), s.status);
    r('spot-status').dataset.status = s.status;
    setText(r('spot-step'), count(s.step));
    setText(r('spot-loss-name'), lossName(s.spec?.loss));
    setText(r('spot-loss'), num(s.loss));
    setText(r('spot-lr'), rate(s.nextLr ?? s.lr));
    const names = s.paramNames || [];
    setText(r('spot-params'), names.map((n, i) => `${n} = ${num(s.params?.[i])}`).join(', '));
  }
}
