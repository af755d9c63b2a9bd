import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SafeStorageBox, type SafeStorageLike } from './safe-storage-box.js';

/** Stands in for the OS keychain: AES-256-GCM under a per-"machine" key, failing to decrypt under another. */
function keychain(available = true): SafeStorageLike {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString: (buf) => {
      const d = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
      d.setAuthTag(buf.subarray(12, 28));
      return Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

describe('SafeStorageBox (wrapping only: Electron\'s safeStorage itself needs an Electron runtime)', () => {
  it('round-trips through the keychain and never shows the plain text', async () => {
    const box = new SafeStorageBox(keychain());
    const sealed = await box.seal('topsecret');
    expect(sealed).toMatch(/^safestorage1:/);
    expect(sealed).not.toContain('topsecret');
    expect(await box.open(sealed)).toBe('topsecret');
  });

  it('names another keychain, a missing keychain and foreign formats', async () => {
    const sealed = await new SafeStorageBox(keychain()).seal('x');
    await expect(new SafeStorageBox(keychain()).open(sealed)).rejects.toMatchObject({ code: 'TP_VALIDATION', details: { reason: 'wrong-key' } });
    await expect(new SafeStorageBox(keychain(false)).seal('x')).rejects.toMatchObject({ code: 'TP_UNAVAILABLE', message: /keychain is not available/ });
    await expect(new SafeStorageBox(keychain()).open('aesgcm1:abc')).rejects.toMatchObject({ details: { reason: 'bad-format' } });
  });
});
