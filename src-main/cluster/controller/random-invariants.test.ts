/**
 * A seeded random walk of the controller: brokers fenced and restarted, leaders shrinking and expanding
 * ISRs, preferred elections, reassignments, the unclean flag toggled. Every decision either is refused
 * with a ControllerError or its records are applied, and after each step the partition invariants must
 * hold; at the end, replaying every record from nothing gives the same image, and (for one seed) so does
 * reopening a real metadata log written along the way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fenceBroker, registerBroker, unfenceBroker } from './broker-decisions.js';
import { uncleanLeaderElectionEnabled } from './cluster-config.js';
import { ControllerError } from './controller-error.js';
import { applyRecords, emptyImage, NO_LEADER, type MetadataImage, type PartitionImage } from './metadata-image.js';
import { MetadataLog } from './metadata-log.js';
import type { MetadataRecord, PartitionChangeRecord } from './metadata-records.js';
import { alterPartition, electLeader } from './partition-decisions.js';
import { reassignPartition } from './reassignment.js';
import { seededRandom, type Random } from './seeded-random.js';
import { incarnation } from './test-helpers.js';
import { alterConfig, createTopic } from './topic-decisions.js';

const BROKERS = [1, 2, 3, 4, 5];

interface Walk { image: MetadataImage; all: MetadataRecord[]; refused: Map<string, number>; applied: Map<string, number> }

function apply(w: Walk, records: MetadataRecord[], sink?: MetadataLog): void {
  if (records.length === 0) return;
  const before = w.image;
  w.image = applyRecords(before, records, before.lastOffset + 1n);
  w.all.push(...records);
  sink?.append(records);
  checkInvariants(before, w.image, records);
}

function partitions(image: MetadataImage): Map<string, { topic: string; p: PartitionImage }> {
  const out = new Map<string, { topic: string; p: PartitionImage }>();
  for (const t of image.topicsById.values()) for (const p of t.partitions.values()) out.set(`${t.name}-${p.partitionId}`, { topic: t.name, p });
  return out;
}

function checkInvariants(before: MetadataImage, after: MetadataImage, records: MetadataRecord[]): void {
  const old = partitions(before);
  const reasons = new Map<string, string>();
  for (const r of records) {
    if (r.type !== 'PartitionChange') continue;
    const t = after.topicsById.get(r.topicId)!;
    reasons.set(`${t.name}-${r.partitionId}`, (r as PartitionChangeRecord).reason);
  }
  for (const [key, { topic, p }] of partitions(after)) {
    expect(p.isr.length, `${key} ISR non-empty`).toBeGreaterThan(0);
    if (p.leader !== NO_LEADER) {
      expect(p.isr, `${key} leader in ISR`).toContain(p.leader);
      expect(after.brokers.get(p.leader)!.fenced, `${key} leader live`).toBe(false);
    }
    for (const r of p.isr) {
      if (after.brokers.get(r)!.fenced) expect({ key, isr: p.isr, leader: p.leader }).toEqual({ key, isr: [r], leader: NO_LEADER });
    }
    const prev = old.get(key);
    if (prev === undefined) continue;
    const q = prev.p;
    const changed = reasons.has(key);
    expect(p.partitionEpoch, `${key} partition epoch`).toBe(q.partitionEpoch + (changed ? 1 : 0));
    expect(p.leaderEpoch, `${key} leader epoch never goes back`).toBeGreaterThanOrEqual(q.leaderEpoch);
    if (p.leader !== q.leader) {
      expect(p.leaderEpoch, `${key} leader epoch rises with the leader`).toBeGreaterThan(q.leaderEpoch);
      if (p.leader !== NO_LEADER && !q.isr.includes(p.leader)) {
        const reason = reasons.get(key)!;
        const unclean = reason.includes('unclean') && uncleanLeaderElectionEnabled(before, topic);
        const reassigned = reason.includes('reassignment') && p.isr.includes(p.leader);
        expect(unclean || reassigned, `${key}: leader ${p.leader} from outside ISR ${q.isr} (${reason})`).toBe(true);
        if (unclean) expect(p.isr).toEqual([p.leader]);
      }
    }
  }
}

function attempt(w: Walk, name: string, decide: () => MetadataRecord[], sink?: MetadataLog): void {
  let records: MetadataRecord[];
  try {
    records = decide();
  } catch (err) {
    if (!(err instanceof ControllerError)) throw err;
    expect(err.code).not.toBe('CORRUPT_METADATA');
    w.refused.set(`${name}:${err.code}`, (w.refused.get(`${name}:${err.code}`) ?? 0) + 1);
    return;
  }
  apply(w, records, sink);
  if (records.length > 0) w.applied.set(name, (w.applied.get(name) ?? 0) + 1);
}

const pick = <T>(r: Random, xs: readonly T[]): T => xs[r(xs.length)];

function walk(seed: number, steps: number, sink?: MetadataLog): Walk {
  const r = seededRandom(seed);
  const w: Walk = { image: emptyImage(), all: [], refused: new Map(), applied: new Map() };
  let incarnations = 0;
  for (const id of BROKERS) {
    const reg = registerBroker(w.image, { brokerId: id, incarnationId: incarnation(++incarnations), host: '127.0.0.1', port: 9091 + id });
    apply(w, reg.records, sink);
    apply(w, unfenceBroker(w.image, id, reg.brokerEpoch), sink);
  }
  apply(w, createTopic(w.image, { name: 'clean', partitions: 4, replicationFactor: 3 }, r).records, sink);
  apply(w, createTopic(w.image, { name: 'dirty', partitions: 4, replicationFactor: 3, configs: { 'unclean.leader.election.enable': 'true' } }, r).records, sink);
  apply(w, createTopic(w.image, { name: 'pair', partitions: 2, replicationFactor: 2 }, r).records, sink);

  for (let step = 0; step < steps; step++) {
    const image = w.image;
    const parts = [...partitions(image).values()];
    const { topic, p } = pick(r, parts);
    const tid = p.topicId;
    const leaderReq = (newIsr: number[]) => alterPartition(image, {
      brokerId: p.leader, brokerEpoch: image.brokers.get(p.leader)?.epoch ?? -1n, topicId: tid, partitionId: p.partitionId,
      leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch, newIsr,
    }).records;
    const b = pick(r, BROKERS);
    switch (r(9)) {
      case 0:
        attempt(w, 'fence', () => fenceBroker(image, b, image.brokers.get(b)!.epoch, 'random'), sink);
        break;
      case 1: case 2: {
        // A restart: a fenced broker registers again (new epoch) and is unfenced once "caught up".
        attempt(w, 'restart', () => {
          if (!image.brokers.get(b)!.fenced) return [];
          return registerBroker(image, { brokerId: b, incarnationId: incarnation(++incarnations), host: '127.0.0.1', port: 9091 + b }).records;
        }, sink);
        attempt(w, 'unfence', () => unfenceBroker(w.image, b, w.image.brokers.get(b)!.epoch), sink);
        break;
      }
      case 3:
        attempt(w, 'shrink', () => leaderReq(p.isr.filter((x) => x === p.leader || r(2) === 0)), sink);
        break;
      case 4: case 5:
        attempt(w, 'expand', () => leaderReq([...p.isr, ...p.replicas.filter((x) => !p.isr.includes(x) && r(2) === 0)]), sink);
        break;
      case 6:
        attempt(w, 'preferred', () => electLeader(image, topic, p.partitionId, 'preferred').records, sink);
        break;
      case 7: {
        const n = p.replicas.length - p.addingReplicas.length;
        const target = [...BROKERS].sort(() => r(3) - 1).slice(0, n);
        attempt(w, 'reassign', () => reassignPartition(image, topic, p.partitionId, r(4) === 0 ? null : target).records, sink);
        break;
      }
      default:
        attempt(w, 'unclean-flag', () => alterConfig(image, 2, pick(r, ['clean', 'dirty', 'pair']), 'unclean.leader.election.enable', String(r(2) === 0)), sink);
    }
  }
  return w;
}

describe('controller random walk', () => {
  it.each(Array.from({ length: 12 }, (_, i) => i + 1))('keeps the invariants and replays to the same image (seed %i)', (seed) => {
    const w = walk(seed, 400);
    expect(applyRecords(emptyImage(), w.all, 0n)).toEqual(w.image);
    // The walk must have exercised the interesting paths, not just been refused.
    for (const name of ['fence', 'unfence', 'shrink', 'expand', 'restart']) expect(w.applied.get(name) ?? 0, name).toBeGreaterThan(0);
    expect(w.all.filter((x) => x.type === 'PartitionChange').length).toBeGreaterThan(100);
  });

  it('covers clean, unclean and offline outcomes, preferred elections and reassignments across seeds', () => {
    const reasons = new Set<string>();
    const applied = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      const w = walk(seed, 400);
      for (const r of w.all) if (r.type === 'PartitionChange') reasons.add(r.reason.replace(/\d+/g, 'N').replace(/\(.*\)/, ''));
      for (const k of w.applied.keys()) applied.add(k);
      for (const r of w.all) if (r.type === 'PartitionChange' && r.leader === NO_LEADER) reasons.add('offline');
    }
    expect([...reasons]).toEqual(expect.arrayContaining([
      'offline', 'preferred leader election', 'reassignment started', 'ISR shrink', 'ISR expand',
      'broker N fenced ; unclean leader election', 'broker N unfenced; unclean leader election',
    ]));
    expect([...applied]).toEqual(expect.arrayContaining(['preferred', 'reassign', 'unclean-flag']));
  });

  it('writes the same walk through a real metadata log, which reopens to the same image', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-controller-walk-'));
    try {
      const log = MetadataLog.open({ dataDir: dir, now: () => 1_000, syncEachAppend: false });
      const w = walk(7, 300, log);
      expect(log.image).toEqual(w.image);
      log.close();
      const again = MetadataLog.open({ dataDir: dir });
      expect(again.image).toEqual(w.image);
      expect(again.readAll().map((x) => x.record)).toEqual(w.all);
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
