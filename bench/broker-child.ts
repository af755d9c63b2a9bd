// Helper for the broker benches: one broker in its own process (so the load generator's event loop
// does not share the broker's). Prints "PORT <n>" when listening; stops cleanly on SIGTERM. A line "mem"
// on stdin prints "MEM {rss, heapUsed, external, arrayBuffers}" (bytes); "gc" first runs a full GC (when
// started with --expose-gc), so a bench can tell retained memory from garbage not yet collected.
import { createInterface } from 'node:readline';
import { Broker } from '../src-main/broker/index.js';

const broker = await Broker.start({ dataDir: process.argv[2], port: 0, logger: { info: () => {}, warn: (m) => console.error(m) } });
console.log(`PORT ${broker.port}`);
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'gc') (globalThis as { gc?: () => void }).gc?.();
  if (line !== 'gc' && line !== 'mem') return;
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  console.log(`MEM ${JSON.stringify({ rss, heapUsed, external, arrayBuffers })}`);
});
process.once('SIGTERM', () => { void broker.stop().then(() => process.exit(0)); });
