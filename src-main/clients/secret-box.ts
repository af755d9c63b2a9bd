/**
 * Secrets at rest. `SecretBox` seals a string into an opaque text and opens it again; the profile store
 * calls it for every password and private key before anything touches the disk. Two implementations:
 * this file's AES-256-GCM box keyed by a user passphrase through scrypt (browser mode), and Electron's
 * safeStorage (src-main/app/safe-storage-box.ts, since only app/ may import electron).
 * Hand-written on node:crypto: it is a few calls to the platform's audited primitives, and no npm package
 * adds anything but a dependency here.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { TidepoolError } from '../common/index.js';

export interface SecretBox {
  /** Names the scheme in the profile file, so a file sealed by another box is refused clearly. */
  readonly scheme: string;
  seal(plain: string): Promise<string>;
  /** Throws TidepoolError TP_VALIDATION (details.reason 'wrong-key') when the text was sealed with another key. */
  open(sealed: string): Promise<string>;
}

export const WRONG_KEY = 'wrong-key';
export const LOCKED = 'locked';

const PREFIX = 'aesgcm1:';
const SALT = 16;
const IV = 12;
const TAG = 16;
// scrypt cost: N=2^15, r=8 (about 32 MB and tens of ms once per salt); OWASP's floor is N=2^17 with r=8 p=1
// for password hashes, but this key only guards a local file that never leaves the machine.
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

function deriveKey(passphrase: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFKC'), salt, 32, SCRYPT, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export function wrongKeyError(what: string): TidepoolError {
  return new TidepoolError('TP_VALIDATION',
    `${what} could not be decrypted: the passphrase is wrong (or the file was sealed with another key). ` +
    'Enter the passphrase used when the profiles were saved.', { reason: WRONG_KEY, field: 'passphrase' });
}

/** AES-256-GCM with a key from scrypt(passphrase, salt). Each sealed text carries its salt and IV. */
export class PassphraseSecretBox implements SecretBox {
  readonly scheme = 'aes-256-gcm+scrypt';
  private readonly keys = new Map<string, Promise<Buffer>>();
  private readonly salt = randomBytes(SALT);

  constructor(private readonly passphrase: string) {
    if (passphrase.length === 0) throw new TidepoolError('TP_VALIDATION', 'The passphrase must not be empty.', { field: 'passphrase' });
  }

  private key(salt: Buffer): Promise<Buffer> {
    const id = salt.toString('hex');
    let k = this.keys.get(id);
    if (k === undefined) { k = deriveKey(this.passphrase, salt); this.keys.set(id, k); }
    return k;
  }

  async seal(plain: string): Promise<string> {
    const iv = randomBytes(IV);
    const cipher = createCipheriv('aes-256-gcm', await this.key(this.salt), iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([this.salt, iv, cipher.getAuthTag(), body]).toString('base64');
  }

  async open(sealed: string): Promise<string> {
    if (!sealed.startsWith(PREFIX)) throw new TidepoolError('TP_VALIDATION', 'Not a sealed secret of this app (unknown format).', { reason: 'bad-format' });
    const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
    if (raw.length < SALT + IV + TAG) throw new TidepoolError('TP_VALIDATION', 'A sealed secret is truncated.', { reason: 'bad-format' });
    const salt = raw.subarray(0, SALT);
    const iv = raw.subarray(SALT, SALT + IV);
    const tag = raw.subarray(SALT + IV, SALT + IV + TAG);
    const decipher = createDecipheriv('aes-256-gcm', await this.key(salt), iv);
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(raw.subarray(SALT + IV + TAG)), decipher.final()]).toString('utf8');
    } catch {
      // GCM's tag check is the only failure here: a wrong key or tampered bytes.
      throw wrongKeyError('A saved secret');
    }
  }
}
