/**
 * Shared helpers for the records tests: hex, fixtures, realistic payloads and an error matcher.
 * Test-only; nothing in production imports it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { RecordsError } from './records-error.js';

export const fromHex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));
export const toHex = (b: Uint8Array | null): string | null => (b === null ? null : Buffer.from(b).toString('hex'));
export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

export const fixturePath = (name: string): string => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));
export const readFixture = <T>(name: string): T => JSON.parse(readFileSync(fixturePath(name), 'utf8')) as T;

/** JSON-ish event lines, like a typical topic's values; about `bytes` long. */
export function jsonPayload(bytes: number, seed = 1): Uint8Array {
  const parts: string[] = [];
  let len = 0;
  for (let i = 0; len < bytes; i++) {
    const s = JSON.stringify({ id: i * seed, user: `user-${(i * 7919) % 1000}`, event: ['click', 'view', 'buy'][i % 3], ts: 1700000000000 + i * 13, amount: ((i * 37) % 1000) / 10 }) + '\n';
    parts.push(s);
    len += s.length;
  }
  return utf8(parts.join('')).subarray(0, bytes);
}

/** Expects `fn` to throw a RecordsError with the given Kafka code (and message part, if given). */
export function expectRecordsError(fn: () => unknown, kafkaCode: number, messagePart?: string | RegExp): RecordsError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected a RecordsError to be thrown').toBeInstanceOf(RecordsError);
  const err = caught as RecordsError;
  expect(err.kafkaCode, err.message).toBe(kafkaCode);
  if (messagePart !== undefined) expect(err.message).toMatch(messagePart);
  return err;
}
