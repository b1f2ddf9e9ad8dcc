// The end-user portal: a thin client over Gatehouse's public REST API, signed in by a magic link.
import { api, ApiError, useSession } from './api.js';
import { h, clear, when, announce, confirmDialog, secretBox } from './dom.js';
import { barChart } from './chart.js';

const main = document.getElementById('main');
let session = null;

const can = (scope) => session.scopes.some((s) => s === scope || s === '*'
  || (s.endsWith(':*') && scope.startsWith(s.slice(0, -1))) || (s === 'read' && scope.endsWith(':read')));

const screens = {
  overview: { title: 'Overview', render: overview, scope: 'entitlements:read' },
  keys: { title: 'API keys', render: keys, scope: 'api-keys:read' },
  webhooks: { title: 'Webhooks', render: webhooks, scope: 'webhooks:read' },
  usage: { title: 'Usage', render: usage, scope: 'entitlements:read' },
  audit: { title: 'Audit log', render: audit, scope: 'audit:read' },
  mcp: { title: 'MCP', render: mcp, scope: 'mcp:read' },
};

async function start() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const token = fragment.get('token');
  try {
    if (token) {
      // Out of the address bar and the history before anything else happens.
      history.replaceState(null, '', location.pathname + location.search);
      // In a frame the browser withholds the SameSite=Strict cookie, and over plain http (not localhost)
      // it drops a Secure one: there the session token is kept in this page's memory instead.
      const inMemory = window.top !== window.self || !window.isSecureContext;
      const { data } = await api('POST', 'portal/sessions/exchange', { token, mode: inMemory ? 'header' : 'cookie' });
      session = data.data;
      useSession({ token: data.data.token, csrf: data.data.csrf_token });
      delete session.token;
      if (!location.hash) history.replaceState(null, '', '#/overview');
    } else {
      const { data } = await api('GET', 'portal/session');
      session = data.data;
      useSession({ csrf: data.data.csrf_token });
    }
  } catch (e) {
    return signedOut(e instanceof ApiError ? e.message : 'Something went wrong.');
  }
  brand(session.branding);
  shell();
  window.addEventListener('hashchange', () => { if (location.hash.startsWith('#/')) route(); });
  route();
}

function brand(b) {
  document.documentElement.style.setProperty('--primary', b.primary_color);
  document.title = b.product_name + ' — developer portal';
  const header = document.getElementById('brand');
  clear(header, b.logo_url ? h('img', { src: b.logo_url, alt: '', class: 'logo' }) : null,
    h('span', { class: 'product' }, b.product_name));
}

function signedOut(message) {
  document.getElementById('nav').replaceChildren();
  clear(main, h('h1', { tabindex: '-1' }, 'Signed out'), h('p', { class: 'notice error', role: 'alert' }, message),
    h('p', {}, 'Ask the application that sent you here for a new link.'));
  main.querySelector('h1').focus();
}

function shell() {
  const nav = document.getElementById('nav');
  clear(nav, h('ul', {}, Object.entries(screens).filter(([, s]) => can(s.scope)).map(([id, s]) =>
    h('li', {}, h('a', { href: '#/' + id, 'data-screen': id }, s.title)))),
  h('p', { class: 'who' }, session.workspace.name, session.end_user ? ' · ' + session.end_user : ''),
  h('button', { type: 'button', class: 'secondary', onclick: logout }, 'Log out'));
}

async function logout() {
  try { await api('DELETE', 'portal/session'); } catch { /* ended either way */ }
  useSession({});
  signedOut('You have logged out.');
}

async function route() {
  const id = (location.hash.match(/^#\/(\w+)/) || [])[1];
  const visible = Object.keys(screens).filter((k) => can(screens[k].scope));
  const screen = screens[visible.includes(id) ? id : visible[0]];
  if (!screen) return clear(main, h('h1', {}, 'Nothing to show'), h('p', {}, 'This session has no scopes to show here.'));
  document.querySelectorAll('#nav a').forEach((a) => a.toggleAttribute('aria-current', screens[a.dataset.screen] === screen));
  announce('');
  const heading = h('h1', { tabindex: '-1' }, screen.title);
  clear(main, heading, h('p', { class: 'loading' }, 'Loading…'));
  heading.focus();
  try {
    const content = await screen.render();
    clear(main, heading, content);
  } catch (e) {
    failed(e, heading);
  }
}

function failed(e, heading) {
  if (e instanceof ApiError && e.status === 401) return signedOut(e.message);
  const message = e instanceof ApiError ? e.message : 'Something went wrong.';
  if (heading) clear(main, heading, h('p', { class: 'notice error', role: 'alert' }, message));
  else announce(message, 'error');
}

/** Runs an action from a button; shows the API's message on failure. */
function action(fn) {
  return async (event) => {
    const button = event && event.currentTarget;
    if (button) button.disabled = true;
    try { await fn(event); } catch (e) { failed(e); } finally { if (button) button.disabled = false; }
  };
}

// ---- Overview ----------------------------------------------------------------------------------

async function overview() {
  const { data, headers } = await api('GET', 'entitlements/summary');
  const s = data.data;
  const rows = Object.entries(s.entitlements).map(([feature, e]) => h('tr', {},
    h('th', { scope: 'row' }, feature),
    h('td', {}, e.enabled === false ? 'not included' : String(e.used ?? '—')),
    h('td', {}, e.limit === null || e.limit === undefined ? 'unlimited' : String(e.limit) + (e.unit ? ' ' + e.unit : '')),
    h('td', {}, e.percentage !== undefined && e.percentage !== null
      ? h('meter', { min: 0, max: 100, value: Math.min(100, e.percentage), 'aria-label': feature + ' used' }) : '—'),
    h('td', {}, e.reset_at ? when(e.reset_at) : '—')));
  return h('div', {},
    h('dl', { class: 'facts' },
      h('dt', {}, 'Workspace'), h('dd', {}, session.workspace.name),
      h('dt', {}, 'Plan'), h('dd', {}, s.tier),
      h('dt', {}, 'Rate limit'), h('dd', {}, (headers.get('X-RateLimit-Limit') || '—') + ' requests per minute ('
        + (headers.get('X-RateLimit-Remaining') || '—') + ' left now)'),
      h('dt', {}, 'Session ends'), h('dd', {}, when(session.expires_at))),
    h('h2', {}, 'Usage against limits'),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ['Feature', 'Used', 'Limit', 'Share', 'Resets'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows))));
}

// ---- API keys ----------------------------------------------------------------------------------

async function keys() {
  const { data } = await api('GET', 'api-keys?per_page=100&sort=-created_at');
  const result = h('div', { id: 'key-result' });
  const list = h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, ['Name', 'Prefix', 'Status', 'Scopes', 'Last used', 'Actions'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, data.data.map((k) => h('tr', {},
      h('th', { scope: 'row' }, k.name), h('td', {}, h('code', {}, k.prefix)), h('td', {}, k.status),
      h('td', {}, k.scopes.join(', ')), h('td', {}, when(k.last_used_at)),
      h('td', { class: 'actions' }, k.status !== 'active' ? '—' : [
        can('api-keys:write') ? h('button', { type: 'button', class: 'secondary', onclick: action(() => rotateKey(k, result)) }, 'Rotate') : null,
        can('api-keys:delete') ? h('button', { type: 'button', class: 'danger', onclick: action(() => revokeKey(k)) }, 'Revoke') : null,
      ]))))));
  return h('div', {}, can('api-keys:write') ? createKeyForm(result) : null, result, h('h2', {}, 'Your keys'), list);
}

function createKeyForm(result) {
  const scopes = session.scopes.filter((s) => s !== 'portal:write');
  const form = h('form', { class: 'card', 'aria-labelledby': 'new-key' },
    h('h2', { id: 'new-key' }, 'Create a key'),
    h('label', { for: 'key-name' }, 'Name'), h('input', { id: 'key-name', name: 'name', required: true, maxlength: 255 }),
    h('fieldset', {}, h('legend', {}, 'Scopes'), scopes.map((s) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'scope', value: s }), ' ', s))),
    h('button', { type: 'submit' }, 'Create key'));
  form.addEventListener('submit', action(async (event) => {
    event.preventDefault();
    const chosen = [...form.querySelectorAll('input[name=scope]:checked')].map((i) => i.value);
    const { data } = await api('POST', 'api-keys', { name: form.elements.name.value, scopes: chosen });
    await route();
    const box = document.getElementById('key-result');
    clear(box, secretBox('API key', data.data.key));
    announce('Key created. Copy it now.', 'success');
  }));
  return form;
}

async function rotateKey(k, result) {
  if (!await confirmDialog(`Rotate “${k.name}”? The old key keeps working for 24 hours.`, 'Rotate')) return;
  const { data } = await api('POST', `api-keys/${k.id}/rotate`, { grace_period_hours: 24 });
  await route();
  clear(document.getElementById('key-result'), secretBox('API key', data.data.key));
  announce('Key rotated. Copy the new key now.', 'success');
}

async function revokeKey(k) {
  if (!await confirmDialog(`Revoke “${k.name}”? It stops working at once.`, 'Revoke')) return;
  await api('DELETE', `api-keys/${k.id}`);
  await route();
  announce(`Key “${k.name}” revoked.`, 'success');
}

// ---- Webhooks ----------------------------------------------------------------------------------

async function webhooks() {
  const { data } = await api('GET', 'webhooks?per_page=100');
  const result = h('div', { id: 'hook-result' });
  const list = data.data.length === 0 ? h('p', {}, 'No endpoints yet.') : h('ul', { class: 'endpoints' }, data.data.map((e) =>
    h('li', { class: 'card' },
      h('h3', {}, e.url),
      h('p', {}, (e.is_active ? 'Active' : 'Disabled' + (e.disabled_reason ? ': ' + e.disabled_reason : '')),
        ' · events: ', e.events.join(', '), ' · ', e.success_count, ' delivered, ', e.failure_count, ' failed'),
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'secondary', onclick: action(() => deliveries(e)) }, 'Deliveries'),
        can('webhooks:write') ? h('button', { type: 'button', class: 'secondary', onclick: action(() => sendTest(e)) }, 'Send test') : null,
        can('webhooks:write') ? h('button', { type: 'button', class: 'secondary', onclick: action(() => rotateSecret(e)) }, 'Rotate secret') : null,
        can('webhooks:delete') ? h('button', { type: 'button', class: 'danger', onclick: action(() => deleteEndpoint(e)) }, 'Delete') : null))));
  const form = can('webhooks:write') ? await endpointForm() : null;
  return h('div', {}, form, result, h('h2', {}, 'Endpoints'), list, h('section', { id: 'deliveries', 'aria-live': 'polite' }));
}

async function endpointForm() {
  const { data } = await api('GET', 'event-types');
  const form = h('form', { class: 'card', 'aria-labelledby': 'new-endpoint' },
    h('h2', { id: 'new-endpoint' }, 'Add an endpoint'),
    h('label', { for: 'hook-url' }, 'URL'), h('input', { id: 'hook-url', name: 'url', type: 'url', required: true, placeholder: 'https://example.com/webhooks' }),
    h('fieldset', {}, h('legend', {}, 'Event types'),
      h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'event', value: '*' }), ' every event (*)'),
      data.data.map((t) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'event', value: t.type }), ' ', t.type,
        t.description ? h('span', { class: 'hint' }, ' — ' + t.description) : null))),
    h('button', { type: 'submit' }, 'Add endpoint'));
  form.addEventListener('submit', action(async (event) => {
    event.preventDefault();
    const events = [...form.querySelectorAll('input[name=event]:checked')].map((i) => i.value);
    const { data: created } = await api('POST', 'webhooks', { url: form.elements.url.value, events });
    await route();
    clear(document.getElementById('hook-result'), secretBox('Signing secret', created.data.secret));
    announce('Endpoint added. Copy its signing secret now.', 'success');
  }));
  return form;
}

async function sendTest(e) {
  const { data: t } = await api('POST', `webhooks/${e.id}/test`);
  announce(t.success ? `Test delivered: HTTP ${t.status_code} in ${t.response_time_ms} ms.`
    : `Test failed: ${t.status_code ? 'HTTP ' + t.status_code : t.error || 'no answer'}.`, t.success ? 'success' : 'error');
}

async function rotateSecret(e) {
  if (!await confirmDialog('Rotate this endpoint’s signing secret? The old one also signs for 24 hours.', 'Rotate')) return;
  const { data } = await api('POST', `webhooks/${e.id}/rotate-secret`);
  clear(document.getElementById('hook-result'), secretBox('Signing secret', data.data.secret));
  announce('Secret rotated. Copy the new one now.', 'success');
}

async function deleteEndpoint(e) {
  if (!await confirmDialog(`Delete the endpoint ${e.url}?`, 'Delete')) return;
  await api('DELETE', `webhooks/${e.id}`);
  await route();
  announce('Endpoint deleted.', 'success');
}

async function deliveries(e, status = '') {
  const section = document.getElementById('deliveries');
  const { data } = await api('GET', `webhooks/${e.id}/deliveries?per_page=50${status ? '&status=' + status : ''}`);
  const filter = h('select', { id: 'delivery-status', onchange: action(() => deliveries(e, filter.value)) },
    ['', 'pending', 'retrying', 'success', 'failed'].map((s) => h('option', { value: s, selected: s === status }, s || 'any status')));
  clear(section, h('h2', { tabindex: '-1' }, 'Deliveries to ' + e.url),
    h('label', { for: 'delivery-status' }, 'Status '), filter,
    data.data.length === 0 ? h('p', {}, 'No deliveries.') : h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ['Event', 'Status', 'Code', 'Attempts', 'Created', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, data.data.map((d) => h('tr', {},
        h('td', {}, d.event_type), h('td', {}, d.status), h('td', {}, d.response_code ?? '—'), h('td', {}, d.attempt),
        h('td', {}, when(d.created_at)),
        h('td', { class: 'actions' },
          h('button', { type: 'button', class: 'secondary', onclick: action(() => attempts(e, d)) }, 'Details'),
          can('webhooks:write') && d.status === 'failed'
            ? h('button', { type: 'button', onclick: action(() => retry(e, d)) }, 'Retry') : null)))))),
    h('div', { id: 'attempts' }));
  section.querySelector('h2').focus();
}

async function attempts(e, d) {
  const { data } = await api('GET', `webhooks/${e.id}/deliveries/${d.id}`);
  clear(document.getElementById('attempts'), h('h3', {}, 'Delivery ' + d.id),
    h('h4', {}, 'Request body'), h('pre', {}, JSON.stringify(data.data.payload, null, 2)),
    (data.data.attempts || []).map((a) => h('div', { class: 'card' },
      h('p', {}, `Attempt ${a.attempt} · ${when(a.started_at)} · ${a.response_code ? 'HTTP ' + a.response_code : 'no answer'} · ${a.response_time_ms ?? '—'} ms`),
      a.error ? h('p', { class: 'notice error' }, a.error) : null,
      a.response_body ? h('pre', {}, a.response_body) : null)));
}

async function retry(e, d) {
  await api('POST', `webhooks/${e.id}/deliveries/${d.id}/retry`);
  announce('Delivery queued for retry.', 'success');
  await deliveries(e);
}

// ---- Usage -------------------------------------------------------------------------------------

async function usage() {
  const { data } = await api('GET', 'entitlements/summary');
  const features = Object.keys(data.data.entitlements);
  const out = h('div', { id: 'chart' });
  const feature = h('select', { id: 'usage-feature' }, features.map((f) => h('option', { value: f }, f)));
  const interval = h('select', { id: 'usage-interval' }, h('option', { value: 'day' }, 'per day (30 days)'),
    h('option', { value: 'month' }, 'per month (12 months)'));
  let latest = 0;
  const draw = action(async () => {
    const mine = ++latest;
    const { data: s } = await api('GET', `entitlements/usage/series?feature=${encodeURIComponent(feature.value)}&interval=${interval.value}`);
    if (mine !== latest) return; // an answer to an earlier choice arrived late
    const points = s.data.points;
    clear(out, barChart(points, `${feature.value} ${interval.value === 'day' ? 'per day' : 'per month'}, ${s.data.from} to ${s.data.to}`),
      h('details', {}, h('summary', {}, 'Numbers'), h('table', {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'From'), h('th', { scope: 'col' }, 'Used'))),
        h('tbody', {}, points.map((p) => h('tr', {}, h('td', {}, p.start), h('td', {}, p.quantity)))))));
  });
  feature.addEventListener('change', draw);
  interval.addEventListener('change', draw);
  const view = h('div', {}, h('div', { class: 'row' }, h('label', { for: 'usage-feature' }, 'Feature'), feature,
    h('label', { for: 'usage-interval' }, 'Interval'), interval), out);
  setTimeout(draw, 0);
  return view;
}

// ---- Audit log ---------------------------------------------------------------------------------

async function audit(type = '') {
  const { data } = await api('GET', `audit-events?per_page=50&sort=-created_at${type ? '&type=' + encodeURIComponent(type) : ''}`);
  const input = h('input', { id: 'audit-type', name: 'type', value: type, placeholder: 'api_key.created' });
  const form = h('form', { class: 'row', role: 'search' }, h('label', { for: 'audit-type' }, 'Event type'), input,
    h('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', action(async (event) => {
    event.preventDefault();
    clear(main, main.querySelector('h1'), await audit(input.value.trim()));
  }));
  return h('div', {}, form, data.data.length === 0 ? h('p', {}, 'No events.') : h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, ['When', 'Event', 'Actor', 'Details'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, data.data.map((e) => h('tr', {},
      h('td', {}, when(e.created_at)), h('td', {}, e.type),
      h('td', {}, e.details.actor_end_user || (e.actor_key_id ? 'key ' + e.actor_key_id : 'system')),
      h('td', {}, Object.entries(e.details).map(([k, v]) => k + ': ' + v).join(', '))))))));
}

// ---- MCP -----------------------------------------------------------------------------------------

async function mcp() {
  const { data } = await api('GET', 'mcp/servers');
  // The portal is served at /portal/, the MCP endpoint at /mcp on the same host.
  const endpoint = new URL('../mcp', location.href).href;
  const config = JSON.stringify({ mcpServers: { gatehouse: { url: endpoint,
    headers: { Authorization: 'Bearer <one of your API keys>' } } } }, null, 2);
  return h('div', {},
    h('p', {}, 'Use your API keys from an AI client (Claude Desktop, Cursor, the MCP Inspector): paste this into its ',
      'MCP configuration with one of your keys. The client sees exactly the tools that key\'s scopes allow, and ',
      'everything it does appears in the audit log.'),
    h('pre', { class: 'config', tabindex: '0', 'aria-label': 'MCP client configuration' }, h('code', {}, config)),
    data.data.map((server) => h('section', { class: 'server' },
      h('h2', {}, server.name, ' ', h('code', {}, server.id)),
      server.description ? h('p', {}, server.description) : null,
      h('details', {}, h('summary', {}, `${server.tools.length} tools this session may call`),
        h('ul', { class: 'tools' }, server.tools.map((t) => h('li', {}, h('code', {}, t))))))));
}

start();
