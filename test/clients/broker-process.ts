/**
 * Fallback broker launcher for the client suite while `tidepool cluster` is not in the tree: starts one
 * Broker (src-main/broker) from source, prints "bootstrap HOST:PORT", stops cleanly on SIGTERM/SIGINT.
 *   node --import tsx test/clients/broker-process.ts --port 0 --data-dir DIR [--config key=value]...
 * Kafka-named settings the typed view knows are mapped onto it; every other one goes into `raw`.
 */
import { parseArgs } from 'node:util';
import { Broker, type SettingsInput } from '../../src-main/broker/index.js';

const { values } = parseArgs({ options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, config: { type: 'string', multiple: true } } });
const input: { -readonly [K in keyof SettingsInput]: SettingsInput[K] } & Record<string, unknown> = { host: '127.0.0.1', port: Number(values.port ?? 0), dataDir: String(values['data-dir']), raw: {} };
const NUMBERS: Record<string, string> = { 'num.partitions': 'numPartitions', 'message.max.bytes': 'messageMaxBytes', 'connections.max.idle.ms': 'connectionsMaxIdleMs' };
for (const kv of values.config ?? []) {
  const [k, v] = [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)];
  if (k in NUMBERS) input[NUMBERS[k]] = Number(v);
  else if (k === 'auto.create.topics.enable') input.autoCreateTopicsEnable = v === 'true';
  else if (k === 'advertised.listeners') {
    const m = /^[A-Z_]+:\/\/([^:]+):(\d+)$/.exec(v);
    if (!m) throw new Error(`advertised.listeners: expected PLAINTEXT://host:port, got ${v}`);
    [input.advertisedHost, input.advertisedPort] = [m[1], Number(m[2])];
  }
  input.raw![k] = v;
}
const broker = await Broker.start({ ...input, logger: { info: (m) => console.error(`[broker] ${m}`), warn: (m) => console.error(`[broker] ${m}`) } });
console.log(`bootstrap ${broker.bootstrap}`);
const stop = async () => { await broker.stop(); process.exit(0); };
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
