/**
 * Connections on the project's own codec for the readers the pool's library cannot serve (message-reader.ts,
 * wire-admin.ts): the "Test connection" socket (DNS, TCP, TLS with the profile's CA/cert/key), ApiVersions v0 for
 * the broker's version ranges, then SASL PLAIN/SCRAM when the profile has it; and a cache of one connection per
 * broker address, where a failed open is forgotten so the next call tries again.
 */
import { errorForCode } from '../protocol/index.js';
import { formatHostPort, type ConnectionSettings, type HostPort } from './profile.js';
import { openKafkaSocket, ProbeFailure, type KafkaSocket } from './probe/kafka-socket.js';
import { saslAuthenticate } from './probe/diagnose.js';

const API_VERSIONS = 18;

export interface WireConnection {
  kafka: KafkaSocket;
  /** The broker's highest version of `apiKey`, or null when it does not offer the API. */
  maxVersion(apiKey: number): number | null;
}

export const kafkaErrorName = (code: number): string => errorForCode(code)?.name ?? `error ${code}`;

/** Opens, negotiates and authenticates; the socket is closed again if any step fails. */
export async function openWireConnection(settings: ConnectionSettings, hp: HostPort, timeoutMs: number, clientId: string): Promise<WireConnection> {
  let kafka: KafkaSocket | null = null;
  try {
    const tls = settings.tls === undefined ? undefined : { ...settings.tls };
    kafka = (await openKafkaSocket(hp, tls, timeoutMs, () => {}, settings.clientId ?? clientId)).kafka;
    const av = await kafka.request('api-versions', API_VERSIONS, 0, {});
    if (av.errorCode !== 0) throw new ProbeFailure('api-versions', kafkaErrorName(av.errorCode as number), 'ApiVersions returned an error');
    const max = new Map((av.apiKeys as { apiKey: number; maxVersion: number }[]).map((k) => [k.apiKey, k.maxVersion]));
    if (settings.sasl !== undefined) await saslAuthenticate(kafka, settings.sasl);
    return { kafka, maxVersion: (apiKey) => max.get(apiKey) ?? null };
  } catch (e) {
    kafka?.close();
    throw e;
  }
}

/** One connection (of any shape) per host:port, opened on first use. */
export class ConnectionCache<C> {
  private readonly conns = new Map<string, Promise<C>>();

  constructor(private readonly open: (hp: HostPort) => Promise<C>) {}

  get(hp: HostPort): Promise<C> {
    const key = formatHostPort(hp);
    let c = this.conns.get(key);
    if (c === undefined) {
      c = this.open(hp);
      this.conns.set(key, c);
      // A failed connection is forgotten so the next call tries again.
      c.catch(() => { if (this.conns.get(key) === c) this.conns.delete(key); });
    }
    return c;
  }

  /** Forgets `hp`'s connection (e.g. after it broke); true when there was one. */
  forget(hp: HostPort): boolean {
    return this.conns.delete(formatHostPort(hp));
  }

  /** Forgets every connection and hands each opened one to `close`; resolves once all were handed over. */
  async clear(close: (c: C) => void): Promise<void> {
    const all = [...this.conns.values()];
    this.conns.clear();
    await Promise.all(all.map((c) => c.then(close, () => undefined)));
  }
}
