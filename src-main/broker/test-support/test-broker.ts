/**
 * Starts a real Broker on 127.0.0.1, port 0, over a fresh temp data dir, with a logger that records its
 * lines (so tests can assert on "connection closed: ..." without noise). Test support only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Broker, type BrokerOptions } from '../broker.js';

export interface TestBroker {
  broker: Broker;
  dir: string;
  logs: string[];
  /** Stops the broker and removes the data dir. */
  cleanup(): Promise<void>;
}

export function tempDir(prefix = 'tidepool-broker-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startTestBroker(opts: Partial<BrokerOptions> = {}): Promise<TestBroker> {
  const dir = opts.dataDir ?? tempDir();
  const logs: string[] = [];
  const broker = await Broker.start({
    host: '127.0.0.1', port: 0, ...opts, dataDir: dir,
    logger: { info: (m) => logs.push(m), warn: (m) => logs.push(m) },
  });
  return {
    broker, dir, logs,
    cleanup: async () => { await broker.stop(); rmSync(dir, { recursive: true, force: true }); },
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `cond` until true or `ms` pass. */
export async function waitFor(cond: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}
