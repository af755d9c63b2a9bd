// Leader changes on three real brokers: the old leader becomes a follower and truncates its unacknowledged,
// divergent tail by leader epoch; a leader stopped during continuous acks=all produce loses no acknowledged
// record (the new leader has each one, byte for byte) and catches up when it returns; a real client (kcat,
// acks=all) produces to the leader and consumes from it.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaError } from '../../protocol/index.js';
import { BatchField } from '../../protocol/records/batch-header.js';
import produceApi from '../../protocol/schema/00-produce.js';
import { makeBatch } from '../../storage/test-batches.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { waitFor } from '../test-support/test-broker.js';
import { TestReplicationCluster } from './test-helpers.js';

const KCAT = '/usr/bin/kcat';
const body = (topic: string, records: Uint8Array, acks: number) =>
  ({ transactionalId: null, acks, timeoutMs: 10_000, topicData: [{ name: topic, partitionData: [{ index: 0, records }] }] });

function logOf(c: TestReplicationCluster, id: number, topic: string) {
  return c.broker(id).topics.partition(topic, 0)!.log;
}
function allBytes(c: TestReplicationCluster, id: number, topic: string): Buffer {
  const log = logOf(c, id, topic);
  return log.read(log.logStartOffset, 1 << 30).bytes;
}

describe('leader change and truncation', () => {
  let c: TestReplicationCluster;
  beforeAll(async () => { c = await TestReplicationCluster.start({ raw: { 'replica.fetch.backoff.ms': '100' } }); });
  afterAll(async () => { await c.close(); });

  it('the old leader truncates its divergent, unacknowledged tail by epoch and then matches the new leader', async () => {
    c.createTopic('div', [[1, 2, 3]]);
    const k1 = await KafkaTestClient.connect(c.broker(1).port);
    const acked = await k1.send(produceApi, 9, body('div', makeBatch({ records: 3, seed: 1 }), -1));
    expect(acked.responses[0].partitionResponses[0]).toMatchObject({ errorCode: 0, baseOffset: 0n });
    for (const id of [1, 2, 3]) c.faults.get(id)!.set({ isolatedFromBrokers: true });
    // Two batches only the old leader gets (acks=1): offsets 3..4 in epoch 0, never committed.
    await k1.send(produceApi, 9, body('div', makeBatch({ records: 1, seed: 2 }), 1));
    await k1.send(produceApi, 9, body('div', makeBatch({ records: 1, seed: 3 }), 1));
    k1.close();
    expect(logOf(c, 1, 'div').logEndOffset).toBe(5n);
    expect(logOf(c, 1, 'div').highWatermark).toBe(3n);
    c.fenceBroker(1); // the controller elects 2 from the ISR {2,3}; 1 is told to follow
    expect(c.state('div')).toMatchObject({ leader: 2, leaderEpoch: 1, isr: [2, 3] });
    c.faults.get(2)!.clear();
    c.faults.get(3)!.clear();
    const k2 = await KafkaTestClient.connect(c.broker(2).port);
    const r = await k2.send(produceApi, 9, body('div', makeBatch({ records: 3, seed: 4 }), -1));
    expect(r.responses[0].partitionResponses[0]).toMatchObject({ errorCode: 0, baseOffset: 3n });
    k2.close();
    c.unfenceBroker(1);
    c.faults.get(1)!.clear();
    await waitFor(() => logOf(c, 1, 'div').logEndOffset === 6n && logOf(c, 1, 'div').leaderEpochs.latestEpoch === 1, 10_000, 'old leader caught up');
    expect(c.logs.some((l) => l.startsWith('[1]') && l.includes('diverged from leader 2 at epoch 0 (end 3); truncating to 3'))).toBe(true);
    expect(allBytes(c, 1, 'div').equals(allBytes(c, 2, 'div'))).toBe(true);
    expect(allBytes(c, 3, 'div').equals(allBytes(c, 2, 'div'))).toBe(true);
    expect(logOf(c, 1, 'div').leaderEpochs.list()).toEqual([{ epoch: 0, startOffset: 0n }, { epoch: 1, startOffset: 3n }]);
    await waitFor(() => c.state('div').isr.length === 3, 10_000, 'old leader back in the ISR');
    expect(c.manager(2).replication('div')[0].epochHistory).toEqual([{ epoch: 0, startOffset: 0n }, { epoch: 1, startOffset: 3n }]);
  });

  it('a leader stopped during continuous acks=all produce loses no acknowledged record; it catches up on return', async () => {
    c.createTopic('kill', [[1, 2, 3]], { 'min.insync.replicas': '2' });
    const k = await KafkaTestClient.connect(c.broker(1).port);
    const acked: { offset: bigint; crc: number }[] = [];
    let stop = false;
    const producer = (async () => {
      for (let i = 0; !stop; i++) {
        const batch = makeBatch({ records: 2, seed: i });
        try {
          const r = (await k.send(produceApi, 9, body('kill', batch, -1))).responses[0].partitionResponses[0];
          if (r.errorCode === 0) acked.push({ offset: r.baseOffset, crc: batch.readUInt32BE(BatchField.crc) });
          else if (r.errorCode !== KafkaError.NOT_LEADER_OR_FOLLOWER.code) throw new Error(`unexpected error ${r.errorCode}`);
        } catch (err) {
          if (k.isClosed) return; // the leader went away
          throw err;
        }
      }
    })();
    await waitFor(() => acked.length >= 20, 10_000, '20 acknowledged batches');
    await c.stopBroker(1);
    stop = true;
    await producer;
    const s = c.state('kill');
    expect(s.leader).not.toBe(1);
    const newLeader = logOf(c, s.leader, 'kill');
    const end = acked[acked.length - 1].offset + 2n;
    expect(newLeader.logEndOffset).toBeGreaterThanOrEqual(end); // every acknowledged record is there at once
    // Its HW (learnt one fetch late as a follower) reaches them once the other follower fetches from it.
    await waitFor(() => newLeader.highWatermark >= end, 10_000, 'new leader HW past the acknowledged records');
    for (const a of acked) {
      const got = newLeader.read(a.offset, 1).bytes;
      expect(got.readBigInt64BE(BatchField.baseOffset)).toBe(a.offset);
      expect(got.readUInt32BE(BatchField.crc)).toBe(a.crc); // same records (the CRC covers them)
    }
    await c.restartBroker(1);
    await c.waitInSync('kill');
    expect(allBytes(c, 1, 'kill').equals(allBytes(c, s.leader, 'kill'))).toBe(true);
    await waitFor(() => c.state('kill').isr.length === 3, 10_000, 'restarted broker back in the ISR');
  });
});

describe.skipIf(!existsSync(KCAT))('kcat against a replicated leader', () => {
  let c: TestReplicationCluster;
  beforeAll(async () => { c = await TestReplicationCluster.start(); });
  afterAll(async () => { await c.close(); });

  it('produces with acks=all to the leader and consumes from it; the followers hold the same records', async () => {
    c.createTopic('kc', [[1, 2, 3]], { 'min.insync.replicas': '2' });
    const bootstrap = c.broker(1).bootstrap;
    const lines = Array.from({ length: 300 }, (_, i) => `key-${i}:value-${i}`);
    const code = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const p = spawn(KCAT, ['-b', bootstrap, '-P', '-t', 'kc', '-K:', '-z', 'lz4', '-X', 'topic.request.required.acks=-1']);
      let stderr = '';
      p.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
      p.once('exit', (code) => resolve({ code, stderr }));
      p.stdin.end(`${lines.join('\n')}\n`);
    });
    expect(code.code, code.stderr).toBe(0);
    const { stdout } = await promisify(execFile)(KCAT, ['-b', bootstrap, '-C', '-t', 'kc', '-o', 'beginning', '-e', '-q', '-f', '%k:%s\n']);
    expect(stdout.trimEnd().split('\n')).toEqual(lines);
    await c.waitInSync('kc');
    expect(allBytes(c, 2, 'kc').equals(allBytes(c, 1, 'kc'))).toBe(true);
    expect(logOf(c, 1, 'kc').highWatermark).toBe(300n);
  });
});
