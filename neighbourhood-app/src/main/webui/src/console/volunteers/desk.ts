/**
 * What the volunteers workplace shares: its paths at points-service and resident-service (through the BFF), the shapes
 * of their answers, a refusal in words, and confirming many services a few at a time with progress.
 */
import { ApiError, path } from '../../api';
import { t } from '../../i18n';
import { session } from '../../session';

export const POINTS_API = '/api/points';

/** /api/points/communities/{c}/<segments…> with each segment encoded. */
export const pointsPath = (...segments: Array<string | number>) =>
  path(`${POINTS_API}/communities`, session.data?.community ?? '', ...segments);

// ---------- shapes (points-service and resident-service views) ----------

/** points ServiceResource.ServiceView */
export interface DeskService {
  id: string;
  volunteerId: string;
  type: string;
  beneficiaryId: string | null;
  activityId: string | null;
  performedAt: string;
  minutes: number;
  note: string | null;
  status: 'PENDING' | 'CONFIRMED' | 'REJECTED' | 'REVERSED';
  loggedBy: string | null;
  decidedAs: string | null;
  rejectionReason: string | null;
  pointsAwarded: number | null;
}

/** points BulkConfirmation.Outcome */
export interface Outcome {
  serviceId: string;
  status: number;
  serviceStatus: string | null;
  pointsAwarded: number | null;
  detail: string | null;
}

/** resident VolunteerResource.VolunteerView */
export interface Application {
  residentId: string;
  status: 'PENDING' | 'APPROVED' | 'REJECTED';
  appliedAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  rejectionReason: string | null;
}

/** points RewardResource.RewardView */
export interface DeskReward {
  id: string;
  name: string;
  description: string | null;
  pointsPrice: number;
  stock: number;
  perVolunteerLimit: number | null;
  activeFrom: string | null;
  activeUntil: string | null;
  sponsorId: string | null;
}

/** points RewardResource.RedemptionView */
export interface DeskRedemption {
  id: string;
  rewardId: string;
  volunteerId: string;
  points: number;
  status: 'RESERVED' | 'HANDED_OVER' | 'CANCELLED';
  reservedAt: string;
  closedAt: string | null;
  cancelReason: string | null;
}

/** resident VolunteerResource.TeamView / MemberView / PairingView */
export interface Team {
  id: string;
  name: string;
  category: string;
}
export interface TeamMember {
  residentId: string;
  joinedAt: string;
}
export interface DeskPairing {
  id: string;
  volunteerId: string;
  residentId: string;
  since: string;
  endedAt: string | null;
  note: string | null;
}

/** points Reports */
export interface Monthly {
  month: string;
  servicesConfirmed: number;
  servicesPending: number;
  servicesRejected: number;
  activeVolunteers: number;
  minutes: number;
  hours: number;
  pointsIssued: number;
  pointsRedeemed: number;
  deliveriesCredited: number;
  topVolunteers: Array<{ volunteerId: string; points: number; services: number; minutes: number }>;
  teams: Array<{ teamId: string; category: string | null; volunteers: number; services: number; minutes: number; points: number }>;
}
export interface InactiveVolunteer {
  volunteerId: string;
  enrolledAt: string;
  lastServiceAt: string | null;
}

// ---------- refusals in words ----------

/** Why the service refused (a 403, 409, …) in words: never the service's English sentence alone. */
export function refusalText(status: number, detail: string | null | undefined): string {
  const d = (detail ?? '').toLowerCase();
  if (status === 0) return t('vol.why.offline');
  if (status === 401) return t('err.expired');
  if (status === 403) {
    if (d.includes('own service')) return t('vol.why.own');
    if (d.includes('beneficiary') || d.includes('grid head')) return t('vol.why.notYours');
    return t('vol.why.refused');
  }
  if (status === 404) return t('vol.why.gone');
  if (status === 409) {
    if (d.includes('rejected')) return t('vol.why.rejected');
    if (d.includes('reversed')) return t('vol.why.reversed');
    if (d.includes('confirmed and credited')) return t('vol.why.alreadyConfirmed');
    if (d.includes('frozen') || d.includes('moved out')) return t('vol.why.movedOut');
    if (d.includes('stock')) return t('vol.why.outOfStock');
    return detail ? t('vol.why.conflict', { detail }) : t('err.generic');
  }
  if (status === 400 || status === 422) return t('err.invalidPlain');
  if (status >= 500) return t('err.server');
  return detail || t('err.generic');
}

/**
 * Whether confirming a failed service again could go otherwise: yes when it was not sent or not answered (offline,
 * signed out, the service down, a lost race), never when the service decided it (rejected, reversed, the volunteer's
 * own, not the caller's to confirm, gone, moved out): points-service answers those the same every time.
 */
export function mayRetry(f: Pick<Failure, 'status' | 'detail'>): boolean {
  if (f.status === 0 || f.status === 401 || f.status === 408 || f.status === 429 || f.status >= 500) return true;
  if (f.status !== 409) return false;
  const d = (f.detail ?? '').toLowerCase();
  return !['rejected', 'reversed', 'confirmed and credited', 'frozen', 'moved out'].some((w) => d.includes(w));
}

/** An error of a call in words, with a 403 explained (the app's errorText says "not found" for it). */
export function deskErrorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.offline) return t('vol.why.offline');
    return refusalText(error.status, error.problem?.detail);
  }
  return t('err.generic');
}

export const isRefused = (error: unknown) => error instanceof ApiError && error.status === 403;

// ---------- many confirmations with progress ----------

export interface Failure {
  id: string;
  status: number;
  detail: string | null;
}

export interface Progress {
  total: number;
  /** answered so far (confirmed or failed) */
  done: number;
  confirmed: string[];
  failed: Failure[];
  /** points credited by this run */
  points: number;
}

/** Splits ids into chunks of `size` (the bulk endpoint takes at most 200; small chunks show progress). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Confirms the services a chunk at a time with `send` (POST /services/confirmations), telling `progress` after each
 * chunk. Each service's outcome is its own: 200 confirmed (or already confirmed, credited once by the service), else a
 * failure with the service's status and detail. A chunk that could not be sent fails as a whole with the call's
 * status (0 offline); offline, the rest is not tried (each failure can be retried).
 */
export async function confirmAll(
  ids: readonly string[],
  send: (chunk: string[]) => Promise<Outcome[]>,
  progress: (p: Progress) => void = () => {},
  size = 4,
): Promise<Progress> {
  const unique = [...new Set(ids)];
  const p: Progress = { total: unique.length, done: 0, confirmed: [], failed: [], points: 0 };
  const tell = () => progress({ ...p, confirmed: [...p.confirmed], failed: [...p.failed] });
  tell();
  const parts = chunks(unique, size);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    try {
      const outcomes = await send(part);
      const byId = new Map(outcomes.map((o) => [o.serviceId, o]));
      for (const id of part) {
        const o = byId.get(id);
        if (o && o.status === 200) {
          p.confirmed.push(id);
          p.points += o.pointsAwarded ?? 0;
        } else {
          p.failed.push({ id, status: o?.status ?? 500, detail: o?.detail ?? null });
        }
      }
      p.done += part.length;
    } catch (e) {
      const status = e instanceof ApiError ? (e.offline ? 0 : e.status) : 500;
      const detail = e instanceof ApiError ? (e.problem?.detail ?? null) : null;
      const untried = status === 0 || status === 401 ? parts.slice(i).flat() : part;
      untried.forEach((id) => p.failed.push({ id, status, detail }));
      p.done += untried.length;
      if (untried.length > part.length) {
        tell();
        break;
      }
    }
    tell();
  }
  return p;
}

// ---------- small helpers ----------

/** This month in the community (YYYY-MM). */
export function thisMonth(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .format(now)
    .slice(0, 7);
}

/** Whether a list page is full (there may be a next page). */
export const mayHaveMore = (items: readonly unknown[] | null | undefined, size: number) => (items?.length ?? 0) >= size;

/** Names matching a search (case-insensitive; empty search matches all). */
export function matches(text: string, search: string): boolean {
  const s = search.trim().toLowerCase();
  return !s || text.toLowerCase().includes(s);
}
