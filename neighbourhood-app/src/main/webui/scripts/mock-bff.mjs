// A stand-in for the BFF, for working on the screens without the services: serves the built app and answers
// /session, /sign-in?as=<volunteer|resident|family|worker>, /session/sign-out and the /api/... calls the screens make
// with made-up data kept in memory. `npm run build && node scripts/mock-bff.mjs` → http://localhost:8085
// Not used by the product; the real BFF is neighbourhood-app's Java code.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';

const ROOT = fileURLToPath(new URL('../../../../target/classes/META-INF/resources/', import.meta.url));
const PORT = Number(process.env.PORT ?? 8085);
const C = 'changshan-garden';
const VOL = '7a1c0f1e-0000-4000-8000-000000000001';
const ELDER = '7a1c0f1e-0000-4000-8000-000000000002';
const ELDER2 = '7a1c0f1e-0000-4000-8000-000000000003';
const SON = '7a1c0f1e-0000-4000-8000-000000000009';
const RUN = '5b2e0000-0000-4000-8000-000000000001';
const CSRF = 'mock-csrf';

const day = (offset = 0) => {
  const d = new Date(Date.now() + 8 * 3600e3);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};
const monday = (date) => {
  const d = new Date(`${date}T00:00:00Z`);
  const w = d.getUTCDay();
  d.setUTCDate(d.getUTCDate() + (w === 0 ? -6 : 1 - w));
  return d.toISOString().slice(0, 10);
};
const addDays = (date, n) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

const people = {
  volunteer: { subject: VOL, name: '李建国', roles: ['volunteer', 'resident'], community: C },
  resident: { subject: ELDER, name: '赵秀兰', roles: ['resident'], community: C },
  family: { subject: SON, name: '王小明', roles: ['family'] },
  worker: { subject: 'worker-1', name: '吴亚琴', roles: ['community-worker'], community: C },
};

const stops = [
  { stopId: 's-1', sequence: 1, orderId: 'o-1', buildingId: 'b1000000-0000-4000-8000-000000000001', unitId: 'u1', dietaryNeeds: ['LOW_SALT', 'SOFT_TEXTURE'], welfareCheck: null, recordedAt: null, note: null, buildingName: '3号楼', unitName: '2单元', door: '502' },
  { stopId: 's-2', sequence: 2, orderId: 'o-2', buildingId: 'b1000000-0000-4000-8000-000000000001', unitId: 'u2', dietaryNeeds: [], welfareCheck: null, recordedAt: null, note: null },
  { stopId: 's-3', sequence: 3, orderId: 'o-3', buildingId: 'b2', unitId: 'u3', dietaryNeeds: ['LOW_SUGAR'], welfareCheck: 'OK', recordedAt: new Date().toISOString(), note: null, buildingName: '5号楼' },
];
const dishes = (n) => [
  { id: `d${n}a`, name: ['红烧肉', '清蒸鱼', '宫保鸡丁', '土豆炖牛肉', '番茄炒蛋', '肉末茄子', '白切鸡'][n % 7], category: 'MEAT', allergens: n % 2 ? ['peanut'] : [], suitability: n % 3 ? ['SOFT_TEXTURE', 'LOW_SALT'] : [] },
  { id: `d${n}b`, name: ['炒青菜', '凉拌黄瓜', '醋溜白菜', '蒜蓉西兰花', '地三鲜', '炒豆芽', '清炒山药'][n % 7], category: 'VEGETABLE', allergens: [], suitability: ['SOFT_TEXTURE', 'LOW_SALT', 'DIABETIC'] },
  { id: `d${n}c`, name: '米饭', category: 'STAPLE', allergens: [], suitability: [] },
];
const orders = [];
const standing = [{ id: 'so-1', dinerId: ELDER, service: 'DELIVERY', weekdays: [], startsOn: day(-30), endsOn: null, pausedFrom: null, pausedUntil: null, status: 'ACTIVE', changes: [] }];
const services = [
  { id: 'sv-1', communityId: C, volunteerId: VOL, type: 'VISIT', beneficiaryId: ELDER, performedAt: new Date(Date.now() - 864e5).toISOString(), minutes: 40, note: '陪聊天', status: 'PENDING', rejectionReason: null, pointsAwarded: null, volunteerName: '李建国', beneficiaryName: '赵秀兰' },
  { id: 'sv-2', communityId: C, volunteerId: VOL, type: 'SNOW', beneficiaryId: null, performedAt: new Date(Date.now() - 3 * 864e5).toISOString(), minutes: 60, note: null, status: 'CONFIRMED', rejectionReason: null, pointsAwarded: 10 },
];
const wallet = { volunteerId: VOL, communityId: C, points: 120, minutes: 80, classCredits: 1, frozen: false };
const rewards = [
  { id: 'r-1', name: '大米 5 斤', description: '吉林银行赞助', pointsPrice: 100, stock: 3, perVolunteerLimit: 1, sponsorId: 'jilin-bank' },
  { id: 'r-2', name: '保温杯', description: null, pointsPrice: 300, stock: 5, perVolunteerLimit: null, sponsorId: null },
];
const redemptions = [];
const alerts = [{ id: 'al-1', residentId: ELDER, cause: 'DELIVERY_MISSED', status: 'RAISED', raisedAt: new Date().toISOString(), acknowledgedAt: null, acknowledgement: null }];

const json = (res, status, body) => {
  res.writeHead(status, { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' });
  res.end(body === undefined ? '' : JSON.stringify(body));
};
const problem = (res, status, detail, violations) => json(res, status, { type: 'about:blank', title: 'Problem', status, detail, violations });
const who = (req) => people[/(?:^|; )mock=(\w+)/.exec(req.headers.cookie ?? '')?.[1]];
const body = (req) => new Promise((resolve) => {
  let data = '';
  req.on('data', (c) => (data += c));
  req.on('end', () => { try { resolve(data ? JSON.parse(data) : {}); } catch { resolve({}); } });
});

async function api(req, res, url, me) {
  const p = url.pathname;
  const m = (re) => re.exec(p);
  let g;
  if (req.method !== 'GET' && req.headers['x-csrf-token'] !== CSRF) return problem(res, 403, 'CSRF token missing');
  if (p === `/api/canteen/communities/${C}/days/${day()}/delivery-runs`) return json(res, 200, [{ id: RUN, date: day(), delivererKind: 'VOLUNTEER', delivererId: VOL }]);
  if (p === `/api/canteen/communities/${C}/delivery-runs/${RUN}`) return json(res, 200, { id: RUN, date: day(), delivererKind: 'VOLUNTEER', delivererId: VOL, stops });
  if ((g = m(/\/delivery-runs\/[^/]+\/stops\/([^/]+)\/outcome$/))) {
    const b = await body(req);
    const stop = stops.find((s) => s.stopId === g[1]);
    if (!stop) return problem(res, 404, 'no such stop');
    if (b.welfareCheck === 'CONCERN' && !b.note) return problem(res, 400, 'note', [{ field: 'record.request.note', message: 'must not be blank' }]);
    if (stop.welfareCheck && stop.welfareCheck !== b.welfareCheck) return problem(res, 409, `这一站已经记录为 ${stop.welfareCheck}，不能改为 ${b.welfareCheck}`);
    stop.welfareCheck = b.welfareCheck;
    stop.recordedAt = new Date().toISOString();
    return json(res, 200, stop);
  }
  if ((g = m(/\/menus\/(\d{4}-\d{2}-\d{2})\/published$/))) {
    if (g[1] !== monday(day())) return problem(res, 404, 'not published');
    return json(res, 200, { weekStart: g[1], publishedAt: new Date().toISOString(), days: [0, 1, 2, 3, 4, 5, 6].map((n) => ({ date: addDays(g[1], n), lunch: dishes(n), dinner: [] })) });
  }
  if ((g = m(/\/diners\/([^/]+)\/price$/))) return json(res, 200, { totalFen: 900, elderPaysFen: url.searchParams.get('service') === 'DELIVERY' ? 900 : 700, subsidyFen: 200, sponsorFen: 0, sponsorId: null });
  if ((g = m(/\/diners\/([^/]+)\/account$/))) return json(res, 200, { dinerId: g[1], balanceFen: 5600, entries: [{ id: 1, kind: 'TOP_UP', amountFen: 10000, balanceAfterFen: 10000, orderId: null, recordedAt: new Date(Date.now() - 7 * 864e5).toISOString() }, { id: 2, kind: 'CHARGE', amountFen: -700, balanceAfterFen: 9300, orderId: 'x', recordedAt: new Date().toISOString() }] });
  if ((g = m(/\/diners\/([^/]+)$/))) return json(res, 200, { residentId: g[1], communityId: C, ageBand: '75-84', housebound: true, lowIncome: false, dietaryNeeds: ['LOW_SALT', 'SOFT_TEXTURE'], buildingId: null, unitId: null, status: 'ACTIVE', mayHaveDelivery: true });
  if (p.endsWith('/orders') && req.method === 'GET') return json(res, 200, orders.filter((o) => o.dinerId === url.searchParams.get('dinerId')));
  if (p.endsWith('/orders') && req.method === 'POST') {
    const b = await body(req);
    if (orders.some((o) => o.dinerId === b.dinerId && o.date === b.date && o.status !== 'CANCELLED')) return problem(res, 409, '这一天已经订过午餐了');
    const o = { id: randomUUID(), dinerId: b.dinerId, date: b.date, meal: 'LUNCH', service: b.service, status: 'PLACED', payment: b.payment, standingOrderId: null, dietaryNeeds: [], price: { totalFen: 900, elderPaysFen: 700, subsidyFen: 200, sponsorFen: 0, sponsorId: null }, placedBy: 'x', placedFor: null, placedAt: new Date().toISOString() };
    orders.push(o);
    return json(res, 201, o);
  }
  if ((g = m(/\/orders\/([^/]+)\/cancel$/))) {
    const o = orders.find((x) => x.id === g[1]);
    if (!o) return problem(res, 404, 'no order');
    if (o.date === day()) return problem(res, 409, '已经过了今天的订餐截止时间（上午 9 点），不能取消');
    o.status = 'CANCELLED';
    return json(res, 200, o);
  }
  if (p.endsWith('/standing-orders')) return json(res, 200, standing);
  if ((g = m(/\/standing-orders\/([^/]+)\/pause$/))) { const b = await body(req); Object.assign(standing[0], { pausedFrom: b.from, pausedUntil: b.until }); return json(res, 200, standing[0]); }
  if ((g = m(/\/standing-orders\/([^/]+)\/resume$/))) { Object.assign(standing[0], { pausedFrom: null, pausedUntil: null }); return json(res, 200, standing[0]); }
  if (p.endsWith('/services') && req.method === 'GET') {
    const status = url.searchParams.get('status');
    return json(res, 200, services.filter((s) => !status || s.status === status));
  }
  if (p.endsWith('/services') && req.method === 'POST') {
    const b = await body(req);
    const s = { id: randomUUID(), communityId: C, volunteerId: VOL, type: b.type, beneficiaryId: b.beneficiaryId, performedAt: b.performedAt, minutes: b.minutes, note: b.note, status: 'PENDING', rejectionReason: null, pointsAwarded: null };
    services.unshift(s);
    return json(res, 201, s);
  }
  if ((g = m(/\/services\/([^/]+)\/(confirm|reject)$/))) {
    const s = services.find((x) => x.id === g[1]);
    s.status = g[2] === 'confirm' ? 'CONFIRMED' : 'REJECTED';
    return json(res, 200, s);
  }
  if (p.endsWith('/service-types')) return json(res, 200, [{ id: 't1', code: 'VISIT', name: '探访陪伴', points: 10, needsBeneficiary: true, active: true }, { id: 't2', code: 'SNOW', name: '扫雪', points: 5, needsBeneficiary: false, active: true }]);
  if (p.endsWith('/pairings')) return json(res, 200, [{ id: 'p1', volunteerId: VOL, residentId: ELDER, since: new Date().toISOString(), endedAt: null, note: null }]);
  if (p.endsWith('/wallet')) return json(res, 200, wallet);
  if (p.endsWith('/statement')) return json(res, 200, [{ entryId: 1, postingId: 'x', seq: 1, kind: 'SERVICE_AWARD', reference: null, reason: null, at: new Date().toISOString(), amount: 10, balanceAfter: wallet.points }]);
  if (p.endsWith('/rewards')) return json(res, 200, rewards);
  if (p.endsWith('/redemptions') && req.method === 'GET') return json(res, 200, redemptions);
  if (p.endsWith('/redemptions')) {
    const b = await body(req);
    const r = rewards.find((x) => x.id === b.rewardId);
    if (wallet.points < r.pointsPrice) return problem(res, 409, '积分不够');
    wallet.points -= r.pointsPrice;
    r.stock--;
    const x = { id: randomUUID(), rewardId: r.id, volunteerId: VOL, points: r.pointsPrice, status: 'RESERVED', reservedAt: new Date().toISOString() };
    redemptions.unshift(x);
    return json(res, 201, x);
  }
  if (p.endsWith('/points-policy')) return json(res, 200, { deliveryPoints: 5, minutesPerClass: 40 });
  if (p.endsWith('/classes')) return json(res, 200, [{ id: 'c1', title: '剪纸', provider: '老年大学', description: '一节课 1.5 小时' }]);
  if (p.endsWith('/sessions')) return json(res, 200, [{ id: 'cs1', courseId: 'c1', startsAt: new Date(Date.now() + 2 * 864e5).toISOString(), durationMinutes: 90, seats: 20, seatsTaken: 3, seatsLeft: 17 }]);
  if (p.endsWith('/class-credits')) { const b = await body(req); if (wallet.minutes < 40 * b.credits) return problem(res, 409, '服务时长不够'); wallet.minutes -= 40 * b.credits; wallet.classCredits += b.credits; return json(res, 201, {}); }
  if (p.endsWith('/bookings')) { if (wallet.classCredits < 1) return problem(res, 409, '没有课时了'); wallet.classCredits--; return json(res, 201, { id: randomUUID() }); }
  if (p === '/api/resident/family-links') return json(res, 200, [
    { id: 'fl-1', communityId: C, parentId: ELDER, parentName: '赵秀兰', memberId: SON, relationship: '妈妈', purposes: ['MEALS', 'CARE_ALERTS'], validUntil: null, status: 'ACTIVE' },
    { id: 'fl-2', communityId: C, parentId: ELDER2, parentName: '王德福', memberId: SON, relationship: '爸爸', purposes: ['MEALS'], validUntil: addDays(day(), 90), status: 'ACTIVE' },
  ]);
  if (p.endsWith('/care-alerts')) return json(res, 200, alerts);
  if ((g = m(/\/care-alerts\/([^/]+)\/acknowledge$/))) { const b = await body(req); Object.assign(alerts[0], { status: 'ACKNOWLEDGED', acknowledgement: b.note, acknowledgedAt: new Date().toISOString() }); return json(res, 200, alerts[0]); }
  if (p.includes('/broken')) return problem(res, 503, 'down');
  return problem(res, 404, 'not found');
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json' };

createServer(async (req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  const me = who(req);
  if (url.pathname === '/session') {
    return json(res, 200, me ? { signedIn: true, ...me, csrfToken: CSRF, signInUrl: '/sign-in', development: true } : { signedIn: false, signInUrl: '/sign-in', development: true });
  }
  if (url.pathname === '/session/sign-out') {
    res.writeHead(204, { 'Set-Cookie': 'mock=; Path=/; Max-Age=0' });
    return res.end();
  }
  if (url.pathname === '/sign-in') {
    const as = url.searchParams.get('as') ?? 'volunteer';
    res.writeHead(302, { Location: '/', 'Set-Cookie': `mock=${as}; Path=/; HttpOnly` });
    return res.end();
  }
  if (url.pathname.startsWith('/api/')) {
    if (!me) return problem(res, 401, 'sign in');
    return api(req, res, url, me);
  }
  const file = normalize(join(ROOT, url.pathname === '/' ? 'index.html' : url.pathname));
  if (!file.startsWith(ROOT)) return problem(res, 400, 'bad path');
  try {
    const data = await readFile(file);
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(data);
  } catch {
    problem(res, 404, 'not found');
  }
}).listen(PORT, () => console.log(`mock BFF on http://localhost:${PORT}`));
