import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Buffer } from 'node:buffer';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeRecordBatch } from '../../protocol/records/index.js';
import { PartitionLog } from '../../storage/index.js';
import { fenceBroker, registerBroker, unfenceBroker } from './broker-decisions.js';
import { METADATA_PARTITION_DIR, MetadataLog, type AppendedRecords } from './metadata-log.js';
import { encodeMetadataRecord } from './metadata-records.js';
import { alterPartition } from './partition-decisions.js';
import { seededRandom } from './seeded-random.js';
import { incarnation } from './test-helpers.js';
import { createTopic } from './topic-decisions.js';

const dirs: string[] = [];
const open: MetadataLog[] = [];
afterEach(() => {
  for (const l of open.splice(0)) l.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'tp-metadata-log-'));
  dirs.push(d);
  return d;
}

function openLog(dataDir: string, now = () => 1_700_000_000_000): MetadataLog {
  const log = MetadataLog.open({ dataDir, now });
  open.push(log);
  return log;
}

function closeLog(log: MetadataLog): void {
  log.close();
  open.splice(open.indexOf(log), 1);
}

/** Three brokers, a replicated topic, a lost broker and an ISR change, all through the log. */
function populate(log: MetadataLog): void {
  for (const id of [1, 2, 3]) {
    const reg = registerBroker(log.image, { brokerId: id, incarnationId: incarnation(id), host: '127.0.0.1', port: 9091 + id });
    log.append(reg.records);
    log.append(unfenceBroker(log.image, id, reg.brokerEpoch));
  }
  log.append(createTopic(log.image, { name: 'orders', partitions: 3, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } }, seededRandom(3)).records);
  log.append(fenceBroker(log.image, 2, log.image.brokers.get(2)!.epoch, 'kill'));
  const t = [...log.image.topicsById.values()][0];
  const p = t.partitions.get(0)!;
  log.append(alterPartition(log.image, {
    brokerId: p.leader, brokerEpoch: log.image.brokers.get(p.leader)!.epoch, topicId: t.id, partitionId: 0,
    leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch, newIsr: [p.leader],
  }).records);
}

describe('MetadataLog', () => {
  it('starts empty in a new data dir, under __cluster_metadata-0', () => {
    const dir = tempDir();
    const log = openLog(dir);
    expect(log.endOffset).toBe(0n);
    expect(log.image.lastOffset).toBe(-1n);
    expect(log.image.brokers.size).toBe(0);
    expect(readdirSync(dir)).toEqual([METADATA_PARTITION_DIR]);
    expect(log.append([])).toBeNull();
  });

  it('replays to the same image after a clean close and reopen', () => {
    const dir = tempDir();
    const log = openLog(dir);
    populate(log);
    const image = log.image;
    const records = log.readAll();
    expect(image.lastOffset).toBe(log.endOffset - 1n);
    closeLog(log);
    const again = openLog(dir);
    expect(again.image).toEqual(image);
    expect(again.readAll()).toEqual(records);
    expect(again.endOffset).toBe(BigInt(records.length));
    // Broker epochs are the offsets of their registration records.
    for (const { offset, record } of records) if (record.type === 'RegisterBroker') expect(record.brokerEpoch).toBe(offset);
  });

  it('replays after a crash (no close) and drops a torn tail', () => {
    const dir = tempDir();
    const log = openLog(dir);
    populate(log);
    const image = log.image;
    // Simulate a kill mid-write: half a batch at the end of the active segment, and no clean close.
    const segment = readdirSync(join(dir, METADATA_PARTITION_DIR)).find((f) => f.endsWith('.log'))!;
    const batch = encodeRecordBatch({ baseOffset: log.endOffset, records: [{ offsetDelta: 0, timestampDelta: 0n, key: null, value: encodeMetadataRecord({ type: 'FenceBroker', brokerId: 1, brokerEpoch: 0n }), headers: [] }] });
    appendFileSync(join(dir, METADATA_PARTITION_DIR, segment), batch.subarray(0, batch.length - 5));
    open.splice(open.indexOf(log), 1); // abandoned, as by a crash
    const again = openLog(dir);
    expect(again.image).toEqual(image);
    // The recovered log takes new appends after the last whole batch.
    const next = again.append(fenceBroker(again.image, 1, again.image.brokers.get(1)!.epoch));
    expect(next!.baseOffset).toBe(image.lastOffset + 1n);
  });

  it('stamps batches with the injected clock and tells listeners about each append', () => {
    const dir = tempDir();
    let now = 5_000;
    const log = openLog(dir, () => now);
    const heard: AppendedRecords[] = [];
    const off = log.onAppend((a) => heard.push(a));
    const reg = registerBroker(log.image, { brokerId: 1, incarnationId: incarnation(1), host: 'h', port: 1 });
    log.append(reg.records);
    now = 6_000;
    log.append(unfenceBroker(log.image, 1, reg.brokerEpoch));
    off();
    log.append(fenceBroker(log.image, 1, reg.brokerEpoch));
    expect(heard.map((a) => [a.baseOffset, a.timestamp, a.records[0].type])).toEqual([[0n, 5000n, 'RegisterBroker'], [1n, 6000n, 'UnfenceBroker']]);
    expect(heard[1].image.brokers.get(1)!.fenced).toBe(false);
    expect(log.readAll().map((r) => r.timestamp)).toEqual([5000n, 6000n, 6000n]);
  });

  it('refuses records that do not apply, writing nothing', () => {
    const dir = tempDir();
    const log = openLog(dir);
    populate(log);
    const end = log.endOffset;
    const image = log.image;
    expect(() => log.append([
      { type: 'Config', resourceType: 4, resourceName: '', name: 'x', value: 'y' },
      { type: 'FenceBroker', brokerId: 42, brokerEpoch: 0n },
    ])).toThrow(expect.objectContaining({ code: 'CORRUPT_METADATA' }));
    expect(log.endOffset).toBe(end);
    expect(log.image).toBe(image);
    closeLog(log);
    expect(openLog(dir).image).toEqual(image);
  });

  /** Writes raw record values straight into the partition, bypassing MetadataLog's checks. */
  function writeRaw(dir: string, values: (Uint8Array | null)[]): void {
    const plog = PartitionLog.open(join(dir, METADATA_PARTITION_DIR));
    const batch = encodeRecordBatch({ baseOffset: 0n, records: values.map((value, i) => ({ offsetDelta: i, timestampDelta: 0n, key: null, value, headers: [] })) });
    plog.append(Buffer.from(batch));
    plog.close();
  }

  it('skips control batches on replay and still gives a new broker the offset of its record as epoch', () => {
    const dir = tempDir();
    const plog = PartitionLog.open(join(dir, METADATA_PARTITION_DIR));
    const control = encodeRecordBatch({ baseOffset: 0n, control: true, records: [{ offsetDelta: 0, timestampDelta: 0n, key: new Uint8Array([0, 0, 0, 1]), value: new Uint8Array(6), headers: [] }] });
    plog.append(Buffer.from(control));
    plog.close();
    const log = openLog(dir);
    expect(log.image.brokers.size).toBe(0);
    expect(log.image.lastOffset).toBe(0n);
    const reg = registerBroker(log.image, { brokerId: 1, incarnationId: incarnation(1), host: 'h', port: 1 });
    expect(reg.brokerEpoch).toBe(1n);
    expect(log.append(reg.records)!.baseOffset).toBe(1n);
    expect(log.append(unfenceBroker(log.image, 1, reg.brokerEpoch))!.baseOffset).toBe(2n);
  });

  it.each<[string, (Uint8Array | null)[], RegExp]>([
    ['an undecodable record', [new Uint8Array([0, 99, 0, 0])], /unknown metadata record type 99/],
    ['a null record value', [null], /no header/],
    ['a record that does not fit the image', [encodeMetadataRecord({ type: 'FenceBroker', brokerId: 1, brokerEpoch: 0n })], /unregistered broker 1/],
  ])('stops the open on %s with CORRUPT_METADATA, and releases the log', (_what, values, message) => {
    const dir = tempDir();
    writeRaw(dir, values);
    expect(() => MetadataLog.open({ dataDir: dir })).toThrow(expect.objectContaining({ code: 'CORRUPT_METADATA', message: expect.stringMatching(message) }));
    // Closed on failure: the partition opens again cleanly.
    const plog = PartitionLog.open(join(dir, METADATA_PARTITION_DIR));
    expect(plog.logEndOffset).toBe(1n);
    plog.close();
  });
});
