import { describe, expect, it } from 'vitest';
import type { LagSample } from '../../../../src-main/contract/index.js';
import { parseResetValue } from './group-actions.js';
import { lagRows, latestGroup, mergeLagSamples, showOffset } from './lag-data.js';

const s = (time: number, lag: bigint, extra: Partial<LagSample> = {}): LagSample =>
  ({ clusterId: 'local', time, groups: [{ groupId: 'g', state: 'Stable', members: 1, totalLag: lag, partitions: [] }], ...extra });

describe('lag data shaping', () => {
  it('merges history and live samples by time, without duplicates, bounded', () => {
    const merged = mergeLagSamples([s(1, 1n), s(2, 2n)], [s(2, 2n), s(3, 3n), s(0, 0n)]);
    expect(merged.map((x) => x.time)).toEqual([0, 1, 2, 3]);
    expect(mergeLagSamples(merged, [s(4, 4n)], 2).map((x) => x.time)).toEqual([3, 4]);
    expect(mergeLagSamples(merged, [], 0)).toEqual([]);
  });

  it('makes chart rows for one group, skipping samples where it did not exist', () => {
    const rows = lagRows([s(1, 5n), { clusterId: 'local', time: 2, groups: [] }, s(3, 7n)], 'g');
    expect(rows).toEqual([{ time: 1, lag: 5 }, { time: 3, lag: 7 }]);
    expect(lagRows([s(1, 5n)], 'other')).toEqual([]);
  });

  it('takes live figures from the newest sample that did not fail', () => {
    expect(latestGroup([s(1, 5n), s(2, 9n), { clusterId: 'local', time: 3, groups: [], error: 'down' }], 'g')?.totalLag).toBe(9n);
    expect(latestGroup([], 'g')).toBeUndefined();
  });

  it('shows offsets exactly, and a dash for none', () => {
    expect(showOffset(9_007_199_254_740_993n)).toBe('9007199254740993');
    expect(showOffset(null)).toBe('–');
  });

  it('parses reset values: offsets as bigint, timestamps as epoch ms, with readable errors', () => {
    expect(parseResetValue('offset', ' 9007199254740993 ')).toEqual({ value: 9_007_199_254_740_993n });
    expect(parseResetValue('offset', '-1').error).toMatch(/whole offset/);
    expect(parseResetValue('offset', 'abc').error).toMatch(/whole offset/);
    expect(parseResetValue('timestamp', '2026-11-21T10:00:00').value).toBe(BigInt(new Date('2026-11-21T10:00:00').getTime()));
    expect(parseResetValue('timestamp', '').error).toMatch(/date and time/);
    expect(parseResetValue('earliest', 'x')).toEqual({});
  });
});
