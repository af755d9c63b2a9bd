/**
 * The profile file: external connection profiles as JSON in a config dir the caller gives
 * (`<dir>/clusters.json`, mode 0600, written atomically via a temp file and rename). Every password, private
 * key and key passphrase is sealed by a SecretBox before it is written; a `check` value sealed with the same
 * box lets a wrong passphrase be named at unlock, before any profile is used. The embedded local cluster is
 * never stored: it registers itself at every start.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { TidepoolError } from '../common/index.js';
import { type ConnectionProfile, profileInputSchema, SASL_MECHANISMS } from './profile.js';
import { type SecretBox, wrongKeyError, WRONG_KEY } from './secret-box.js';

export const PROFILE_FILE = 'clusters.json';
const CHECK_TEXT = 'tidepool-profile-check';

const sealed = z.object({ sealed: z.string() }).strict();

const storedProfileSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  bootstrap: z.array(z.string()).min(1),
  clientId: z.string().optional(),
  sasl: z.object({ mechanism: z.enum(SASL_MECHANISMS), username: z.string(), password: sealed }).strict().optional(),
  tls: z.object({
    ca: z.string().optional(), cert: z.string().optional(), key: sealed.optional(), keyPassphrase: sealed.optional(),
    servername: z.string().optional(), verify: z.boolean(),
  }).strict().optional(),
}).strict();

const fileSchema = z.object({
  version: z.literal(1),
  scheme: z.string(),
  check: z.string(),
  profiles: z.array(storedProfileSchema),
}).strict();

type StoredProfile = z.infer<typeof storedProfileSchema>;
type ProfileFile = z.infer<typeof fileSchema>;

export function newProfileId(): string {
  return randomUUID();
}

export class ProfileStore {
  readonly path: string;

  constructor(readonly dir: string) {
    this.path = join(dir, PROFILE_FILE);
  }

  private storageError(what: string, cause: unknown): TidepoolError {
    const msg = cause instanceof Error ? cause.message : String(cause);
    return new TidepoolError('TP_STORAGE', `${what} ${this.path}: ${msg}`, { path: this.path, cause: msg });
  }

  private async readFileJson(): Promise<ProfileFile | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw this.storageError('Cannot read the profile file', err);
    }
    let json: unknown;
    try { json = JSON.parse(text); } catch (err) { throw this.storageError('The profile file is not valid JSON:', err); }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) throw this.storageError('The profile file has an unexpected shape:', z.prettifyError(parsed.error));
    return parsed.data;
  }

  /** True when a profile file exists (so a passphrase, once given, must match it). */
  async exists(): Promise<boolean> {
    return (await this.readFileJson()) !== null;
  }

  /** Checks that `box` opens this file (a wrong passphrase is named here, before any profile is used). */
  async verify(box: SecretBox): Promise<void> {
    const file = await this.readFileJson();
    if (file !== null) await this.checkBox(file, box);
  }

  private async checkBox(file: ProfileFile, box: SecretBox): Promise<void> {
    if (file.scheme !== box.scheme) {
      throw new TidepoolError('TP_VALIDATION',
        `The profile file was sealed with "${file.scheme}" but this app run uses "${box.scheme}". ` +
        'Open it in the mode that saved it (desktop or browser), or remove the file to start again.',
        { reason: 'scheme-mismatch', path: this.path });
    }
    let text: string;
    try { text = await box.open(file.check); } catch (err) {
      if (err instanceof TidepoolError && (err.details as { reason?: string } | undefined)?.reason === WRONG_KEY) throw wrongKeyError('The profile file');
      throw err;
    }
    if (text !== CHECK_TEXT) throw wrongKeyError('The profile file');
  }

  /** Reads and decrypts every stored profile; [] when there is no file yet. */
  async load(box: SecretBox): Promise<ConnectionProfile[]> {
    const file = await this.readFileJson();
    if (file === null) return [];
    await this.checkBox(file, box);
    const out: ConnectionProfile[] = [];
    for (const s of file.profiles) out.push(await this.openProfile(s, box));
    return out;
  }

  private async openProfile(s: StoredProfile, box: SecretBox): Promise<ConnectionProfile> {
    const settings = {
      name: s.name, bootstrap: s.bootstrap,
      ...(s.clientId === undefined ? {} : { clientId: s.clientId }),
      ...(s.sasl === undefined ? {} : { sasl: { mechanism: s.sasl.mechanism, username: s.sasl.username, password: await box.open(s.sasl.password.sealed) } }),
      ...(s.tls === undefined ? {} : {
        tls: {
          ca: s.tls.ca, cert: s.tls.cert, servername: s.tls.servername, verify: s.tls.verify,
          key: s.tls.key === undefined ? undefined : await box.open(s.tls.key.sealed),
          keyPassphrase: s.tls.keyPassphrase === undefined ? undefined : await box.open(s.tls.keyPassphrase.sealed),
        },
      }),
    };
    // The same schema as the contract's input: a hand-edited file gets the same field-named errors.
    const parsed = profileInputSchema.safeParse(settings);
    if (!parsed.success) throw this.storageError(`Profile "${s.name}" in`, z.prettifyError(parsed.error));
    return { id: s.id, kind: 'external', ...parsed.data };
  }

  private async sealProfile(p: ConnectionProfile, box: SecretBox): Promise<StoredProfile> {
    const seal = async (v: string) => ({ sealed: await box.seal(v) });
    return {
      id: p.id, name: p.name, bootstrap: p.bootstrap,
      ...(p.clientId === undefined ? {} : { clientId: p.clientId }),
      ...(p.sasl === undefined ? {} : { sasl: { mechanism: p.sasl.mechanism, username: p.sasl.username, password: await seal(p.sasl.password) } }),
      ...(p.tls === undefined ? {} : {
        tls: {
          verify: p.tls.verify,
          ...(p.tls.ca === undefined ? {} : { ca: p.tls.ca }),
          ...(p.tls.cert === undefined ? {} : { cert: p.tls.cert }),
          ...(p.tls.servername === undefined ? {} : { servername: p.tls.servername }),
          ...(p.tls.key === undefined ? {} : { key: await seal(p.tls.key) }),
          ...(p.tls.keyPassphrase === undefined ? {} : { keyPassphrase: await seal(p.tls.keyPassphrase) }),
        },
      }),
    };
  }

  private writing: Promise<void> = Promise.resolve();

  /** Seals and writes the external profiles (local ones are skipped). Saves run one at a time, in call order. */
  save(profiles: readonly ConnectionProfile[], box: SecretBox): Promise<void> {
    const next = this.writing.then(() => this.write(profiles, box));
    this.writing = next.catch(() => undefined);
    return next;
  }

  private async write(profiles: readonly ConnectionProfile[], box: SecretBox): Promise<void> {
    const file: ProfileFile = {
      version: 1, scheme: box.scheme, check: await box.seal(CHECK_TEXT),
      profiles: await Promise.all(profiles.filter((p) => p.kind === 'external').map((p) => this.sealProfile(p, box))),
    };
    const tmp = `${this.path}.${process.pid}.tmp`;
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await writeFile(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
      await rename(tmp, this.path);
    } catch (err) {
      throw this.storageError('Cannot write the profile file', err);
    }
  }
}
