// A stand-in for the BFF, for working on the screens without the services: serves the built app and answers
// /session, /sign-in?as=<volunteer|resident|family|worker|gridhead>[&next=/#/console/residents], /session/sign-out and the /api/... calls the screens make
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
  gridhead: { subject: '7a1c0f1e-0000-4000-8000-000000000005', name: '韩丽萍', roles: ['grid-head', 'resident'], community: C },
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


// ---------- the community console's data (community workers and grid heads) ----------
const COMMUNITY_UNIT = 'c0000000-0000-4000-8000-000000000001';
const orgUnit = (id, kind, parentId, name) => ({ id, kind, parentId, code: kind === 'COMMUNITY' ? C : null, name, districtCode: 'kuancheng', communityCode: C });
const org = [orgUnit(COMMUNITY_UNIT, 'COMMUNITY', null, '长山花园社区')];
for (const g of [1, 2]) {
  const grid = `a000000${g}-0000-4000-8000-000000000000`;
  org.push(orgUnit(grid, 'GRID', COMMUNITY_UNIT, `第${g}网格`));
  for (const b of [1, 2, 3]) {
    const n = (g - 1) * 3 + b;
    const building = `b000000${n}-0000-4000-8000-000000000000`;
    org.push(orgUnit(building, 'BUILDING', grid, `${n}号楼`));
    for (const u of [1, 2]) org.push(orgUnit(`e00000${n}${u}-0000-4000-8000-000000000000`, 'UNIT', building, `${u}单元`));
  }
}
const unitsOf = (kind) => org.filter((u) => u.kind === kind);
const parentOf = (id) => org.find((u) => u.id === id)?.parentId ?? null;
const households = [];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '孙', '马'];
const GIVEN = ['淑芬', '建国', '桂兰', '德福', '秀英', '玉珍', '国强', '凤英', '志刚', '美华', '振华', '丽娟'];
const residents = [];
const addResident = (r) => {
  const unit = unitsOf('UNIT')[r.unitIndex % unitsOf('UNIT').length];
  const buildingId = parentOf(unit.id);
  let h = households.find((x) => x.unitId === unit.id && x.doorNumber === r.door);
  if (!h) {
    h = { id: randomUUID(), communityId: C, gridId: parentOf(buildingId), buildingId, unitId: unit.id, doorNumber: r.door };
    households.push(h);
  }
  const birth = `${r.born}-03-0${(r.unitIndex % 9) + 1}`;
  const age = Number(day().slice(0, 4)) - r.born - 1;
  residents.push({
    id: r.id ?? randomUUID(), communityId: C, name: r.name, gender: r.gender, birthDate: birth, age,
    ageBand: age >= 95 ? 'AGED_95_PLUS' : age >= 85 ? 'AGED_85_94' : age >= 75 ? 'AGED_75_84' : age >= 60 ? 'AGED_60_74' : 'UNDER_60',
    householdId: h.id, relationshipToHead: r.rel ?? 'HEAD', gridId: h.gridId, buildingId, unitId: unit.id,
    phone: '138****5678', nationalId: '220103********123X', phoneFull: '13812345678', nationalIdFull: '22010319490302123X',
    livesAlone: !!r.livesAlone, housebound: !!r.housebound, chronicIllness: !!r.chronic, lowIncome: !!r.lowIncome, partyMember: !!r.party,
    dietaryNeeds: r.diet ?? [], status: 'ACTIVE',
  });
};
addResident({ id: ELDER, name: '赵秀兰', gender: 'FEMALE', born: 1949, unitIndex: 3, door: '502', livesAlone: true, housebound: true, chronic: true, diet: ['LOW_SALT', 'SOFT_TEXTURE'] });
addResident({ id: ELDER2, name: '王德福', gender: 'MALE', born: 1944, unitIndex: 1, door: '301', livesAlone: true, lowIncome: true });
addResident({ id: VOL, name: '李建国', gender: 'MALE', born: 1952, unitIndex: 3, door: '101', party: true });
for (let i = 0; i < 40; i++) {
  addResident({ name: SURNAMES[i % 12] + GIVEN[(i * 5) % 12], gender: i % 2 ? 'MALE' : 'FEMALE', born: 1930 + ((i * 7) % 60), unitIndex: i, door: `${(i % 6) + 1}0${(i % 2) + 1}`, livesAlone: i % 5 === 0, housebound: i % 7 === 0, chronic: i % 4 === 0, lowIncome: i % 9 === 0, party: i % 6 === 0, rel: i % 3 ? 'SPOUSE' : 'HEAD' });
}
const view = (r, reveal = []) => {
  const { phoneFull, nationalIdFull, ...rest } = r;
  return { ...rest, phone: reveal.includes('phone') ? phoneFull : rest.phone, nationalId: reveal.includes('nationalId') ? nationalIdFull : rest.nationalId };
};
const minutesAgo = (n) => new Date(Date.now() - n * 60e3).toISOString();
const alertView = (a) => ({ householdId: null, gridId: null, escalatedAt: null, acknowledgedBy: null, acknowledgedFor: null, resolvedBy: null, resolvedAt: null, resolution: null, notifications: null, ...a });
const residentOf = (name) => residents.find((r) => r.name === name) ?? residents[5];
const extraAlerts = [
  { id: 'al-2', residentId: residents[6].id, cause: 'GAS_ALARM', status: 'ESCALATED', raisedAt: minutesAgo(40), escalatedAt: minutesAgo(25), acknowledgedAt: null, acknowledgement: null },
  { id: 'al-3', residentId: ELDER2, cause: 'WELFARE_CONCERN', status: 'RAISED', raisedAt: minutesAgo(8), escalatesAt: new Date(Date.now() + 7 * 60e3).toISOString(), acknowledgedAt: null, acknowledgement: null },
  { id: 'al-4', residentId: residents[9].id, cause: 'DELIVERY_MISSED', status: 'ACKNOWLEDGED', raisedAt: minutesAgo(120), acknowledgedAt: minutesAgo(100), acknowledgement: '已联系女儿，正在上门', acknowledgedBy: 'worker-1' },
];
const consoleAlerts = () => [alerts[0], ...extraAlerts].map((a) => alertView({ ...a, gridId: residents.find((r) => r.id === a.residentId)?.gridId ?? null }));
const notifications = (a) => [
  { recipientKind: 'EMERGENCY_CONTACT', recipientRef: 'contact-1', channel: 'log', sentAt: a.raisedAt, delivered: true },
  { recipientKind: 'GRID_HEAD', recipientRef: 'gh-1', channel: 'log', sentAt: a.raisedAt, delivered: true },
  ...(a.escalatedAt ? [{ recipientKind: 'DUTY_DESK', recipientRef: C, channel: 'log', sentAt: a.escalatedAt, delivered: false }] : []),
];
// a new alert arrives on the queue's 3rd read (MOCK_NEW_ALERT_AFTER=n; 0 = never), to watch the queue refresh itself
let queueReads = 0;
const NEW_ALERT_AFTER = Number(process.env.MOCK_NEW_ALERT_AFTER ?? 3);
const needsList = [
  { id: 'nd-1', gridId: unitsOf('GRID')[0].id, category: 'REPAIR', place: '3号楼2单元', raisedBy: ELDER, description: '楼道晾衣架坏了，老人晾不了衣服', responsible: null, status: 'OPEN', recordedAt: new Date(Date.now() - 5 * 864e5).toISOString(), doneAt: null, residentToldAt: null },
  { id: 'nd-2', gridId: unitsOf('GRID')[0].id, category: 'DRAINAGE', place: '1号楼北侧', raisedBy: null, description: '雨后下水道堵塞积水', responsible: 'PROPERTY_MANAGEMENT', status: 'ROUTED', recordedAt: new Date(Date.now() - 3 * 864e5).toISOString(), doneAt: null, residentToldAt: null },
  { id: 'nd-3', gridId: unitsOf('GRID')[1].id, category: 'ACCESSIBILITY', place: '5号楼1单元', raisedBy: null, description: '想在楼下装一个电动轮椅充电桩', responsible: 'COMMUNITY', status: 'IN_PROGRESS', recordedAt: new Date(Date.now() - 10 * 864e5).toISOString(), doneAt: null, residentToldAt: null },
  { id: 'nd-4', gridId: null, category: 'SANITATION', place: '小区东门', raisedBy: null, description: '垃圾桶满了没人清', responsible: 'PROPERTY_MANAGEMENT', status: 'DONE', recordedAt: new Date(Date.now() - 2 * 864e5).toISOString(), doneAt: new Date().toISOString(), residentToldAt: null },
];
const needView = (n) => ({ ...n, ageDays: Math.floor((Date.now() - Date.parse(n.recordedAt)) / 864e5), steps: null });
const NEXT = { route: [['OPEN', 'ROUTED'], 'ROUTED'], start: [['ROUTED'], 'IN_PROGRESS'], done: [['ROUTED', 'IN_PROGRESS'], 'DONE'], 'resident-told': [['DONE'], 'CLOSED'] };
const consents = { [ELDER]: [{ id: 'cn-1', purpose: 'CARE_ALERTS', recordedBy: 'worker-1', grantedAt: new Date(Date.now() - 90 * 864e5).toISOString(), validUntil: null, withdrawnAt: null, withdrawnBy: null }, { id: 'cn-2', purpose: 'FAMILY_ACCESS', recordedBy: 'worker-1', grantedAt: new Date(Date.now() - 90 * 864e5).toISOString(), validUntil: null, withdrawnAt: null, withdrawnBy: null }] };
const contactsOf = { [ELDER]: [{ id: 'ct-1', name: '王小明', relationship: '儿子', phone: '13900001111', priority: 1 }] };
const maskPhone = (p) => `${p.slice(0, 3)}****${p.slice(-4)}`;
const PHONE = /^(\+86[- ]?)?(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/;
const consoleLinks = { [ELDER]: [{ id: 'fl-1', communityId: C, parentId: ELDER, parentName: '赵秀兰', memberId: SON, relationship: '儿子', purposes: ['MEALS', 'CARE_ALERTS'], validUntil: null, status: 'ACTIVE', grantedBy: 'worker-1', grantedAt: new Date().toISOString(), revokedBy: null, revokedAt: null }] };

async function consoleApi(req, res, url, me) {
  const p = url.pathname;
  const m = (re) => re.exec(p);
  const q = url.searchParams;
  let g;
  const R = `/api/resident/communities/${C}`;
  const console_ = me.roles.includes('community-worker') || me.roles.includes('grid-head');
  if (!console_) return false;
  if (p === '/api/resident/org-units' && req.method === 'GET') return json(res, 200, q.get('code') === C ? [org[0]] : []), true;
  if ((g = m(/^\/api\/resident\/org-units\/([^/]+)\/children$/))) {
    const items = org.filter((u) => u.parentId === g[1]);
    return json(res, 200, { items, page: 0, size: Number(q.get('size') ?? 50), total: items.length }), true;
  }
  if (p === `${R}/care-alerts` && req.method === 'GET') {
    queueReads++;
    if (NEW_ALERT_AFTER > 0 && queueReads === NEW_ALERT_AFTER) {
      extraAlerts.push({ id: `al-${Date.now()}`, residentId: residents[12].id, cause: 'SMOKE_ALARM', status: 'RAISED', raisedAt: new Date().toISOString(), acknowledgedAt: null, acknowledgement: null });
    }
    return json(res, 200, consoleAlerts().filter((a) => q.get('open') === 'false' || a.status !== 'RESOLVED')), true;
  }
  if ((g = m(new RegExp(`^${R}/care-alerts/([^/]+)$`)))) {
    const a = consoleAlerts().find((x) => x.id === g[1]);
    return (a ? json(res, 200, { ...a, notifications: notifications(a) }) : problem(res, 404, 'no alert')), true;
  }
  if ((g = m(new RegExp(`^${R}/care-alerts/([^/]+)/(acknowledge|resolve)$`)))) {
    const b = await body(req);
    const a = [alerts[0], ...extraAlerts].find((x) => x.id === g[1]);
    if (!a) return problem(res, 404, 'no alert'), true;
    if (!b.note || !b.note.trim()) return problem(res, 400, 'note', [{ field: `${g[2]}.request.note`, message: 'must not be blank' }]), true;
    if (g[2] === 'acknowledge') {
      if (a.status !== 'RAISED' && a.status !== 'ESCALATED') return problem(res, 409, `这条提醒已经是 ${a.status} 状态了`), true;
      Object.assign(a, { status: 'ACKNOWLEDGED', acknowledgement: b.note, acknowledgedAt: new Date().toISOString(), acknowledgedBy: me.subject });
    } else {
      if (a.status === 'RESOLVED') return problem(res, 409, '这条提醒已经办结了'), true;
      Object.assign(a, { status: 'RESOLVED', resolution: b.note, resolvedAt: new Date().toISOString(), resolvedBy: me.subject });
    }
    return json(res, 200, alertView(a)), true;
  }
  if (p === `${R}/quiet-elders`) {
    const days = Number(q.get('days') ?? 2);
    const list = [
      { residentId: ELDER2, name: '王德福', gridId: residents[1].gridId, buildingId: residents[1].buildingId, unitId: residents[1].unitId, housebound: false, livesAlone: true, lastContactAt: null, lastContactKind: null, daysWithoutContact: null },
      { residentId: residents[5].id, name: residents[5].name, gridId: residents[5].gridId, buildingId: residents[5].buildingId, unitId: residents[5].unitId, housebound: true, livesAlone: true, lastContactAt: new Date(Date.now() - 9 * 864e5).toISOString(), lastContactKind: 'VOLUNTEER_VISIT', daysWithoutContact: 9 },
      { residentId: residents[8].id, name: residents[8].name, gridId: residents[8].gridId, buildingId: residents[8].buildingId, unitId: residents[8].unitId, housebound: true, livesAlone: false, lastContactAt: new Date(Date.now() - 4 * 864e5).toISOString(), lastContactKind: 'MEAL_DELIVERY', daysWithoutContact: 4 },
    ];
    return json(res, 200, list.filter((e) => e.daysWithoutContact === null || e.daysWithoutContact >= days)), true;
  }
  if (p === `${R}/needs` && req.method === 'GET') {
    const open = q.get('open') !== 'false';
    return json(res, 200, needsList.filter((n) => (!open || n.status !== 'CLOSED') && (!q.get('gridId') || n.gridId === q.get('gridId'))).map(needView)), true;
  }
  if (p === `${R}/needs` && req.method === 'POST') {
    const b = await body(req);
    const v = [];
    if (!b.category) v.push({ field: 'record.request.category', message: 'must not be null' });
    if (!b.place?.trim()) v.push({ field: 'record.request.place', message: 'must not be blank' });
    if (!b.description?.trim()) v.push({ field: 'record.request.description', message: 'must not be blank' });
    if (v.length) return problem(res, 400, 'invalid', v), true;
    const n = { id: randomUUID(), gridId: b.gridId, category: b.category, place: b.place, raisedBy: b.raisedBy, description: b.description, responsible: null, status: 'OPEN', recordedAt: new Date().toISOString(), doneAt: null, residentToldAt: null };
    needsList.push(n);
    return json(res, 201, needView(n)), true;
  }
  if ((g = m(new RegExp(`^${R}/needs/([^/]+)/(route|start|done|resident-told)$`)))) {
    const b = await body(req);
    const n = needsList.find((x) => x.id === g[1]);
    if (!n) return problem(res, 404, 'no need'), true;
    const [from, to] = NEXT[g[2]];
    if (!from.includes(n.status)) return problem(res, 409, `这件事现在是 ${n.status}，不能直接改为 ${to}`), true;
    if (g[2] === 'route') {
      if (!b.responsible) return problem(res, 400, 'invalid', [{ field: 'route.request.responsible', message: 'must not be null' }]), true;
      n.responsible = b.responsible;
    }
    n.status = to;
    if (to === 'DONE') n.doneAt = new Date().toISOString();
    if (to === 'CLOSED') n.residentToldAt = new Date().toISOString();
    return json(res, 200, needView(n)), true;
  }
  if (p === `${R}/residents` && req.method === 'GET') {
    const flags = q.getAll('flag');
    let list = residents.filter((r) => (!q.get('name') || r.name.startsWith(q.get('name'))) && (!q.get('gridId') || r.gridId === q.get('gridId'))
      && (!q.get('buildingId') || r.buildingId === q.get('buildingId')) && (!q.get('unitId') || r.unitId === q.get('unitId'))
      && (!q.get('ageBand') || r.ageBand === q.get('ageBand')) && flags.every((f) => r[f] === true));
    if (me.roles.includes('grid-head') && !me.roles.includes('community-worker')) list = list.filter((r) => r.gridId === unitsOf('GRID')[0].id);
    list = [...list].sort((a, b) => a.name.localeCompare(b.name, 'zh'));
    const page = Number(q.get('page') ?? 0);
    const size = Number(q.get('size') ?? 50);
    return json(res, 200, { items: list.slice(page * size, page * size + size).map((r) => view(r)), page, size, total: list.length }), true;
  }
  if (p === `${R}/residents` && req.method === 'POST') {
    const b = await body(req);
    const v = [];
    if (!b.name?.trim()) v.push({ field: 'register.request.name', message: 'must not be blank' });
    if (!b.gender) v.push({ field: 'register.request.gender', message: 'must not be null' });
    if (!b.birthDate) v.push({ field: 'register.request.birthDate', message: 'must not be null' });
    if (b.phone && !PHONE.test(b.phone)) v.push({ field: 'register.request.phone', message: 'is not a phone number' });
    if (v.length) return problem(res, 400, 'invalid', v), true;
    if (b.nationalId && residents.some((r) => r.nationalIdFull === b.nationalId)) return problem(res, 409, '这个身份证号已经在本市登记过了'), true;
    const h = households.find((x) => x.id === b.householdId);
    const r = { id: randomUUID(), communityId: C, name: b.name.trim(), gender: b.gender, birthDate: b.birthDate, age: Number(day().slice(0, 4)) - Number(b.birthDate.slice(0, 4)), ageBand: 'AGED_75_84', householdId: h?.id ?? null, relationshipToHead: b.relationshipToHead ?? 'OTHER', gridId: h?.gridId ?? null, buildingId: h?.buildingId ?? null, unitId: h?.unitId ?? null, phone: b.phone ? maskPhone(b.phone) : null, nationalId: b.nationalId ? `${b.nationalId.slice(0, 6)}********${b.nationalId.slice(-4)}` : null, phoneFull: b.phone, nationalIdFull: b.nationalId, livesAlone: b.livesAlone, housebound: b.housebound, chronicIllness: b.chronicIllness, lowIncome: b.lowIncome, partyMember: b.partyMember, dietaryNeeds: b.dietaryNeeds ?? [], status: 'ACTIVE' };
    residents.push(r);
    return json(res, 201, view(r)), true;
  }
  if ((g = m(new RegExp(`^${R}/residents/([0-9a-f-]{36})$`)))) {
    const r = residents.find((x) => x.id === g[1]);
    if (!r) return problem(res, 404, 'no resident'), true;
    const reveal = q.getAll('reveal');
    if (reveal.includes('nationalId') && !me.roles.includes('community-worker')) return problem(res, 403, 'The national ID number is revealed only to the resident and their community worker'), true;
    return json(res, 200, view(r, reveal)), true;
  }
  if ((g = m(new RegExp(`^${R}/residents/([^/]+)/consents$`)))) {
    const list = (consents[g[1]] ??= []);
    if (req.method === 'GET') return json(res, 200, list), true;
    const b = await body(req);
    if (!b.purpose) return problem(res, 400, 'invalid', [{ field: 'grant.request.purpose', message: 'must not be null' }]), true;
    const c = { id: randomUUID(), purpose: b.purpose, recordedBy: me.subject, grantedAt: new Date().toISOString(), validUntil: b.validUntil, withdrawnAt: null, withdrawnBy: null };
    list.push(c);
    return json(res, 201, c), true;
  }
  if ((g = m(new RegExp(`^${R}/residents/([^/]+)/consents/([^/]+)/withdraw$`)))) {
    const c = (consents[g[1]] ?? []).find((x) => x.id === g[2]);
    if (!c) return problem(res, 404, 'no consent'), true;
    Object.assign(c, { withdrawnAt: new Date().toISOString(), withdrawnBy: me.subject });
    return json(res, 200, c), true;
  }
  if ((g = m(new RegExp(`^${R}/residents/([^/]+)/emergency-contacts$`)))) {
    const list = (contactsOf[g[1]] ??= []);
    if (req.method === 'GET') return json(res, 200, list.map((c) => ({ ...c, phone: q.get('reveal') === 'true' ? c.phone : maskPhone(c.phone) }))), true;
    const b = await body(req);
    if (!(consents[g[1]] ?? []).some((c) => c.purpose === 'CARE_ALERTS' && !c.withdrawnAt)) return problem(res, 409, '居民还没有同意“关怀提醒”，不能保存紧急联系人'), true;
    if (!b.phone || !PHONE.test(b.phone)) return problem(res, 400, 'invalid', [{ field: 'addContact.request.phone', message: 'is not a phone number' }]), true;
    const c = { id: randomUUID(), name: b.name, relationship: b.relationship, phone: b.phone, priority: b.priority ?? 1 };
    list.push(c);
    return json(res, 201, { ...c, phone: maskPhone(c.phone) }), true;
  }
  if ((g = m(new RegExp(`^${R}/residents/([^/]+)/emergency-contacts/([^/]+)$`))) && req.method === 'DELETE') {
    contactsOf[g[1]] = (contactsOf[g[1]] ?? []).filter((c) => c.id !== g[2]);
    res.writeHead(204);
    return res.end(), true;
  }
  if ((g = m(new RegExp(`^${R}/residents/([^/]+)/family-links$`)))) {
    const list = (consoleLinks[g[1]] ??= []);
    if (req.method === 'GET') return json(res, 200, list.filter((l) => l.status === 'ACTIVE')), true;
    if (!me.roles.includes('community-worker')) return problem(res, 403, 'forbidden'), true;
    const b = await body(req);
    if (!(consents[g[1]] ?? []).some((c) => c.purpose === 'FAMILY_ACCESS' && !c.withdrawnAt)) return problem(res, 409, '居民还没有同意“家属代办”'), true;
    const r = residents.find((x) => x.id === g[1]);
    const l = { id: randomUUID(), communityId: C, parentId: g[1], parentName: r?.name ?? null, memberId: b.memberId, relationship: b.relationship, purposes: b.purposes, validUntil: b.validUntil, status: 'ACTIVE', grantedBy: me.subject, grantedAt: new Date().toISOString(), revokedBy: null, revokedAt: null };
    list.push(l);
    return json(res, 201, l), true;
  }
  if ((g = m(new RegExp(`^${R}/residents/([^/]+)/family-links/([^/]+)/revoke$`)))) {
    const l = (consoleLinks[g[1]] ?? []).find((x) => x.id === g[2]);
    if (!l) return problem(res, 404, 'no link'), true;
    Object.assign(l, { status: 'REVOKED', revokedAt: new Date().toISOString(), revokedBy: me.subject });
    return json(res, 200, l), true;
  }
  if ((g = m(new RegExp(`^${R}/households/([0-9a-f-]{36})$`)))) {
    const h = households.find((x) => x.id === g[1]);
    if (!h) return problem(res, 404, 'no household'), true;
    return json(res, 200, { ...h, members: residents.filter((r) => r.householdId === h.id).map((r) => view(r)) }), true;
  }
  if (p === `${R}/households` && req.method === 'GET') {
    return json(res, 200, households.filter((h) => h.unitId === q.get('unitId')).sort((a, b) => a.doorNumber.localeCompare(b.doorNumber)).map((h) => ({ ...h, members: null }))), true;
  }
  if (p === `${R}/households` && req.method === 'POST') {
    if (!me.roles.includes('community-worker')) return problem(res, 403, 'forbidden'), true;
    const b = await body(req);
    if (households.some((h) => h.unitId === b.unitId && h.doorNumber === b.doorNumber)) return problem(res, 409, '这个单元已经有这个门牌号了'), true;
    const unit = org.find((u) => u.id === b.unitId);
    const h = { id: randomUUID(), communityId: C, gridId: parentOf(parentOf(unit.id)), buildingId: parentOf(unit.id), unitId: unit.id, doorNumber: b.doorNumber };
    households.push(h);
    return json(res, 201, { ...h, members: [] }), true;
  }
  return false;
}

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
  if (await consoleApi(req, res, url, me)) return;
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
    const next = url.searchParams.get('next');
    res.writeHead(302, { Location: next && next.startsWith('/') && !next.startsWith('//') ? next : '/', 'Set-Cookie': `mock=${as}; Path=/; HttpOnly` });
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
