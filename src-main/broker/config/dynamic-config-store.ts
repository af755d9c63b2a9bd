/**
 * Persists the broker's dynamic configs (AlterConfigs on the broker resource) in
 * `<dataDir>/dynamic-broker-configs.json`, so they survive restarts: the per-broker layer and the
 * cluster-wide default layer. With one data dir per broker, "cluster-wide" defaults are stored per broker
 * (fine for one broker; a multi-broker cluster should replicate them through its metadata log later).
 * Writes are atomic (temp file, fsync, rename).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../storage/index.js';
import { ConfigError } from './config-types.js';

export const DYNAMIC_CONFIG_FILE = 'dynamic-broker-configs.json';

export interface DynamicConfigs {
  broker: Map<string, string>;
  clusterDefault: Map<string, string>;
}

function toMap(value: unknown, path: string): Map<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError('syntax', `${path}: expected an object of config values`);
  }
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new ConfigError('syntax', `${path}: value of '${k}' is not a string`);
    out.set(k, v);
  }
  return out;
}

export class DynamicConfigStore {
  readonly path: string;

  constructor(readonly dataDir: string) {
    this.path = join(dataDir, DYNAMIC_CONFIG_FILE);
  }

  /** The stored layers (empty when nothing was ever altered). A damaged file is a ConfigError naming it. */
  load(): DynamicConfigs {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { broker: new Map(), clusterDefault: new Map() };
      throw err;
    }
    let data: { version?: unknown; broker?: unknown; clusterDefault?: unknown };
    try {
      data = JSON.parse(text) as typeof data;
    } catch {
      throw new ConfigError('syntax', `${this.path}: not valid JSON`);
    }
    if (data.version !== 1) throw new ConfigError('syntax', `${this.path}: unknown version ${String(data.version)}`);
    return { broker: toMap(data.broker, this.path), clusterDefault: toMap(data.clusterDefault, this.path) };
  }

  save(configs: DynamicConfigs): void {
    mkdirSync(this.dataDir, { recursive: true });
    const text = JSON.stringify({
      version: 1,
      broker: Object.fromEntries(configs.broker),
      clusterDefault: Object.fromEntries(configs.clusterDefault),
    }, null, 2);
    writeFileAtomic(this.path, text);
  }
}
