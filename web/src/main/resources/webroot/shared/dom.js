// Tiny DOM helpers. Every piece of text goes in through textContent, never innerHTML, so text
// from the server (error messages, names) can never become markup.

/**
 * Makes an element: el('button', {type: 'button', class: 'x', dataset: {role: 'y'}}, 'text').
 * Attributes named on* are not supported on purpose; add listeners with addEventListener.
 */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (name === 'text') {
      node.textContent = value;
    } else if (value === true) {
      node.setAttribute(name, '');
    } else {
      node.setAttribute(name, String(value));
    }
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** The element with data-role="role" inside root; throws when missing, to fail loudly early. */
export function role(root, name) {
  const found = root.querySelector(`[data-role="${name}"]`);
  if (!found) throw new Error(`missing [data-role="${name}"]`);
  return found;
}

/** Sets textContent only when it changed, so frequent renders do not churn the DOM. */
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/** Shows an error (as text) in an alert element; null hides it. */
export function showError(node, error) {
  if (!error) {
    node.hidden = true;
    node.textContent = '';
    return;
  }
  const message = error.field ? `${error.field}: ${error.message}` : String(error.message || error);
  node.textContent = message;
  node.hidden = false;
}

/** Clones a <template> by id and returns its first element. */
export function fromTemplate(id) {
  const template = document.getElementById(id);
  return template.content.firstElementChild.cloneNode(true);
}
