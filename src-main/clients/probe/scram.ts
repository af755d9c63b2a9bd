/**
 * The client side of SCRAM-SHA-256/512 (RFC 5802 / RFC 7677) as Kafka uses it (KIP-84): client-first,
 * server-first, client-final with the proof, then the server signature check. Hand-written on node:crypto
 * because the probe must drive each SASL message itself to say which one failed; the pool's library does
 * its own SCRAM for real traffic. SASLprep is approximated by NFKC normalisation (enough for the names
 * and passwords Kafka accepts in practice; full stringprep tables are not implemented).
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

export type ScramHash = 'sha256' | 'sha512';

const escapeName = (s: string) => s.normalize('NFKC').replace(/=/g, '=3D').replace(/,/g, '=2C');

function attrs(msg: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const part of msg.split(',')) {
    const i = part.indexOf('=');
    if (i > 0) m.set(part.slice(0, i), part.slice(i + 1));
  }
  return m;
}

export class ScramError extends Error {
  override readonly name = 'ScramError';
}

export class ScramClient {
  private readonly firstBare: string;
  private expectedServerSignature: Buffer | null = null;

  /** `nonce` is for test vectors only; by default 18 random bytes. */
  constructor(private readonly hash: ScramHash, username: string, private readonly password: string,
    private readonly nonce = randomBytes(18).toString('base64')) {
    this.firstBare = `n=${escapeName(username)},r=${this.nonce}`;
  }

  clientFirst(): Buffer {
    return Buffer.from(`n,,${this.firstBare}`, 'utf8');
  }

  /** Answers the server-first message with the client-final message (carrying the proof). */
  clientFinal(serverFirst: Buffer): Buffer {
    const text = serverFirst.toString('utf8');
    const a = attrs(text);
    if (a.has('e')) throw new ScramError(`the server refused the first SCRAM message: ${a.get('e')}`);
    const nonce = a.get('r');
    const salt = a.get('s');
    const iterations = Number(a.get('i'));
    if (nonce === undefined || salt === undefined || !Number.isInteger(iterations) || iterations < 1) {
      throw new ScramError(`the server's SCRAM message is malformed: ${JSON.stringify(text.slice(0, 200))}`);
    }
    if (!nonce.startsWith(this.nonce)) throw new ScramError('the server\'s SCRAM nonce does not extend ours (possible tampering)');
    if (iterations > 1_000_000) throw new ScramError(`the server asks for ${iterations} SCRAM iterations, more than this app allows`);
    const len = this.hash === 'sha256' ? 32 : 64;
    const salted = pbkdf2Sync(this.password.normalize('NFKC'), Buffer.from(salt, 'base64'), iterations, len, this.hash);
    const hmac = (key: Buffer, data: string) => createHmac(this.hash, key).update(data, 'utf8').digest();
    const clientKey = hmac(salted, 'Client Key');
    const storedKey = createHash(this.hash).update(clientKey).digest();
    const withoutProof = `c=${Buffer.from('n,,').toString('base64')},r=${nonce}`;
    const authMessage = `${this.firstBare},${text},${withoutProof}`;
    const signature = hmac(storedKey, authMessage);
    const proof = Buffer.alloc(len);
    for (let i = 0; i < len; i++) proof[i] = clientKey[i] ^ signature[i];
    this.expectedServerSignature = hmac(hmac(salted, 'Server Key'), authMessage);
    return Buffer.from(`${withoutProof},p=${proof.toString('base64')}`, 'utf8');
  }

  /** Checks the server-final message: the server proves it knows the password too. */
  verifyServerFinal(serverFinal: Buffer): void {
    const a = attrs(serverFinal.toString('utf8'));
    if (a.has('e')) throw new ScramError(`the server refused the SCRAM proof: ${a.get('e')}`);
    const v = a.get('v');
    if (v === undefined || this.expectedServerSignature === null) throw new ScramError('the server\'s final SCRAM message has no signature');
    const got = Buffer.from(v, 'base64');
    if (got.length !== this.expectedServerSignature.length || !timingSafeEqual(got, this.expectedServerSignature)) {
      throw new ScramError('the server\'s SCRAM signature is wrong: it does not know this user\'s credentials');
    }
  }
}
