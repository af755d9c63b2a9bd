/**
 * Control records (NOTES.md §3): the key is `int16 version, int16 type`; for transaction markers
 * (ABORT 0 / COMMIT 1) the value is `int16 version, int32 coordinatorEpoch`. A marker batch holds exactly
 * one such record and has both the control and the transactional attribute bits set.
 */
import { encodeRecordBatch, isControl, type DecodedBatch } from './record-batch.js';
import { invalidRecord } from './records-error.js';

export const ControlType = { abort: 0, commit: 1, leaderChange: 2, snapshotHeader: 3, snapshotFooter: 4 } as const;
export type ControlTypeId = number;

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

export function encodeControlKey(type: ControlTypeId, version = 0): Uint8Array {
  const out = new Uint8Array(4);
  view(out).setInt16(0, version);
  view(out).setInt16(2, type);
  return out;
}

/** Reads a control key. Newer key versions still start with version+type, so they are read as v0 (as Kafka does). */
export function decodeControlKey(key: Uint8Array | null): { version: number; type: ControlTypeId } {
  if (key === null || key.length < 4) throw invalidRecord(`control record key needs 4 bytes, has ${key?.length ?? 'null'}`);
  const v = view(key);
  const version = v.getInt16(0);
  if (version < 0) throw invalidRecord(`control record key version ${version} is negative`);
  return { version, type: v.getInt16(2) };
}

export function encodeTxnMarkerValue(coordinatorEpoch: number, version = 0): Uint8Array {
  const out = new Uint8Array(6);
  view(out).setInt16(0, version);
  view(out).setInt32(2, coordinatorEpoch);
  return out;
}

export function decodeTxnMarkerValue(value: Uint8Array | null): { version: number; coordinatorEpoch: number } {
  if (value === null || value.length < 6) throw invalidRecord(`transaction marker value needs 6 bytes, has ${value?.length ?? 'null'}`);
  const v = view(value);
  const version = v.getInt16(0);
  if (version < 0) throw invalidRecord(`transaction marker version ${version} is negative`);
  return { version, coordinatorEpoch: v.getInt32(2) };
}

export interface TxnMarker {
  commit: boolean;
  coordinatorEpoch: number;
}

/** A one-record control batch carrying a COMMIT or ABORT marker, as the transaction coordinator writes it. */
export function encodeTxnMarkerBatch(opts: TxnMarker & {
  baseOffset: bigint; producerId: bigint; producerEpoch: number; timestamp: bigint; partitionLeaderEpoch?: number;
}): Uint8Array {
  return encodeRecordBatch({
    baseOffset: opts.baseOffset,
    partitionLeaderEpoch: opts.partitionLeaderEpoch,
    producerId: opts.producerId,
    producerEpoch: opts.producerEpoch,
    transactional: true,
    control: true,
    baseTimestamp: opts.timestamp,
    records: [{
      offsetDelta: 0,
      timestampDelta: 0n,
      key: encodeControlKey(opts.commit ? ControlType.commit : ControlType.abort),
      value: encodeTxnMarkerValue(opts.coordinatorEpoch),
    }],
  });
}

/** The transaction marker in a decoded control batch, or null if it is a control batch of another type. */
export function readTxnMarker(batch: DecodedBatch): TxnMarker | null {
  if (!isControl(batch.header)) throw invalidRecord('not a control batch');
  if (batch.records.length !== 1) throw invalidRecord(`control batch holds ${batch.records.length} records, expected 1`);
  const [rec] = batch.records;
  const { type } = decodeControlKey(rec.key);
  if (type !== ControlType.abort && type !== ControlType.commit) return null;
  return { commit: type === ControlType.commit, coordinatorEpoch: decodeTxnMarkerValue(rec.value).coordinatorEpoch };
}
