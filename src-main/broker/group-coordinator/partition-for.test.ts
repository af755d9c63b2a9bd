import { describe, expect, it } from 'vitest';
import { javaStringHashCode, partitionForGroup } from './partition-for.js';
import { subscribedTopics } from './subscription.js';
import { subscription } from './test-helpers.js';

describe('partitionForGroup', () => {
  it("matches Java's String.hashCode", () => {
    expect(javaStringHashCode('')).toBe(0);
    expect(javaStringHashCode('a')).toBe(97);
    expect(javaStringHashCode('hello')).toBe(99162322);
    expect(javaStringHashCode('Aa')).toBe(2112); // the classic collision with "BB"
    expect(javaStringHashCode('BB')).toBe(2112);
    expect(javaStringHashCode('é')).toBe(233);
    expect(javaStringHashCode('😀')).toBe(1772899); // two UTF-16 units: 0xD83D * 31 + 0xDE00
  });

  it("maps Integer.MIN_VALUE to 0 like Kafka's Utils.abs", () => {
    expect(javaStringHashCode('polygenelubricants')).toBe(-2147483648);
    expect(partitionForGroup('polygenelubricants', 50)).toBe(0);
  });

  it('takes abs(hash) modulo the partition count', () => {
    expect(partitionForGroup('hello', 50)).toBe(99162322 % 50);
    expect(partitionForGroup('Aa', 50)).toBe(12);
    expect(partitionForGroup('a', 7)).toBe(6);
    expect(() => partitionForGroup('x', 0)).toThrow(RangeError);
  });
});

describe('subscribedTopics', () => {
  it('reads the topics of a consumer subscription and refuses garbage', () => {
    expect(subscribedTopics(subscription(['a', 'bb']))).toEqual(['a', 'bb']);
    expect(subscribedTopics(new Uint8Array([0, 0, 0, 0, 0, 9]))).toBeNull();
    expect(subscribedTopics(new Uint8Array([0xff, 0xff]))).toBeNull();
    expect(subscribedTopics(new Uint8Array(0))).toBeNull();
  });
});
