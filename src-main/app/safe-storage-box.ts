/**
 * SecretBox on Electron's safeStorage (the OS keychain: Keychain, DPAPI, libsecret/kwallet), used by the
 * desktop app for the profile file. Lives in app/ because only app/ and transports/ipc may import electron.
 * The safeStorage object is injected so the wrapping can be tested without an Electron runtime.
 */
import { TidepoolError } from '../common/index.js';
import { type SecretBox, wrongKeyError } from '../clients/index.js';

/** The two calls of Electron's `safeStorage` this box uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

const PREFIX = 'safestorage1:';

export class SafeStorageBox implements SecretBox {
  readonly scheme = 'electron-safe-storage';

  constructor(private readonly safeStorage: SafeStorageLike) {}

  /** The desktop app's box: `new SafeStorageBox((await import('electron')).safeStorage)` after app ready. */
  static async fromElectron(): Promise<SafeStorageBox> {
    const { safeStorage } = await import('electron');
    return new SafeStorageBox(safeStorage);
  }

  private available(): void {
    if (!this.safeStorage.isEncryptionAvailable()) {
      throw new TidepoolError('TP_UNAVAILABLE',
        'The system keychain is not available, so saved passwords and keys cannot be encrypted. '
        + 'On Linux, install and unlock a secret service (GNOME Keyring or KWallet), or use browser mode with a passphrase.',
        { reason: 'keychain-unavailable' });
    }
  }

  async seal(plain: string): Promise<string> {
    this.available();
    return PREFIX + this.safeStorage.encryptString(plain).toString('base64');
  }

  async open(sealed: string): Promise<string> {
    if (!sealed.startsWith(PREFIX)) throw new TidepoolError('TP_VALIDATION', 'Not a secret sealed by the system keychain (unknown format).', { reason: 'bad-format' });
    this.available();
    try {
      return this.safeStorage.decryptString(Buffer.from(sealed.slice(PREFIX.length), 'base64'));
    } catch {
      // Another OS user, another machine or a reset keychain: the key is not the one that sealed it.
      throw wrongKeyError('A saved secret (sealed by the system keychain)');
    }
  }
}
