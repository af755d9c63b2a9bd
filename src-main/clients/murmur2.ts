/**
 * The Java client's default partitioner for keyed records: murmur2(keyBytes) made positive (& 0x7fffffff),
 * modulo the partition count (Utils.murmur2 / Utils.toPositive / BuiltInPartitioner.partitionForKey).
 * Hand-written (20 lines) because no maintained npm package exposes Kafka's exact variant (seed 0x9747b28c,
 * 32-bit signed result): kafkajs has one, but only as an internal file of a frozen release; the tests check
 * ours against it and against the vectors from Kafka's own UtilsTest.
 */

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/** Kafka's murmur2 of `data`, as the signed 32-bit int Java returns. */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = (SEED ^ length) | 0;
  const length4 = length >>> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = (data[i4]! & 0xff) | ((data[i4 + 1]! & 0xff) << 8) | ((data[i4 + 2]! & 0xff) << 16) | ((data[i4 + 3]! & 0xff) << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  const tail = length & ~3;
  const rest = length % 4;
  // Java's switch falls through: 3 mixes bytes 2, 1 and 0; 2 mixes 1 and 0; 1 mixes byte 0.
  if (rest >= 3) h ^= (data[tail + 2]! & 0xff) << 16;
  if (rest >= 2) h ^= (data[tail + 1]! & 0xff) << 8;
  if (rest >= 1) { h ^= data[tail]! & 0xff; h = Math.imul(h, M); }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Java's Utils.toPositive: clears the sign bit (not Math.abs, which differs for MIN_VALUE). */
export const toPositive = (n: number): number => n & 0x7fffffff;

/** The partition the Java producer picks for a record with this key. */
export function partitionForKey(key: Uint8Array, partitions: number): number {
  if (!Number.isInteger(partitions) || partitions < 1) throw new RangeError(`partition count must be a positive integer, got ${partitions}`);
  return toPositive(murmur2(key)) % partitions;
}
