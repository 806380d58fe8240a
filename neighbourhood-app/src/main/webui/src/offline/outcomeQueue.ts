/**
 * The offline queue of delivery outcomes (平安 / 有情况 / 无人应答).
 *
 * Every outcome a volunteer records at a door goes through here, online or not: it is persisted first (so a closed tab,
 * a dead battery or a lift without signal loses nothing) and sent when the network allows. The queue lives in one JSON
 * value under one key of a Storage-like object (localStorage in the app, an in-memory one in tests); it keeps no copy in
 * memory, so a second instance over the same storage (a reload) sees exactly the same items.
 */

export type WelfareCheck = 'OK' | 'CONCERN' | 'NO_ANSWER';

export interface OutcomeInput {
  runId: string;
  stopId: string;
  communityId: string;
  welfareCheck: WelfareCheck;
  note?: string | null;
}

export type QueuedState = 'waiting' | 'conflict';

export interface QueuedOutcome extends OutcomeInput {
  /** Unique per recording (a re-recording gets a new id). */
  id: string;
  /** When the person recorded it (ISO 8601, UTC). */
  recordedAt: string;
  state: QueuedState;
  /** For a conflict: the server's explanation, written for people. */
  detail?: string;
  /** For a conflict: the HTTP status the server answered. */
  status?: number;
}

/** What the server answered: its HTTP status and, for a problem, its detail. */
export interface SendResult {
  status: number;
  detail?: string;
}

/** Sends one outcome; resolves with the server's answer, rejects when there is no network (no answer at all). */
export type Sender = (item: QueuedOutcome) => Promise<SendResult>;

/** What changed: an item queued, sent and recorded, refused (conflict), dismissed; or just a new list. */
export interface QueueChange {
  kind: 'enqueued' | 'recorded' | 'conflict' | 'dismissed' | 'failed';
  item: QueuedOutcome;
}

export type QueueListener = (items: QueuedOutcome[], change: QueueChange) => void;

/** The slice of the Web Storage API the queue needs. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A Storage kept in memory (tests, or a browser that refuses localStorage). */
export class MemoryStorage implements StorageLike {
  private readonly values = new Map<string, string>();

  getItem(key: string): string | null {
    return this.values.has(key) ? (this.values.get(key) as string) : null;
  }

  setItem(key: string, value: string): void {
    this.values.set(key, String(value));
  }

  removeItem(key: string): void {
    this.values.delete(key);
  }
}

/** Statuses that say "not now" rather than "no": the item stays waiting and is tried again later. */
const RETRY_LATER = new Set([401, 408, 425, 429]);

export const DEFAULT_QUEUE_KEY = 'linli.outcomeQueue.v1';

export interface FlushResult {
  recorded: number;
  conflicts: number;
  /** Still waiting after this flush (network down, server trouble, or signed out). */
  waiting: number;
}

export class OutcomeQueue {
  private running: Promise<FlushResult> | null = null;
  private readonly listeners = new Set<QueueListener>();

  constructor(
    private readonly storage: StorageLike,
    private readonly key: string = DEFAULT_QUEUE_KEY,
    private readonly now: () => Date = () => new Date(),
    private readonly newId: () => string = randomId,
  ) {}

  /** All items, oldest first. */
  items(): QueuedOutcome[] {
    const raw = this.storage.getItem(this.key);
    if (!raw) return [];
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? (parsed as QueuedOutcome[]) : [];
    } catch {
      return [];
    }
  }

  waiting(): QueuedOutcome[] {
    return this.items().filter((i) => i.state === 'waiting');
  }

  conflicts(): QueuedOutcome[] {
    return this.items().filter((i) => i.state === 'conflict');
  }

  /** The queued item for a stop, if any. */
  forStop(stopId: string): QueuedOutcome | undefined {
    return this.items().find((i) => i.stopId === stopId);
  }

  /**
   * Queue an outcome. Recording a stop again while its earlier outcome still waits (or was refused) replaces that item
   * in place: the newest decision is the one sent.
   */
  enqueue(input: OutcomeInput): QueuedOutcome {
    const item: QueuedOutcome = {
      runId: input.runId,
      stopId: input.stopId,
      communityId: input.communityId,
      welfareCheck: input.welfareCheck,
      note: input.note ?? null,
      id: this.newId(),
      recordedAt: this.now().toISOString(),
      state: 'waiting',
    };
    const items = this.items();
    const index = items.findIndex((i) => i.stopId === input.stopId);
    if (index >= 0) items[index] = item;
    else items.push(item);
    this.save(items);
    this.emit({ kind: 'enqueued', item });
    return item;
  }

  /** The person has read a conflict and lets it go. */
  dismiss(id: string): void {
    const items = this.items();
    const item = items.find((i) => i.id === id);
    if (!item) return;
    this.save(items.filter((i) => i.id !== id));
    this.emit({ kind: 'dismissed', item });
  }

  subscribe(listener: QueueListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** True while a flush is sending. */
  get flushing(): boolean {
    return this.running !== null;
  }

  /**
   * Send every waiting item, oldest first, one at a time. A call while a flush runs returns that flush's promise, so
   * nothing is ever sent twice at once.
   */
  flush(send: Sender): Promise<FlushResult> {
    if (this.running) return this.running;
    this.running = this.run(send).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(send: Sender): Promise<FlushResult> {
    const result: FlushResult = { recorded: 0, conflicts: 0, waiting: 0 };
    const tried = new Set<string>();
    for (;;) {
      const next = this.items().find((i) => i.state === 'waiting' && !tried.has(i.id));
      if (!next) break;
      tried.add(next.id);
      let answer: SendResult;
      try {
        answer = await send(next);
      } catch {
        // No network: keep it waiting, stop, try again later.
        this.emit({ kind: 'failed', item: next });
        break;
      }
      if (answer.status >= 200 && answer.status < 300) {
        this.save(this.items().filter((i) => i.id !== next.id));
        result.recorded++;
        this.emit({ kind: 'recorded', item: next });
      } else if (answer.status >= 400 && answer.status < 500 && !RETRY_LATER.has(answer.status)) {
        const items = this.items();
        const stored = items.find((i) => i.id === next.id);
        if (stored) {
          stored.state = 'conflict';
          stored.status = answer.status;
          if (answer.detail) stored.detail = answer.detail;
          this.save(items);
          result.conflicts++;
          this.emit({ kind: 'conflict', item: { ...stored } });
        }
      } else {
        // 5xx (or 401, 429 …): the server cannot take it now; it stays waiting and the flush stops.
        this.emit({ kind: 'failed', item: next });
        break;
      }
    }
    result.waiting = this.waiting().length;
    return result;
  }

  private save(items: QueuedOutcome[]): void {
    if (items.length === 0) this.storage.removeItem(this.key);
    else this.storage.setItem(this.key, JSON.stringify(items));
  }

  private emit(change: QueueChange): void {
    const items = this.items();
    for (const listener of [...this.listeners]) {
      try {
        listener(items, change);
      } catch {
        // a listener's failure never stops the queue
      }
    }
  }
}

export function randomId(): string {
  const c: Crypto | undefined = (globalThis as { crypto?: Crypto }).crypto;
  if (c && typeof c.randomUUID === 'function') {
    try {
      return c.randomUUID();
    } catch {
      // not a secure context: fall through
    }
  }
  const bytes = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
