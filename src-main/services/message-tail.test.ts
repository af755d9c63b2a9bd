import { describe, expect, it } from 'vitest';
import { TidepoolError } from '../common/index.js';
import type { MessageReader, PartitionFetch } from '../clients/index.js';
import { addedPartitions, tailRounds, type TailStep } from './message-tail.js';

const pos = (partition: number, next: bigint) => ({ partition, start: next, next, end: next, logStart: 0n });

describe('addedPartitions', () => {
  it('returns the partitions not yet tailed, sorted, each from offset 0', () => {
    const leaders = new Map([[2, 1], [0, 1], [4, 2], [1, 1], [3, 2]]);
    expect(addedPartitions([pos(0, 7n), pos(1, 3n)], leaders)).toEqual([
      { partition: 2, start: 0n, next: 0n, end: 0n, logStart: 0n },
      { partition: 3, start: 0n, next: 0n, end: 0n, logStart: 0n },
      { partition: 4, start: 0n, next: 0n, end: 0n, logStart: 0n },
    ]);
  });
  it('returns nothing when the partition count did not change', () => {
    expect(addedPartitions([pos(0, 7n), pos(1, 3n)], new Map([[0, 1], [1, 1]]))).toEqual([]);
  });
});

// A scripted reader: each fetch answers from `fetches` in turn (after a real 1 ms, like a short long-poll, so
// timers run); refreshMetadata answers from `metadata` in turn.
function scripted(fetches: (() => PartitionFetch[])[], metadata: (() => Map<number, number>)[]) {
  let f = 0;
  let m = 0;
  const asked: number[][] = [];
  const reader = {
    fetch: async (_t: string, ps: { partition: number }[]) => {
      asked.push(ps.map((p) => p.partition));
      await new Promise((r) => setTimeout(r, 1));
      return fetches[Math.min(f++, fetches.length - 1)]!();
    },
    refreshMetadata: async () => metadata[Math.min(m++, metadata.length - 1)]!(),
  } as unknown as MessageReader;
  return { reader, asked };
}
const empty = (partition: number, errorCode = 0): PartitionFetch => ({ partition, errorCode, records: [], nextOffset: 5n, highWatermark: 5n, logStartOffset: 0n });

/** Runs a tail for `ms` (then aborts it, as unsubscribing does) and returns its steps. */
async function runFor(run: (signal: AbortSignal) => AsyncGenerator<TailStep>, ms: number): Promise<TailStep[]> {
  const ac = new AbortController();
  const t = setTimeout(() => ac.abort(), ms);
  const out: TailStep[] = [];
  try {
    for await (const s of run(ac.signal)) out.push(s);
  } finally {
    clearTimeout(t);
  }
  return out;
}

describe('tailRounds', () => {
  const opts = (signal: AbortSignal, follow: boolean, refreshMs = 0) => ({ maxWaitMs: 1, signal, follow, refreshMs });

  it('adds new partitions once, from offset 0, and fetches them from the next round on', async () => {
    const { reader, asked } = scripted([() => [empty(0)], () => [empty(0), empty(1)]], [() => new Map([[0, 1], [1, 1]])]);
    const positions = [pos(0, 5n)];
    const steps = await runFor((signal) => tailRounds(reader, 't', positions, opts(signal, true)), 60);
    expect(steps).toEqual([{ kind: 'added', partitions: [{ partition: 1, offset: 0n }] }]);
    expect(asked[0]).toEqual([0]);
    expect(asked[1]).toEqual([0, 1]);
    expect(positions.map((p) => [p.partition, p.next])).toEqual([[0, 5n], [1, 5n]]);
  });

  it('does not add partitions when following is off', async () => {
    const { reader, asked } = scripted([() => [empty(0)]], [() => new Map([[0, 1], [1, 1]])]);
    const steps = await runFor((signal) => tailRounds(reader, 't', [pos(0, 5n)], opts(signal, false)), 60);
    expect(steps).toEqual([]);
    expect(asked.length).toBeGreaterThan(1);
    expect(asked.every((a) => a.length === 1 && a[0] === 0)).toBe(true);
  });

  it('a metadata TP_NOT_FOUND becomes "deleted while the live tail was running"', async () => {
    const { reader } = scripted([() => [empty(0)]], [() => { throw new TidepoolError('TP_NOT_FOUND', 'Topic "t" does not exist on this cluster.'); }]);
    await expect(runFor((signal) => tailRounds(reader, 't', [pos(0, 5n)], opts(signal, false)), 5_000))
      .rejects.toMatchObject({ code: 'TP_NOT_FOUND', message: 'Topic "t" was deleted while the live tail was running; the tail stopped.' });
  });

  it('a partition fetch answering UNKNOWN_TOPIC_OR_PARTITION becomes TP_NOT_FOUND too', async () => {
    const { reader } = scripted([() => [empty(0, 3)]], [() => new Map([[0, 1]])]);
    await expect(runFor((signal) => tailRounds(reader, 't', [pos(0, 5n)], opts(signal, true, 60_000)), 5_000))
      .rejects.toMatchObject({ code: 'TP_NOT_FOUND', message: /Topic "t" or one of its partitions was deleted/ });
  });

  it('other errors pass through unchanged', async () => {
    const { reader } = scripted([() => [empty(0, 6)]], [() => new Map([[0, 1]])]);
    await expect(runFor((signal) => tailRounds(reader, 't', [pos(0, 5n)], opts(signal, true, 60_000)), 5_000))
      .rejects.toMatchObject({ code: 'TP_KAFKA', message: /NOT_LEADER_OR_FOLLOWER/ });
  });
});
