// The operator console: root keys only. The key is typed in and kept in this page's memory; it is
// never stored, so a reload asks for it again.
import { api, ApiError, useRootKey } from '../portal/api.js';
import { h, clear, when, announce } from '../portal/dom.js';

const main = document.getElementById('main');
const screens = { workspaces: ['Workspaces', workspaces], audit: ['Audit log', audit], health: ['Webhook health', health] };

function signIn(message) {
  const form = h('form', { class: 'card', 'aria-labelledby': 'sign-in' },
    h('h1', { id: 'sign-in' }, 'Sign in with a root key'),
    message ? h('p', { class: 'notice error', role: 'alert' }, message) : null,
    h('label', { for: 'root-key' }, 'Root key'),
    h('input', { id: 'root-key', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false' }),
    h('p', { class: 'hint' }, 'Kept in this page’s memory only; a reload asks again.'),
    h('button', { type: 'submit' }, 'Sign in'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    useRootKey(form.querySelector('#root-key').value.trim());
    try {
      const { data } = await api('GET', 'me');
      if (data.data.key.type !== 'root') throw new ApiError(403, { message: 'This console needs a root key.' });
      nav();
      location.hash = '#/workspaces';
      route();
    } catch (e) {
      useRootKey(null);
      signIn(e.message);
    }
  });
  clear(main, form);
  form.querySelector('input').focus();
}

function nav() {
  clear(document.getElementById('nav'), h('ul', {}, Object.entries(screens).map(([id, [title]]) =>
    h('li', {}, h('a', { href: '#/' + id, 'data-screen': id }, title)))),
  h('button', { type: 'button', class: 'secondary', onclick: () => { useRootKey(null); document.getElementById('nav').replaceChildren(); signIn(); } }, 'Sign out'));
}

async function route() {
  const id = (location.hash.match(/^#\/(\w+)/) || [])[1] || 'workspaces';
  const [title, render] = screens[id] || screens.workspaces;
  document.querySelectorAll('#nav a').forEach((a) => a.toggleAttribute('aria-current', a.dataset.screen === id));
  const heading = h('h1', { tabindex: '-1' }, title);
  clear(main, heading, h('p', { class: 'loading' }, 'Loading…'));
  heading.focus();
  try {
    clear(main, heading, await render());
  } catch (e) {
    clear(main, heading, h('p', { class: 'notice error', role: 'alert' }, e.message));
  }
}

function act(fn) {
  return async (event) => {
    if (event && event.preventDefault) event.preventDefault();
    try { await fn(event); } catch (e) { announce(e.message, 'error'); }
  };
}

async function allWorkspaces() {
  return (await api('GET', 'workspaces?per_page=100&sort=name')).data.data;
}

async function workspaces() {
  const list = await allWorkspaces();
  const plans = (await api('GET', 'plans')).data.data;
  const tiers = plans.map((p) => p.name);
  const create = h('form', { class: 'card row', 'aria-labelledby': 'new-ws' },
    h('h2', { id: 'new-ws' }, 'Create a workspace'),
    h('label', { for: 'ws-name' }, 'Name'), h('input', { id: 'ws-name', required: true }),
    h('label', { for: 'ws-tier' }, 'Tier'), h('select', { id: 'ws-tier' }, tiers.map((t) => h('option', { value: t }, t))),
    h('button', { type: 'submit' }, 'Create'));
  create.addEventListener('submit', act(async () => {
    await api('POST', 'workspaces', { name: create.querySelector('#ws-name').value, tier: create.querySelector('#ws-tier').value });
    await route();
    announce('Workspace created.', 'success');
  }));
  const features = plans.length ? Object.keys(plans[0].entitlements || {}) : [];
  return h('div', {}, create, h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, ['Workspace', 'Tier', 'Limits and usage', 'Portal'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, list.map((w) => workspaceRow(w, tiers, features))))));
}

function workspaceRow(w, tiers, features) {
  const tier = h('select', { 'aria-label': 'Tier of ' + w.name }, tiers.map((t) => h('option', { value: t, selected: t === w.tier }, t)));
  tier.addEventListener('change', act(async () => {
    await api('PATCH', `workspaces/${w.id}`, { tier: tier.value });
    announce(`${w.name} is now on ${tier.value}.`, 'success');
  }));
  const feature = h('select', { 'aria-label': 'Feature' }, features.map((f) => h('option', { value: f }, f)));
  const amount = h('input', { type: 'number', 'aria-label': 'Limit or usage change', size: 6, value: '' });
  const reason = h('input', { 'aria-label': 'Reason for a usage adjustment', placeholder: 'reason' });
  return h('tr', {},
    h('th', { scope: 'row' }, w.name, h('br'), h('span', { class: 'hint' }, 'id ' + w.id)),
    h('td', {}, tier),
    h('td', {}, h('div', { class: 'row' }, feature, amount, reason,
      h('button', { type: 'button', class: 'secondary', onclick: act(async () => {
        await api('PUT', `entitlements/overrides/${encodeURIComponent(feature.value)}`, { type: 'hard', limit: Number(amount.value) }, { workspace: w.id });
        announce(`Limit of ${feature.value} for ${w.name} set to ${amount.value}.`, 'success');
      }) }, 'Set limit'),
      h('button', { type: 'button', class: 'secondary', onclick: act(async () => {
        const { data } = await api('POST', 'entitlements/adjustments', { feature: feature.value, delta: Number(amount.value), reason: reason.value }, { workspace: w.id });
        announce(`Usage of ${feature.value} for ${w.name} is now ${data.data.used}.`, 'success');
      }) }, 'Adjust usage'))),
    h('td', {}, h('button', { type: 'button', onclick: act(async () => {
      const { data } = await api('POST', 'portal/sessions', { workspace_id: w.id, end_user: 'operator' });
      window.open(data.data.url, '_blank', 'noopener,noreferrer');
      announce(`Opened ${w.name}'s portal in a new tab.`, 'success');
    }) }, 'Open portal')));
}

async function audit(type = '') {
  const { data } = await api('GET', `audit-events?per_page=100&sort=-created_at${type ? '&type=' + encodeURIComponent(type) : ''}`);
  const input = h('input', { id: 'audit-type', value: type, placeholder: 'api_key.revoked' });
  const form = h('form', { class: 'row', role: 'search' }, h('label', { for: 'audit-type' }, 'Event type'), input, h('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', act(async () => clear(main, main.querySelector('h1'), await audit(input.value.trim()))));
  return h('div', {}, form, h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, ['When', 'Workspace', 'Event', 'Actor', 'Details'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, data.data.map((e) => h('tr', {}, h('td', {}, when(e.created_at)), h('td', {}, e.workspace_id ?? '—'), h('td', {}, e.type),
      h('td', {}, e.details.actor_end_user || (e.actor_key_id ? 'key ' + e.actor_key_id : 'system')),
      h('td', {}, Object.entries(e.details).map(([k, v]) => k + ': ' + v).join(', '))))))));
}

async function health() {
  const rows = [];
  for (const w of await allWorkspaces()) {
    const { data } = await api('GET', 'webhooks?per_page=100', undefined, { workspace: w.id });
    data.data.filter((e) => !e.is_active || e.consecutive_failures > 0).forEach((e) => rows.push([w, e]));
  }
  if (rows.length === 0) return h('p', {}, 'Every endpoint is healthy.');
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, ['Workspace', 'Endpoint', 'State', 'Failures in a row', 'Last delivery'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.map(([w, e]) => h('tr', {}, h('td', {}, w.name), h('td', {}, e.url),
      h('td', {}, e.is_active ? 'failing' : 'disabled' + (e.disabled_reason ? ': ' + e.disabled_reason : '')),
      h('td', {}, e.consecutive_failures), h('td', {}, when(e.last_delivery_at)))))));
}

window.addEventListener('hashchange', () => { if (location.hash.startsWith('#/') && document.getElementById('nav').childElementCount) route(); });
signIn();
