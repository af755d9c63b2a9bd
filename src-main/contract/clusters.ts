/**
 * The `clusters.*` domain: the connection profiles the workbench can switch between (the embedded local
 * cluster first, then external ones), connecting and disconnecting them, "Test connection" with a
 * step-by-step diagnosis, and a live stream of connection status changes. Secrets (SASL password, TLS key)
 * go in through add/update and never come back out: summaries say only whether one is set.
 */
import { z } from 'zod';
import { event, method } from './define.js';

export type ClusterStatus = 'connected' | 'connecting' | 'disconnected' | 'error';

export interface ClusterSummary {
  id: string;
  name: string;
  kind: 'local' | 'external';
  /** Bootstrap servers, comma separated. */
  bootstrap: string;
  status: ClusterStatus;
  /** Set when status is 'error': what happened and what to do next. */
  error?: string;
  /** SASL mechanism when set ('PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'). */
  sasl?: { mechanism: string; username: string };
  /** TLS settings without secrets. */
  tls?: { verify: boolean; hasCa: boolean; hasClientCert: boolean; servername?: string };
  /** After a successful connect: what the cluster told us. */
  clusterId?: string | null;
  brokerCount?: number;
  /** Reconnect attempts since the last success (0 when healthy). */
  retries?: number;
  /** When the next reconnect attempt is due (epoch ms), while status is 'error'. */
  nextRetryAt?: number;
}

export interface ClusterStatusEvent {
  id: string;
  status: ClusterStatus;
  error?: string;
  retries?: number;
  nextRetryAt?: number;
  /** 'removed' when the profile was deleted; the summary is then the last one known. */
  change: 'added' | 'updated' | 'removed' | 'status';
  summary: ClusterSummary;
}

export type DiagnosisStepName = 'config' | 'dns' | 'tcp' | 'tls' | 'sasl' | 'api-versions' | 'metadata' | 'advertised';

export interface DiagnosisStep {
  step: DiagnosisStepName;
  status: 'ok' | 'failed' | 'warning' | 'skipped';
  /** host:port this step was run against. */
  target?: string;
  /** What happened, in plain words. */
  message: string;
  /** What to do next, when the step failed or warned. */
  hint?: string;
  /** Machine-readable reason (OS, TLS or Kafka error name) for tests and support. */
  code?: string;
  durationMs: number;
}

export interface AdvertisedBroker {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
  reachable: boolean;
  error?: string;
}

export interface ConnectionDiagnosis {
  ok: boolean;
  /** One line: the first failure with its fix, or what works. */
  summary: string;
  steps: DiagnosisStep[];
  clusterId?: string | null;
  controllerId?: number;
  brokers?: AdvertisedBroker[];
  totalMs: number;
}

const saslInput = z.object({
  mechanism: z.enum(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512']),
  username: z.string().min(1).max(1024),
  password: z.string().max(4096),
}).strict();

const pem = z.string().max(1_000_000);
const tlsInput = z.object({
  ca: pem.optional(), cert: pem.optional(), key: pem.optional(), keyPassphrase: z.string().max(4096).optional(),
  servername: z.string().max(255).optional(), verify: z.boolean().optional(),
}).strict();

/** A profile as the UI sends it; the core validates it fully again (host:port, PEM, cert+key pairing). */
export const clusterProfileInput = z.object({
  name: z.string().trim().min(1).max(200),
  bootstrap: z.array(z.string().min(1).max(300)).min(1).max(50),
  sasl: saslInput.optional(),
  tls: tlsInput.optional(),
  clientId: z.string().max(200).optional(),
}).strict();

export type ClusterProfileInput = z.input<typeof clusterProfileInput>;

const id = z.object({ id: z.string().min(1).max(200) }).strict();

export const clustersContract = {
  'clusters.list': method<ClusterSummary[]>()(z.object({}).strict(),
    'Cluster profiles: the embedded local cluster first, then external ones.'),
  'clusters.add': method<ClusterSummary>()(z.object({ profile: clusterProfileInput }).strict(),
    'Saves a new external profile (secrets encrypted at rest). Does not connect.'),
  'clusters.update': method<ClusterSummary>()(z.object({
    id: z.string().min(1).max(200),
    /**
     * Omitted fields keep their values. Secrets are never sent back to the UI, so: an empty `sasl.password`
     * with the same username keeps the saved password, and an omitted `tls.key`/`keyPassphrase` keeps the
     * saved ones (unless the client certificate changes).
     */
    profile: clusterProfileInput.partial().strict(),
  }).strict(), 'Changes a profile; a connected cluster reconnects with the new settings.'),
  'clusters.remove': method<{ removed: true }>()(id, 'Deletes an external profile and closes its connections.'),
  'clusters.test': method<ConnectionDiagnosis>()(z.object({
    /** Test a saved profile... */
    id: z.string().min(1).max(200).optional(),
    /** ...or an unsaved one straight from the form. */
    profile: clusterProfileInput.optional(),
    timeoutMs: z.number().int().min(100).max(60_000).optional(),
  }).strict().refine((v) => (v.id === undefined) !== (v.profile === undefined), { message: 'give either id or profile' }),
  'Step-by-step diagnosis: DNS, TCP, TLS, SASL, ApiVersions/Metadata, then every advertised broker address.'),
  'clusters.connect': method<ClusterSummary>()(id, 'Connects now (otherwise the first use connects).'),
  'clusters.disconnect': method<ClusterSummary>()(id, 'Closes the connections and stops reconnecting.'),
  'clusters.unlock': method<{ unlocked: true; profiles: number }>()(
    z.object({ passphrase: z.string().min(1).max(4096) }).strict(),
    'Browser mode: the passphrase that encrypts saved secrets; loads the saved profiles.'),
  'clusters.status': event<ClusterStatusEvent>()(z.object({}).strict(),
    'Every profile change and connection status change (connecting, connected, error with retry time).'),
} as const;
