import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api';
import { lang } from '../../i18n';
import { zh, en } from './messages';
import { chunks, confirmAll, mayHaveMore, mayRetry, matches, refusalText, thisMonth, type Outcome, type Progress } from './desk';

const ok = (serviceId: string, points = 10): Outcome => ({ serviceId, status: 200, serviceStatus: 'CONFIRMED', pointsAwarded: points, detail: null });
const ids = (n: number) => Array.from({ length: n }, (_, i) => `s${i + 1}`);

describe('confirming many services', () => {
  it('sends them a few at a time and tells the progress after each few', async () => {
    const sent: string[][] = [];
    const seen: Progress[] = [];
    const result = await confirmAll(
      ids(10),
      async (chunk) => {
        sent.push(chunk);
        return chunk.map((id) => ok(id));
      },
      (p) => seen.push(p),
      4,
    );
    expect(sent).toEqual([['s1', 's2', 's3', 's4'], ['s5', 's6', 's7', 's8'], ['s9', 's10']]);
    expect(seen.map((p) => `${p.confirmed.length}/${p.total}`)).toEqual(['0/10', '4/10', '8/10', '10/10']);
    expect(result.confirmed).toEqual(ids(10));
    expect(result.failed).toEqual([]);
    expect(result.points).toBe(100);
    expect(result.done).toBe(10);
  });

  it('keeps each refusal with its status and reason, and goes on with the others', async () => {
    const result = await confirmAll(['a', 'b', 'c'], async (chunk) =>
      chunk.map((id) =>
        id === 'b'
          ? { serviceId: id, status: 403, serviceStatus: null, pointsAwarded: null, detail: 'A volunteer can never confirm or reject their own service' }
          : ok(id, 5),
      ),
    );
    expect(result.confirmed).toEqual(['a', 'c']);
    expect(result.failed).toEqual([{ id: 'b', status: 403, detail: 'A volunteer can never confirm or reject their own service' }]);
    expect(result.points).toBe(10);
  });

  it('counts a service the answer does not mention as failed, never as confirmed', async () => {
    const result = await confirmAll(['a', 'b'], async () => [ok('a')]);
    expect(result.confirmed).toEqual(['a']);
    expect(result.failed.map((f) => f.id)).toEqual(['b']);
  });

  it('fails a chunk the service refused as a whole and tries the next', async () => {
    let calls = 0;
    const result = await confirmAll(
      ids(4),
      async (chunk) => {
        calls++;
        if (calls === 1) throw new ApiError(503, { title: 'unavailable', status: 503 } as never);
        return chunk.map((id) => ok(id));
      },
      () => {},
      2,
    );
    expect(result.failed.map((f) => [f.id, f.status])).toEqual([['s1', 503], ['s2', 503]]);
    expect(result.confirmed).toEqual(['s3', 's4']);
  });

  it('stops when the connection is gone: the rest fail as offline, to be tried again', async () => {
    let calls = 0;
    const result = await confirmAll(
      ids(6),
      async (chunk) => {
        calls++;
        if (calls === 2) throw new ApiError(0, null, true);
        return chunk.map((id) => ok(id));
      },
      () => {},
      2,
    );
    expect(calls).toBe(2);
    expect(result.confirmed).toEqual(['s1', 's2']);
    expect(result.failed.map((f) => f.id)).toEqual(['s3', 's4', 's5', 's6']);
    expect(result.failed.every((f) => f.status === 0)).toBe(true);
    expect(result.done).toBe(6);
  });

  it('sends a service chosen twice once', async () => {
    const sent: string[] = [];
    const result = await confirmAll(['a', 'a', 'b'], async (chunk) => {
      sent.push(...chunk);
      return chunk.map((id) => ok(id));
    });
    expect(sent).toEqual(['a', 'b']);
    expect(result.total).toBe(2);
  });
});

describe('which failures may be tried again', () => {
  it('offers again what was not sent or not answered', () => {
    expect(mayRetry({ status: 0, detail: null })).toBe(true);
    expect(mayRetry({ status: 401, detail: null })).toBe(true);
    expect(mayRetry({ status: 503, detail: null })).toBe(true);
    expect(mayRetry({ status: 500, detail: 'Something went wrong on our side; quote reference x' })).toBe(true);
    expect(mayRetry({ status: 409, detail: 'Someone else changed this at the same time; reload it and try again' })).toBe(true);
  });

  it('never offers again what points-service decided', () => {
    expect(mayRetry({ status: 409, detail: 'Service x was rejected; it cannot be confirmed' })).toBe(false);
    expect(mayRetry({ status: 409, detail: 'Service x was reversed; it cannot be confirmed' })).toBe(false);
    expect(mayRetry({ status: 409, detail: 'The volunteer wallet is frozen: the volunteer has moved out' })).toBe(false);
    expect(mayRetry({ status: 403, detail: 'A volunteer can never confirm or reject their own service' })).toBe(false);
    expect(mayRetry({ status: 403, detail: 'Only the beneficiary, their grid head or a community worker confirms a service' })).toBe(false);
    expect(mayRetry({ status: 404, detail: 'No service x in your scope' })).toBe(false);
    expect(mayRetry({ status: 400, detail: null })).toBe(false);
  });
});

describe('refusals in words', () => {
  it('explains a volunteer confirming their own service', () => {
    lang.value = 'zh-CN';
    expect(refusalText(403, 'A volunteer can never confirm or reject their own service')).toBe(zh['vol.why.own']);
    lang.value = 'en';
    expect(refusalText(403, 'A volunteer can never confirm or reject their own service')).toBe(en['vol.why.own']);
    lang.value = 'zh-CN';
  });

  it('tells the other refusals apart', () => {
    expect(refusalText(403, 'Only the beneficiary, their grid head or a community worker confirms a service')).toBe(zh['vol.why.notYours']);
    expect(refusalText(404, 'No service x in your scope')).toBe(zh['vol.why.gone']);
    expect(refusalText(409, 'Service x was rejected; it cannot be confirmed')).toBe(zh['vol.why.rejected']);
    expect(refusalText(409, 'Volunteer x has moved out; their wallet is frozen')).toBe(zh['vol.why.movedOut']);
    expect(refusalText(0, null)).toBe(zh['vol.why.offline']);
    expect(refusalText(409, 'something new')).toContain('something new');
  });
});

describe('small helpers', () => {
  it('chunks, pages, searches and months', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(mayHaveMore([1, 2], 2)).toBe(true);
    expect(mayHaveMore([1], 2)).toBe(false);
    expect(matches('李建国 AB12', 'ab1')).toBe(true);
    expect(matches('李建国', '')).toBe(true);
    expect(matches('李建国', '陈')).toBe(false);
    expect(thisMonth(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12'); // already December in Shanghai
  });

  it('has every word in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    expect(Object.keys(zh).every((k) => k.startsWith('vol.'))).toBe(true);
  });
});
