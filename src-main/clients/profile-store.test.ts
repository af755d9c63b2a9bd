import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TidepoolError } from '../common/index.js';
import { type ConnectionProfile, parseHostPort, profileInputSchema } from './profile.js';
import { PROFILE_FILE, ProfileStore } from './profile-store.js';
import { PassphraseSecretBox, type SecretBox } from './secret-box.js';

const PASSWORD = 'hunter2-super-secret';
const KEY_PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n';
const CERT_PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUZ\n-----END CERTIFICATE-----\n';

function profile(): ConnectionProfile {
  return {
    id: 'p1', kind: 'external',
    ...profileInputSchema.parse({
      name: 'prod', bootstrap: ['kafka-1.example.com:9093', '[::1]:9094'],
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'alice', password: PASSWORD },
      tls: { ca: CERT_PEM, cert: CERT_PEM, key: KEY_PEM, keyPassphrase: 'key-pass-123' },
    }),
  };
}

async function code(p: Promise<unknown>): Promise<{ code: string; message: string; reason?: string }> {
  try { await p; } catch (e) {
    expect(e).toBeInstanceOf(TidepoolError);
    const t = e as TidepoolError;
    return { code: t.code, message: t.message, reason: (t.details as { reason?: string } | undefined)?.reason };
  }
  throw new Error('expected a rejection');
}

describe('PassphraseSecretBox', () => {
  it('round-trips, with a fresh IV each time', async () => {
    const box = new PassphraseSecretBox('correct horse');
    const a = await box.seal('s3cret ✓');
    const b = await box.seal('s3cret ✓');
    expect(a).not.toBe(b);
    expect(a).not.toContain('s3cret');
    expect(await box.open(a)).toBe('s3cret ✓');
    // Another box with the same passphrase (new salt) still opens it: the salt travels with the text.
    expect(await new PassphraseSecretBox('correct horse').open(a)).toBe('s3cret ✓');
  });

  it('names a wrong passphrase, tampering and bad formats', async () => {
    const sealed = await new PassphraseSecretBox('right').seal('x');
    expect(await code(new PassphraseSecretBox('wrong').open(sealed))).toMatchObject({ code: 'TP_VALIDATION', reason: 'wrong-key' });
    const raw = Buffer.from(sealed.slice('aesgcm1:'.length), 'base64');
    raw[raw.length - 1] ^= 1;
    expect((await code(new PassphraseSecretBox('right').open(`aesgcm1:${raw.toString('base64')}`))).reason).toBe('wrong-key');
    expect((await code(new PassphraseSecretBox('right').open('plain text'))).reason).toBe('bad-format');
    expect((await code(new PassphraseSecretBox('right').open('aesgcm1:AAAA'))).message).toMatch(/truncated/);
    expect(() => new PassphraseSecretBox('')).toThrow(/must not be empty/);
  });
});

describe('ProfileStore', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'tidepool-profiles-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes no secret in plain text and reads the same profile back', async () => {
    const store = new ProfileStore(join(dir, 'nested'));
    expect(await store.load(new PassphraseSecretBox('pp'))).toEqual([]);
    await store.save([profile()], new PassphraseSecretBox('pp'));
    const text = readFileSync(join(dir, 'nested', PROFILE_FILE), 'utf8');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7');
    expect(text).not.toContain('key-pass-123');
    expect(text).toContain('alice'); // user names and public certificates are not secrets
    expect(statSync(join(dir, 'nested', PROFILE_FILE)).mode & 0o777).toBe(0o600);
    expect(await new ProfileStore(join(dir, 'nested')).load(new PassphraseSecretBox('pp'))).toEqual([profile()]);
  });

  it('refuses a wrong passphrase with a clear error before using any profile', async () => {
    const store = new ProfileStore(dir);
    await store.save([profile()], new PassphraseSecretBox('right one'));
    const e = await code(store.load(new PassphraseSecretBox('wrong one')));
    expect(e).toMatchObject({ code: 'TP_VALIDATION', reason: 'wrong-key' });
    expect(e.message).toMatch(/passphrase is wrong/);
    expect((await code(store.verify(new PassphraseSecretBox('wrong one')))).reason).toBe('wrong-key');
    await expect(store.verify(new PassphraseSecretBox('right one'))).resolves.toBeUndefined();
  });

  it('refuses a file sealed by another scheme', async () => {
    const store = new ProfileStore(dir);
    await store.save([], new PassphraseSecretBox('x'));
    const other: SecretBox = { scheme: 'electron-safe-storage', seal: async (s) => s, open: async (s) => s };
    expect(await code(store.load(other))).toMatchObject({ code: 'TP_VALIDATION', reason: 'scheme-mismatch' });
  });

  it('reports a corrupt or hand-broken file as a storage error naming the path', async () => {
    const store = new ProfileStore(dir);
    writeFileSync(store.path, '{ not json');
    expect(await code(store.load(new PassphraseSecretBox('x')))).toMatchObject({ code: 'TP_STORAGE' });
    writeFileSync(store.path, JSON.stringify({ version: 2, profiles: [] }));
    const e = await code(store.load(new PassphraseSecretBox('x')));
    expect(e.code).toBe('TP_STORAGE');
    expect(e.message).toContain(store.path);
    // A valid file whose profile was edited into an invalid bootstrap address.
    await store.save([profile()], new PassphraseSecretBox('x'));
    writeFileSync(store.path, readFileSync(store.path, 'utf8').replace('kafka-1.example.com:9093', 'no-port-here'));
    expect((await code(store.load(new PassphraseSecretBox('x')))).message).toMatch(/expected host:port/);
  });

  it('reports an unwritable dir as a storage error', async () => {
    writeFileSync(join(dir, 'file'), 'x');
    const e = await code(new ProfileStore(join(dir, 'file', 'sub')).save([profile()], new PassphraseSecretBox('x')));
    expect(e.code).toBe('TP_STORAGE');
  });
});

describe('profile validation', () => {
  it('parses host:port forms and rejects the rest', () => {
    expect(parseHostPort('localhost:9092')).toEqual({ host: 'localhost', port: 9092 });
    expect(parseHostPort('[::1]:9092')).toEqual({ host: '::1', port: 9092 });
    expect(parseHostPort('localhost')).toBeNull();
    expect(parseHostPort('h:0')).toBeNull();
    expect(parseHostPort('h:70000')).toBeNull();
  });

  it('names the field that is wrong', () => {
    const r = profileInputSchema.safeParse({ name: 'x', bootstrap: ['kafka'], tls: { cert: CERT_PEM } });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
    expect(paths).toMatch(/bootstrap.0: expected host:port/);
    expect(paths).toMatch(/tls.cert: a client certificate needs its key/);
    expect(profileInputSchema.safeParse({ name: 'x', bootstrap: [] }).success).toBe(false);
    expect(profileInputSchema.safeParse({ name: 'x', bootstrap: ['h:1'], tls: { ca: 'not pem' } }).success).toBe(false);
    expect(profileInputSchema.safeParse({ name: 'x', bootstrap: ['h:1'], sasl: { mechanism: 'GSSAPI', username: 'u', password: 'p' } }).success).toBe(false);
  });
});
