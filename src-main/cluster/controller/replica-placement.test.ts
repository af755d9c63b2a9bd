import { describe, expect, it } from 'vitest';
import { placeReplicas } from './replica-placement.js';
import { seededRandom, randomTopicId, type Random } from './seeded-random.js';

/** A Random that returns the given values in turn (start index, then replica shift). */
const fixed = (...values: number[]): Random => () => values.shift() ?? 0;

describe('placeReplicas (Kafka rack-unaware assignment)', () => {
  it('matches Kafka\'s layout for start index 0 and shift 0 on 5 brokers', () => {
    // The example from AdminUtils' documentation: first replicas round-robin, followers shifted, and the
    // shift grows by one each time the partitions wrap round the brokers.
    const got = placeReplicas([0, 1, 2, 3, 4], { partitions: 10, replicationFactor: 3 }, fixed(0, 0));
    expect(got).toEqual([
      [0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4, 0], [4, 0, 1],
      [0, 2, 3], [1, 3, 4], [2, 4, 0], [3, 0, 1], [4, 1, 2],
    ]);
  });

  it('starts at the random index and sorts broker ids', () => {
    expect(placeReplicas([30, 10, 20], { partitions: 3, replicationFactor: 2 }, fixed(2, 1))).toEqual([[30, 20], [10, 30], [20, 10]]);
  });

  it('continues the leaders\' round robin from firstPartitionId (CreatePartitions)', () => {
    const all = placeReplicas([1, 2, 3], { partitions: 6, replicationFactor: 2 }, fixed(1, 2));
    const tail = placeReplicas([1, 2, 3], { partitions: 2, replicationFactor: 2, firstPartitionId: 4 }, fixed(1, 2));
    // Like Kafka, the follower shift is drawn afresh rather than replayed, so only leaders line up.
    expect(tail.map((r) => r[0])).toEqual(all.slice(4).map((r) => r[0]));
    expect(tail).toEqual([[3, 1], [1, 2]]);
  });

  it('spreads leaders and replicas evenly, never twice on one broker', () => {
    const brokers = [1, 2, 3, 4, 5, 6];
    for (let seed = 0; seed < 20; seed++) {
      const got = placeReplicas(brokers, { partitions: 12, replicationFactor: 3 }, seededRandom(seed));
      const leaders = new Map<number, number>();
      const replicas = new Map<number, number>();
      for (const rs of got) {
        expect(new Set(rs).size).toBe(3);
        leaders.set(rs[0], (leaders.get(rs[0]) ?? 0) + 1);
        for (const r of rs) replicas.set(r, (replicas.get(r) ?? 0) + 1);
      }
      expect([...leaders.values()]).toEqual([2, 2, 2, 2, 2, 2]);
      expect([...replicas.values()]).toEqual([6, 6, 6, 6, 6, 6]);
    }
  });

  it('is repeatable under a seed and differs across seeds', () => {
    const a = placeReplicas([1, 2, 3, 4], { partitions: 8, replicationFactor: 2 }, seededRandom(42));
    expect(placeReplicas([1, 2, 3, 4], { partitions: 8, replicationFactor: 2 }, seededRandom(42))).toEqual(a);
    const others = [1, 2, 3, 4, 5].map((s) => JSON.stringify(placeReplicas([1, 2, 3, 4], { partitions: 8, replicationFactor: 2 }, seededRandom(s))));
    expect(new Set(others).size).toBeGreaterThan(1);
  });

  it('places a single broker\'s replicas (RF 1)', () => {
    expect(placeReplicas([7], { partitions: 3, replicationFactor: 1 }, seededRandom(1))).toEqual([[7], [7], [7]]);
  });

  it.each([
    [{ partitions: 0, replicationFactor: 1 }, 'INVALID_PARTITIONS'],
    [{ partitions: 1.5, replicationFactor: 1 }, 'INVALID_PARTITIONS'],
    [{ partitions: 1, replicationFactor: 0 }, 'INVALID_REPLICATION_FACTOR'],
    [{ partitions: 1, replicationFactor: 4 }, 'INVALID_REPLICATION_FACTOR'],
  ])('rejects %o with %s', (req, code) => {
    expect(() => placeReplicas([1, 2, 3], req, seededRandom(1))).toThrow(expect.objectContaining({ code }));
  });

  it('rejects any placement when no broker is available', () => {
    expect(() => placeReplicas([], { partitions: 1, replicationFactor: 1 }, seededRandom(1)))
      .toThrow(/larger than the 0 available/);
  });
});

describe('seeded randomness', () => {
  it('stays in range and repeats under a seed', () => {
    const r = seededRandom(7);
    const xs = Array.from({ length: 1000 }, () => r(10));
    expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x < 10)).toBe(true);
    expect(new Set(xs).size).toBe(10);
    const again = seededRandom(7);
    expect(Array.from({ length: 1000 }, () => again(10))).toEqual(xs);
  });

  it('makes topic ids of 16 bytes in base64url, never zero and never starting with "-"', () => {
    const r = seededRandom(3);
    for (let i = 0; i < 500; i++) {
      const id = randomTopicId(r);
      expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
      expect(Buffer.from(id, 'base64url').length).toBe(16);
    }
    // A generator stuck on zero bytes then on 0xfb bytes ('-' first) must keep drawing.
    const values = [...Array(16).fill(0), ...Array(16).fill(0xfb), ...Array(16).fill(1)];
    expect(randomTopicId(() => values.shift()!)).toBe(Buffer.from(Array(16).fill(1)).toString('base64url'));
  });
});
