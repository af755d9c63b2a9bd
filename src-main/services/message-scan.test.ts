import { describe, expect, it } from 'vitest';
import type { MessageReader, PartitionFetch } from '../clients/index.js';
import { byTimestamp, scanRounds, type ScanPosition } from './message-scan.js';

/** A reader that answers each fetch round from a script: the scan's own decisions are what is tested here. */
function scripted(rounds: ((p: { partition: number; offset: bigint }) => Partial<PartitionFetch>)[]) {
  const asked: { partition: number; offset: bigint }[][] = [];
  const reader = {
    fetch: async (_t: string, ps: { partition: number; offset: bigint }[]) => {
      asked.push(ps);
      const round = rounds[asked.length - 1];
      if (round === undefined) throw new Error(`unexpected fetch round ${asked.length}`);
      return ps.map((p) => ({ partition: p.partition, errorCode: 0, records: [], nextOffset: p.offset, highWatermark: 100n, logStartOffset: 0n, ...round(p) }));
    },
  } as unknown as MessageReader;
  return { reader, asked };
}

const pos = (partition: number, start: bigint, end: bigint): ScanPosition => ({ partition, start, next: start, end, logStart: 0n });
const recs = (partition: number, from: bigint, n: number) => Array.from({ length: n }, (_, i) => ({
  partition, offset: from + BigInt(i), timestamp: from + BigInt(i), key: null, value: null, headers: [],
}));

async function collect(it: AsyncGenerator<{ records: unknown[]; scanned: number }>) {
  const out: { records: unknown[]; scanned: number }[] = [];
  for await (const r of it) out.push(r);
  return out;
}

describe('scanRounds', () => {
  it('reads each partition up to its end and never past it', async () => {
    const { reader, asked } = scripted([
      (p) => ({ records: recs(p.partition, p.offset, 3), nextOffset: p.offset + 3n }),
      (p) => ({ records: recs(p.partition, p.offset, 5), nextOffset: p.offset + 5n }),
    ]);
    const positions = [pos(0, 0n, 5n), pos(1, 10n, 13n)];
    const rounds = await collect(scanRounds(reader, 't', positions, { maxWaitMs: 1 }));
    expect(rounds.map((r) => r.scanned)).toEqual([6, 2]);
    expect(asked[1]).toEqual([{ partition: 0, offset: 3n }]); // partition 1 was finished after round 1
    expect(positions.map((p) => p.next)).toEqual([5n, 13n]);
  });

  it('skips to the new log start when retention removed the next offset (OFFSET_OUT_OF_RANGE)', async () => {
    const { reader, asked } = scripted([
      () => ({ errorCode: 1, logStartOffset: 40n }),
      (p) => ({ records: recs(0, p.offset, 2), nextOffset: p.offset + 2n }),
    ]);
    const positions = [pos(0, 10n, 42n)];
    await collect(scanRounds(reader, 't', positions, { maxWaitMs: 1 }));
    expect(asked.map((a) => a[0]!.offset)).toEqual([10n, 40n]);
    expect(positions[0]!.next).toBe(42n);
  });

  it('ends a partition whose offset is out of range past the log start', async () => {
    const { reader } = scripted([() => ({ errorCode: 1, logStartOffset: 0n })]);
    const positions = [pos(0, 10n, 20n)];
    await collect(scanRounds(reader, 't', positions, { maxWaitMs: 1 }));
    expect(positions[0]).toMatchObject({ next: 10n, end: 10n });
  });

  it('turns another partition error into TP_KAFKA naming the partition, offset and error', async () => {
    const { reader } = scripted([() => ({ errorCode: 5 })]);
    await expect(collect(scanRounds(reader, 't', [pos(3, 7n, 9n)], { maxWaitMs: 1 })))
      .rejects.toMatchObject({ code: 'TP_KAFKA', message: /partition 3 at offset 7 failed: LEADER_NOT_AVAILABLE/ });
  });

  it('gives up on a partition that makes no progress (end behind an open transaction) after a few rounds', async () => {
    const { reader, asked } = scripted([() => ({}), () => ({}), () => ({}), () => ({})]);
    const positions = [pos(0, 5n, 9n)];
    await collect(scanRounds(reader, 't', positions, { maxWaitMs: 1 }));
    expect(asked).toHaveLength(3);
    expect(positions[0]).toMatchObject({ next: 5n, end: 5n });
  });

  it('stops at once when its signal is aborted', async () => {
    const ac = new AbortController();
    const { reader, asked } = scripted([(p) => { ac.abort(); return { records: recs(0, p.offset, 1), nextOffset: p.offset + 1n }; }]);
    const rounds = await collect(scanRounds(reader, 't', [pos(0, 0n, 9n)], { maxWaitMs: 1, signal: ac.signal }));
    expect(rounds).toEqual([]);
    expect(asked).toHaveLength(1);
  });
});

describe('byTimestamp', () => {
  it('orders by timestamp, then partition, then offset', () => {
    const r = (partition: number, offset: bigint, timestamp: bigint) => ({ partition, offset, timestamp, key: null, value: null, headers: [] });
    const sorted = [r(1, 5n, 2n), r(0, 9n, 2n), r(0, 3n, 1n), r(0, 8n, 2n)].sort(byTimestamp);
    expect(sorted.map((x) => [x.partition, x.offset])).toEqual([[0, 3n], [0, 8n], [0, 9n], [1, 5n]]);
  });
});
