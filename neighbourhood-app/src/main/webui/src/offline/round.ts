/**
 * The volunteer's delivery rounds of today and tomorrow (tomorrow's is planned the day before), with the doors
 * resident-service shows them for their own runs only, kept in localStorage so a volunteer on the stairs without
 * signal still sees their stops.
 */
import { reactive } from 'vue';
import { get, path, ApiError } from '../api';
import { addDays, today } from '../format';
import type { Run, RunSummary, Stop } from '../types';

interface Saved {
  subject: string;
  date: string;
  fetchedAt: number;
  runs: Run[];
}

export const round = reactive({
  runs: [] as Run[],
  fetchedAt: null as number | null,
  /** Showing the saved copy because the network is down. */
  fromCache: false,
  loading: false,
  error: null as unknown,
});

const key = (subject: string) => `linli.round.${subject}`;

function recall(subject: string): Saved | null {
  try {
    const raw = localStorage.getItem(key(subject));
    return raw ? (JSON.parse(raw) as Saved) : null;
  } catch {
    return null;
  }
}

function save(saved: Saved): void {
  try {
    localStorage.setItem(key(saved.subject), JSON.stringify(saved));
  } catch {
    // storage full or unavailable: the round still shows while the page is open
  }
}

let current: { subject: string; community: string } | null = null;
/** The latest read wins: an older read answering late (or failing) does not replace a newer one's round. */
let reads = 0;

export async function loadRound(community: string, subject: string): Promise<void> {
  current = { subject, community };
  const mine = ++reads;
  round.loading = true;
  round.error = null;
  const date = today();
  try {
    // both days at once: on a phone network each round trip costs more than the work behind it
    const read = await Promise.all([date, addDays(date, 1)].map((day) => runsOn(community, subject, day)));
    const runs = withTaken(read.flat());
    if (mine !== reads) return;
    const saved: Saved = { subject, date, fetchedAt: Date.now(), runs };
    save(saved);
    round.runs = runs;
    round.fetchedAt = saved.fetchedAt;
    round.fromCache = false;
  } catch (e) {
    if (mine !== reads) return;
    const saved = recall(subject);
    if (e instanceof ApiError && e.offline && saved) {
      round.runs = saved.runs;
      round.fetchedAt = saved.fetchedAt;
      round.fromCache = true;
    } else {
      round.error = e;
    }
  } finally {
    if (mine === reads) round.loading = false;
  }
}

/** The volunteer's runs on one day, their stops in order and each joined with its door. */
async function runsOn(community: string, subject: string, day: string): Promise<Run[]> {
  const base = path('/api/canteen/communities', community);
  const summaries = await get<RunSummary[]>(`${base}/days/${day}/delivery-runs`);
  const mine = summaries.filter((r) => r.delivererKind !== 'VOLUNTEER' || r.delivererId.toLowerCase() === subject.toLowerCase());
  if (mine.length === 0) return [];
  const doorsOfTheDay = get<Door[]>(`${path('/api/resident/communities', community)}/delivery-doors?date=${day}`);
  doorsOfTheDay.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
  const runs = await Promise.all(mine.map((r) => get<Run>(`${base}/delivery-runs/${encodeURIComponent(r.id)}`)));
  const doors = new Map<string, Door>();
  try {
    for (const door of await doorsOfTheDay) {
      doors.set(`${door.runId}/${door.residentId}`, door);
    }
  } catch (e) {
    if (e instanceof ApiError && e.offline) throw e;
    // no doors to show (not yet known to resident-service): the stops still show their building and unit
  }
  for (const run of runs) {
    run.stops.sort((a, b) => a.sequence - b.sequence);
    for (const stop of run.stops) {
      const door = stop.dinerId ? doors.get(`${run.id}/${stop.dinerId}`) : undefined;
      if (door) {
        stop.buildingName = door.buildingName;
        stop.unitName = door.unitName;
        stop.door = door.door;
        stop.callName = door.callName;
      }
    }
  }
  return runs;
}

/** resident-service's door of a stop on the volunteer's own run (GET /delivery-doors). */
interface Door {
  residentId: string;
  runId: string;
  buildingName: string | null;
  unitName: string | null;
  door: string | null;
  callName: string | null;
}

type Taken = Partial<Stop> & { stopId: string };

/**
 * Outcomes the server has taken while this page is open. A round read again is read while outcomes are still being
 * sent (the first one through makes the page read the round again): an answer that left the server before the next
 * outcome reached it must not show that door as still to do. Forgotten once the server's round has it.
 */
const taken = new Map<string, { runId: string; answer: Taken }>();

function stopIn(runs: Run[], runId: string, stopId: string): Stop | undefined {
  return runs.find((r) => r.id === runId)?.stops.find((s) => s.stopId === stopId);
}

function mark(stop: Stop | undefined, answer: Taken): void {
  if (stop) {
    stop.welfareCheck = answer.welfareCheck ?? stop.welfareCheck;
    stop.recordedAt = answer.recordedAt ?? stop.recordedAt;
  }
}

/** Marks in a round read from the server what it has taken since that read began (and forgets what it already shows). */
export function withTaken(runs: Run[]): Run[] {
  for (const [stopId, { runId, answer }] of taken) {
    const stop = stopIn(runs, runId, stopId);
    if (stop?.welfareCheck) taken.delete(stopId);
    else mark(stop, answer);
  }
  return runs;
}

/**
 * Whether the keyboard focus went with what the page just redrew: on nothing, on the page itself, or on an element no
 * longer in it (an outcome button of a stop now recorded).
 */
export function focusLost(active: { isConnected: boolean } | null, body: unknown): boolean {
  return !active || active === body || !active.isConnected;
}

/** The server took an outcome: show the stop as recorded, in memory and in the saved copy. */
export function applyRecorded(runId: string, answer: Taken): void {
  const recorded = { ...answer, recordedAt: answer.recordedAt ?? new Date().toISOString() };
  taken.set(answer.stopId, { runId, answer: recorded });
  mark(stopIn(round.runs, runId, answer.stopId), recorded);
  if (current) {
    const saved = recall(current.subject);
    if (saved) {
      mark(stopIn(saved.runs, runId, answer.stopId), recorded);
      save(saved);
    }
  }
}
