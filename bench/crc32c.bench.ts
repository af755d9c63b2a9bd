// CRC-32C throughput over 16 MiB buffers (target >= 1 GB/s).
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { crc32c } from '../src-main/protocol/records/crc32c.js';

const buf = randomBytes(16 * 1024 * 1024);
for (let i = 0; i < 5; i++) crc32c(buf); // warm up
const rounds = 64;
const t0 = process.hrtime.bigint();
let acc = 0;
for (let i = 0; i < rounds; i++) acc ^= crc32c(buf);
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
const gbps = (buf.length * rounds) / secs / 1e9;
console.log(`crc32c: ${(buf.length * rounds / 2 ** 20).toFixed(0)} MiB in ${secs.toFixed(3)} s = ${gbps.toFixed(2)} GB/s (xor ${acc})`);
writeFileSync('bench-results/crc32c.json', JSON.stringify({ gbPerSec: gbps }, null, 2));
