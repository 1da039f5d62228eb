// Step 3 of the lesson: its own loop never zeroes abc.grad, so every step adds the new
// gradient to all the old ones. The switch turns that on or off in the main session; the
// comparison runs the same setup both ways from the same start and overlays the two losses.

import { ZeroingComparison } from './comparison.js';
import { role, setText } from '../shared/dom.js';

export class Accumulation {
  /**
   * @param root the section
   * @param panel the main session's TrainerPanel (the switch drives its session)
   * @param setupSpec function returning the spec in use (the comparison's start)
   */
  constructor(root, { panel, setupSpec }) {
    this.panel = panel;
    this.toggle = role(root, 'forget');
    this.toggleState = role(root, 'forget-state');
    this.comparison = new ZeroingComparison(root, { spec: setupSpec });
    this.toggle.addEventListener('change', () => this.panel.setAccumulate(this.toggle.checked));
  }

  /** Keeps the switch in step with the main session (called whenever its panel redraws). */
  sync(panel) {
    if (!panel.state) return;
    const on = panel.state.accumulateGradients;
    if (this.toggle.checked !== on) this.toggle.checked = on;
    setText(
      this.toggleState,
      on
        ? 'On: the main session adds each new gradient to the sum of the old ones, as the lesson does.'
        : 'Off: the main session zeroes the gradient before each step, as training loops should.',
    );
  }
}
