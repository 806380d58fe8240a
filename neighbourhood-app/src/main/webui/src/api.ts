/**
 * Calls to the BFF (same origin). Every non-GET carries the CSRF token; errors become an ApiError with the RFC 9457
 * problem, and errorText() says what went wrong in words a person understands.
 */
import { csrfToken, markExpired } from './session';
import { listJoin, t, type MessageKey } from './i18n';
import type { Problem } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    readonly offline = false,
  ) {
    super(problem?.detail ?? problem?.title ?? (offline ? 'offline' : `HTTP ${status}`));
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface CallOptions {
  headers?: Record<string, string>;
}

export async function call<T>(method: Method, path: string, body?: unknown, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let payload: string | undefined;
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    headers['X-CSRF-Token'] = (await csrfToken()) ?? '';
    payload = JSON.stringify(body ?? {});
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, null, true);
  }
  if (response.status === 401) markExpired();
  if (!response.ok) {
    throw new ApiError(response.status, await readProblem(response));
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T>(path: string) => call<T>('GET', path);
export const post = <T>(path: string, body?: unknown, options?: CallOptions) => call<T>('POST', path, body, options);

async function readProblem(response: Response): Promise<Problem | null> {
  try {
    const text = await response.text();
    return text ? (JSON.parse(text) as Problem) : null;
  } catch {
    return null;
  }
}

/** Builds a path with each segment encoded: path('/api/canteen/communities', c, 'orders'). */
export function path(base: string, ...segments: Array<string | number>): string {
  return [base, ...segments.map((s) => encodeURIComponent(String(s)))].join('/');
}

export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') q.set(key, String(value));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

const FIELD_WORDS: Record<string, MessageKey> = {
  note: 'field.note',
  minutes: 'field.minutes',
  performedAt: 'field.performedAt',
  type: 'field.type',
  from: 'field.from',
  until: 'field.until',
  on: 'field.on',
  credits: 'field.credits',
  reason: 'field.reason',
  date: 'field.date',
  service: 'field.service',
  dinerId: 'field.dinerId',
  beneficiaryId: 'field.beneficiaryId',
  welfareCheck: 'field.welfareCheck',
  rewardId: 'field.rewardId',
  volunteerId: 'field.volunteerId',
  payment: 'field.payment',
};

/** A violation's field ("place.request.dinerId") in words ("用餐人"). */
export function fieldInWords(field: string): string {
  const last = field.split('.').pop() ?? field;
  const key = FIELD_WORDS[last];
  return key ? t(key) : last;
}

/** What went wrong, in words a person understands (zh first, or en). */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return t('err.generic');
  if (error.offline) return t('err.offline');
  const { status, problem } = error;
  if (status === 401) return t('err.expired');
  if (status === 400 || status === 422) {
    const fields = [...new Set((problem?.violations ?? []).map((v) => fieldInWords(v.field)))];
    return fields.length ? t('err.invalid', { fields: listJoin(fields) }) : t('err.invalidPlain');
  }
  if (status === 403 || status === 404) return t('err.notFound');
  if (status === 409) return problem?.detail || t('err.generic');
  if (status >= 500) return t('err.server');
  return problem?.detail || t('err.generic');
}

export const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;
export const isOffline = (error: unknown) => error instanceof ApiError && error.offline;
