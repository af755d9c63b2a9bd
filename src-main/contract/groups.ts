/**
 * The `groups.*` domain: consumer groups of a cluster (list, detail with members, assignments and per-partition
 * lag), resetting a group's offsets (only while it has no active members), deleting a group, and the lag the
 * core samples for every group from app start (`groups.lagHistory` then the live `groups.lag` event).
 * Offsets and lag are bigint end to end; lag counts offsets, not records (see services/lag-math.ts).
 */
import { z } from 'zod';
import { event, method } from './define.js';

export interface GroupSummary {
  groupId: string;
  state: string;
  protocolType: string;
  members: number;
  /** Topics the group has committed offsets for. */
  topics: string[];
  /** Sum of lag over committed partitions; null when the offsets could not be read. */
  totalLag: bigint | null;
  /** Partitions of its topics without a commit (their lag is unknown). */
  uncommitted: number;
}

export interface GroupMemberInfo {
  memberId: string;
  clientId: string;
  host: string;
  assignments: { topic: string; partitions: number[] }[];
}

export interface GroupPartitionLag {
  topic: string;
  partition: number;
  committed: bigint | null;
  logStart: bigint;
  end: bigint;
  lag: bigint | null;
  behindLogStart: boolean;
  /** memberId of the member assigned this partition, if any. */
  owner: string | null;
}

export interface GroupDetail {
  groupId: string;
  state: string;
  protocolType: string;
  protocol: string;
  members: GroupMemberInfo[];
  partitions: GroupPartitionLag[];
  topics: string[];
  totalLag: bigint;
  uncommitted: number;
}

export interface LagSampleGroup {
  groupId: string;
  state: string;
  members: number;
  totalLag: bigint;
  partitions: { topic: string; partition: number; lag: bigint | null }[];
}

/** One sampling round of one cluster. */
export interface LagSample {
  clusterId: string;
  time: number;
  groups: LagSampleGroup[];
  /** Set when the round failed (cluster unreachable): what happened. */
  error?: string;
}

export interface ResetPlanRow {
  topic: string;
  partition: number;
  from: bigint | null;
  to: bigint;
}

export interface ResetResult {
  groupId: string;
  mode: 'earliest' | 'latest' | 'timestamp' | 'offset';
  applied: boolean;
  partitions: ResetPlanRow[];
}

const clusterId = z.string().min(1).max(200);
const groupId = z.string().min(1).max(249);
const int64 = z.union([
  z.bigint(),
  z.string().trim().regex(/^-?\d{1,19}$/, 'a whole number').transform((s) => BigInt(s)),
  z.number().int().refine((n) => Number.isSafeInteger(n), 'a safe integer').transform((n) => BigInt(n)),
]);

export const resetOffsetsInput = z.object({
  clusterId,
  groupId,
  mode: z.enum(['earliest', 'latest', 'timestamp', 'offset']),
  /** Epoch ms for 'timestamp', the offset for 'offset'. */
  value: int64.optional(),
  /** Limit to these topics (default: every topic the group has committed to). */
  topics: z.array(z.string().min(1).max(249)).max(10_000).optional(),
  /** Limit to these partitions of the one topic named in `topics` (default: all its partitions). */
  partitions: z.array(z.number().int().min(0).max(100_000)).min(1).max(100_000).optional(),
  /** Only compute and return the plan. */
  dryRun: z.boolean().optional(),
}).strict().refine((v) => (v.mode === 'timestamp' || v.mode === 'offset') === (v.value !== undefined), {
  message: 'value is required for mode timestamp or offset, and only for them', path: ['value'],
}).refine((v) => v.partitions === undefined || v.topics?.length === 1, {
  message: 'partitions needs exactly one topic in topics', path: ['partitions'],
});

export const groupsContract = {
  'groups.list': method<GroupSummary[]>()(z.object({ clusterId }).strict(),
    'Consumer groups with state, members, topics and total lag.'),
  'groups.describe': method<GroupDetail>()(z.object({ clusterId, groupId }).strict(),
    'A group\'s members and assignments, and per partition the committed offset, end offset and lag.'),
  'groups.resetOffsets': method<ResetResult>()(resetOffsetsInput,
    'Moves a group\'s committed offsets (earliest, latest, timestamp, offset); refused while members are active.'),
  'groups.delete': method<{ deleted: true; groupId: string }>()(z.object({ clusterId, groupId }).strict(),
    'Deletes a group with no active members, with its committed offsets.'),
  'groups.lagHistory': method<LagSample[]>()(z.object({ clusterId }).strict(),
    'Lag samples of every group kept since the core started (bounded).'),
  'groups.lag': event<LagSample>()(z.object({ clusterId }).strict(),
    'A lag sample of every group of the cluster, every few seconds.'),
} as const;
