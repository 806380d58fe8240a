import { describe, expect, it } from 'vitest';
import { MemoryStorage, OutcomeQueue, type QueuedOutcome, type SendResult, type Sender } from './outcomeQueue';

const RUN = '0b7f9a52-1c1e-4a53-9d0e-6a1c2b3d4e5f';
const STOP_A = '11111111-1111-4111-8111-111111111111';
const STOP_B = '22222222-2222-4222-8222-222222222222';

function outcome(stopId: string, welfareCheck: 'OK' | 'CONCERN' | 'NO_ANSWER' = 'OK', note?: string) {
  return { runId: RUN, stopId, communityId: 'changshan-garden', welfareCheck, note };
}

/** A server that answers from a script and writes down what it was sent. */
function server(...answers: Array<SendResult | 'offline'>) {
  const sent: QueuedOutcome[] = [];
  const send: Sender = async (item) => {
    sent.push(item);
    const answer = answers.length > 1 ? answers.shift()! : answers[0];
    await Promise.resolve();
    if (answer === 'offline') throw new TypeError('Failed to fetch');
    return answer;
  };
  return { sent, send };
}

describe('the offline outcome queue', () => {
  it('keeps queued outcomes across a reload of the page', () => {
    const storage = new MemoryStorage();
    new OutcomeQueue(storage).enqueue(outcome(STOP_A, 'CONCERN', '说头晕'));

    const afterReload = new OutcomeQueue(storage);

    expect(afterReload.waiting()).toHaveLength(1);
    expect(afterReload.waiting()[0]).toMatchObject({ stopId: STOP_A, welfareCheck: 'CONCERN', note: '说头晕', state: 'waiting' });
    expect(afterReload.waiting()[0].id).toBeTruthy();
    expect(afterReload.waiting()[0].recordedAt).toMatch(/Z$/);
  });

  it('sends an outcome once even when flush is called twice at the same time', async () => {
    const queue = new OutcomeQueue(new MemoryStorage());
    queue.enqueue(outcome(STOP_A));
    const { sent, send } = server({ status: 200 });

    const first = queue.flush(send);
    const second = queue.flush(send);
    await Promise.all([first, second]);

    expect(second).toBe(first);
    expect(sent).toHaveLength(1);
    expect(queue.items()).toHaveLength(0);
  });

  it('sends waiting outcomes in the order they were recorded, one at a time', async () => {
    const queue = new OutcomeQueue(new MemoryStorage());
    queue.enqueue(outcome(STOP_A));
    queue.enqueue(outcome(STOP_B, 'NO_ANSWER'));
    let inFlight = 0;
    let most = 0;
    const order: string[] = [];
    const result = await queue.flush(async (item) => {
      inFlight++;
      most = Math.max(most, inFlight);
      order.push(item.stopId);
      await new Promise((r) => setTimeout(r, 1));
      inFlight--;
      return { status: 200 };
    });

    expect(order).toEqual([STOP_A, STOP_B]);
    expect(most).toBe(1);
    expect(result).toEqual({ recorded: 2, conflicts: 0, waiting: 0 });
  });

  it('keeps a 409 as a visible conflict with the server detail until the person dismisses it', async () => {
    const queue = new OutcomeQueue(new MemoryStorage());
    queue.enqueue(outcome(STOP_A, 'NO_ANSWER'));
    const { send } = server({ status: 409, detail: '这一站已经记录为 平安' });
    const changes: string[] = [];
    queue.subscribe((_, change) => changes.push(change.kind));

    await queue.flush(send);

    const [conflict] = queue.items();
    expect(conflict).toMatchObject({ stopId: STOP_A, state: 'conflict', status: 409, detail: '这一站已经记录为 平安' });
    expect(queue.waiting()).toHaveLength(0);
    expect(changes).toContain('conflict');

    // a later flush does not send it again
    const again = server({ status: 200 });
    await queue.flush(again.send);
    expect(again.sent).toHaveLength(0);

    queue.dismiss(conflict.id);
    expect(queue.items()).toHaveLength(0);
  });

  it('keeps an outcome waiting when the network is down and sends it once on a later flush', async () => {
    const storage = new MemoryStorage();
    const queue = new OutcomeQueue(storage);
    queue.enqueue(outcome(STOP_A));
    queue.enqueue(outcome(STOP_B));

    const offline = server('offline');
    const first = await queue.flush(offline.send);
    expect(first.waiting).toBe(2);
    expect(offline.sent).toHaveLength(1); // stops at the first failure
    expect(queue.waiting().map((i) => i.stopId)).toEqual([STOP_A, STOP_B]);

    const online = server({ status: 200 });
    await new OutcomeQueue(storage).flush(online.send);
    expect(online.sent.map((i) => i.stopId)).toEqual([STOP_A, STOP_B]);
    expect(queue.items()).toHaveLength(0);

    const nothingLeft = server({ status: 200 });
    await queue.flush(nothingLeft.send);
    expect(nothingLeft.sent).toHaveLength(0);
  });

  it('keeps an outcome waiting when the service answers 5xx', async () => {
    const queue = new OutcomeQueue(new MemoryStorage());
    queue.enqueue(outcome(STOP_A));
    await queue.flush(server({ status: 503 }).send);
    expect(queue.waiting()).toHaveLength(1);
  });

  it('replaces a waiting outcome when the stop is recorded again', async () => {
    const queue = new OutcomeQueue(new MemoryStorage());
    queue.enqueue(outcome(STOP_A, 'NO_ANSWER'));
    queue.enqueue(outcome(STOP_B));
    const second = queue.enqueue(outcome(STOP_A, 'CONCERN', '敲了很久才开门，说腿疼'));

    expect(queue.items()).toHaveLength(2);
    expect(queue.forStop(STOP_A)).toEqual(second);

    const { sent, send } = server({ status: 200 });
    await queue.flush(send);
    expect(sent.map((i) => [i.stopId, i.welfareCheck])).toEqual([
      [STOP_A, 'CONCERN'],
      [STOP_B, 'OK'],
    ]);
  });

  it('tells its subscribers when an outcome is recorded', async () => {
    const queue = new OutcomeQueue(new MemoryStorage());
    const seen: Array<[string, number]> = [];
    queue.subscribe((items, change) => seen.push([change.kind, items.length]));
    queue.enqueue(outcome(STOP_A));
    await queue.flush(server({ status: 201 }).send);
    expect(seen).toEqual([
      ['enqueued', 1],
      ['recorded', 0],
    ]);
  });
});
