// Helper for bench/broker-load.bench.ts: one broker in its own process (so the load generator's event loop
// does not share the broker's). Prints "PORT <n>" when listening; stops cleanly on SIGTERM.
import { Broker } from '../src-main/broker/index.js';

const broker = await Broker.start({ dataDir: process.argv[2], port: 0, logger: { info: () => {}, warn: (m) => console.error(m) } });
console.log(`PORT ${broker.port}`);
process.once('SIGTERM', () => { void broker.stop().then(() => process.exit(0)); });
