// lazyNative: loads on the first call only, caches, and a fresh process that imports the codecs has not
// loaded any native compression module until a codec is used.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lazyNative } from './lazy-native.js';

describe('lazyNative', () => {
  it('returns the same module object on every call', () => {
    const get = lazyNative<typeof import('dot-properties')>('dot-properties');
    const a = get();
    expect(typeof a.parse).toBe('function');
    expect(get()).toBe(a);
  });

  it('fails only when called, with Node\'s module-not-found error', () => {
    const get = lazyNative('tidepool-no-such-package');
    expect(() => get()).toThrow(/Cannot find module 'tidepool-no-such-package'/);
  });

  it('keeps the native codecs unloaded until a compressed batch needs one', () => {
    const compression = join(import.meta.dirname, 'compression.ts');
    const script = `
      const { createRequire } = await import('node:module');
      const req = createRequire(${JSON.stringify(compression)});
      const loaded = () => ['snappy', 'lz4-napi', 'zstd-napi', '@node-rs/xxhash']
        .filter((n) => req.cache[req.resolve(n)] !== undefined);
      const c = await import(${JSON.stringify(compression)});
      const before = loaded();
      const data = new TextEncoder().encode('tidepool '.repeat(100));
      const back = c.decompress(2, c.compress(2, data));
      console.log(JSON.stringify({ before, after: loaded(), ok: back.length === data.length }));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ before: [], after: ['snappy'], ok: true });
  }, 30_000);
});
