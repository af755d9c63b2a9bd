import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KafkaError } from '../../protocol/index.js';
import { BatchField, updateBatchCrc } from '../../protocol/records/batch-header.js';
import { PartitionLog } from '../../storage/partition-log.js';
import { makeBatch } from '../../storage/test-batches.js';
import { appendWithProducerChecks, precheckProducerBatches } from './produce-append.js';

const dirs: string[] = [];
function openLog(dir?: string): PartitionLog {
  const d = dir ?? mkdtempSync(join(tmpdir(), 'tp-producer-'));
  if (dir === undefined) dirs.push(d);
  return PartitionLog.open(d);
}
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

const pid = 7n;
const batch = (seq: number, records = 2, epoch = 0, producerId = pid) =>
  makeBatch({ records, producerId, producerEpoch: epoch, baseSequence: seq, seed: seq });
const code = (name: string) => KafkaError[name]!.code;

function ok(out: ReturnType<typeof appendWithProducerChecks>) {
  if (out.errorCode !== 0 || !('result' in out)) throw new Error(`expected success, got ${JSON.stringify(out, (_, v) => typeof v === 'bigint' ? String(v) : v)}`);
  return out.result;
}

describe('appendWithProducerChecks', () => {
  it('appends in-sequence batches and answers a retried duplicate with its original offsets', () => {
    const log = openLog();
    expect(ok(appendWithProducerChecks(log, batch(0))).baseOffset).toBe(0n);
    expect(ok(appendWithProducerChecks(log, batch(2))).baseOffset).toBe(2n);
    const dup = ok(appendWithProducerChecks(log, batch(0)));
    expect(dup).toMatchObject({ duplicate: true, baseOffset: 0n, lastOffset: 1n });
    expect(log.logEndOffset).toBe(4n); // nothing written again
    log.close();
  });

  it('detects duplicates among the last 5 batches only; older retries are out of order', () => {
    const log = openLog();
    for (let i = 0; i < 6; i++) ok(appendWithProducerChecks(log, batch(i * 2)));
    expect(ok(appendWithProducerChecks(log, batch(2))).duplicate).toBe(true); // 2nd batch: still among the last 5
    const old = appendWithProducerChecks(log, batch(0)); // 1st batch: evicted
    expect(old.errorCode).toBe(code('OUT_OF_ORDER_SEQUENCE_NUMBER'));
    log.close();
  });

  it('rejects a sequence gap with OUT_OF_ORDER_SEQUENCE_NUMBER and writes nothing', () => {
    const log = openLog();
    ok(appendWithProducerChecks(log, batch(0)));
    const out = appendWithProducerChecks(log, batch(5));
    expect(out.errorCode).toBe(code('OUT_OF_ORDER_SEQUENCE_NUMBER'));
    expect('errorMessage' in out && out.errorMessage).toMatch(/expected sequence 2, got 5/);
    expect(log.logEndOffset).toBe(2n);
    log.close();
  });

  it('fences an older epoch and requires a new epoch to start at sequence 0', () => {
    const log = openLog();
    ok(appendWithProducerChecks(log, batch(0, 2, 1)));
    expect(appendWithProducerChecks(log, batch(2, 2, 0)).errorCode).toBe(code('INVALID_PRODUCER_EPOCH'));
    expect(appendWithProducerChecks(log, batch(3, 2, 2)).errorCode).toBe(code('OUT_OF_ORDER_SEQUENCE_NUMBER'));
    expect(ok(appendWithProducerChecks(log, batch(0, 2, 2))).baseOffset).toBe(2n);
    log.close();
  });

  it('accepts any first sequence from a producer it has no state for (KIP-360)', () => {
    const log = openLog();
    expect(ok(appendWithProducerChecks(log, batch(42))).baseOffset).toBe(0n);
    expect(ok(appendWithProducerChecks(log, batch(44))).baseOffset).toBe(2n);
    log.close();
  });

  it('keeps the state across a restart: a duplicate after reopening still gets its original offsets', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-producer-'));
    dirs.push(dir);
    const log = openLog(dir);
    ok(appendWithProducerChecks(log, batch(0)));
    ok(appendWithProducerChecks(log, batch(2)));
    log.close();
    const again = openLog(dir);
    expect(ok(appendWithProducerChecks(again, batch(2)))).toMatchObject({ duplicate: true, baseOffset: 2n });
    expect(appendWithProducerChecks(again, batch(9)).errorCode).toBe(code('OUT_OF_ORDER_SEQUENCE_NUMBER'));
    expect(ok(appendWithProducerChecks(again, batch(4))).baseOffset).toBe(4n);
    again.close();
  });

  it('rejects transactional batches and a producer id without a sequence before touching the log', () => {
    const txn = batch(0);
    txn.writeInt16BE(txn.readInt16BE(BatchField.attributes) | 0x10, BatchField.attributes);
    updateBatchCrc(txn, 0);
    const noSeq = makeBatch({ producerId: pid, producerEpoch: 0, baseSequence: -1 });
    let appended = 0;
    const spy = { append: () => { appended++; throw new Error('must not be called'); } };
    expect(appendWithProducerChecks(spy, txn).errorCode).toBe(code('INVALID_TXN_STATE'));
    expect(appendWithProducerChecks(spy, noSeq).errorCode).toBe(code('INVALID_RECORD'));
    expect(appended).toBe(0);
    expect(precheckProducerBatches(makeBatch())).toBeUndefined();
    expect(precheckProducerBatches(Buffer.alloc(10))).toBeUndefined();
  });

  it('passes plain (non-idempotent) batches through and rethrows other storage errors', () => {
    const log = openLog();
    expect(ok(appendWithProducerChecks(log, makeBatch({ records: 3 }))).lastOffset).toBe(2n);
    const corrupt = makeBatch();
    corrupt[corrupt.length - 1]! ^= 0xff; // CRC no longer matches
    expect(() => appendWithProducerChecks(log, corrupt)).toThrow(/append rejected/);
    log.close();
  });
});
