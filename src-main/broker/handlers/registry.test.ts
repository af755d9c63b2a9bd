import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_BY_KEY } from '../../protocol/index.js';
import { defineHandler } from './handler.js';
import { HANDLERS, HandlerRegistry } from './registry.js';

const here = import.meta.dirname;

describe('handler registry', () => {
  it('lists every handlers/NN-name.ts file, sorted, with key = prefix = schema key', async () => {
    const files = readdirSync(here).filter((f) => /^\d\d-[a-z0-9-]+\.ts$/.test(f)).sort();
    expect(files.length).toBe(HANDLERS.length);
    for (const f of files) {
      const mod = (await import(`./${f.slice(0, -3)}.js`)) as { default: (typeof HANDLERS)[number] };
      const key = Number(f.slice(0, 2));
      expect(HANDLERS, `${f} is not in registry.ts`).toContain(mod.default);
      expect(mod.default.api.key, f).toBe(key);
      expect(API_BY_KEY.get(key), f).toBe(mod.default.api);
    }
    const keys = HANDLERS.map((h) => h.api.key);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
  });

  it('advertises the ranges kafka-clients.md §1.3 requires of the core APIs', () => {
    const r = new HandlerRegistry(HANDLERS).apiVersions();
    const range = (k: number) => r.find((x) => x.apiKey === k);
    expect(range(18)).toMatchObject({ minVersion: 0 });
    expect(range(3)).toEqual({ apiKey: 3, minVersion: 0, maxVersion: 12 });
  });

  it('rejects a handler list out of order, and a range beyond the schema', () => {
    const [a, b] = HANDLERS;
    expect(() => new HandlerRegistry([b, a])).toThrow(/out of order/);
    const tooWide = defineHandler({ api: a.api, versions: [0, 99], handle: () => ({}) as never });
    expect(() => new HandlerRegistry([tooWide])).toThrow(/outside its schema/);
    expect(() => defineHandler({ api: a.api, versions: [3, 1], handle: () => ({}) as never })).toThrow(/bad version range/);
  });
});
