import { describe, expect, it } from 'vitest';
import { useLoad } from './composables';

/** A request the test answers or fails when it chooses. */
function pending<T>() {
  let answer!: (value: T) => void;
  let fail!: (e: unknown) => void;
  const promise = new Promise<T>((resolve, reject) => {
    answer = resolve;
    fail = reject;
  });
  return { promise, answer, fail };
}

/** A screen that asked twice: the older request first, then the newer, neither answered yet. */
function askedTwice() {
  const older = pending<string>();
  const newer = pending<string>();
  const asks = [older, newer];
  const load = useLoad(() => asks.shift()!.promise, false);
  return { older, newer, load, first: load.reload(), second: load.reload() };
}

describe('useLoad', () => {
  it('shows the answer and is no longer loading', async () => {
    const load = useLoad(() => Promise.resolve(['today']));
    expect(load.loading.value).toBe(true);
    await load.reload();
    expect(load.data.value).toEqual(['today']);
    expect(load.loading.value).toBe(false);
    expect(load.error.value).toBeNull();
  });

  it('drops a slow answer to an older request when a newer one has answered', async () => {
    const { older: yesterday, newer: today, load, first, second } = askedTwice();
    today.answer('today');
    await second;
    expect(load.data.value).toBe('today');
    expect(load.loading.value).toBe(false);
    yesterday.answer('yesterday');
    await first;
    expect(load.data.value).toBe('today');
    expect(load.loading.value).toBe(false);
  });

  it('stays loading while the newest request is out, even when an older one answers first', async () => {
    const { older, newer, load, first, second } = askedTwice();
    older.answer('older');
    await first;
    expect(load.loading.value).toBe(true);
    expect(load.data.value).toBeNull();
    newer.answer('newer');
    await second;
    expect(load.data.value).toBe('newer');
    expect(load.loading.value).toBe(false);
  });

  it('drops an error from an older request once a newer one has succeeded', async () => {
    const { older, newer, load, first, second } = askedTwice();
    newer.answer('newer');
    await second;
    older.fail(new Error('offline'));
    await first;
    expect(load.error.value).toBeNull();
    expect(load.data.value).toBe('newer');
  });

  it('shows the error of the newest request, and clears it when asked again', async () => {
    const load = useLoad(() => Promise.reject(new Error('refused')), false);
    await load.reload();
    expect((load.error.value as Error).message).toBe('refused');
    expect(load.loading.value).toBe(false);
    const again = load.reload();
    expect(load.error.value).toBeNull();
    await again;
  });

  it('keeps what is shown during a refresh, and forgets it when asked afresh', async () => {
    const answers = ['monday', 'monday again', 'tuesday'];
    const load = useLoad(() => Promise.resolve(answers.shift()!), false);
    await load.reload();
    const refresh = load.reload();
    expect(load.data.value).toBe('monday');
    await refresh;
    const other = load.reloadAfresh();
    expect(load.data.value).toBeNull();
    expect(load.loading.value).toBe(true);
    await other;
    expect(load.data.value).toBe('tuesday');
  });
});
