/**
 * Committed offsets (Kafka's GroupCoordinator.handleCommitOffsets / handleFetchOffsets / handleDeleteOffsets
 * and GroupMetadataManager.storeOffsets / getOffsets): generation and member checks, commits from simple
 * consumers (generation -1, empty member id) while the group has no members, commits written to the log
 * before they become visible (in flight they make require_stable fetches answer UNSTABLE_OFFSET_COMMIT), and
 * OffsetDelete with GROUP_SUBSCRIBED_TO_TOPIC.
 */
import { type ClassicGroup, type CommittedOffset, CONSUMER_PROTOCOL_TYPE } from './classic-group.js';
import { Err } from './errors.js';
import type { OffsetRecord } from './group-log.js';
import type { RebalanceEngine } from './rebalance.js';

export interface CommitPartition {
  partitionIndex: number;
  committedOffset: bigint;
  committedLeaderEpoch: number;
  committedMetadata: string | null;
  /** OffsetCommit v1 only; -1 means "now". */
  commitTimestamp: bigint;
}

export interface CommitRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  /** OffsetCommit v2-4; -1 means the broker's offsets.retention.minutes. */
  retentionTimeMs: bigint;
  topics: { name: string; partitions: CommitPartition[] }[];
}

export interface PartitionError { partitionIndex: number; errorCode: number }
export interface TopicErrors { name: string; partitions: PartitionError[] }

export interface FetchedPartition {
  partitionIndex: number;
  committedOffset: bigint;
  committedLeaderEpoch: number;
  metadata: string;
  errorCode: number;
}

export interface FetchResult { errorCode: number; topics: { name: string; partitions: FetchedPartition[] }[] }

const tpKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

function noOffset(partitionIndex: number, errorCode = Err.NONE): FetchedPartition {
  return { partitionIndex, committedOffset: -1n, committedLeaderEpoch: -1, metadata: '', errorCode };
}

export class OffsetManager {
  constructor(private readonly engine: RebalanceEngine) {}

  private get reg() {
    return this.engine.reg;
  }

  async commit(req: CommitRequest): Promise<TopicErrors[]> {
    // Unknown partitions are reported as such whatever else fails, as KafkaApis filters them first.
    const all = (errorCode: number): TopicErrors[] => req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({
        partitionIndex: p.partitionIndex,
        errorCode: this.reg.partitionExists(t.name, p.partitionIndex) ? errorCode : Err.UNKNOWN_TOPIC_OR_PARTITION,
      })),
    }));
    const invalid = this.reg.validate(req.groupId, true);
    if (invalid !== null) return all(invalid);
    let group = this.reg.live(req.groupId);
    if (group === undefined) {
      // No group: only a commit outside group management (generation < 0) may create one.
      if (req.generationId >= 0) return all(Err.ILLEGAL_GENERATION);
      group = this.reg.getOrCreate(req.groupId);
    }
    const error = this.validateCommit(group, req);
    if (error !== null) return all(error);
    if (group.is('CompletingRebalance')) return all(Err.REBALANCE_IN_PROGRESS);
    const member = group.members.get(req.memberId);
    if (member !== undefined) this.engine.scheduleHeartbeat(group, member);
    return this.store(group, req);
  }

  /** Kafka's validateOffsetCommit. */
  private validateCommit(group: ClassicGroup, req: CommitRequest): number | null {
    if (req.generationId >= 0 || req.memberId !== '' || req.groupInstanceId !== null) {
      if (group.isStaticMemberFenced(req.groupInstanceId, req.memberId)) return Err.FENCED_INSTANCE_ID;
      if (!group.has(req.memberId)) return Err.UNKNOWN_MEMBER_ID;
      if (req.generationId !== group.generationId) return Err.ILLEGAL_GENERATION;
      return null;
    }
    // A simple consumer (no generation, no member): only while the group has no members.
    return group.is('Empty') ? null : Err.UNKNOWN_MEMBER_ID;
  }

  private async store(group: ClassicGroup, req: CommitRequest): Promise<TopicErrors[]> {
    const now = BigInt(this.reg.now());
    const results: TopicErrors[] = [];
    const records: OffsetRecord[] = [];
    const stored: PartitionError[] = [];
    for (const t of req.topics) {
      const partitions: PartitionError[] = [];
      results.push({ name: t.name, partitions });
      for (const p of t.partitions) {
        const r: PartitionError = { partitionIndex: p.partitionIndex, errorCode: Err.NONE };
        partitions.push(r);
        const metadata = p.committedMetadata ?? '';
        if (!this.reg.partitionExists(t.name, p.partitionIndex)) { r.errorCode = Err.UNKNOWN_TOPIC_OR_PARTITION; continue; }
        if (Buffer.byteLength(metadata, 'utf8') > this.reg.config.offsetMetadataMaxBytes) {
          r.errorCode = Err.OFFSET_METADATA_TOO_LARGE;
          continue;
        }
        const value: CommittedOffset = {
          offset: p.committedOffset,
          leaderEpoch: p.committedLeaderEpoch,
          metadata,
          commitTimestamp: p.commitTimestamp === -1n ? now : p.commitTimestamp,
          expireTimestamp: req.retentionTimeMs === -1n ? null : now + req.retentionTimeMs,
        };
        records.push({ kind: 'offset', groupId: group.groupId, topic: t.name, partition: p.partitionIndex, value });
        stored.push(r);
      }
    }
    if (records.length === 0) return results;
    for (const rec of records) {
      const k = tpKey(rec.topic, rec.partition);
      group.pendingOffsetCommits.set(k, (group.pendingOffsetCommits.get(k) ?? 0) + 1);
    }
    const error = await this.reg.write(group.groupId, records);
    for (const rec of records) {
      const k = tpKey(rec.topic, rec.partition);
      const n = (group.pendingOffsetCommits.get(k) ?? 1) - 1;
      if (n <= 0) group.pendingOffsetCommits.delete(k); else group.pendingOffsetCommits.set(k, n);
      if (error === Err.NONE && rec.value !== null) group.setOffset(rec.topic, rec.partition, rec.value);
    }
    if (error !== Err.NONE) for (const r of stored) r.errorCode = error;
    return results;
  }

  /** One group's committed offsets; `topics` null means every partition with a committed offset. */
  fetch(groupId: string, topics: { name: string; partitionIndexes: number[] }[] | null, requireStable: boolean): FetchResult {
    const invalid = this.reg.validate(groupId, true);
    if (invalid !== null) return { errorCode: invalid, topics: [] };
    const group = this.reg.live(groupId);
    if (group === undefined) {
      return {
        errorCode: Err.NONE,
        topics: (topics ?? []).map((t) => ({ name: t.name, partitions: t.partitionIndexes.map((p) => noOffset(p)) })),
      };
    }
    const wanted = topics ?? [...group.offsets.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, parts]) => ({ name, partitionIndexes: [...parts.keys()].sort((a, b) => a - b) }));
    return {
      errorCode: Err.NONE,
      topics: wanted.map((t) => ({
        name: t.name,
        partitions: t.partitionIndexes.map((p) => {
          if (requireStable && group.pendingOffsetCommits.has(tpKey(t.name, p))) return noOffset(p, Err.UNSTABLE_OFFSET_COMMIT);
          const o = group.offset(t.name, p);
          if (o === undefined) return noOffset(p);
          return { partitionIndex: p, committedOffset: o.offset, committedLeaderEpoch: o.leaderEpoch, metadata: o.metadata, errorCode: Err.NONE };
        }),
      })),
    };
  }

  /** OffsetDelete: removes offsets of topics the group does not consume. */
  async deleteOffsets(groupId: string, topics: { name: string; partitions: number[] }[]): Promise<{ errorCode: number; topics: TopicErrors[] }> {
    const invalid = this.reg.validate(groupId, false);
    if (invalid !== null) return { errorCode: invalid, topics: [] };
    const group = this.reg.live(groupId);
    if (group === undefined) return { errorCode: Err.GROUP_ID_NOT_FOUND, topics: [] };
    const consumerGroup = group.protocolType === CONSUMER_PROTOCOL_TYPE;
    if (!group.is('Empty') && !consumerGroup) return { errorCode: Err.NON_EMPTY_GROUP, topics: [] };
    const results: TopicErrors[] = [];
    const records: OffsetRecord[] = [];
    for (const t of topics) {
      const partitions: PartitionError[] = [];
      results.push({ name: t.name, partitions });
      for (const p of t.partitions) {
        if (!this.reg.partitionExists(t.name, p)) { partitions.push({ partitionIndex: p, errorCode: Err.UNKNOWN_TOPIC_OR_PARTITION }); continue; }
        if (!group.is('Empty') && group.isSubscribedToTopic(t.name)) {
          partitions.push({ partitionIndex: p, errorCode: Err.GROUP_SUBSCRIBED_TO_TOPIC });
          continue;
        }
        partitions.push({ partitionIndex: p, errorCode: Err.NONE });
        if (group.deleteOffset(t.name, p)) records.push({ kind: 'offset', groupId, topic: t.name, partition: p, value: null });
      }
    }
    await this.reg.write(groupId, [...records, ...this.cleanupIfEmpty(group)]);
    return { errorCode: Err.NONE, topics: results };
  }

  /**
   * Kafka's removeExpiredOffsets: with no per-commit expiry, an offset expires offsets.retention.minutes after
   * the group became Empty (KIP-211), after its commit for a stable consumer group's unsubscribed topics, and
   * after its commit for groups without a protocol (simple consumers). Returns the tombstones to write.
   */
  expireOffsets(group: ClassicGroup, now: bigint): OffsetRecord[] {
    const retention = BigInt(this.reg.config.offsetsRetentionMs);
    let base: ((o: CommittedOffset) => bigint) | null = null;
    let keepTopics: ReadonlySet<string> = new Set();
    if (group.protocolType !== null && group.protocolType !== '' && group.is('Empty')) {
      const since = BigInt(group.stateTimestamp);
      base = () => since;
    } else if (group.protocolType === CONSUMER_PROTOCOL_TYPE && group.subscribedTopics !== null && group.is('Stable')) {
      base = (o) => o.commitTimestamp;
      keepTopics = group.subscribedTopics;
    } else if (group.protocolType === null || group.protocolType === '') {
      base = (o) => o.commitTimestamp;
    }
    if (base === null) return [];
    const out: OffsetRecord[] = [];
    for (const [topic, parts] of [...group.offsets]) {
      if (keepTopics.has(topic)) continue;
      for (const [partition, o] of [...parts]) {
        if (group.pendingOffsetCommits.has(tpKey(topic, partition))) continue;
        const expired = o.expireTimestamp !== null ? now >= o.expireTimestamp : now - base(o) >= retention;
        if (!expired) continue;
        group.deleteOffset(topic, partition);
        out.push({ kind: 'offset', groupId: group.groupId, topic, partition, value: null });
      }
    }
    return out;
  }

  /** An Empty group without offsets is dead: it leaves the registry and gets a tombstone. */
  cleanupIfEmpty(group: ClassicGroup): { kind: 'group'; groupId: string; value: null }[] {
    if (!group.is('Empty') || group.hasOffsets()) return [];
    group.transitionTo('Dead', this.reg.now());
    this.engine.dispose(group);
    if (this.reg.groups.get(group.groupId) === group) this.reg.groups.delete(group.groupId);
    return [{ kind: 'group', groupId: group.groupId, value: null }];
  }
}
