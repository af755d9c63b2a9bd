// The app's composition root with the embedded local cluster (what `tidepool start` and Electron use):
// it registers the local cluster, reports its bootstrap once listening, samples its throughput, and stops it on close.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KafkaTestClient } from '../broker/test-support/kafka-test-client.js';
import apiVersionsApi from '../protocol/schema/18-api-versions.js';
import { createCore } from './compose.js';

describe('createCore with the embedded cluster', () => {
  const saved = process.env.TIDEPOOL_DATA_DIR;
  afterEach(() => { if (saved === undefined) delete process.env.TIDEPOOL_DATA_DIR; else process.env.TIDEPOOL_DATA_DIR = saved; });

  it('starts the local cluster, lists it as connected, and stops it on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tidepool-core-'));
    process.env.TIDEPOOL_DATA_DIR = dir;
    const core = createCore({ appRoot: process.cwd(), embeddedCluster: true });
    try {
      // The local cluster is listed (first) once its broker listens.
      const deadline = Date.now() + 10_000;
      while (core.clusters.list()[0]?.status !== 'connected' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const local = core.clusters.list()[0];
      expect(local).toMatchObject({ id: 'local', kind: 'local', status: 'connected' });
      const port = Number(local.bootstrap.split(':')[1]);
      expect(port).toBeGreaterThanOrEqual(9092);
      const c = await KafkaTestClient.connect(port);
      expect((await c.send(apiVersionsApi, 3, { clientSoftwareName: 't', clientSoftwareVersion: '1' })).errorCode).toBe(0);
      c.close();
      // The core samples throughput from the start: a sample of the local cluster arrives within a round (5 s).
      const history = async () => {
        const r = await core.dispatcher.call('throughput.history', { clusterId: 'local' }, { transport: 'in-process' });
        return r.ok ? (r.value as { error?: string }[]) : [];
      };
      const until = Date.now() + 8000;
      while ((await history()).length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      expect((await history())[0]).toMatchObject({ clusterId: 'local', intervalSec: null });
      expect((await history())[0]?.error).toBeUndefined();
      await core.close();
      await expect(KafkaTestClient.connect(port)).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is off unless asked for (outside Electron)', async () => {
    const core = createCore({ appRoot: process.cwd() });
    expect(core.clusters.list()).toEqual([]);
    await core.close();
  });
});
