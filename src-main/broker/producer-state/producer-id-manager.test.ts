import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PRODUCER_ID_FILE, ProducerIdError, ProducerIdManager } from './producer-id-manager.js';

const dirs: string[] = [];
const fresh = () => { const d = mkdtempSync(join(tmpdir(), 'tp-pid-')); dirs.push(d); return d; };
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

describe('ProducerIdManager', () => {
  it('hands out increasing ids and reserves blocks on disk', () => {
    const dir = fresh();
    const m = new ProducerIdManager(dir);
    expect([m.generate(), m.generate(), m.generate()]).toEqual([0n, 1n, 2n]);
    expect(JSON.parse(readFileSync(join(dir, PRODUCER_ID_FILE), 'utf8'))).toEqual({ version: 1, nextBlockStart: '1000' });
    for (let i = 3; i < 1000; i++) m.generate();
    expect(m.generate()).toBe(1000n);
    expect(JSON.parse(readFileSync(join(dir, PRODUCER_ID_FILE), 'utf8')).nextBlockStart).toBe('2000');
  });

  it('never reuses an id after a restart', () => {
    const dir = fresh();
    const a = new ProducerIdManager(dir);
    const seen = new Set([a.generate(), a.generate()]);
    const b = new ProducerIdManager(dir);
    const next = b.generate();
    expect(seen.has(next)).toBe(false);
    expect(next).toBe(1000n);
  });

  it('fails clearly on a corrupt state file', () => {
    const dir = fresh();
    writeFileSync(join(dir, PRODUCER_ID_FILE), '{"version":1,"nextBlockStart":-5}');
    expect(() => new ProducerIdManager(dir)).toThrow(ProducerIdError);
    writeFileSync(join(dir, PRODUCER_ID_FILE), 'not json');
    expect(() => new ProducerIdManager(dir)).toThrow(/producer id state is corrupt/);
  });

  it('fails clearly when the state cannot be persisted', () => {
    const dir = fresh();
    const m = new ProducerIdManager(join(dir, 'sub'));
    rmSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'sub'), 'a file where the directory was');
    expect(() => m.generate()).toThrow(/cannot persist producer id state/);
  });
});
