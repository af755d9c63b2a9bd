// startEmbeddedCluster: the app's local cluster in its worker thread, with the app's defaults (9092 or the next
// free port) or with options the local-cluster service passes when it restarts the cluster.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KafkaTestClient } from '../broker/test-support/kafka-test-client.js';
import apiVersionsApi from '../protocol/schema/18-api-versions.js';
import { startEmbeddedCluster } from './cluster-command.js';

describe('startEmbeddedCluster', () => {
  it('runs the cluster in a worker thread with the given options, reachable by clients, and stops it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tidepool-embedded-'));
    const host = await startEmbeddedCluster(dir, 1, { port: 0, portFallback: false });
    try {
      expect(host.running).toBe(true);
      expect(host.dataDir).toBe(dir);
      const port = host.brokers[0].port;
      expect(port).not.toBe(9092);
      const c = await KafkaTestClient.connect(port);
      expect((await c.send(apiVersionsApi, 3, { clientSoftwareName: 't', clientSoftwareVersion: '1' })).errorCode).toBe(0);
      c.close();
      await host.stop();
      expect(host.running).toBe(false);
      await expect(KafkaTestClient.connect(port)).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      await host.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reports the cluster's own start error (a refused option) from the worker", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tidepool-embedded-'));
    try {
      await expect(startEmbeddedCluster(dir, 1, { port: 0, config: new Map([['num.partitions', 'many']]) }))
        .rejects.toMatchObject({ name: 'ConfigError' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
