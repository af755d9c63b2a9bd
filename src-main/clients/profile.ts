/**
 * Connection profiles: what the user fills in to reach a cluster (bootstrap servers, SASL, TLS), validated
 * with zod. The same schemas validate the contract's inputs and the profile file on disk, so a hand-edited
 * file with a typo fails with a message naming the field instead of failing later on the wire.
 */
import { z } from 'zod';

/** "host:port", "[::1]:9092"; host names, IPv4 and bracketed IPv6. */
const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9_.-]+):(\d{1,5})$/;

export interface HostPort {
  host: string;
  port: number;
}

/** Parses "host:port" (brackets around IPv6 removed) or returns null. */
export function parseHostPort(s: string): HostPort | null {
  const m = HOST_PORT.exec(s.trim());
  if (m === null) return null;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return null;
  const host = m[1].startsWith('[') ? m[1].slice(1, -1) : m[1];
  return { host, port };
}

export function formatHostPort({ host, port }: HostPort): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export const bootstrapSchema = z.array(
  z.string().refine((s) => parseHostPort(s) !== null, { message: 'expected host:port, e.g. localhost:9092 (port 1-65535)' }),
).min(1, 'at least one bootstrap server (host:port)').max(50);

export const SASL_MECHANISMS = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

export const saslSchema = z.object({
  mechanism: z.enum(SASL_MECHANISMS),
  username: z.string().min(1, 'a SASL username is required').max(1024),
  password: z.string().max(4096),
}).strict();

const PEM = z.string().max(1_000_000).refine((s) => s.includes('-----BEGIN '), { message: 'expected PEM text (-----BEGIN ...-----)' });

export const tlsSchema = z.object({
  /** PEM CA bundle to trust instead of the system roots. */
  ca: PEM.optional(),
  /** PEM client certificate and key for mutual TLS; both or neither. */
  cert: PEM.optional(),
  key: PEM.optional(),
  /** Passphrase of an encrypted client key. */
  keyPassphrase: z.string().max(4096).optional(),
  /** Name to check the server certificate against (default: the host connected to). */
  servername: z.string().max(255).optional(),
  /** Off only for a self-signed test cluster: then any certificate is accepted. */
  verify: z.boolean().default(true),
}).strict().refine((t) => (t.cert === undefined) === (t.key === undefined), {
  message: 'a client certificate needs its key, and a key needs its certificate', path: ['cert'],
});

export const profileInputSchema = z.object({
  name: z.string().trim().min(1, 'a name is required').max(200),
  bootstrap: bootstrapSchema,
  sasl: saslSchema.optional(),
  tls: tlsSchema.optional(),
  clientId: z.string().max(200).optional(),
}).strict();

export type ProfileInput = z.input<typeof profileInputSchema>;
/** A profile with its secrets in plain text: only ever in memory. */
export type ConnectionSettings = z.output<typeof profileInputSchema>;

export interface ConnectionProfile extends ConnectionSettings {
  id: string;
  kind: 'local' | 'external';
}

/** Parsed bootstrap list of a profile. */
export function bootstrapAddresses(p: Pick<ConnectionSettings, 'bootstrap'>): HostPort[] {
  return p.bootstrap.map((s) => {
    const hp = parseHostPort(s);
    if (hp === null) throw new Error(`invalid bootstrap server ${JSON.stringify(s)}`);
    return hp;
  });
}
