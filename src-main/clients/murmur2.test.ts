import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { murmur2, partitionForKey, toPositive } from './murmur2.js';

// kafkajs's Java-compatible murmur2 (its default partitioner's hash), an independent implementation on Long math.
const kafkajsMurmur2 = createRequire(import.meta.url)('kafkajs/src/producer/partitioners/default/murmur2.js') as (k: Buffer) => number;

const bytes = (s: string) => new TextEncoder().encode(s);

// Kafka's own vectors: clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java (testMurmur2).
const KAFKA_UTILS_TEST: [Uint8Array, number][] = [
  [bytes('21'), -973932308],
  [bytes('foobar'), -790332482],
  [bytes('a-little-bit-long-string'), -985981536],
  [bytes('a-little-bit-longer-string'), -1486304829],
  [bytes('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8'), -58897971],
  [new Uint8Array([0x61, 0x62, 0x63]), 479470107],
];
// Produced by Java's Utils.murmur2 (kafkajs's default-partitioner fixtures, generated with the Java client).
const JAVA_GENERATED: [string, number][] = [
  ['0', 971027396], ['1', -1993445489], ['128', -326012175], ['2187', -1508407203], ['16384', -325739742],
  ['78125', -1654490814], ['279936', 1462227128], ['823543', -2014198330], ['2097152', 607668903],
  ['4782969', -1182699775], ['10000000', -1830336757], ['19487171', -1603849305], ['35831808', -857013643],
  ['62748517', -1167431028], ['105413504', -381294639], ['170859375', -1658323481],
];

describe('murmur2 (Kafka\'s variant)', () => {
  it('matches the vectors of Kafka\'s UtilsTest', () => {
    for (const [data, want] of KAFKA_UTILS_TEST) expect(murmur2(data)).toBe(want);
  });

  it('matches Java-generated hashes and, independently, kafkajs\'s implementation on the same vectors', () => {
    for (const [key, want] of JAVA_GENERATED) {
      expect(murmur2(bytes(key))).toBe(want);
      expect(kafkajsMurmur2(Buffer.from(key))).toBe(want);
    }
    for (const [data, want] of KAFKA_UTILS_TEST) expect(kafkajsMurmur2(Buffer.from(data))).toBe(want);
  });

  it('agrees with kafkajs on 2,000 random keys of every tail length, incl. bytes >= 0x80 and the empty key', () => {
    for (let i = 0; i < 2000; i++) {
      const k = randomBytes(i % 37);
      expect(murmur2(k)).toBe(kafkajsMurmur2(k));
    }
    expect(murmur2(new Uint8Array(0))).toBe(kafkajsMurmur2(Buffer.alloc(0)));
  });

  it('toPositive clears the sign bit like Java (MIN_VALUE -> 0, not abs)', () => {
    expect(toPositive(-2147483648)).toBe(0);
    expect(toPositive(-1)).toBe(2147483647);
    expect(toPositive(5)).toBe(5);
  });

  it('partitionForKey = toPositive(murmur2) % n, and refuses a bad partition count', () => {
    expect(partitionForKey(bytes('foobar'), 7)).toBe((-790332482 & 0x7fffffff) % 7);
    expect(partitionForKey(bytes('1'), 3)).toBe((-1993445489 & 0x7fffffff) % 3);
    expect(() => partitionForKey(bytes('k'), 0)).toThrow(RangeError);
    expect(() => partitionForKey(bytes('k'), 1.5)).toThrow(RangeError);
  });
});
