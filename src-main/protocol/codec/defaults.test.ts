// Defaults derived from definitions: implicit zero values, explicit defaults in every spelling Kafka uses.
import { describe, expect, it } from 'vitest';
import { array, field, struct } from '../schema/dsl.js';
import { ZERO_UUID, defaultOf, freshDefault, isDefaultValue } from './defaults.js';

describe('field defaults', () => {
  it('implicit defaults are the zero values of each type', () => {
    expect(defaultOf(field('a', 'int32', '0+'))).toBe(0);
    expect(defaultOf(field('a', 'int64', '0+'))).toBe(0n);
    expect(defaultOf(field('a', 'bool', '0+'))).toBe(false);
    expect(defaultOf(field('a', 'string', '0+'))).toBe('');
    expect(defaultOf(field('a', 'uuid', '0+'))).toBe(ZERO_UUID);
    expect(defaultOf(field('a', 'records', '0+'))).toBeNull();
    expect(defaultOf(field('a', 'bytes', '0+'))).toStrictEqual(new Uint8Array(0));
  });
  it('explicit defaults are coerced to the value type (numbers, hex, bigint, "true", null)', () => {
    expect(defaultOf(field('a', 'int32', '0+', { default: '0x7fffffff' }))).toBe(0x7fffffff);
    expect(defaultOf(field('a', 'int32', '0+', { default: -1 }))).toBe(-1);
    expect(defaultOf(field('a', 'int64', '0+', { default: -1 }))).toBe(-1n);
    expect(defaultOf(field('a', 'int64', '0+', { default: '0x7fffffffffffffff' }))).toBe(2n ** 63n - 1n);
    expect(defaultOf(field('a', 'bool', '0+', { default: 'true' }))).toBe(true);
    expect(defaultOf(field('a', 'bool', '0+', { default: true }))).toBe(true);
    expect(defaultOf(field('a', 'string', '0+', { default: null }))).toBeNull();
    expect(defaultOf(field('a', 'int16', '0+', { default: '' }))).toBe(0);
  });
  it('isDefaultValue compares deeply for structs, by emptiness for arrays and bytes', () => {
    const s = field('s', struct('S', [field('x', 'int32', '0+', { default: -1 }), field('y', array('int32'), '1+')]), '0+');
    expect(isDefaultValue(s, { x: -1, y: [] })).toBe(true);
    expect(isDefaultValue(s, { x: -1 })).toBe(true);
    expect(isDefaultValue(s, { x: 0 })).toBe(false);
    expect(isDefaultValue(s, { x: -1, y: [1] })).toBe(false);
    expect(isDefaultValue(s, null)).toBe(false);
    expect(isDefaultValue(field('b', 'bytes', '0+'), new Uint8Array(0))).toBe(true);
    expect(isDefaultValue(field('b', 'bytes', '0+'), new Uint8Array(1))).toBe(false);
    expect(isDefaultValue(field('b', 'bytes', '0+', { default: null }), new Uint8Array(0))).toBe(false);
    expect(isDefaultValue(field('a', array('int32'), '0+'), [])).toBe(true);
    expect(isDefaultValue(field('a', array('int32'), '0+', { default: null }), [])).toBe(false);
    expect(isDefaultValue(field('a', 'int64', '0+', { default: -1n }), -1n)).toBe(true);
  });
  it('fresh defaults are new objects holding only the fields of the version', () => {
    const s = field('s', struct('S', [field('x', 'int32', '0+', { default: -1 }), field('y', array('int32'), '1+')]), '0+');
    expect(freshDefault(s, 0)).toStrictEqual({ x: -1 });
    const a = freshDefault(s, 1) as { y: number[] };
    expect(a).toStrictEqual({ x: -1, y: [] });
    expect(freshDefault(s, 1)).not.toBe(a);
    expect(freshDefault(field('b', 'bytes', '0+'), 0)).not.toBe(freshDefault(field('b', 'bytes', '0+'), 0));
  });
});
