/**
 * RecordBatch v2 header: the 61 fixed bytes the broker's hot path reads and patches without decoding
 * records (see ../shared/kafka-protocol/NOTES.md §3). Offsets are from the start of the batch.
 */
import { crc32c } from './crc32c.js';

export const BATCH_HEADER_SIZE = 61;
/** baseOffset (8) + batchLength (4): the bytes not counted by batchLength. */
export const LOG_OVERHEAD = 12;

export const BatchField = {
  baseOffset: 0, batchLength: 8, partitionLeaderEpoch: 12, magic: 16, crc: 17, attributes: 21,
  lastOffsetDelta: 23, baseTimestamp: 27, maxTimestamp: 35, producerId: 43, producerEpoch: 51,
  baseSequence: 53, recordCount: 57,
} as const;

/** Attribute bits. */
export const BatchAttr = {
  compressionMask: 0x07, timestampLogAppend: 0x08, transactional: 0x10, control: 0x20, deleteHorizon: 0x40,
} as const;

export interface BatchHeader {
  baseOffset: bigint;
  batchLength: number;
  partitionLeaderEpoch: number;
  magic: number;
  crc: number;
  attributes: number;
  lastOffsetDelta: number;
  baseTimestamp: bigint;
  maxTimestamp: bigint;
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
}

const view = (buf: Uint8Array) => new DataView(buf.buffer, buf.byteOffset, buf.byteLength);

/** Reads the header of the batch starting at `at`. The caller checks that 61 bytes are present. */
export function readBatchHeader(buf: Uint8Array, at = 0): BatchHeader {
  const v = view(buf);
  return {
    baseOffset: v.getBigInt64(at + BatchField.baseOffset),
    batchLength: v.getInt32(at + BatchField.batchLength),
    partitionLeaderEpoch: v.getInt32(at + BatchField.partitionLeaderEpoch),
    magic: v.getInt8(at + BatchField.magic),
    crc: v.getUint32(at + BatchField.crc),
    attributes: v.getInt16(at + BatchField.attributes),
    lastOffsetDelta: v.getInt32(at + BatchField.lastOffsetDelta),
    baseTimestamp: v.getBigInt64(at + BatchField.baseTimestamp),
    maxTimestamp: v.getBigInt64(at + BatchField.maxTimestamp),
    producerId: v.getBigInt64(at + BatchField.producerId),
    producerEpoch: v.getInt16(at + BatchField.producerEpoch),
    baseSequence: v.getInt32(at + BatchField.baseSequence),
    recordCount: v.getInt32(at + BatchField.recordCount),
  };
}

/** Total size in bytes of the batch at `at` (batchLength + 12), read from its header. */
export function batchSize(buf: Uint8Array, at = 0): number {
  return view(buf).getInt32(at + BatchField.batchLength) + LOG_OVERHEAD;
}

export function setBaseOffset(buf: Uint8Array, at: number, baseOffset: bigint): void {
  view(buf).setBigInt64(at + BatchField.baseOffset, baseOffset);
}

/** The partition leader epoch is outside the CRC, so patching it needs no new checksum. */
export function setPartitionLeaderEpoch(buf: Uint8Array, at: number, epoch: number): void {
  view(buf).setInt32(at + BatchField.partitionLeaderEpoch, epoch);
}

/** CRC-32C over attributes..end of the batch, as stored at byte 17. */
export function computeBatchCrc(buf: Uint8Array, at = 0): number {
  const end = at + batchSize(buf, at);
  return crc32c(buf.subarray(at + BatchField.attributes, end));
}

export function batchCrcValid(buf: Uint8Array, at = 0): boolean {
  return computeBatchCrc(buf, at) === view(buf).getUint32(at + BatchField.crc);
}

/** Rewrites the stored CRC after a change to covered bytes (e.g. LogAppendTime's maxTimestamp). */
export function updateBatchCrc(buf: Uint8Array, at = 0): void {
  view(buf).setUint32(at + BatchField.crc, computeBatchCrc(buf, at));
}

/** Offset of the last record in the batch. */
export function lastOffsetOf(h: BatchHeader): bigint {
  return h.baseOffset + BigInt(h.lastOffsetDelta);
}
