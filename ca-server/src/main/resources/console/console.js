// Stile admin console: a small page script over the JSON admin API, served from the jar.
// Every text from the server goes through textContent (h()), never innerHTML.
'use strict';

const state = { csrf: null, who: null };
const main = () => document.getElementById('main');

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = state.csrf || '';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch(path, { method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!r.ok) {
    const msg = (json && (json.message || json.detail)) || ('HTTP ' + r.status);
    throw new ApiError(r.status, msg);
  }
  return json;
}

function show(...nodes) { main().replaceChildren(...nodes.filter(n => n !== null && n !== undefined)); }
function errorBox(e) { return h('div', { class: 'error', role: 'alert' }, e.message || String(e)); }
function when(iso) { return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : ''; }
function rel(iso) {
  if (!iso) return '';
  const s = Math.round((Date.parse(iso) - Date.now()) / 1000);
  const a = Math.abs(s);
  if (a < 60) return s >= 0 ? 'in under a minute' : 'just now';
  const t = a < 3600 ? Math.round(a / 60) + ' min' : a < 172800 ? Math.round(a / 3600) + ' h' : Math.round(a / 86400) + ' d';
  return s >= 0 ? 'in ' + t : t + ' ago';
}
function table(columns, rows, id) {
  return h('div', { class: 'scroll' }, h('table', { id },
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { class: c.opt ? 'opt' : null }, c.label)))),
    h('tbody', {}, rows.length === 0
      ? h('tr', {}, h('td', { colspan: columns.length, class: 'muted' }, 'Nothing to show.'))
      : rows.map(r => h('tr', {}, columns.map(c => h('td', { class: [c.mono ? 'mono' : '', c.opt ? 'opt' : ''].join(' ').trim() || null }, c.value(r))))))));
}
function pager(next, load) {
  return next ? h('div', { class: 'actions' }, h('button', { class: 'plain', onclick: () => load(next) }, 'Next page')) : null;
}
// ACME clients (certbot --eab-hmac-key, lego, cert-manager) take the HMAC key base64url-encoded.
function base64url(b64) { return b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''); }
function statusCell(s) { return h('span', { class: 'status-' + s }, s); }
function certLink(serial) { return h('a', { href: '#certificate/' + serial, class: 'mono' }, serial); }

// ---- views ----

async function dashboard() {
  const d = await api('GET', '/admin/dashboard');
  const tile = (n, label, cls, id) => h('div', { class: 'tile ' + (cls || ''), id }, h('div', { class: 'n' }, String(n)), h('div', { class: 'l' }, label));
  const failures = d.validationFailures24h.reduce((a, g) => a + g.count, 0);
  show(
    h('h1', {}, 'Dashboard'),
    h('div', { class: 'tiles' },
      tile(d.activeCertificates, 'active certificates', '', 'tile-active'),
      tile(d.expiringIn24h, 'expire within 24 h', d.expiringIn24h ? 'warn' : '', 'tile-24h'),
      tile(d.expiringIn7d, 'expire within 7 days', '', 'tile-7d'),
      tile(d.renewalGapCount + (d.renewalGapCountCapped ? '+' : ''), 'names whose renewals stopped', d.renewalGapCount ? 'bad' : '', 'tile-gaps'),
      tile(failures, 'validation failures (24 h)', failures ? 'bad' : '', 'tile-failures')),
    h('section', { class: 'card' }, h('h2', {}, 'Issuance per hour, last 7 days'), chart(d.issuancePerHour)),
    h('section', { class: 'card' }, h('h2', {}, 'Names whose renewals stopped'),
      table([{ label: 'name', value: g => g.name }, { label: 'newest certificate', mono: true, value: g => certLink(g.serial) },
        { label: 'expires', value: g => (g.expired ? 'expired ' : '') + rel(g.notAfter) }], d.renewalGaps, 'dash-gaps'),
      h('p', {}, h('a', { href: '#gaps' }, 'All renewal gaps'))),
    h('section', { class: 'card' }, h('h2', {}, 'Validation failures in the last 24 h, by cause'),
      table([{ label: 'cause', value: g => g.outcome }, { label: 'challenge', value: g => g.challenge },
        { label: 'count', value: g => g.count }, { label: 'latest', value: g => g.identifier + ': ' + g.detail },
        { label: 'when', opt: true, value: g => rel(g.latest) }], d.validationFailures24h, 'dash-failures')),
    h('section', { class: 'card' }, h('h2', {}, 'Store'),
      h('p', {}, 'Retention: ', h('strong', {}, d.retention.enabled ? 'on' : 'OFF — rows pile up'),
        d.retention.rules.length ? ' (' + d.retention.rules.map(r => r.name + ' ' + r.keep).join(', ') + ')' : ''),
      h('p', { id: 'store-size' }, Object.values(d.tables).reduce((a, b) => a + Math.max(0, b), 0) + ' rows in '
        + Object.keys(d.tables).length + ' tables'),
      h('details', {}, h('summary', {}, 'Rows per table'),
        table([{ label: 'table', value: r => r[0] }, { label: 'rows', value: r => r[1] }], Object.entries(d.tables), 'dash-tables'))));
}

function chart(series) {
  const counts = series.counts, n = counts.length, max = Math.max(1, ...counts);
  const W = 840, H = 120, bw = W / n;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 ' + W + ' ' + (H + 16));
  svg.setAttribute('class', 'chart');
  svg.setAttribute('id', 'issuance-chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'certificates issued per hour; total ' + counts.reduce((a, b) => a + b, 0));
  const end = Date.parse(series.endsAt);
  for (let d = 0; d <= 7; d++) {
    const x = W - d * 24 * bw;
    const line = document.createElementNS(ns, 'line');
    line.setAttribute('x1', x); line.setAttribute('x2', x); line.setAttribute('y1', 0); line.setAttribute('y2', H);
    svg.append(line);
    if (d > 0) {
      const t = document.createElementNS(ns, 'text');
      t.setAttribute('x', x + 2); t.setAttribute('y', H + 12);
      t.textContent = new Date(end - d * 86400000).toISOString().slice(5, 10);
      svg.append(t);
    }
  }
  counts.forEach((c, i) => {
    if (!c) return;
    const r = document.createElementNS(ns, 'rect');
    const bh = Math.max(1, c / max * (H - 4));
    r.setAttribute('x', i * bw); r.setAttribute('y', H - bh); r.setAttribute('width', Math.max(1, bw - 1)); r.setAttribute('height', bh);
    const title = document.createElementNS(ns, 'title');
    title.textContent = c + ' issued, ' + (n - i - 1) + ' h ago';
    r.append(title);
    svg.append(r);
  });
  const label = document.createElementNS(ns, 'text');
  label.setAttribute('x', 2); label.setAttribute('y', 10); label.textContent = 'max ' + max + '/h';
  svg.append(label);
  return svg;
}

async function certificates(params) {
  const q = new URLSearchParams(params || '');
  const form = h('form', { class: 'search', id: 'cert-search' },
    h('label', {}, 'Name', h('input', { name: 'name', value: q.get('name') || '', placeholder: 'www.example.com' })),
    h('label', {}, 'Serial (decimal or hex)', h('input', { name: 'serial', value: q.get('serial') || '' })),
    h('label', {}, 'Provisioner', h('input', { name: 'provisioner', value: q.get('provisioner') || '' })),
    h('label', {}, 'Status', h('select', { name: 'status' }, ['', 'active', 'expired', 'revoked'].map(s =>
      h('option', { value: s, selected: q.get('status') === s }, s || 'any')))),
    h('label', {}, 'Expiring within', h('input', { name: 'expiringBefore', value: q.get('expiringBefore') || '', placeholder: '24h' })),
    h('button', { type: 'submit' }, 'Search'));
  form.addEventListener('submit', e => {
    e.preventDefault();
    const p = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v) p.set(k, v);
    location.hash = 'certificates?' + p.toString();
  });
  const load = async cursor => {
    const p = new URLSearchParams(q);
    p.set('limit', '50');
    if (cursor) p.set('cursor', cursor);
    const d = await api('GET', '/admin/certificates?' + p.toString());
    show(h('h1', {}, 'Certificates'), form,
      table([{ label: 'serial', mono: true, value: c => certLink(c.serial) },
        { label: 'names', value: c => c.sans.map(s => s.replace(/^[a-z]+:/, '')).join(', ') || c.subject },
        { label: 'status', value: c => statusCell(c.status) },
        { label: 'expires', value: c => rel(c.notAfter) },
        { label: 'provisioner', opt: true, value: c => c.provisioner }], d.certificates, 'certificates'),
      pager(d.nextCursor, load));
  };
  await load(null);
}

async function certificate(serial) {
  const c = await api('GET', '/admin/certificates/' + encodeURIComponent(serial));
  const kv = (pairs) => h('dl', { class: 'kv' }, pairs.filter(p => p[1] !== undefined && p[1] !== null).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
  const revoke = h('div', { class: 'actions' });
  if (c.status !== 'revoked') {
    const reason = h('select', { id: 'revoke-reason' }, ['unspecified', 'keyCompromise', 'superseded', 'cessationOfOperation',
      'affiliationChanged', 'privilegeWithdrawn'].map(r => h('option', { value: r }, r)));
    revoke.append(reason, h('button', { class: 'danger', id: 'revoke', onclick: async () => {
      if (!confirm('Revoke certificate ' + c.serialDecimal + ' (' + c.sans.join(', ') + ')? This cannot be undone.')) return;
      try {
        await api('POST', '/admin/certificates/' + c.serial + '/revoke', { reason: reason.value });
        await certificate(c.serial);
        main().prepend(h('div', { class: 'notice', id: 'revoked-notice' }, 'Revoked. The CRL and OCSP-style status now list it.'));
      } catch (e) { main().prepend(errorBox(e)); }
    } }, 'Revoke…'));
  }
  show(h('h1', {}, 'Certificate ', h('span', { class: 'mono' }, c.serial)),
    h('section', { class: 'card' }, kv([
      ['status', statusCell(c.status)], ['serial (hex)', h('span', { class: 'mono' }, c.serial)],
      ['serial (decimal)', h('span', { class: 'mono', id: 'serial-decimal' }, c.serialDecimal)],
      ['subject', c.subject || '(empty: names are in the SANs)'], ['SANs', c.sans.join(', ')],
      ['valid', when(c.notBefore) + ' → ' + when(c.notAfter) + ' (' + rel(c.notAfter) + ')'],
      ['issued', when(c.issuedAt)], ['provisioner', c.provisioner + ' (' + c.provisionerType + ')'],
      ['requester', c.requester], ['key', c.keyType], ['profile', c.profile || undefined],
      ['ACME account', c.acme ? h('span', { class: 'mono' }, c.acme.account) : undefined],
      ['ACME order', c.acme ? h('span', { class: 'mono' }, c.acme.order || '') : undefined],
      ['ARI window', when(c.renewalWindow.start) + ' → ' + when(c.renewalWindow.end)],
      ['revoked', c.revokedAt ? when(c.revokedAt) + ' (' + c.revocationReason + ')' : undefined]]), revoke),
    h('section', { class: 'card' }, h('h2', {}, 'Chain'),
      table([{ label: 'subject', value: x => x.subject || '(empty)' }, { label: 'issuer', opt: true, value: x => x.issuer },
        { label: 'expires', value: x => when(x.notAfter) }], c.chain, 'chain'),
      h('details', {}, h('summary', {}, 'PEM'), h('pre', {}, c.pem))));
}

async function gaps() {
  const load = async cursor => {
    const d = await api('GET', '/admin/renewal-gaps?within=168h&limit=50' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    show(h('h1', {}, 'Renewal gaps'), h('p', { class: 'muted' }, 'Names whose newest certificate expires within 7 days (or has expired) with no newer one.'),
      table([{ label: 'name', value: g => g.name }, { label: 'newest certificate', mono: true, value: g => certLink(g.serial) },
        { label: 'expires', value: g => (g.expired ? 'expired ' : '') + rel(g.notAfter) },
        { label: 'issued', opt: true, value: g => when(g.issuedAt) }], d.gaps, 'gaps'), pager(d.nextCursor, load));
  };
  await load(null);
}

async function failures() {
  const load = async cursor => {
    const d = await api('GET', '/admin/validation-failures?limit=50' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    show(h('h1', {}, 'Validation failures'),
      table([{ label: 'when', value: f => rel(f.failedAt) }, { label: 'name', value: f => f.identifier },
        { label: 'challenge', value: f => f.challenge }, { label: 'cause', value: f => f.outcome + (f.final ? '' : ' (retrying)') },
        { label: 'what happened', value: f => [h('div', {}, f.problem.detail || ''),
          h('details', {}, h('summary', {}, 'record'), h('pre', {}, JSON.stringify(f.problem, null, 2)))] }],
      d.failures, 'failures'), pager(d.nextCursor, load));
  };
  await load(null);
}

async function orders() {
  const load = async cursor => {
    const d = await api('GET', '/admin/orders?limit=50' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    show(h('h1', {}, 'Orders'),
      table([{ label: 'order', mono: true, value: o => o.id }, { label: 'status', value: o => o.status },
        { label: 'names', value: o => o.identifiers.map(i => i.value).join(', ') },
        { label: 'account', mono: true, opt: true, value: o => o.account }, { label: 'provisioner', opt: true, value: o => o.provisioner },
        { label: 'created', value: o => rel(o.created) },
        { label: 'error', value: o => o.error ? o.error.detail || o.error.type : '' }], d.orders, 'orders'), pager(d.nextCursor, load));
  };
  await load(null);
}

async function provisioners() {
  const d = await api('GET', '/admin/provisioners?limit=100');
  const editor = h('textarea', { id: 'provisioner-json', spellcheck: 'false' }, '{\n  "type": "ACME",\n  "name": "acme-new"\n}');
  const saveAs = async (method, path) => {
    try { await api(method, path, JSON.parse(editor.value)); await provisioners(); }
    catch (e) { main().prepend(errorBox(e)); }
  };
  show(h('h1', {}, 'Provisioners'),
    table([{ label: 'name', value: p => p.name }, { label: 'type', value: p => p.type },
      { label: '', value: p => h('span', { class: 'actions' },
        h('button', { class: 'plain', onclick: () => { editor.value = JSON.stringify(p, null, 2); editor.focus(); } }, 'Edit'),
        h('button', { class: 'danger', onclick: async () => {
          if (!confirm('Remove provisioner ' + p.name + '? Clients using it stop getting certificates.')) return;
          try { await api('DELETE', '/admin/provisioners/' + encodeURIComponent(p.name)); await provisioners(); }
          catch (e) { main().prepend(errorBox(e)); }
        } }, 'Remove')) }], d.provisioners, 'provisioners'),
    h('section', { class: 'card' }, h('h2', {}, 'Add or update (ca.json form)'), editor,
      h('div', { class: 'actions' },
        h('button', { onclick: () => saveAs('POST', '/admin/provisioners') }, 'Add'),
        h('button', { class: 'plain', onclick: () => { let n = ''; try { n = JSON.parse(editor.value).name; } catch (e) { /* shown by the server */ }
          saveAs('PUT', '/admin/provisioners/' + encodeURIComponent(n || '')); } }, 'Update'))));
}

async function admins() {
  const d = await api('GET', '/admin/admins?limit=100');
  const subject = h('input', { name: 'subject', placeholder: 'alice@example.com' });
  const prov = h('input', { name: 'provisioner', placeholder: 'provisioner name' });
  const type = h('select', {}, h('option', { value: 'ADMIN' }, 'ADMIN'), h('option', { value: 'SUPER_ADMIN' }, 'SUPER_ADMIN'));
  show(h('h1', {}, 'Admins'),
    table([{ label: 'subject', value: a => a.subject }, { label: 'provisioner', value: a => a.provisioner_name || a.provisioner_id },
      { label: 'type', value: a => a.type === 2 ? 'SUPER_ADMIN' : 'ADMIN' },
      { label: '', value: a => h('button', { class: 'danger', onclick: async () => {
        if (!confirm('Remove admin ' + a.subject + '?')) return;
        try { await api('DELETE', '/admin/admins/' + a.id); await admins(); } catch (e) { main().prepend(errorBox(e)); }
      } }, 'Remove') }], d.admins, 'admins'),
    h('section', { class: 'card' }, h('h2', {}, 'Add an admin'),
      h('div', { class: 'search' }, h('label', {}, 'Subject', subject), h('label', {}, 'Provisioner', prov), h('label', {}, 'Type', type),
        h('button', { onclick: async () => {
          try { await api('POST', '/admin/admins', { subject: subject.value, provisioner: prov.value, type: type.value }); await admins(); }
          catch (e) { main().prepend(errorBox(e)); }
        } }, 'Add'))));
}

async function eab(provisionerName) {
  const d = await api('GET', '/admin/provisioners?limit=100');
  const acme = d.provisioners.filter(p => p.type === 'ACME').map(p => p.name);
  const chosen = provisionerName || acme[0];
  const select = h('select', { id: 'eab-provisioner', onchange: () => { location.hash = 'eab/' + select.value; } },
    acme.map(n => h('option', { value: n, selected: n === chosen }, n)));
  if (!chosen) { show(h('h1', {}, 'EAB keys'), h('p', {}, 'There is no ACME provisioner.')); return; }
  const keys = await api('GET', '/admin/acme/eab/' + encodeURIComponent(chosen) + '?limit=100');
  const reference = h('input', { id: 'eab-reference', placeholder: 'reference (optional)' });
  const created = h('div', { id: 'eab-created' });
  show(h('h1', {}, 'EAB keys'), h('div', { class: 'search' }, h('label', {}, 'ACME provisioner', select)), created,
    table([{ label: 'key id', mono: true, value: k => k.id }, { label: 'reference', value: k => k.reference || '' },
      { label: 'bound to account', mono: true, opt: true, value: k => k.account || '—' },
      { label: '', value: k => h('button', { class: 'danger', onclick: async () => {
        if (!confirm('Revoke EAB key ' + k.id + '?')) return;
        try { await api('DELETE', '/admin/acme/eab/' + encodeURIComponent(chosen) + '/' + encodeURIComponent(k.id)); await eab(chosen); }
        catch (e) { main().prepend(errorBox(e)); }
      } }, 'Revoke') }], keys.eaks, 'eab-keys'),
    h('section', { class: 'card' }, h('h2', {}, 'Create a key'), h('div', { class: 'search' }, reference,
      h('button', { id: 'eab-create', onclick: async () => {
        try {
          const k = await api('POST', '/admin/acme/eab/' + encodeURIComponent(chosen), { reference: reference.value });
          await eab(chosen);
          document.getElementById('eab-created').replaceChildren(h('div', { class: 'notice' },
            h('p', {}, 'Copy the HMAC key now; it is shown only once.'),
            h('dl', { class: 'kv' }, h('dt', {}, 'key id'), h('dd', { class: 'mono', id: 'eab-kid' }, k.id),
              h('dt', {}, 'HMAC key'), h('dd', { class: 'mono', id: 'eab-hmac' }, base64url(k.hmacKey)))));
        } catch (e) { main().prepend(errorBox(e)); }
      } }, 'Create'))));
}

async function policy() {
  let current = null;
  try { current = await api('GET', '/admin/policy'); } catch (e) { if (e.status !== 404) throw e; }
  const editor = h('textarea', { id: 'policy-json', spellcheck: 'false' },
    JSON.stringify(current || { x509: { allow: { dns: ['*.example.com'] } } }, null, 2));
  show(h('h1', {}, 'Authority policy'),
    h('p', { class: 'muted' }, current ? 'The policy in force (linkedca form).' : 'No authority policy is set; every name a provisioner allows is allowed.'),
    editor, h('div', { class: 'actions' },
      h('button', { onclick: async () => {
        try { await api(current ? 'PUT' : 'POST', '/admin/policy', JSON.parse(editor.value)); await policy(); }
        catch (e) { main().prepend(errorBox(e)); }
      } }, current ? 'Save' : 'Create'),
      current ? h('button', { class: 'danger', onclick: async () => {
        if (!confirm('Delete the authority policy?')) return;
        try { await api('DELETE', '/admin/policy'); await policy(); } catch (e) { main().prepend(errorBox(e)); }
      } }, 'Delete') : null));
}

// ---- routing and sign-in ----

const routes = { dashboard, certificates, certificate, gaps, failures, orders, provisioners, admins, eab, policy };

async function route() {
  const hash = location.hash.replace(/^#/, '') || 'dashboard';
  const [pathPart, query] = hash.split('?');
  const [name, arg] = pathPart.split(/\/(.*)/s);
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.getAttribute('href') === '#' + name));
  const view = routes[name] || dashboard;
  try {
    await view(name === 'certificates' ? query : arg ? decodeURIComponent(arg) : undefined);
  } catch (e) {
    if (e.status === 401) { signedOut(); return; }
    show(errorBox(e));
  }
}

function signedOut() {
  document.getElementById('nav').hidden = true;
  document.getElementById('logout').hidden = true;
  show(document.getElementById('signed-out').content.cloneNode(true));
}

async function start() {
  try {
    const who = await api('GET', '/admin/whoami');
    state.who = who;
    state.csrf = who.csrfToken || null;
    document.getElementById('who').textContent = who.subject + ' (' + who.type + ')';
    document.getElementById('logout-csrf').value = state.csrf || '';
    document.getElementById('nav').hidden = false;
    document.getElementById('logout').hidden = false;
  } catch (e) {
    if (e.status === 401) { signedOut(); return; }
    show(errorBox(e));
    return;
  }
  window.addEventListener('hashchange', route);
  await route();
}

document.addEventListener('DOMContentLoaded', start);
