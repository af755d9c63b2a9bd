import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Compression, encodeRecordBatch, encodeTxnMarkerBatch } from '../protocol/records/index.js';
import { decodePartition, MessageReader } from './message-reader.js';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array | null) => (b === null ? null : new TextDecoder().decode(b));

function batch(baseOffset: bigint, values: string[], compression: 0 | 1 = 0): Uint8Array {
  return encodeRecordBatch({
    baseOffset, compression, baseTimestamp: 1000n,
    records: values.map((v, i) => ({ offsetDelta: i, timestampDelta: BigInt(i), key: enc(`k${i}`), value: enc(v), headers: [{ key: 'h', value: enc(v) }] })),
  });
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};

describe('decodePartition (real record batches)', () => {
  it('returns records at or after the fetch offset, from compressed batches too, and copies their bytes', () => {
    const data = concat(batch(0n, ['a', 'b', 'c'], Compression.gzip), batch(3n, ['d', 'e']));
    const p = decodePartition(4, 1n, { errorCode: 0, highWatermark: 5n, logStartOffset: 0n, records: data });
    expect(p.records.map((r) => [r.offset, dec(r.value), dec(r.key), r.timestamp])).toEqual([
      [1n, 'b', 'k1', 1001n], [2n, 'c', 'k2', 1002n], [3n, 'd', 'k0', 1000n], [4n, 'e', 'k1', 1001n],
    ]);
    expect(p.records[0].partition).toBe(4);
    expect(p.records[0].headers.map((h) => [h.key, dec(h.value)])).toEqual([['h', 'b']]);
    expect(p.nextOffset).toBe(5n);
    // Copies, not views of the response frame (a view would drag the whole frame through structured clone).
    expect(p.records[3].value!.buffer.byteLength).toBe(1);
  });

  it('skips transaction markers but moves past them', () => {
    const data = concat(batch(0n, ['a']), encodeTxnMarkerBatch({ baseOffset: 1n, producerId: 7n, producerEpoch: 0, timestamp: 5n, commit: true, coordinatorEpoch: 0 }));
    const p = decodePartition(0, 0n, { errorCode: 0, highWatermark: 2n, records: data });
    expect(p.records.map((r) => dec(r.value))).toEqual(['a']);
    expect(p.nextOffset).toBe(2n);
  });

  it('ignores a partial trailing batch (a fetch may end inside one)', () => {
    const second = batch(1n, ['b']);
    const data = concat(batch(0n, ['a']), second.subarray(0, second.length - 5));
    const p = decodePartition(0, 0n, { errorCode: 0, highWatermark: 2n, records: data });
    expect(p.records.map((r) => dec(r.value))).toEqual(['a']);
    expect(p.nextOffset).toBe(1n);
  });

  it('passes a partition error through with no records', () => {
    const p = decodePartition(2, 9n, { errorCode: 1, highWatermark: 5n, logStartOffset: 3n, records: null });
    expect(p).toMatchObject({ errorCode: 1, records: [], nextOffset: 9n, logStartOffset: 3n });
  });

  it('turns a corrupt batch into a readable TP_KAFKA error naming partition and offset', () => {
    const data = batch(0n, ['abc']);
    data[data.length - 1] ^= 0xff; // breaks the CRC-32C
    expect(() => decodePartition(3, 0n, { errorCode: 0, highWatermark: 1n, records: data }))
      .toThrow(expect.objectContaining({ code: 'TP_KAFKA', message: expect.stringMatching(/Partition 3 .* offset 0: .*CRC/) }));
  });
});

describe('MessageReader connection errors', () => {
  it('says the cluster cannot be reached when nothing listens', async () => {
    const srv: Server = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as { port: number }).port;
    await new Promise<void>((r) => srv.close(() => r()));
    const reader = new MessageReader({ name: 'x', bootstrap: [`127.0.0.1:${port}`] }, 2000);
    await expect(reader.refreshMetadata('t')).rejects.toMatchObject({ code: 'TP_UNAVAILABLE', message: /Cannot read messages from 127\.0\.0\.1:\d+: .*Test connection/ });
    await reader.close();
  });

  it('says when the server is not Kafka', async () => {
    const srv: Server = createServer((s) => s.on('data', () => s.write('HTTP/1.1 400 Bad Request\r\n\r\n')));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as { port: number }).port;
    const reader = new MessageReader({ name: 'x', bootstrap: [`127.0.0.1:${port}`] }, 2000);
    try {
      await expect(reader.refreshMetadata('t')).rejects.toMatchObject({ code: 'TP_UNAVAILABLE', message: /not a Kafka frame/ });
    } finally {
      await reader.close();
      await new Promise<void>((r) => srv.close(() => r()));
    }
  });

  it('refuses to work after close', async () => {
    const reader = new MessageReader({ name: 'x', bootstrap: ['127.0.0.1:9'] }, 1000);
    await reader.close();
    await expect(reader.fetch('t', [{ partition: 0, offset: 0n }], { maxWaitMs: 10, partitionMaxBytes: 1000 })).rejects.toMatchObject({ code: 'TP_CANCELLED' });
  });
});
