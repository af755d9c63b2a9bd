/**
 * `tidepool cluster`: runs the local cluster headless, prints the bootstrap address, stops cleanly on
 * SIGINT/SIGTERM. Broker settings come from --config-file (server.properties syntax) and repeated
 * --config key=value (later wins), checked against Kafka 3.9's catalog in broker/config: an unknown name
 * or bad value stops with the reason before anything starts. Also holds the app's default data dir and the
 * embedded-cluster starter used by `tidepool start` (a worker thread: cluster/worker-host/).
 */
import { userDataDir } from './paths.js';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, parseConfigArgs, parseProperties } from '../broker/config/index.js';
import { ClusterError, ClusterHost, type ClusterHostOptions, LocalCluster } from '../cluster/index.js';
import { formatClusterEvent } from './cluster-event-line.js';

export const CLUSTER_HELP = `Usage: tidepool cluster [options]

Runs a local Kafka cluster without the window. Clients connect to the printed bootstrap address.
Stop it with Ctrl+C (or SIGTERM); the next start on the same data dir brings every topic and record back.

Options:
  --brokers N          Number of brokers, 1 to 9 (default 1); broker i listens on port + i - 1
  --port P             Port of the first broker (default 9092, or the next free one; 0 = any free port).
                       An explicit port that is taken is an error.
  --data-dir DIR       Where the logs live (default: the app's data folder, ${defaultDataDir()})
  --advertised-host H  Host clients are told to use (default: the listen address, 127.0.0.1)
  --config key=value   A Kafka broker setting, e.g. --config num.partitions=3 (repeatable)
  --config-file F      A server.properties file (applied before --config)
  --events             Print the cluster's metadata events as they happen (fenced, leader change, ISR...)
  -h, --help           Show this help`;

/** Where the local cluster keeps its data: <user-data>/local-cluster (TIDEPOOL_DATA_DIR overrides it). */
export function defaultDataDir(): string {
  if (process.env.TIDEPOOL_DATA_DIR) return resolve(process.env.TIDEPOOL_DATA_DIR);
  return join(userDataDir(), 'local-cluster');
}

class UsageError extends Error {}

function intOption(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${text}"`);
  return n;
}

export interface ClusterArgs {
  brokers: number;
  port: number | undefined;
  dataDir: string;
  advertisedHost: string | undefined;
  config: Map<string, string>;
  /** Print metadata events as they happen. */
  events: boolean;
}

/** Parses and checks the command line (throws UsageError / ConfigError with a message for the user). */
export function parseClusterArgs(argv: string[]): ClusterArgs | 'help' {
  const { values } = parseArgs({
    args: argv, strict: true, allowPositionals: false,
    options: {
      help: { type: 'boolean', short: 'h' }, brokers: { type: 'string' }, port: { type: 'string' }, 'data-dir': { type: 'string' },
      'advertised-host': { type: 'string' }, config: { type: 'string', multiple: true }, 'config-file': { type: 'string' },
      events: { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  const config = new Map<string, string>();
  if (values['config-file'] !== undefined) {
    const file = values['config-file'];
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read --config-file ${file}: ${(err as Error).message}`);
    }
    for (const [k, v] of parseProperties(text, file)) config.set(k, v);
  }
  for (const [k, v] of parseConfigArgs(values.config ?? [])) config.set(k, v);
  const logDirs = config.get('log.dirs') ?? config.get('log.dir');
  return {
    brokers: intOption('brokers', values.brokers, 1, 9) ?? 1,
    port: intOption('port', values.port, 0, 65535),
    dataDir: resolve(values['data-dir'] ?? logDirs?.split(',')[0] ?? defaultDataDir()),
    advertisedHost: values['advertised-host'],
    config,
    events: values.events === true,
  };
}

/** Runs `tidepool cluster`; resolves when the cluster has stopped. Exit codes: 2 usage/config, 1 start failure. */
export async function runClusterCommand(argv: string[]): Promise<void> {
  let args: ClusterArgs | 'help';
  try {
    args = parseClusterArgs(argv);
  } catch (err) {
    const hint = err instanceof ConfigError || err instanceof UsageError ? '' : `\n\n${CLUSTER_HELP}`;
    console.error(`tidepool cluster: ${(err as Error).message}${hint}`);
    process.exit(2);
  }
  if (args === 'help') { console.log(CLUSTER_HELP); return; }
  let cluster: LocalCluster;
  try {
    cluster = await LocalCluster.start({
      dataDir: args.dataDir, brokers: args.brokers, port: args.port ?? 9092, portFallback: args.port === undefined,
      advertisedHost: args.advertisedHost, config: args.config,
    });
  } catch (err) {
    const usage = err instanceof ConfigError || (err instanceof ClusterError && err.code === 'TOO_MANY_BROKERS');
    console.error(`tidepool cluster: ${(err as Error).message}`);
    process.exit(usage ? 2 : 1);
  }
  for (const w of cluster.warnings) console.warn(`tidepool cluster: warning: ${w}`);
  const port = cluster.brokers[0].port;
  if (args.port === undefined && port !== 9092) console.log(`Port 9092 is taken; using ${port} instead.`);
  console.log(`Tidepool cluster running: ${cluster.brokers.length} broker(s), data in ${args.dataDir}`);
  for (const b of cluster.status().brokers) {
    console.log(`  broker ${b.nodeId}: ${b.host}:${b.port}${b.controller ? ' (controller)' : ''}`);
  }
  console.log(`bootstrap.servers=${cluster.bootstrap}`);
  console.log('Press Ctrl+C to stop.');
  if (args.events) {
    // The start's own events (registrations) first, then each as it happens.
    for (const e of cluster.events()) console.log(formatClusterEvent(e));
    cluster.onEvent((e) => console.log(formatClusterEvent(e)));
  }
  await new Promise<void>((done) => {
    const stop = (signal: string) => {
      console.log(`Stopping (${signal})...`);
      void cluster.stop().then(() => { console.log('Stopped.'); done(); });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

/**
 * Starts the app's embedded cluster (default 1 broker, default data dir, 9092 or the next free port) in a
 * worker thread, so broker load never blocks the app's API (headless `tidepool cluster` has no API to
 * protect and runs its cluster in-process). `options` override the other defaults.
 */
export function startEmbeddedCluster(dataDir = defaultDataDir(), brokers = 1, options: Omit<ClusterHostOptions, 'dataDir' | 'brokers'> = {}): Promise<ClusterHost> {
  return ClusterHost.start({
    port: 9092, portFallback: true, logger: { info: () => {}, warn: (m) => console.warn(`[local cluster] ${m}`) }, ...options, dataDir, brokers,
  });
}
