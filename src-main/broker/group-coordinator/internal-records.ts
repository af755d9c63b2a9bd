/**
 * Kafka's own record formats for __consumer_offsets (OffsetCommitKey/Value, GroupMetadataKey/Value from
 * Kafka 3.9's internal-record schemas), declared with the protocol DSL and encoded by the codec, so a data
 * dir holds exactly what Kafka would write: key = int16 key version + key struct, value = int16 value
 * version + value struct, a null value being a tombstone. Key versions 0/1 are offset commits, 2 is group
 * metadata; other key versions (KIP-848 consumer-group records, which we never write) are skipped on replay.
 */
import {
  ProtocolError, api, array, decodeRequestBody, encodeResponse, field, responseHeaderVersion, struct,
  type ApiDef, type Body,
} from '../../protocol/index.js';
import type { GroupRecord, GroupSnapshot } from './group-log.js';

// Each definition carries the same fields as "request" (decoded with decodeRequestBody) and "response"
// (encoded with encodeResponse, whose 4-byte response header we strip): the codec's door works on frames.
function dataDef<const F extends readonly ReturnType<typeof field>[]>(name: string, validVersions: string, flexibleVersions: string, fields: F) {
  return api({ key: -1, name, validVersions, flexibleVersions, request: fields, response: fields });
}

export const OffsetCommitKey = dataDef('OffsetCommitKey', '0-1', 'none', [
  field('group', 'string', '0-1'),
  field('topic', 'string', '0-1'),
  field('partition', 'int32', '0-1'),
]);

export const OffsetCommitValue = dataDef('OffsetCommitValue', '0-4', '4+', [
  field('offset', 'int64', '0+'),
  field('leaderEpoch', 'int32', '3+', { default: -1, ignorable: true }),
  field('metadata', 'string', '0+'),
  field('commitTimestamp', 'int64', '0+'),
  field('expireTimestamp', 'int64', '1', { default: -1n, ignorable: true }),
]);

export const GroupMetadataKey = dataDef('GroupMetadataKey', '2', 'none', [field('group', 'string', '2')]);

export const GroupMetadataValue = dataDef('GroupMetadataValue', '0-4', '4+', [
  field('protocolType', 'string', '0+'),
  field('generation', 'int32', '0+'),
  field('protocol', 'string', '0+', { nullableVersions: '0+' }),
  field('leader', 'string', '0+', { nullableVersions: '0+' }),
  field('currentStateTimestamp', 'int64', '2+', { default: -1n, ignorable: true }),
  field('members', array(struct('MemberMetadata', [
    field('memberId', 'string', '0+'),
    field('groupInstanceId', 'string', '3+', { default: null, nullableVersions: '3+', ignorable: true }),
    field('clientId', 'string', '0+'),
    field('clientHost', 'string', '0+'),
    field('rebalanceTimeout', 'int32', '1+', { default: -1, ignorable: true }),
    field('sessionTimeout', 'int32', '0+'),
    field('subscription', 'bytes', '0+'),
    field('assignment', 'bytes', '0+'),
  ])), '0+'),
]);

/** The versions Kafka 3.9 writes: value v1 only for commits with an explicit expiry, else v3; group value v3. */
const OFFSET_KEY_VERSION = 1;
const GROUP_KEY_VERSION = 2;
const GROUP_VALUE_VERSION = 3;

function encode(def: ApiDef, version: number, body: Body): Uint8Array {
  const frame = encodeResponse(def, version, 0, body);
  const skip = 4 + 4 + (responseHeaderVersion(def, version) === 1 ? 1 : 0);
  const out = new Uint8Array(2 + frame.length - skip);
  new DataView(out.buffer).setInt16(0, version);
  out.set(frame.subarray(skip), 2);
  return out;
}

function versionOf(bytes: Uint8Array, what: string): number {
  if (bytes.length < 2) throw new ProtocolError(`${what} of ${bytes.length} bytes has no version`);
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt16(0);
}

function present<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new ProtocolError(`record key lacks ${what}`);
  return v;
}

export interface EncodedRecord { key: Uint8Array; value: Uint8Array | null }

export function encodeGroupRecord(r: GroupRecord): EncodedRecord {
  if (r.kind === 'offset') {
    const key = encode(OffsetCommitKey, OFFSET_KEY_VERSION, { group: r.groupId, topic: r.topic, partition: r.partition });
    if (r.value === null) return { key, value: null };
    const v = r.value;
    const version = v.expireTimestamp !== null ? 1 : 3;
    return {
      key,
      value: encode(OffsetCommitValue, version, {
        offset: v.offset, leaderEpoch: v.leaderEpoch, metadata: v.metadata, commitTimestamp: v.commitTimestamp,
        expireTimestamp: v.expireTimestamp ?? -1n,
      }),
    };
  }
  const key = encode(GroupMetadataKey, GROUP_KEY_VERSION, { group: r.groupId });
  if (r.value === null) return { key, value: null };
  const g = r.value;
  return {
    key,
    value: encode(GroupMetadataValue, GROUP_VALUE_VERSION, {
      protocolType: g.protocolType, generation: g.generationId, protocol: g.protocolName, leader: g.leader,
      currentStateTimestamp: g.currentStateTimestamp,
      members: g.members.map((m) => ({
        memberId: m.memberId, groupInstanceId: m.groupInstanceId, clientId: m.clientId, clientHost: m.clientHost,
        rebalanceTimeout: m.rebalanceTimeoutMs, sessionTimeout: m.sessionTimeoutMs,
        subscription: m.subscription, assignment: m.assignment,
      })),
    }),
  };
}

/**
 * Decodes one __consumer_offsets record; null for record types we do not keep (unknown key versions).
 * Bad bytes raise ProtocolError. Byte fields are copied, so the result does not pin the read buffer.
 */
export function decodeGroupRecord(key: Uint8Array, value: Uint8Array | null): GroupRecord | null {
  const keyVersion = versionOf(key, 'record key');
  if (keyVersion === 0 || keyVersion === 1) {
    const raw = decodeRequestBody(OffsetCommitKey, keyVersion, key, 2);
    const k = { group: present(raw.group, 'group'), topic: present(raw.topic, 'topic'), partition: present(raw.partition, 'partition') };
    if (value === null) return { kind: 'offset', groupId: k.group, topic: k.topic, partition: k.partition, value: null };
    const version = versionOf(value, 'offset commit value');
    const v = decodeRequestBody(OffsetCommitValue, version, value, 2);
    const expire = version === 1 && v.expireTimestamp !== undefined && v.expireTimestamp !== -1n ? v.expireTimestamp : null;
    return {
      kind: 'offset', groupId: k.group, topic: k.topic, partition: k.partition,
      value: {
        offset: v.offset, leaderEpoch: v.leaderEpoch ?? -1, metadata: v.metadata, commitTimestamp: v.commitTimestamp,
        expireTimestamp: expire,
      },
    };
  }
  if (keyVersion === GROUP_KEY_VERSION) {
    const k = { group: present(decodeRequestBody(GroupMetadataKey, keyVersion, key, 2).group, 'group') };
    if (value === null) return { kind: 'group', groupId: k.group, value: null };
    const version = versionOf(value, 'group metadata value');
    const v = decodeRequestBody(GroupMetadataValue, version, value, 2);
    const snapshot: GroupSnapshot = {
      protocolType: v.protocolType,
      generationId: v.generation,
      protocolName: v.protocol,
      leader: v.leader,
      currentStateTimestamp: v.currentStateTimestamp ?? -1n,
      members: v.members.map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId ?? null,
        clientId: m.clientId,
        clientHost: m.clientHost,
        rebalanceTimeoutMs: m.rebalanceTimeout ?? m.sessionTimeout,
        sessionTimeoutMs: m.sessionTimeout,
        subscription: m.subscription.slice(),
        assignment: m.assignment.slice(),
      })),
    };
    return { kind: 'group', groupId: k.group, value: snapshot };
  }
  return null;
}
