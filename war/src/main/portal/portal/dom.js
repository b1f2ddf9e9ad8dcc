// Builds elements without innerHTML, so text from the API can never become markup.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A timestamp in the reader's locale, or a dash. */
export function when(iso) {
  return iso ? new Date(iso).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

/** Announces a message to screen readers and shows it in the status bar. */
export function announce(text, kind = 'info') {
  const status = document.getElementById('status');
  clear(status, text ? h('p', { class: 'notice ' + kind }, text) : null);
}

/** A modal confirmation built on <dialog>: Escape cancels, focus returns to the opener. */
export function confirmDialog(question, confirmLabel) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'confirm-title' },
      h('h2', { id: 'confirm-title' }, question),
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close('cancel') }, 'Cancel'),
        h('button', { type: 'button', class: 'danger', onclick: () => dialog.close('ok') }, confirmLabel)));
    document.body.append(dialog);
    dialog.addEventListener('close', () => { resolve(dialog.returnValue === 'ok'); dialog.remove(); });
    dialog.showModal();
  });
}

/** A secret shown once, with a copy button and a warning. */
export function secretBox(label, secret) {
  const status = h('span', { role: 'status', class: 'copied' });
  return h('div', { class: 'secret', role: 'region', 'aria-label': label },
    h('p', { class: 'warning' }, h('strong', {}, 'Copy it now: '), 'this ' + label.toLowerCase()
      + ' is shown only once and cannot be retrieved again.'),
    h('div', { class: 'row' },
      h('code', { class: 'secret-value', 'data-secret': '' }, secret),
      h('button', { type: 'button', onclick: async () => {
        try { await navigator.clipboard.writeText(secret); status.textContent = 'Copied.'; }
        catch { status.textContent = 'Copy failed: select the text and copy it.'; }
      } }, 'Copy'), status));
}
