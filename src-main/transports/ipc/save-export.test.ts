// Electron cannot run here: `dialog` is a fake returning a path or a cancel, ipcMain a map of handlers; the
// file writing is real, into a temp dir.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IPC, type SaveExportReply } from '../../contract/index.js';
import { saveExport, serveSaveExport, type SaveDialog } from './save-export.js';

const dir = mkdtempSync(join(tmpdir(), 'tidepool-save-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeDialog(reply: { canceled: boolean; filePath?: string }) {
  const asked: Parameters<SaveDialog['showSaveDialog']>[0][] = [];
  const dialog: SaveDialog = { showSaveDialog: async (o) => { asked.push(o); return reply; } };
  return { dialog, asked };
}

function serve(dialog: SaveDialog) {
  let handler: ((e: unknown, req: unknown) => Promise<SaveExportReply>) | undefined;
  serveSaveExport({ handle: (ch: string, fn: never) => { if (ch === IPC.saveExport) handler = fn; } } as never, dialog, (u) => u.startsWith('file:///app/'));
  return (req: unknown, url = 'file:///app/index.html') => handler!({ senderFrame: { url } }, req);
}

const request = { suggestedName: 'orders-2026-11-21T17-00-00.json', format: 'json', parts: ['[', '\n  {"offset":"1","value":"é"}', '\n]\n'] };

describe('save export (Electron main, dialog injected)', () => {
  it('writes the export where the dialog says, offering the suggested name and the format filter', async () => {
    const path = join(dir, 'chosen.json');
    const { dialog, asked } = fakeDialog({ canceled: false, filePath: path });
    const reply = await serve(dialog)(request);
    expect(reply).toEqual({ ok: true, value: { saved: true, path, bytes: Buffer.byteLength(request.parts.join('')) } });
    expect(readFileSync(path, 'utf8')).toBe('[\n  {"offset":"1","value":"é"}\n]\n');
    expect(asked).toEqual([expect.objectContaining({ defaultPath: request.suggestedName, filters: [{ name: 'JSON', extensions: ['json'] }] })]);
  });

  it('cancel writes nothing', async () => {
    const before = readdirSync(dir);
    expect(await serve(fakeDialog({ canceled: true, filePath: '' }).dialog)(request)).toEqual({ ok: true, value: { saved: false } });
    expect(await saveExport(fakeDialog({ canceled: true }).dialog, { ...request, format: 'csv' })).toEqual({ saved: false });
    expect(readdirSync(dir)).toEqual(before);
  });

  it('an unwritable path gives a clear TP_STORAGE error naming the path', async () => {
    const missing = join(dir, 'no-such-folder', 'x.json');
    const r1 = await serve(fakeDialog({ canceled: false, filePath: missing }).dialog)(request);
    expect(r1).toMatchObject({ ok: false, error: { code: 'TP_STORAGE', details: { path: missing, cause: 'ENOENT' } } });
    expect(!r1.ok && r1.error.message).toMatch(/Could not save the export to .*x\.json: ENOENT.*Choose another folder/);
    expect(existsSync(missing)).toBe(false);
    // A directory where the file should go.
    const r2 = await serve(fakeDialog({ canceled: false, filePath: dir }).dialog)(request);
    expect(r2).toMatchObject({ ok: false, error: { code: 'TP_STORAGE', details: { cause: 'EISDIR' } } });
    if (process.getuid?.() !== 0) { // root ignores permission bits
      const ro = join(dir, 'read-only');
      mkdirSync(ro);
      chmodSync(ro, 0o500);
      const r3 = await serve(fakeDialog({ canceled: false, filePath: join(ro, 'x.json') }).dialog)(request);
      expect(r3).toMatchObject({ ok: false, error: { code: 'TP_STORAGE', details: { cause: 'EACCES' } } });
      chmodSync(ro, 0o700);
    }
  });

  it('refuses a bad request before showing a dialog, and any frame but our renderer', async () => {
    const { dialog, asked } = fakeDialog({ canceled: false, filePath: join(dir, 'never.json') });
    const call = serve(dialog);
    for (const bad of [{ ...request, suggestedName: '../../etc/passwd' }, { ...request, format: 'xml' }, { ...request, parts: [1] }, null]) {
      expect(await call(bad)).toMatchObject({ ok: false, error: { code: 'TP_VALIDATION' } });
    }
    expect(await call(request, 'https://evil.example/')).toMatchObject({ ok: false, error: { code: 'TP_TRANSPORT' } });
    expect(asked).toEqual([]);
    expect(existsSync(join(dir, 'never.json'))).toBe(false);
  });
});
