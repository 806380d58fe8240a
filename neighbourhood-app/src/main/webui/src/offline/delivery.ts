/**
 * The app's outcome queue: over localStorage, flushed on start, on `online`, every 30 s while items wait, and right
 * after each recording.
 */
import { ref, watch } from 'vue';
import { online } from '../net';
import { OutcomeQueue, MemoryStorage, DEFAULT_QUEUE_KEY, type OutcomeInput, type QueuedOutcome, type SendResult, type StorageLike } from './outcomeQueue';
import { csrfToken, markExpired } from '../session';
import { applyRecorded } from './round';
import type { Problem, Stop } from '../types';

function storage(): StorageLike {
  try {
    const probe = '__linli_probe__';
    localStorage.setItem(probe, probe);
    localStorage.removeItem(probe);
    return localStorage;
  } catch {
    return new MemoryStorage();
  }
}

export const queue = new OutcomeQueue(storage());
export const queued = ref<QueuedOutcome[]>(queue.items());

/** Bumped when another tab changed the queue (it may have sent our items): screens read again. */
export const externalChange = ref(0);

queue.subscribe((items) => {
  queued.value = items;
});

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === null || event.key === DEFAULT_QUEUE_KEY) {
      queued.value = queue.items();
      externalChange.value++;
    }
  });
}

async function send(item: QueuedOutcome): Promise<SendResult> {
  const token = await csrfToken();
  const url = ['/api/canteen/communities', item.communityId, 'delivery-runs', item.runId, 'stops', item.stopId, 'outcome']
    .map((s, i) => (i === 0 ? s : encodeURIComponent(s)))
    .join('/');
  // fetch rejects when there is no network (or no answer within 15 s): the queue keeps the item waiting
  const response = await fetch(url, {
    method: 'POST',
    signal: timeoutSignal(15_000),
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': token ?? '' },
    body: JSON.stringify({ welfareCheck: item.welfareCheck, note: item.note || null }),
  });
  if (response.status === 401) markExpired();
  let body: unknown = null;
  try {
    const text = await response.text();
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (response.ok) {
    applyRecorded(item.runId, { ...(body as Partial<Stop>), stopId: item.stopId, welfareCheck: item.welfareCheck });
    return { status: response.status };
  }
  const problem = body as Problem | null;
  return { status: response.status, detail: problem?.detail ?? problem?.title };
}

/** Aborts a request that has no answer in time: a hung connection must not block the queue for ever. */
export function timeoutSignal(ms: number): AbortSignal | undefined {
  if (typeof AbortController === 'undefined') return undefined;
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  return controller.signal;
}

let retry: ReturnType<typeof setTimeout> | null = null;
let failures = 0;

/**
 * Flush now. When items are still waiting afterwards (no network, or the service is down), try again after 5, 10, 20
 * seconds (then the 30-second beat takes over): `online` is not always announced.
 */
export function flushNow(): Promise<unknown> {
  return queue
    .flush(send)
    .then((result) => {
      if (retry) clearTimeout(retry);
      retry = null;
      if (result.waiting > 0 && failures < 3) {
        const delay = 5_000 * 2 ** failures++;
        retry = setTimeout(() => void flushNow(), delay);
      } else if (result.waiting === 0) {
        failures = 0;
      }
      return result;
    })
    .catch(() => undefined);
}

export function record(input: OutcomeInput): void {
  queue.enqueue(input);
  failures = 0;
  void flushNow();
}

let started = false;

export function startFlushing(): void {
  if (started) return;
  started = true;
  // back online: try at once and once more shortly after (`online` can come before the network carries requests), and
  // if those fail too, again after 5, 10 and 20 seconds: the failures counted while offline do not delay the return
  watch(online, (now) => {
    if (!now) return;
    failures = 0;
    void flushNow();
    window.setTimeout(() => void flushNow(), 3_000);
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && queue.waiting().length > 0) void flushNow();
  });
  window.setInterval(() => {
    if (queue.waiting().length > 0 && navigator.onLine !== false) void flushNow();
  }, 30_000);
  if (queue.waiting().length > 0) void flushNow();
}
