/**
 * Captures golden request bytes from real clients through the recording proxy:
 *   npx tsx test/golden/capture.ts [--no-broker] [client...]
 * With a broker (the default once `tidepool cluster` exists) the proxy forwards to a real broker that
 * advertises the proxy's address, so every connection of the client goes through it; with --no-broker the
 * proxy only accepts, which captures each client's first request(s). Writes src-main/protocol/__fixtures__/
 * NN-name/vK-<client>-request.hex, records each file in manifest.json and regenerates README.md there.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brokerCommandAvailable, freePort, runProgram, startBroker, type Broker } from '../clients/harness.js';
import { NODE22, SYSTEM_PYTHON, buildSarama } from '../clients/programs.js';
import { startRecordProxy, writeFixtures } from './record-proxy.js';
import { FIXTURES, type ManifestEntry, readManifest, renderReadme } from './manifest.js';

interface Capture {
  client: string;
  software: string;
  clientId: string;
  /** Commands to run with the bootstrap address; each gets at most timeoutMs. */
  commands: (bootstrap: string) => Array<[string, string[]]>;
}

const CLIENTS = join(import.meta.dirname, '../clients');
const py = (script: string, ...args: string[]) => (b: string): [string, string[]] => [SYSTEM_PYTHON, [join(CLIENTS, 'python', script), b, ...args]];
/** create/produce/consume share one topic; offsets and config create their own. */
const topicFor = (client: string, scenario: string) => `golden-${client}${['offsets', 'config'].includes(scenario) ? `-${scenario}` : ''}`;

function captures(withBroker: boolean): Capture[] {
  const scenarios = withBroker ? ['metadata', 'create', 'produce', 'consume', 'offsets', 'config'] : ['metadata'];
  const kcatBase = (b: string) => ['-b', b, '-X', 'client.id=tidepool-kcat', '-X', 'api.version.request.timeout.ms=1500'];
  return [
    {
      client: 'kcat', software: 'kcat 1.7.1, librdkafka 2.0.2 (Debian)', clientId: 'tidepool-kcat',
      commands: (b) => withBroker
        ? [['kcat', ['-L', ...kcatBase(b), '-t', 'golden-kcat']],
          ['sh', ['-c', `printf 'k1\\tv1\\nk2\\tv2\\n' | kcat -P ${kcatBase(b).join(' ')} -t golden-kcat -K '\t' -H h=1 -X acks=all`]],
          ['kcat', ['-C', ...kcatBase(b), '-t', 'golden-kcat', '-o', 'beginning', '-e']],
          ['sh', ['-c', `printf 'k1\\tv1\\n' | kcat -P ${kcatBase(b).join(' ')} -t golden-kcat-idempotent -K '\t' -X enable.idempotence=true`]],
          ['kcat', [...kcatBase(b), '-G', 'golden-kcat-group', '-e', 'golden-kcat']]]
        : [['kcat', ['-L', ...kcatBase(b), '-t', 'golden-kcat', '-m', '4']]],
    },
    {
      client: 'kafka-python', software: 'kafka-python 2.0.2 (Debian python3-kafka)', clientId: 'tidepool-kafka-python',
      commands: (b) => [...scenarios.map((s) => py('kafka_python_client.py', s, topicFor('kafka-python', s))(b)),
        ...(withBroker ? [py('kafka_python_client.py', 'group-split', 'golden-kafka-python', 'golden-kafka-python-group', '1000')(b)] : [])],
    },
    {
      client: 'confluent', software: 'python3-confluent-kafka 1.7.0, librdkafka 2.0.2 (Debian)', clientId: 'tidepool-confluent',
      commands: (b) => [...scenarios.map((s) => py('confluent_client.py', s, topicFor('confluent', s))(b)),
        ...(withBroker ? [py('confluent_client.py', 'idempotent', 'golden-confluent-idempotent')(b)] : [])],
    },
    ...['', '0.10.2.0', '0.11.0.0'].map((v): Capture => ({
      client: v ? `sarama-${v.replaceAll('.', '_')}` : 'sarama-default',
      software: `sarama 1.22.1 (Debian), Config.Version ${v || 'default (0.8.2.0)'}`, clientId: 'tidepool-sarama',
      commands: (b) => {
        const bin = buildSarama();
        const args = (...a: string[]) => [...(v ? ['-version', v] : []), b, ...a];
        const list: Array<[string, string[]]> = [[bin, args('metadata')]];
        if (withBroker && v === '0.11.0.0') {
          list.push([bin, args('create', 'golden-sarama-11')], [bin, args('produce', 'golden-sarama-11')], [bin, args('consume', 'golden-sarama-11')],
            [bin, args('config', 'golden-sarama-config')], [bin, args('idempotent', 'golden-sarama-idempotent')]);
        } else if (withBroker && v) {
          list.push([bin, args('create', 'golden-sarama-10')], [bin, args('produce', 'golden-sarama-10')], [bin, args('consume', 'golden-sarama-10')],
            [bin, args('group-split', 'golden-sarama-10', 'golden-sarama-group', '1000')]);
        } else if (withBroker) {
          list.push([bin, args('produce', 'golden-sarama')], [bin, args('consume', 'golden-sarama')]);
        }
        return list;
      },
    })),
    {
      client: 'kafkajs', software: 'kafkajs 2.2.4', clientId: 'tidepool-kafkajs',
      commands: (b) => scenarios.map((s): [string, string[]] => [process.execPath, [join(CLIENTS, 'node/kafkajs-client.mjs'), b, s, topicFor('kafkajs', s)]]),
    },
    {
      client: 'platformatic', software: '@platformatic/kafka 2.12.1 on Node 22.23.3', clientId: 'tidepool-platformatic',
      commands: (b) => scenarios.map((s): [string, string[]] => [NODE22, [join(CLIENTS, 'node/platformatic-client.mjs'), b, s, topicFor('platformatic', s)]]),
    },
  ];
}

async function captureOne(c: Capture, withBroker: boolean, timeoutMs: number): Promise<ManifestEntry[]> {
  const proxy = await startRecordProxy();
  let broker: Broker | undefined;
  try {
    if (withBroker) {
      // The broker advertises the proxy, so clients reconnect through it after the bootstrap Metadata.
      const listen = await freePort();
      broker = await startBroker({ 'advertised.listeners': `PLAINTEXT://127.0.0.1:${proxy.port}` }, listen);
      proxy.setUpstream('127.0.0.1', listen);
    }
    const bootstrap = `127.0.0.1:${proxy.port}`;
    const commands = c.commands(bootstrap);
    for (const [cmd, args] of commands) {
      const r = await runProgram(cmd, args, { timeoutMs });
      console.log(`${c.client}: ${cmd} ${args.slice(-3).join(' ')} -> exit ${r.code}, ${proxy.frames.length} frames so far`);
    }
    const date = new Date().toISOString().slice(0, 10);
    const command = commands.map(([cmd, args]) => [cmd.split('/').pop(), ...args.map((a) => (a.startsWith('/') ? a.split('/').slice(-2).join('/') : a))].join(' ').replace(bootstrap, 'PROXY')).join(' ; ');
    return writeFixtures(proxy.frames, c.client, FIXTURES, `${c.software}; ${command}; ${date}`).map((file) => ({
      file, client: c.client, software: c.software, clientId: c.clientId, topicPrefix: 'golden-', command,
      broker: broker ? 'tidepool broker behind the recording proxy' : 'none (proxy accepted and recorded only)', date,
    }));
  } finally {
    await proxy.close();
    await broker?.stop();
  }
}

const argv = process.argv.slice(2);
const withBroker = brokerCommandAvailable() && !argv.includes('--no-broker');
const only = argv.filter((a) => !a.startsWith('--'));
const manifest = readManifest();
for (const c of captures(withBroker)) {
  if (only.length > 0 && !only.includes(c.client)) continue;
  for (const entry of await captureOne(c, withBroker, withBroker ? 60_000 : 5_000)) {
    manifest[entry.file] = entry;
    console.log(`  wrote ${entry.file}`);
  }
}
writeFileSync(join(FIXTURES, 'manifest.json'), JSON.stringify(Object.fromEntries(Object.entries(manifest).sort()), null, 2) + '\n');
writeFileSync(join(FIXTURES, 'README.md'), renderReadme(manifest));
