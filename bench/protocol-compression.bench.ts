// Compression codecs and RecordBatch v2 throughput on realistic data: 1 MiB of JSON-ish event records
// (the shape of a typical topic). Rates are per second of CPU time used by this process (user + system,
// from process.cpuUsage), not wall time: the 2-core machine is shared by several jobs, and CPU time is
// far less disturbed by that. Each figure is the best of 3 rounds of >= 300 ms CPU after a warm-up.
import { mkdirSync, writeFileSync } from 'node:fs';
import { compress, decompress, CODEC_NAMES, type CompressionCodec } from '../src-main/protocol/records/compression.js';
import { decodeRecordBatch, encodeRecordBatch, type RawRecord } from '../src-main/protocol/records/record-batch.js';
import { decodeMessageSet } from '../src-main/protocol/records/message-set.js';
import { downConvert, upConvert } from '../src-main/protocol/records/convert.js';

const MiB = 1 << 20;
const enc = new TextEncoder();

function eventJson(i: number): string {
  return JSON.stringify({
    id: i, user: `user-${(i * 7919) % 5000}`, event: ['click', 'view', 'purchase', 'login'][i % 4],
    ts: 1700000000000 + i * 13, page: `/products/${(i * 31) % 700}`, amount: ((i * 37) % 10000) / 100,
    tags: ['a', 'b', 'c'].slice(0, i % 4), session: ((i * 2654435761) >>> 0).toString(16),
  });
}
const lines: string[] = [];
let total = 0;
for (let i = 0; total < MiB; i++) { const s = eventJson(i) + '\n'; lines.push(s); total += s.length; }
const data = enc.encode(lines.join('')).subarray(0, MiB);

/** Runs fn repeatedly for >= minMs of CPU time; returns ops per CPU-second, best of `rounds`. */
function rate(fn: () => unknown, minMs = 300, rounds = 3): number {
  for (let i = 0; i < 3; i++) fn();
  const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    let n = 0;
    const c0 = process.cpuUsage();
    let el = 0;
    while ((el = cpuMs(process.cpuUsage(c0))) < minMs) { fn(); n++; }
    best = Math.max(best, (n * 1000) / el);
  }
  return best;
}

interface Row { name: string; ratio?: number; compressMBps?: number; decompressMBps?: number; recordsPerSec?: number; MBps?: number }
const rows: Row[] = [];

console.log(`codecs on ${data.length} bytes of JSON events`);
console.log('codec     ratio   compress MB/s   decompress MB/s   (per CPU-second)');
for (const codec of [1, 2, 3, 4] as CompressionCodec[]) {
  const packed = compress(codec, data);
  const c = rate(() => compress(codec, data)) * data.length / 1e6;
  const d = rate(() => decompress(codec, packed)) * data.length / 1e6;
  const ratio = data.length / packed.length;
  rows.push({ name: CODEC_NAMES[codec], ratio, compressMBps: c, decompressMBps: d });
  console.log(`${CODEC_NAMES[codec].padEnd(8)} ${ratio.toFixed(2).padStart(6)} ${c.toFixed(0).padStart(15)} ${d.toFixed(0).padStart(17)}`);
}

// RecordBatch v2: 1 MiB of the same events as ~4,000 records of ~260 bytes, each with one header.
const records: RawRecord[] = lines.slice(0, 4000).map((l, i) => ({
  offsetDelta: i, timestampDelta: BigInt(i * 13), key: enc.encode(`user-${(i * 7919) % 5000}`), value: enc.encode(l),
  headers: [{ key: 'content-type', value: enc.encode('application/json') }],
}));
const plainBytes = encodeRecordBatch({ baseOffset: 0n, baseTimestamp: 1700000000000n, records }).length;
console.log(`\nRecordBatch v2: ${records.length} records, ${plainBytes} bytes uncompressed`);
console.log('operation                      records/s       MB/s (uncompressed, per CPU-second)');
for (const codec of [0, 3, 4, 1] as CompressionCodec[]) {
  const batch = encodeRecordBatch({ baseOffset: 0n, compression: codec, baseTimestamp: 1700000000000n, records });
  for (const [op, fn] of [
    ['encode', () => encodeRecordBatch({ baseOffset: 0n, compression: codec, baseTimestamp: 1700000000000n, records })],
    ['decode', () => decodeRecordBatch(batch)],
  ] as const) {
    const ops = rate(fn);
    const name = `batch ${op} ${CODEC_NAMES[codec]}`;
    rows.push({ name, recordsPerSec: ops * records.length, MBps: (ops * plainBytes) / 1e6 });
    console.log(`${name.padEnd(28)} ${(ops * records.length).toFixed(0).padStart(11)} ${((ops * plainBytes) / 1e6).toFixed(0).padStart(10)}`);
  }
}

// Legacy paths: down-conversion for old fetchers, and up-conversion of old producers' data.
const v2gzip = encodeRecordBatch({ baseOffset: 0n, compression: 1, baseTimestamp: 1700000000000n, records });
const legacy1 = downConvert(v2gzip, 1);
for (const [name, fn] of [
  ['down-convert v2 gzip -> magic 1', () => downConvert(v2gzip, 1)],
  ['up-convert magic 1 gzip -> v2', () => upConvert(legacy1)],
  ['decode message set magic 1 gzip', () => decodeMessageSet(legacy1)],
] as const) {
  const ops = rate(fn);
  rows.push({ name, recordsPerSec: ops * records.length, MBps: (ops * plainBytes) / 1e6 });
  console.log(`${name.padEnd(28)} ${(ops * records.length).toFixed(0).padStart(11)} ${((ops * plainBytes) / 1e6).toFixed(0).padStart(10)}`);
}

mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/protocol-compression.json', JSON.stringify({ inputBytes: data.length, node: process.version, unit: 'per CPU-second', rows }, null, 2));
