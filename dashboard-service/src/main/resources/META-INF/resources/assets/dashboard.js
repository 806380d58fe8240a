// The district office's dashboard: figures from dashboard-service's API, kept live by its /changes stream.
// No framework: one page, a few views, rendered from the API's JSON. Every figure is the API's; nothing is computed
// here but formatting (fen to yuan, minutes to hours) and the order of a sorted table.
import { WORDS } from './i18n.js';

const state = {
  lang: localStorage.getItem('linli.lang') || 'zh-CN',
  token: null,
  scope: null,
  view: null,          // { kind: 'district' | 'community', id }
  data: null,
  sort: { key: 'alertsOpen', dir: 'descending' },
  live: 'reconnecting',
  stream: null,
};

const $ = (id) => document.getElementById(id);
const t = (key, vars = {}) => {
  const text = WORDS[state.lang][key] ?? WORDS['zh-CN'][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => vars[name] ?? '');
};
const number = (n) => new Intl.NumberFormat(state.lang).format(n ?? 0);
const yuan = (fen) => new Intl.NumberFormat(state.lang, { style: 'currency', currency: 'CNY', maximumFractionDigits: 0 })
  .format((fen ?? 0) / 100);
const hours = (minutes) => new Intl.NumberFormat(state.lang, { maximumFractionDigits: 1 }).format((minutes ?? 0) / 60);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child != null) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
};

// --- signing in ---------------------------------------------------------------------------------------------------

function readToken() {
  const fragment = new URLSearchParams(location.hash.replace(/^#\/?/, '').split('?')[1] || location.hash.slice(1));
  const fromLink = fragment.get('token'); // a wall screen's kiosk link: #token=...
  if (fromLink) {
    sessionStorage.setItem('linli.token', fromLink);
    history.replaceState(null, '', location.pathname);
  }
  return sessionStorage.getItem('linli.token');
}

function showSignIn(message) {
  stopStream();
  hideAll();
  $('signin').hidden = false;
  $('signout').hidden = true;
  $('signin-error').hidden = !message;
  $('signin-error').textContent = message || '';
  $('token').focus();
}

$('signin-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const token = $('token').value.trim().replace(/^Bearer\s+/i, '');
  if (!token) return;
  sessionStorage.setItem('linli.token', token);
  $('token').value = '';
  start();
});

$('signout').addEventListener('click', () => {
  sessionStorage.removeItem('linli.token');
  state.token = null;
  showSignIn();
});

// --- talking to the service ---------------------------------------------------------------------------------------

class Refusal extends Error {
  constructor(status, problem) {
    super(problem?.detail || `HTTP ${status}`);
    this.status = status;
  }
}

async function api(path) {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${state.token}`, Accept: 'application/json' } });
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not a problem document */ }
    throw new Refusal(response.status, problem);
  }
  return response.json();
}

function periodQuery() {
  const today = new Date(new Date().toLocaleString('en-US', { timeZone: 'Asia/Shanghai' }));
  const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const choice = $('period').value;
  if (choice === 'today') return { from: iso(today), to: iso(today) };
  if (choice === 'week') { const from = new Date(today); from.setDate(from.getDate() - 6); return { from: iso(from), to: iso(today) }; }
  if (choice === 'lastMonth') {
    const first = new Date(today.getFullYear(), today.getMonth() - 1, 1);
    const last = new Date(today.getFullYear(), today.getMonth(), 0);
    return { from: iso(first), to: iso(last) };
  }
  return { from: iso(new Date(today.getFullYear(), today.getMonth(), 1)), to: iso(today) };
}

// --- views --------------------------------------------------------------------------------------------------------

function hideAll() {
  for (const id of ['signin', 'state', 'district', 'community']) $(id).hidden = true;
}

function showState(key, isError = false) {
  $('state').hidden = false;
  $('state').className = `panel state${isError ? ' error' : ''}`;
  $('state').textContent = t(key);
}

function route() {
  const match = location.hash.match(/^#\/community\/([\w.-]+)/);
  if (match) return { kind: 'community', id: decodeURIComponent(match[1]) };
  if (state.scope?.districtId) return { kind: 'district', id: state.scope.districtId };
  const own = state.scope?.communities?.[0];
  return own ? { kind: 'community', id: own.communityId } : null;
}

async function load({ quiet = false } = {}) {
  state.view = route();
  if (!state.view) { hideAll(); showState('empty'); return; }
  if (!quiet) { hideAll(); showState('loading'); }
  const { from, to } = periodQuery();
  const path = state.view.kind === 'district'
    ? `/districts/${encodeURIComponent(state.view.id)}?from=${from}&to=${to}`
    : `/communities/${encodeURIComponent(state.view.id)}/figures?from=${from}&to=${to}`;
  try {
    state.data = await api(path);
    render();
  } catch (error) {
    if (error.status === 401) { sessionStorage.removeItem('linli.token'); showSignIn(t('badToken')); return; }
    if (quiet && !(error instanceof Refusal)) return; // keep the last figures on screen while the network is away
    hideAll();
    showState(error.status === 404 ? 'notFound' : error.status === 403 ? 'forbidden'
      : navigator.onLine ? 'failed' : 'offline', true);
    if (!(error instanceof Refusal)) setTimeout(() => load(), 5000);
  }
}

function render() {
  hideAll();
  document.documentElement.lang = state.lang;
  const data = state.data;
  $('asof').textContent = `${t('asOf')} ${new Date(data.asOf).toLocaleString(state.lang, { timeZone: 'Asia/Shanghai' })}`;
  $('signout').hidden = false;
  if (state.view.kind === 'district') {
    document.title = `邻里 · ${t('title')}`;
    $('title').textContent = t('title');
    $('subtitle').textContent = `${data.name || data.districtId} · ${data.period.from} – ${data.period.to}`;
    renderDownloads(data.districtId);
    $('district').hidden = false;
    const empty = data.communities.length === 0;
    if (empty) { showState('empty'); }
    $('kpis').replaceChildren(...kpis(data.totals, data.volunteersActive, data.care));
    renderCare($('care-body'), $('care'), data.care, true);
    $('trend-body').replaceChildren(...trends(data.trend));
    renderTable(data.communities);
  } else {
    const name = data.community.name || data.community.communityId;
    document.title = `邻里 · ${name}`;
    $('title').textContent = `${t('communityTitle')} · ${name}`;
    $('subtitle').textContent = `${data.period.from} – ${data.period.to}`;
    $('downloads').hidden = true;
    $('back').hidden = !state.scope?.districtId;
    $('community').hidden = false;
    $('c-kpis').replaceChildren(...kpis(data.totals, data.volunteersActive, data.care));
    renderCare($('c-care-body'), $('c-care-body').parentElement, data.care, false);
    $('c-trend-body').replaceChildren(...trends(data.trend));
    renderQuiet(data);
    renderBreakdown(data.breakdown);
  }
  applyWords();
}

function kpis(totals, active, care) {
  const tile = (label, value, unit, alert = false, id = null) => el('div', { class: `kpi${alert ? ' alert' : ''}`, id },
    el('div', { class: 'label' }, label), el('div', { class: 'value' }, value, unit ? el('span', { class: 'unit' }, unit) : null));
  return [
    tile(t('m.alerts.open'), number(care.alertsOpen), care.alertsOverdue ? `${t('overdue')} ${care.alertsOverdue}` : null,
      care.alertsOverdue > 0, 'kpi-alerts-open'),
    tile(t('m.residents.aged60'), number(totals['residents.aged60']), t('persons'), false, 'kpi-aged60'),
    tile(t('m.residents.aged80'), number(totals['residents.aged80']), t('persons')),
    tile(t('m.residents.lives-alone'), number(totals['residents.lives-alone']), t('persons')),
    tile(t('m.residents.housebound'), number(totals['residents.housebound']), t('persons')),
    tile(t('m.meals.delivered'), number(totals['meals.delivered']), null, false, 'kpi-meals-delivered'),
    tile(t('m.meals.served'), number(totals['meals.served']), null, false, 'kpi-meals-served'),
    tile(t('m.meals.missed'), number(totals['meals.missed']), null, totals['meals.missed'] > 0 && false),
    tile(t('m.services.confirmed'), number(totals['services.confirmed']), null, false, 'kpi-services-confirmed'),
    tile(t('m.services.minutes'), hours(totals['services.minutes']), t('hours')),
    tile(t('m.points.issued'), number(totals['points.issued'])),
    tile(t('m.volunteersActive'), number(active), `/ ${number(totals['volunteers.enrolled'])}`),
    tile(t('m.fen.elder'), yuan(totals['fen.elder']), null, false, 'kpi-fen-elder'),
  ];
}

function renderCare(body, panel, care, showCommunity) {
  panel.classList.toggle('overdue', care.alertsOverdue > 0);
  const ack = care.acknowledgement;
  const minutes = (s) => (s == null ? '–' : `${Math.round(s / 60)} ${t('minutes')}`);
  const summary = el('p', { class: 'summary' },
    `${t('open')} ${care.alertsOpen} · `, care.alertsOverdue > 0 ? el('strong', { class: 'error' }, `${t('overdue')} ${care.alertsOverdue}`) : `${t('overdue')} 0`,
    ` · ${t('ackTimes')} p50 ${minutes(ack.p50Seconds)} / p90 ${minutes(ack.p90Seconds)} / max ${minutes(ack.maxSeconds)}`);
  const needs = el('p', { class: 'muted' }, `${t('needsOpen')} ${care.needsOpen}`,
    care.oldestOpenNeedDays != null ? ` · ${t('oldestNeed')} ${care.oldestOpenNeedDays} ${t('days')} · ${t('averageAge')} ${care.averageOpenNeedDays} ${t('days')}` : '');
  const list = care.openAlerts.length === 0 ? el('p', {}, t('noAlerts')) : el('ul', { class: 'alerts' },
    care.openAlerts.map((alert) => el('li', { class: alert.overdue ? 'overdue' : '' },
      el('span', {}, showCommunity ? `${communityName(alert.communityId)} · ` : '', t(`cause.${alert.cause}`),
        ` · ${alert.minutesOpen} ${t('minutes')}`),
      el('span', { class: 'badge' }, alert.overdue ? `⚠ ${t('overdue')}` : alert.acknowledged ? `✓ ${t('acknowledged')}` : t('waiting')))));
  body.replaceChildren(summary, list, needs);
}

function communityName(id) {
  const found = (state.data.communities || []).find((c) => c.communityId === id);
  return found?.name || id;
}

function trends(trend) {
  const last = trend.days.length - 1;
  return Object.entries(trend.series).map(([metric, values]) => {
    const max = Math.max(1, ...values);
    const points = values.map((v, i) => `${(i / Math.max(1, last)) * 100},${60 - (v / max) * 56}`).join(' ');
    const label = t(`m.${metric}`);
    return el('figure', { class: 'trend' },
      el('figcaption', {}, el('span', {}, label), el('strong', {}, number(values[last]))),
      svg(points, `${label}: ${values.map(number).join(', ')}`));
  });
}

function svg(points, description) {
  const ns = 'http://www.w3.org/2000/svg';
  const root = document.createElementNS(ns, 'svg');
  root.setAttribute('viewBox', '0 0 100 62');
  root.setAttribute('preserveAspectRatio', 'none');
  root.setAttribute('role', 'img');
  root.setAttribute('aria-label', description);
  const line = document.createElementNS(ns, 'polyline');
  line.setAttribute('points', points);
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', '#0b5cad');
  line.setAttribute('stroke-width', '2');
  line.setAttribute('vector-effect', 'non-scaling-stroke');
  root.append(line);
  return root;
}

const COLUMNS = [
  { key: 'name', label: () => t('community'), value: (r) => r.name || r.communityId, text: true },
  { key: 'subDistrictId', label: () => t('subDistrict'), value: (r) => r.subDistrictName || r.subDistrictId || '', text: true },
  { key: 'alertsOpen', label: () => t('m.alerts.open'), value: (r) => r.alertsOpen },
  { key: 'quietElders', label: () => t('m.quiet'), value: (r) => r.quietElders },
  { key: 'residents.aged60', label: () => t('m.residents.aged60'), value: (r) => r.figures['residents.aged60'] },
  { key: 'meals.delivered', label: () => t('m.meals.delivered'), value: (r) => r.figures['meals.delivered'] },
  { key: 'meals.served', label: () => t('m.meals.served'), value: (r) => r.figures['meals.served'] },
  { key: 'meals.missed', label: () => t('m.meals.missed'), value: (r) => r.figures['meals.missed'] },
  { key: 'services.confirmed', label: () => t('m.services.confirmed'), value: (r) => r.figures['services.confirmed'] },
  { key: 'services.minutes', label: () => `${t('m.services.minutes')} (${t('hours')})`, value: (r) => r.figures['services.minutes'], show: hours },
  { key: 'points.issued', label: () => t('m.points.issued'), value: (r) => r.figures['points.issued'] },
  { key: 'volunteersActive', label: () => t('m.volunteersActive'), value: (r) => r.volunteersActive },
  { key: 'fen.elder', label: () => t('m.fen.elder'), value: (r) => r.figures['fen.elder'], show: yuan },
];

function renderTable(rows) {
  const column = COLUMNS.find((c) => c.key === state.sort.key) || COLUMNS[2];
  const sign = state.sort.dir === 'ascending' ? 1 : -1;
  const sorted = [...rows].sort((a, b) => {
    const x = column.value(a); const y = column.value(b);
    return (column.text ? String(x).localeCompare(String(y), state.lang) : x - y) * sign;
  });
  const head = el('tr', {}, COLUMNS.map((c) => el('th', {
    scope: 'col', 'aria-sort': c.key === state.sort.key ? state.sort.dir : 'none',
  }, el('button', {
    type: 'button', title: t('sortBy'), 'data-sort': c.key,
    onclick: () => {
      state.sort = { key: c.key, dir: state.sort.key === c.key && state.sort.dir === 'descending' ? 'ascending' : 'descending' };
      renderTable(state.data.communities);
    },
  }, c.label()))));
  const body = sorted.map((row) => el('tr', { class: row.alertsOverdue > 0 ? 'flagged' : '', 'data-community': row.communityId },
    COLUMNS.map((c, i) => {
      const shown = c.show ? c.show(c.value(row)) : c.text ? c.value(row) : number(c.value(row));
      if (i === 0) {
        return el('td', {}, el('a', { href: `#/community/${encodeURIComponent(row.communityId)}`, title: t('openCommunity') }, shown),
          row.alertsOverdue > 0 ? el('span', { class: 'badge error' }, ` ⚠ ${t('overdue')}`) : null);
      }
      return el('td', {}, shown);
    })));
  $('communities').replaceChildren(el('thead', {}, head), el('tbody', {}, body));
}

function renderQuiet(data) {
  const rows = data.quietElders;
  $('quiet-body').replaceChildren(el('p', { class: 'muted' }, t('quietHelp', { n: data.quietAfterDays })),
    rows.length === 0 ? el('p', {}, t('none')) : el('table', {},
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('grid')), el('th', { scope: 'col' }, t('elders')),
        el('th', { scope: 'col' }, t('quiet')))),
      el('tbody', {}, rows.map((g) => el('tr', { class: g.quiet > 0 ? 'flagged' : '' },
        el('td', {}, g.gridId ? g.gridId.slice(0, 8) : t('noGrid')), el('td', {}, number(g.elders)),
        el('td', {}, g.quiet > 0 ? `⚠ ${number(g.quiet)}` : number(g.quiet)))))));
}

function renderBreakdown(breakdown) {
  const group = (prefix, metric, title, label, show = number) => {
    const items = Object.entries(breakdown).filter(([dimension, figures]) => dimension.startsWith(prefix) && figures[metric])
      .map(([dimension, figures]) => [dimension.slice(prefix.length), figures[metric]]).sort((a, b) => b[1] - a[1]);
    const max = Math.max(1, ...items.map(([, v]) => v));
    return el('section', {}, el('h3', {}, title), items.length === 0 ? el('p', { class: 'muted' }, t('none'))
      : el('ul', { class: 'bars' }, items.map(([name, value]) => el('li', {}, el('span', {}, label(name)),
        el('span', { class: 'bar-fill', style: `width:${(value / max) * 100}%`, 'aria-hidden': 'true' }),
        el('span', { class: 'n' }, show(value))))));
  };
  $('breakdown-body').replaceChildren(
    group('type:', 'services.confirmed', t('byType'), (code) => t(`type.${code}`)),
    group('team:', 'services.minutes', t('byTeam'), (id) => id.slice(0, 8), hours),
    group('sponsor:', 'fen.sponsor', t('bySponsor'), (id) => id, yuan),
    group('band:', 'residents', t('byBand'), (band) => t(`band.${band}`)));
}

function renderDownloads(districtId) {
  const { from } = periodQuery();
  const month = from.slice(0, 7);
  $('downloads').hidden = false;
  for (const [id, ext] of [['csv', 'csv'], ['xlsx', 'xlsx']]) {
    const link = $(id);
    link.href = `/districts/${encodeURIComponent(districtId)}/reports/monthly/${month}.${ext}`;
    link.onclick = (event) => { event.preventDefault(); download(link.href, `linli-${districtId}-${month}.${ext}`); };
  }
}

async function download(url, filename) {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${state.token}` } });
  if (!response.ok) { showState('failed', true); return; }
  const blob = await response.blob();
  const link = el('a', { href: URL.createObjectURL(blob), download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

function applyWords() {
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-label]')) node.setAttribute('aria-label', t(node.dataset.i18nLabel));
  $('language').textContent = state.lang === 'zh-CN' ? 'English' : '中文';
  $('language').lang = state.lang === 'zh-CN' ? 'en' : 'zh-CN';
  showLive(state.live);
}

// --- staying live -------------------------------------------------------------------------------------------------

function showLive(status) {
  state.live = status;
  const node = $('live');
  node.className = `live ${status === 'live' ? '' : status}`;
  node.textContent = t(status === 'live' ? 'live' : status === 'offline' ? 'liveOffline' : 'reconnecting');
  node.dataset.status = status;
}

function stopStream() {
  state.stream?.abort();
  state.stream = null;
}

let reloadTimer = null;
function changed(communities) {
  const view = state.view;
  if (!view) return;
  const concerns = view.kind === 'district' || communities.includes(view.id) || communities.includes('*');
  if (!concerns) return;
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => load({ quiet: true }), 100);
}

async function stream(attempt = 0) {
  stopStream();
  const controller = new AbortController();
  state.stream = controller;
  try {
    const response = await fetch('/changes', {
      headers: { Authorization: `Bearer ${state.token}`, Accept: 'text/event-stream' }, signal: controller.signal,
    });
    if (response.status === 401) { showSignIn(t('badToken')); return; }
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let heard = Date.now();
    const watchdog = setInterval(() => { if (Date.now() - heard > 40000) controller.abort(); }, 5000);
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        heard = Date.now();
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = message.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5)).join('\n');
          if (!data) continue;
          const change = JSON.parse(data);
          if (change.kind === 'hello') { showLive('live'); if (attempt > 0) load({ quiet: true }); attempt = 0; }
          if (change.kind === 'changed') changed(change.communities);
        }
      }
    } finally {
      clearInterval(watchdog);
    }
  } catch (error) {
    if (controller.signal.aborted && state.stream !== controller) return; // replaced or signed out
  }
  if (state.stream !== controller || !state.token) return;
  showLive(navigator.onLine ? 'reconnecting' : 'offline');
  setTimeout(() => stream(attempt + 1), Math.min(30000, 1000 * 2 ** attempt));
}

// an open alert's age, the escalation deadline and the quiet elders move with the clock, not only with events
setInterval(() => { if (state.token && state.view && document.visibilityState === 'visible') load({ quiet: true }); }, 60000);
window.addEventListener('online', () => { showLive('reconnecting'); stream(); });
window.addEventListener('offline', () => showLive('offline'));
window.addEventListener('hashchange', () => load());
$('period').addEventListener('change', () => load());
$('back').addEventListener('click', (event) => { event.preventDefault(); location.hash = ''; load(); });
$('language').addEventListener('click', () => {
  state.lang = state.lang === 'zh-CN' ? 'en' : 'zh-CN';
  localStorage.setItem('linli.lang', state.lang);
  if (state.data) render(); else applyWords();
});

async function start() {
  state.token = readToken();
  applyWords();
  if (!state.token) { showSignIn(); return; }
  hideAll();
  showState('loading');
  try {
    state.scope = await api('/scope');
  } catch (error) {
    if (error.status === 401) { sessionStorage.removeItem('linli.token'); showSignIn(t('badToken')); return; }
    showState(error.status === 403 ? 'forbidden' : 'failed', true);
    if (!(error instanceof Refusal)) setTimeout(start, 5000);
    return;
  }
  await load();
  stream();
}

start();
