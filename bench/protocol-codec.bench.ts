// Protocol codec throughput through the public door (frame-level encode/decode, headers included):
// a Produce request carrying 1 MiB of record batches (opaque bytes), a Metadata v12 response for 1,000
// topics x 3 partitions, and a small Heartbeat request. Writes bench-results/protocol-codec.json.
import { writeFileSync, mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { API_BY_KEY, decodeRequest, decodeResponse, encodeRequest, encodeResponse } from '../src-main/protocol/index.js';

const PRODUCE = API_BY_KEY.get(0)!;
const METADATA = API_BY_KEY.get(3)!;
const HEARTBEAT = API_BY_KEY.get(12)!;

interface Row { case: string; op: string; opsPerSec: number; msPerOp: number; mbPerSec: number; frameBytes: number }
const rows: Row[] = [];

/**
 * ms per call of `f`: after a warm-up, 7 samples of >= 200 ms each; the median is reported, because the
 * machine's 2 cores are shared and single samples are noisy.
 */
function measure(f: () => void): number {
  const warmEnd = performance.now() + 300;
  while (performance.now() < warmEnd) f();
  const samples: number[] = [];
  for (let s = 0; s < 7; s++) {
    let n = 0;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < 200) { for (let i = 0; i < 4; i++) f(); n += 4; t = performance.now(); }
    samples.push((t - t0) / n);
  }
  return samples.sort((a, b) => a - b)[3];
}

function record(name: string, op: string, ms: number, frameBytes: number): void {
  rows.push({ case: name, op, opsPerSec: 1000 / ms, msPerOp: ms, mbPerSec: frameBytes / 2 ** 20 / (ms / 1000), frameBytes });
}

function run(name: string, encode: () => Uint8Array, decode: (frame: Uint8Array) => void): void {
  const frame = encode();
  record(name, 'encode', measure(encode), frame.length);
  const body = frame.subarray(4);
  record(name, 'decode', measure(() => decode(body)), frame.length);
}

// Produce: 1 topic x 4 partitions x 256 KiB of (opaque) record batches = 1 MiB.
const records = [0, 1, 2, 3].map(() => new Uint8Array(randomBytes(256 * 1024)));
const produceBody = { transactionalId: null, acks: -1, timeoutMs: 30000,
  topicData: [{ name: 'bench-topic', partitionData: records.map((r, index) => ({ index, records: r })) }] };
for (const v of [9, 11]) {
  run(`Produce v${v} request, 1 MiB records`,
    () => encodeRequest(PRODUCE, v, { correlationId: 1, clientId: 'bench' }, produceBody),
    (f) => { decodeRequest(f); });
}

// Metadata v12 response: 3 brokers, 1,000 topics x 3 partitions, replication factor 3.
const metadataBody = {
  throttleTimeMs: 0, clusterId: 'tidepool-bench', controllerId: 1,
  brokers: [1, 2, 3].map((nodeId) => ({ nodeId, host: 'localhost', port: 9090 + nodeId, rack: null })),
  topics: Array.from({ length: 1000 }, (_, i) => ({
    errorCode: 0, name: `topic-${i}`, topicId: Buffer.alloc(16, i % 251 + 1).toString('base64url'), isInternal: false,
    partitions: [0, 1, 2].map((p) => ({ errorCode: 0, partitionIndex: p, leaderId: (p % 3) + 1, leaderEpoch: 0,
      replicaNodes: [1, 2, 3], isrNodes: [1, 2, 3], offlineReplicas: [] })),
    topicAuthorizedOperations: -2147483648,
  })),
};
run('Metadata v12 response, 1000 topics x 3 partitions',
  () => encodeResponse(METADATA, 12, 1, metadataBody),
  (f) => { decodeResponse(METADATA, 12, f); });

run('Heartbeat v4 request',
  () => encodeRequest(HEARTBEAT, 4, { correlationId: 1, clientId: 'bench' }, { groupId: 'group-1', generationId: 5, memberId: 'member-1-abc', groupInstanceId: null }),
  (f) => { decodeRequest(f); });

const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
console.log('case'.padEnd(52), 'op'.padEnd(7), 'ops/s'.padStart(12), 'ms/op'.padStart(10), 'MiB/s'.padStart(9), 'frame B'.padStart(10));
for (const r of rows) {
  console.log(r.case.padEnd(52), r.op.padEnd(7), fmt(r.opsPerSec, 0).padStart(12), fmt(r.msPerOp, 4).padStart(10),
    fmt(r.mbPerSec).padStart(9), String(r.frameBytes).padStart(10));
}
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/protocol-codec.json', JSON.stringify({ node: process.version, rows }, null, 2));
