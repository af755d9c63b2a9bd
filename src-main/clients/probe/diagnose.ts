/**
 * "Test connection": walks the steps a Kafka client takes and reports each one, so the first failure is
 * named with its fix: DNS, TCP, TLS, ApiVersions, SASL, Metadata, then a connection to every broker address
 * the cluster advertises (the Docker advertised.listeners pitfall shows up only there). Bootstrap servers
 * are tried in order until one gets through Metadata, as clients do.
 */
import { errorForCode } from '../../protocol/index.js';
import type { AdvertisedBroker, ConnectionDiagnosis, DiagnosisStep, DiagnosisStepName } from '../../contract/index.js';
import { bootstrapAddresses, formatHostPort, type ConnectionSettings, type HostPort } from '../profile.js';
import { advertisedPitfall, explain } from './explain.js';
import { type KafkaSocket, openKafkaSocket, ProbeFailure, type TlsOptions } from './kafka-socket.js';
import { ScramClient, ScramError } from './scram.js';

const API_VERSIONS = 18;
const METADATA = 3;
const SASL_HANDSHAKE = 17;
const SASL_AUTHENTICATE = 36;

export interface DiagnoseOptions {
  /** Per step (default 5000 ms). */
  timeoutMs?: number;
}

interface MetadataSeen {
  clusterId: string | null;
  controllerId: number;
  brokers: { nodeId: number; host: string; port: number; rack: string | null }[];
}

const kafkaErrorName = (code: number) => errorForCode(code)?.name ?? `error ${code}`;

class StepLog {
  readonly steps: DiagnosisStep[] = [];
  ok(step: DiagnosisStepName, target: string, message: string, ms: number): void {
    this.steps.push({ step, status: 'ok', target, message, durationMs: Math.round(ms) });
  }
  failed(f: ProbeFailure, hp: HostPort, ms: number): DiagnosisStep {
    const e = explain(f.step, f.code, hp.host, hp.port);
    const s: DiagnosisStep = {
      step: f.step, status: 'failed', target: formatHostPort(hp), code: f.code,
      message: `${e.problem[0].toUpperCase()}${e.problem.slice(1)}: ${f.message}`, hint: e.hint, durationMs: Math.round(ms),
    };
    this.steps.push(s);
    return s;
  }
}

function tlsOf(s: ConnectionSettings): TlsOptions | undefined {
  return s.tls === undefined ? undefined : { ...s.tls };
}

/** SaslHandshake v1 + SaslAuthenticate on an open socket; also used by the message reader's connections. */
export async function saslAuthenticate(k: KafkaSocket, sasl: NonNullable<ConnectionSettings['sasl']>): Promise<string> {
  const hs = await k.request('sasl', SASL_HANDSHAKE, 1, { mechanism: sasl.mechanism });
  if (hs.errorCode !== 0) {
    const offered = (hs.mechanisms as string[]).join(', ') || 'none';
    throw new ProbeFailure('sasl', kafkaErrorName(hs.errorCode as number), `the broker refused ${sasl.mechanism}; it offers: ${offered}`);
  }
  const auth = async (bytes: Buffer): Promise<Buffer> => {
    const r = await k.request('sasl', SASL_AUTHENTICATE, 1, { authBytes: bytes });
    if (r.errorCode !== 0) {
      throw new ProbeFailure('sasl', kafkaErrorName(r.errorCode as number), `${(r.errorMessage as string | null) ?? kafkaErrorName(r.errorCode as number)}`);
    }
    return Buffer.from(r.authBytes as Uint8Array);
  };
  if (sasl.mechanism === 'PLAIN') {
    await auth(Buffer.from(`\u0000${sasl.username}\u0000${sasl.password}`, 'utf8'));
  } else {
    const scram = new ScramClient(sasl.mechanism === 'SCRAM-SHA-256' ? 'sha256' : 'sha512', sasl.username, sasl.password);
    try {
      const serverFirst = await auth(scram.clientFirst());
      scram.verifyServerFinal(await auth(scram.clientFinal(serverFirst)));
    } catch (e) {
      if (e instanceof ScramError) throw new ProbeFailure('sasl', 'SASL_AUTHENTICATION_FAILED', e.message);
      throw e;
    }
  }
  return `authenticated as ${sasl.username} with ${sasl.mechanism}`;
}

/** ApiVersions then (optionally) SASL on an open socket; returns the broker's Metadata max version. */
async function handshake(k: KafkaSocket): Promise<{ metadataMax: number; apiCount: number }> {
  const av = await k.request('api-versions', API_VERSIONS, 0, {});
  if (av.errorCode !== 0) throw new ProbeFailure('api-versions', kafkaErrorName(av.errorCode as number), 'ApiVersions returned an error');
  const keys = av.apiKeys as { apiKey: number; maxVersion: number }[];
  const md = keys.find((a) => a.apiKey === METADATA);
  if (md === undefined) throw new ProbeFailure('api-versions', 'NOT_KAFKA', 'the server does not list the Metadata API');
  return { metadataMax: md.maxVersion, apiCount: keys.length };
}

async function probeOne(s: ConnectionSettings, hp: HostPort, timeoutMs: number, log: StepLog): Promise<MetadataSeen | null> {
  const target = formatHostPort(hp);
  let t0 = performance.now();
  let k: KafkaSocket | null = null;
  try {
    const opened = await openKafkaSocket(hp, tlsOf(s), timeoutMs, (step, msg, ms) => { log.ok(step, target, msg, ms); t0 = performance.now(); });
    k = opened.kafka;
    t0 = performance.now();
    const { metadataMax, apiCount } = await handshake(k);
    log.ok('api-versions', target, `Kafka answered ApiVersions (${apiCount} APIs)`, performance.now() - t0);
    if (s.sasl !== undefined) {
      t0 = performance.now();
      log.ok('sasl', target, await saslAuthenticate(k, s.sasl), performance.now() - t0);
    }
    t0 = performance.now();
    // v2 has brokers, rack, controller and cluster id, and every broker since 0.10.1 serves it. The empty
    // topic list asks for no topics (v1+); a v0-only broker reads it as "all topics", which is still correct.
    const version = Math.min(metadataMax, 2);
    const md = await k.request('metadata', METADATA, version, { topics: [] });
    const brokers = (md.brokers as { nodeId: number; host: string; port: number; rack?: string | null }[])
      .map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack ?? null }));
    const seen: MetadataSeen = { clusterId: (md.clusterId as string | null | undefined) ?? null, controllerId: (md.controllerId as number | undefined) ?? -1, brokers };
    log.ok('metadata', target, `cluster ${seen.clusterId ?? '(no id)'}: ${brokers.length} broker(s), controller ${seen.controllerId}`, performance.now() - t0);
    return seen;
  } catch (e) {
    if (!(e instanceof ProbeFailure)) throw e;
    log.failed(e, hp, performance.now() - t0);
    return null;
  } finally {
    k?.close();
  }
}

/** Can this machine reach an advertised broker? DNS, TCP, TLS and ApiVersions, without logging steps. */
async function reachAdvertised(s: ConnectionSettings, b: MetadataSeen['brokers'][number], timeoutMs: number): Promise<AdvertisedBroker> {
  const base: AdvertisedBroker = { nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack, reachable: false };
  let k: KafkaSocket | null = null;
  try {
    k = (await openKafkaSocket({ host: b.host, port: b.port }, tlsOf(s), timeoutMs, () => undefined)).kafka;
    await handshake(k);
    return { ...base, reachable: true };
  } catch (e) {
    if (!(e instanceof ProbeFailure)) throw e;
    return { ...base, error: explain(e.step, e.code, b.host, b.port).problem };
  } finally {
    k?.close();
  }
}

export async function diagnose(settings: ConnectionSettings, opts: DiagnoseOptions = {}): Promise<ConnectionDiagnosis> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const started = performance.now();
  const log = new StepLog();
  const finish = (ok: boolean, summary: string, extra: Partial<ConnectionDiagnosis> = {}): ConnectionDiagnosis =>
    ({ ok, summary, steps: log.steps, totalMs: Math.round(performance.now() - started), ...extra });

  let seen: MetadataSeen | null = null;
  let used: HostPort | null = null;
  for (const hp of bootstrapAddresses(settings)) {
    seen = await probeOne(settings, hp, timeoutMs, log);
    if (seen !== null) { used = hp; break; }
  }
  if (seen === null || used === null) {
    const first = log.steps.find((s) => s.status === 'failed');
    return finish(false, first ? `${first.message}. ${first.hint ?? ''}`.trim() : 'No bootstrap server could be reached.');
  }

  const t0 = performance.now();
  const brokers = await Promise.all(seen.brokers.map((b) => reachAdvertised(settings, b, timeoutMs)));
  const bad = brokers.filter((b) => !b.reachable);
  const extra = { clusterId: seen.clusterId, controllerId: seen.controllerId, brokers };
  const bootstrap = formatHostPort(used);
  if (brokers.length === 0) {
    log.steps.push({ step: 'advertised', status: 'failed', target: bootstrap, code: 'NO_BROKERS', message: 'The cluster lists no brokers in its Metadata', hint: 'The cluster is starting up or broken; check the broker logs.', durationMs: 0 });
    return finish(false, 'The cluster lists no brokers in its Metadata.', extra);
  }
  if (bad.length > 0) {
    const e = advertisedPitfall(bootstrap, bad.map((b) => ({ nodeId: b.nodeId, address: formatHostPort(b), error: b.error ?? 'unreachable' })));
    log.steps.push({
      step: 'advertised', status: 'failed', target: bootstrap, code: 'ADVERTISED_UNREACHABLE',
      message: `${e.problem[0].toUpperCase()}${e.problem.slice(1)}`, hint: e.hint, durationMs: Math.round(performance.now() - t0),
    });
    return finish(false, `Bootstrap works, but ${bad.length} of ${brokers.length} advertised broker address(es) cannot be reached from here (advertised.listeners).`, extra);
  }
  log.ok('advertised', bootstrap, `all ${brokers.length} advertised broker address(es) reachable: ${brokers.map((b) => formatHostPort(b)).join(', ')}`, performance.now() - t0);
  return finish(true, `Connected: cluster ${seen.clusterId ?? '(no id)'} with ${brokers.length} broker(s).`, extra);
}
