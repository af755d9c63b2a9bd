/**
 * What the coordinator persists, as typed records, and the small interface it persists them through. The
 * records are the logical content of Kafka's __consumer_offsets entries (OffsetCommit / GroupMetadata key and
 * value); `internal-records.ts` turns them into Kafka's bytes and `offsets-topic.ts` writes them to the log.
 */
import type { CommittedOffset } from './classic-group.js';

export interface MemberSnapshot {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  rebalanceTimeoutMs: number;
  sessionTimeoutMs: number;
  subscription: Uint8Array;
  assignment: Uint8Array;
}

export interface GroupSnapshot {
  protocolType: string;
  generationId: number;
  protocolName: string | null;
  leader: string | null;
  currentStateTimestamp: bigint;
  members: MemberSnapshot[];
}

/** A committed offset, or its removal (a tombstone) when `value` is null. */
export interface OffsetRecord {
  kind: 'offset';
  groupId: string;
  topic: string;
  partition: number;
  value: CommittedOffset | null;
}

/** A group's metadata, or its removal (a tombstone) when `value` is null. */
export interface GroupMetadataRecord {
  kind: 'group';
  groupId: string;
  value: GroupSnapshot | null;
}

export type GroupRecord = OffsetRecord | GroupMetadataRecord;

export interface GroupLog {
  /** Appends the records of one group atomically; resolves once they are durable, rejects on failure. */
  append(groupId: string, records: GroupRecord[]): Promise<void>;
}

/** Keeps records in memory only (no restart survival); for tests and a broker without a data dir. */
export class MemoryGroupLog implements GroupLog {
  readonly records: GroupRecord[] = [];
  private held: (() => void)[] = [];
  /** When set, appends wait until `release()`. */
  hold = false;
  /** When set, the next appends fail with this error. */
  failWith: Error | null = null;

  append(_groupId: string, records: GroupRecord[]): Promise<void> {
    if (this.failWith !== null) return Promise.reject(this.failWith);
    if (!this.hold) {
      this.records.push(...records);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.held.push(() => { this.records.push(...records); resolve(); });
    });
  }

  /** Completes every held append, in order. */
  release(): void {
    const h = this.held;
    this.held = [];
    for (const f of h) f();
  }
}
