/**
 * How the failover tests start each client driver: python3-confluent-kafka (librdkafka) and sarama 1.22 (built
 * offline in GOPATH mode, like test/clients). Missing clients fail with the install command (never skip).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GO_ENV, SYSTEM_PYTHON } from '../../clients/programs.js';
import { requireTool } from '../../clients/harness.js';
import { Driver, ROOT, type Recorder } from '../harness.js';

const DRIVERS = join(ROOT, 'test/cluster/drivers');
const SARAMA_APT = 'apt-get install -y golang-go golang-github-shopify-sarama-dev (and gcc for cgo)';

export type ClientName = 'confluent' | 'sarama';

export function checkConfluent(): void {
  requireTool(SYSTEM_PYTHON, ['-c', 'import confluent_kafka'], 'apt-get install -y python3-confluent-kafka');
}

let saramaBinary: string | undefined;
/** Builds drivers/sarama-history once per process. */
export function buildSaramaHistory(): string {
  if (saramaBinary) return saramaBinary;
  requireTool('go', ['version'], SARAMA_APT);
  if (!existsSync('/usr/share/gocode/src/github.com/Shopify/sarama')) {
    throw new Error(`client tool missing: Debian's sarama sources. Install them: ${SARAMA_APT}`);
  }
  const outDir = join(tmpdir(), `tidepool-sarama-history-${process.pid}`);
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, 'sarama-history');
  const r = spawnSync('go', ['build', '-o', out, './sarama-history'], { cwd: DRIVERS, env: { ...process.env, ...GO_ENV }, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`building the sarama driver failed (${r.error?.message ?? ''}):\n${r.stderr}\nInstall: ${SARAMA_APT}`);
  saramaBinary = out;
  return out;
}

/** python3-confluent-kafka driver: `mode` and its arguments as in confluent_history.py's usage. */
export function confluent(recorder: Recorder | null, bootstrap: string, mode: string, ...args: string[]): Driver {
  return new Driver(`confluent ${mode} ${args[1] ?? ''}`.trim(), SYSTEM_PYTHON, [join(DRIVERS, 'confluent_history.py'), bootstrap, mode, ...args], recorder);
}

/** sarama driver; `flags` go before the bootstrap address (-retries N, -idempotent=false). */
export function sarama(recorder: Recorder | null, bootstrap: string, mode: string, args: string[], flags: string[] = []): Driver {
  return new Driver(`sarama ${mode} ${args[1] ?? ''}`.trim(), buildSaramaHistory(), [...flags, bootstrap, mode, ...args], recorder);
}

/** A continuous producer of `client`: values "<process>:<seq>" at `rate`/s for `seconds`, acks=all, idempotent. */
export function producer(client: ClientName, recorder: Recorder, bootstrap: string, topic: string, process: string, seconds: number, rate: number): Driver {
  return client === 'confluent'
    ? confluent(recorder, bootstrap, 'produce', topic, process, String(seconds), String(rate))
    : sarama(recorder, bootstrap, 'produce', [topic, process, String(seconds), String(rate)]);
}

/** A group consumer of `client` that logs every record, assignment and commit for `seconds`. */
export function consumer(client: ClientName, recorder: Recorder, bootstrap: string, topic: string, process: string, group: string, seconds: number): Driver {
  return client === 'confluent'
    ? confluent(recorder, bootstrap, 'consume', topic, process, group, String(seconds))
    : sarama(recorder, bootstrap, 'consume', [topic, process, group, String(seconds)]);
}

/** A producer whose errors come back at once (no retries, no idempotence), to see NOT_ENOUGH_REPLICAS itself. */
export function oneShotProducer(client: ClientName, recorder: Recorder, bootstrap: string, topic: string, process: string, seconds: number, rate: number): Driver {
  return client === 'confluent'
    ? confluent(recorder, bootstrap, 'produce', topic, process, String(seconds), String(rate), 'enable.idempotence=false', 'message.send.max.retries=0', 'message.timeout.ms=10000')
    : sarama(recorder, bootstrap, 'produce', [topic, process, String(seconds), String(rate)], ['-retries', '0', '-idempotent=false']);
}

/** Reads every partition of `topic` from the start to its high watermark into the history as "read" ops. */
export async function finalRead(recorder: Recorder, bootstrap: string, topic: string, process = 'final-reader'): Promise<number> {
  const d = confluent(recorder, bootstrap, 'read', topic, process, '40');
  await d.done(60_000);
  return Number(d.event('read').records);
}

export async function createTopic(bootstrap: string, topic: string, partitions: number, rf: number, config: Record<string, string> = {}): Promise<void> {
  const d = confluent(null, bootstrap, 'create', topic, String(partitions), String(rf), ...Object.entries(config).map(([k, v]) => `${k}=${v}`));
  await d.done(40_000);
}

export interface ClientPartitionMetadata { partition: number; leader: number; replicas: number[]; isr: number[]; error: string | null }

/** Leader, replicas and ISR as a real client's Metadata request reports them. */
export async function clientMetadata(bootstrap: string, topic: string): Promise<ClientPartitionMetadata[]> {
  const d = confluent(null, bootstrap, 'metadata', topic);
  await d.done(30_000);
  return d.event('metadata').partitions as ClientPartitionMetadata[];
}
