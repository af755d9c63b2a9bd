// The recording proxy's framing and fixture I/O, over real TCP: frames split across chunks, several frames in
// one chunk, non-Kafka bytes (recording stops, forwarding goes on), and hex parsing errors.
import { connect, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { FrameSplitter, fromHex, kebabName, startRecordProxy, toHex } from './record-proxy.js';

const frame = (apiKey: number, version: number, corr: number, extra = 4): Buffer => {
  const b = Buffer.alloc(4 + 8 + extra);
  b.writeInt32BE(8 + extra, 0);
  b.writeInt16BE(apiKey, 4);
  b.writeInt16BE(version, 6);
  b.writeInt32BE(corr, 8);
  return b;
};

describe('FrameSplitter', () => {
  it('splits frames across and within chunks', () => {
    const s = new FrameSplitter();
    const two = Buffer.concat([frame(18, 3, 1), frame(3, 12, 2)]);
    expect(s.push(two.subarray(0, 5))).toEqual([]);
    const out = s.push(two.subarray(5));
    expect(out.map((f) => [f.readInt16BE(0), f.readInt16BE(2), f.readInt32BE(4)])).toEqual([[18, 3, 1], [3, 12, 2]]);
  });

  it('stops recording on a length prefix that is not Kafka framing', () => {
    const s = new FrameSplitter();
    expect(s.push(Buffer.from([0x7f, 0xff, 0xff, 0xff, 1, 2, 3]))).toEqual([]);
    expect(s.push(frame(18, 0, 1))).toEqual([]);
  });
});

describe('hex fixtures', () => {
  it('round-trips bytes and ignores comment lines', () => {
    const bytes = Buffer.from(Array.from({ length: 70 }, (_, i) => i));
    expect(fromHex(`# who, how, when\n${toHex(bytes)}`)).toEqual(bytes);
  });
  it('rejects odd or non-hex text', () => {
    expect(() => fromHex('abc')).toThrow(/whole bytes of hex/);
    expect(() => fromHex('zz')).toThrow(/whole bytes of hex/);
  });
  it('names fixture folders like the schema files', () => {
    expect(kebabName(18)).toBe('api-versions');
    expect(kebabName(23)).toBe('offset-for-leader-epoch');
    expect(() => kebabName(9999)).toThrow(/unknown API key/);
  });
});

describe('startRecordProxy', () => {
  it('records request frames and forwards both directions unchanged', async () => {
    const upstream = createServer((s) => s.on('data', (d) => s.write(Buffer.concat([Buffer.from('echo:'), d]))));
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const proxy = await startRecordProxy();
    proxy.setUpstream('127.0.0.1', (upstream.address() as { port: number }).port);
    const sock = connect(proxy.port, '127.0.0.1');
    const got: Buffer[] = [];
    sock.on('data', (d) => got.push(d));
    const sent = Buffer.concat([frame(3, 0, 7), frame(0, 3, 8, 20)]);
    sock.write(sent.subarray(0, 3));
    sock.write(sent.subarray(3));
    await new Promise((r) => setTimeout(r, 200));
    expect(proxy.frames.map((f) => [f.connection, f.apiKey, f.apiVersion, f.correlationId, f.bytes.length])).toEqual([[1, 3, 0, 7, 12], [1, 0, 3, 8, 28]]);
    expect(Buffer.concat(got).toString('latin1').replaceAll('echo:', '')).toBe(sent.toString('latin1'));
    sock.destroy();
    await proxy.close();
    upstream.close();
  });
});

describe('startRecordProxy with a cut fault', () => {
  it('forwards other responses, then swallows the first response of the API and closes the connection', async () => {
    // Upstream answers every request frame with a 4-byte-header response carrying its correlation id.
    const upstream = createServer((s) => {
      const split = new FrameSplitter();
      s.on('data', (d) => {
        for (const f of split.push(d)) {
          const r = Buffer.alloc(12);
          r.writeInt32BE(8, 0);
          r.writeInt32BE(f.readInt32BE(4), 4);
          s.write(r);
        }
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const proxy = await startRecordProxy({ host: '127.0.0.1', port: (upstream.address() as { port: number }).port }, { apiKey: 0, count: 1 });
    const sock = connect(proxy.port, '127.0.0.1');
    const got: Buffer[] = [];
    sock.on('data', (d) => got.push(d));
    const closed = new Promise<void>((r) => sock.on('close', () => r()));
    sock.write(frame(3, 0, 41));
    await new Promise((r) => setTimeout(r, 100));
    expect(Buffer.concat(got).readInt32BE(4)).toBe(41);
    sock.write(frame(0, 3, 42));
    await closed;
    expect(Buffer.concat(got)).toHaveLength(12); // the Produce response never arrived
    expect(proxy.cuts).toBe(1);
    await proxy.close();
    upstream.close();
  });
});
