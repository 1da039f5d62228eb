// The lesson's steps in the notebook's own order, as the workshop opens them one after another:
// by hand, one gradient step, the notebook's loop, then sums of ReLUs.

export const STEP_NAMES = ['By hand', 'Gradient descent', "The lesson's loop", 'ReLUs'];
