/**
 * The cluster profiles the workbench knows and their connections: the embedded local cluster first (it
 * registers itself with `registerLocal(bootstrap)`), then the user's external profiles, persisted through
 * the clients layer's ProfileStore with secrets sealed by a SecretBox. Without a config dir the registry
 * keeps profiles in memory only; with a dir but no SecretBox (browser mode) it is locked until
 * `unlock(passphrase)`.
 */
import { TidepoolError } from '../common/index.js';
import type { ClusterProfileInput, ClusterStatusEvent, ClusterSummary, ConnectionDiagnosis } from '../contract/index.js';
import {
  type BackendFactory, ConnectionPool, type ConnectionProfile, diagnose, kafkajsBackend, newProfileId, type PoolOptions,
  PassphraseSecretBox, ProfileStore, MessageReader, profileInputSchema, type SecretBox, type ConnectionSettings, LOCKED, type KafkaBackend,
} from '../clients/index.js';
import { readPartitionStats, type PartitionStat, type StatsRequest } from '../clients/index.js';
import { z } from 'zod';

export const LOCAL_CLUSTER_ID = 'local';

export interface ClusterRegistryOptions {
  /** Where clusters.json lives; omitted = memory only. */
  configDir?: string;
  /** Electron's safeStorage box; omitted with a configDir = locked until unlock(passphrase). */
  secretBox?: SecretBox;
  backendFactory?: BackendFactory;
  backoff?: PoolOptions['backoff'];
  backend?: PoolOptions['backend'];
}

/** Validates a profile with the clients layer's schema (host:port, PEM, cert+key pairing). */
export function parseSettings(input: unknown): ConnectionSettings {
  const r = profileInputSchema.safeParse(input);
  if (!r.success) throw new TidepoolError('TP_VALIDATION', z.prettifyError(r.error), { issues: r.error.issues });
  return r.data;
}

export class ClusterRegistry {
  readonly pool: ConnectionPool;
  private readonly profiles = new Map<string, ConnectionProfile>();
  private readonly store: ProfileStore | null;
  private box: SecretBox | null;
  private readonly listeners = new Set<(e: ClusterStatusEvent) => void>();
  private loaded: Promise<void> | null = null;

  constructor(private readonly opts: ClusterRegistryOptions = {}) {
    this.pool = new ConnectionPool({ backendFactory: opts.backendFactory ?? kafkajsBackend, backoff: opts.backoff, backend: opts.backend });
    this.store = opts.configDir === undefined ? null : new ProfileStore(opts.configDir);
    this.box = opts.secretBox ?? null;
    this.pool.onChange((id) => this.emit(id, 'status'));
  }

  /** Loads saved profiles when a SecretBox is at hand (Electron); a no-op otherwise. */
  init(): Promise<void> {
    // A failed load (corrupt file, keychain unavailable) is retried on the next call, once the user fixed it.
    this.loaded ??= (this.store !== null && this.box !== null ? this.load(this.box) : Promise.resolve())
      .catch((err: unknown) => { this.loaded = null; throw err; });
    return this.loaded;
  }

  get locked(): boolean {
    return this.store !== null && this.box === null;
  }

  private async load(box: SecretBox): Promise<void> {
    if (this.store === null) return;
    for (const p of await this.store.load(box)) {
      this.profiles.set(p.id, p);
      await this.pool.upsert(p);
      this.emit(p.id, 'added');
    }
  }

  /** Browser mode: derives the key from the passphrase, checks it against the saved file, loads profiles. */
  async unlock(passphrase: string): Promise<{ unlocked: true; profiles: number }> {
    if (this.store === null) throw new TidepoolError('TP_CONFLICT', 'This app run keeps profiles in memory only: there is nothing to unlock.');
    if (this.box !== null) throw new TidepoolError('TP_CONFLICT', 'The saved profiles are already unlocked.');
    const box = new PassphraseSecretBox(passphrase);
    await this.store.verify(box);
    this.box = box;
    await this.load(box);
    return { unlocked: true, profiles: [...this.profiles.values()].filter((p) => p.kind === 'external').length };
  }

  /** The embedded cluster: always the first profile, never persisted. Calling it again updates the address. */
  async registerLocal(bootstrap: string, name = 'Local cluster'): Promise<ClusterSummary> {
    // A multi-broker cluster's bootstrap is "host:a,host:b,...": one entry per broker.
    const p: ConnectionProfile = { id: LOCAL_CLUSTER_ID, kind: 'local', ...parseSettings({ name, bootstrap: bootstrap.split(',').map((x) => x.trim()).filter(Boolean) }) };
    const isNew = !this.profiles.has(p.id);
    this.profiles.set(p.id, p);
    await this.pool.upsert(p);
    this.emit(p.id, isNew ? 'added' : 'updated');
    return this.summary(p);
  }

  /** High watermarks and sizes the library cannot read (clients/partition-stats.ts), on this profile's settings. */
  partitionStats(id: string, req: StatsRequest): Promise<Map<number, PartitionStat>> {
    return readPartitionStats(this.profile(id), req, this.opts.backend?.requestTimeoutMs ?? 10_000);
  }

  async unregisterLocal(): Promise<void> {
    if (this.profiles.has(LOCAL_CLUSTER_ID)) await this.remove(LOCAL_CLUSTER_ID, true);
  }

  private summary(p: ConnectionProfile): ClusterSummary {
    const s = this.pool.has(p.id) ? this.pool.state(p.id) : { status: 'disconnected' as const, retries: 0 };
    return {
      id: p.id, name: p.name, kind: p.kind, bootstrap: p.bootstrap.join(','), status: s.status,
      ...(s.error === undefined ? {} : { error: s.error }),
      ...(p.sasl === undefined ? {} : { sasl: { mechanism: p.sasl.mechanism, username: p.sasl.username } }),
      ...(p.tls === undefined ? {} : {
        tls: { verify: p.tls.verify, hasCa: p.tls.ca !== undefined, hasClientCert: p.tls.cert !== undefined, ...(p.tls.servername === undefined ? {} : { servername: p.tls.servername }) },
      }),
      ...(s.info === undefined ? {} : { clusterId: s.info.clusterId, brokerCount: s.info.brokers.length }),
      retries: s.retries,
      ...(s.nextRetryAt === undefined ? {} : { nextRetryAt: s.nextRetryAt }),
    };
  }

  private emit(id: string, change: ClusterStatusEvent['change'], last?: ClusterSummary): void {
    const p = this.profiles.get(id);
    const summary = last ?? (p === undefined ? undefined : this.summary(p));
    if (summary === undefined) return;
    const e: ClusterStatusEvent = {
      id, change, status: summary.status, summary,
      ...(summary.error === undefined ? {} : { error: summary.error }),
      ...(summary.retries === undefined ? {} : { retries: summary.retries }),
      ...(summary.nextRetryAt === undefined ? {} : { nextRetryAt: summary.nextRetryAt }),
    };
    for (const fn of this.listeners) fn(e);
  }

  onStatus(fn: (e: ClusterStatusEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * A group-less reader for the message browser on this profile's settings (its own connections: close it
   * when done). An unknown id answers TP_NOT_FOUND.
   */
  messageReader(id: string): MessageReader {
    return new MessageReader(this.profile(id), this.opts.backend?.requestTimeoutMs ?? 10_000);
  }

  private profile(id: string): ConnectionProfile {
    const p = this.profiles.get(id);
    if (p === undefined) throw new TidepoolError('TP_NOT_FOUND', `No cluster profile with id "${id}".`, { id });
    return p;
  }

  list(): ClusterSummary[] {
    return [...this.profiles.values()]
      .sort((a, b) => Number(b.kind === 'local') - Number(a.kind === 'local') || a.name.localeCompare(b.name))
      .map((p) => this.summary(p));
  }

  private requireUnlocked(): void {
    if (this.locked) {
      throw new TidepoolError('TP_CONFLICT', 'Saved profiles are locked: enter the passphrase that encrypts their secrets first (clusters.unlock).', { reason: LOCKED });
    }
  }

  private async persist(): Promise<void> {
    if (this.store !== null && this.box !== null) await this.store.save([...this.profiles.values()], this.box);
  }

  async add(input: ClusterProfileInput): Promise<ClusterSummary> {
    this.requireUnlocked();
    const p: ConnectionProfile = { id: newProfileId(), kind: 'external', ...parseSettings(input) };
    this.profiles.set(p.id, p);
    try { await this.persist(); } catch (err) { this.profiles.delete(p.id); throw err; }
    await this.pool.upsert(p);
    this.emit(p.id, 'added');
    return this.summary(p);
  }

  /** Omitted fields keep their values; omitted secrets (SASL password, TLS key and passphrase) too. */
  async update(id: string, patch: Partial<ClusterProfileInput>): Promise<ClusterSummary> {
    this.requireUnlocked();
    const old = this.profile(id);
    if (old.kind === 'local') throw new TidepoolError('TP_CONFLICT', 'The local cluster\'s profile is managed by the app and cannot be edited.');
    const sasl = patch.sasl === undefined ? old.sasl
      : { ...patch.sasl, password: patch.sasl.password === '' && old.sasl?.username === patch.sasl.username ? old.sasl.password : patch.sasl.password };
    const tls = patch.tls === undefined ? old.tls : {
      ...patch.tls,
      key: patch.tls.key ?? (patch.tls.cert === undefined || patch.tls.cert === old.tls?.cert ? old.tls?.key : undefined),
      keyPassphrase: patch.tls.keyPassphrase ?? old.tls?.keyPassphrase,
    };
    const next: ConnectionProfile = {
      id, kind: 'external',
      ...parseSettings({ name: patch.name ?? old.name, bootstrap: patch.bootstrap ?? old.bootstrap, clientId: patch.clientId ?? old.clientId, sasl, tls }),
    };
    this.profiles.set(id, next);
    try { await this.persist(); } catch (err) { this.profiles.set(id, old); throw err; }
    await this.pool.upsert(next);
    this.emit(id, 'updated');
    return this.summary(next);
  }

  async remove(id: string, allowLocal = false): Promise<{ removed: true }> {
    const p = this.profile(id);
    if (p.kind === 'local' && !allowLocal) throw new TidepoolError('TP_CONFLICT', 'The local cluster cannot be removed; stop it instead.');
    if (p.kind === 'external') this.requireUnlocked();
    const last = this.summary(p);
    this.profiles.delete(id);
    try { await this.persist(); } catch (err) { this.profiles.set(id, p); throw err; }
    await this.pool.remove(id);
    this.emit(id, 'removed', { ...last, status: 'disconnected' });
    return { removed: true };
  }

  async test(target: { id?: string; profile?: ClusterProfileInput }, timeoutMs?: number): Promise<ConnectionDiagnosis> {
    const settings = target.id !== undefined ? this.profile(target.id) : parseSettings(target.profile);
    return diagnose(settings, { timeoutMs });
  }

  async connect(id: string): Promise<ClusterSummary> {
    const p = this.profile(id);
    await this.pool.connect(id);
    return this.summary(p);
  }

  async disconnect(id: string): Promise<ClusterSummary> {
    const p = this.profile(id);
    await this.pool.disconnect(id);
    return this.summary(p);
  }

  /** For other services: the cluster's connected backend (connects lazily). */
  async backend(id: string): Promise<KafkaBackend> {
    this.profile(id);
    return this.pool.get(id);
  }

  async close(): Promise<void> {
    await this.pool.close();
    this.listeners.clear();
  }
}
