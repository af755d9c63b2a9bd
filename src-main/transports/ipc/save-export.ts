/**
 * Electron main side of "save the message export": the renderer sends the finished file's text, main shows the
 * native save dialog and writes the file where the user chose. The dialog is injected (main.ts passes
 * Electron's `dialog`), so this module loads without Electron and is tested with a fake dialog.
 */
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { TidepoolError } from '../../common/index.js';
import { IPC, type SaveExportReply } from '../../contract/index.js';

/** The part of Electron's `dialog` this needs (the window is bound by the caller). */
export interface SaveDialog {
  showSaveDialog(options: {
    title: string; defaultPath: string; buttonLabel: string; filters: { name: string; extensions: string[] }[];
  }): Promise<{ canceled: boolean; filePath?: string }>;
}

const requestSchema = z.object({
  // A file name only: the user picks the folder in the dialog.
  suggestedName: z.string().min(1).max(255).refine((n) => basename(n) === n && !n.includes('\\'), 'expected a file name, not a path'),
  format: z.enum(['json', 'csv']),
  parts: z.array(z.string()),
}).strict();

const FILTERS: Record<'json' | 'csv', { name: string; extensions: string[] }> = { json: { name: 'JSON', extensions: ['json'] }, csv: { name: 'CSV', extensions: ['csv'] } };

/** Shows the dialog and writes the file; `{ saved: false }` when the user cancels (nothing is written). */
export async function saveExport(dialog: SaveDialog, request: unknown): Promise<{ saved: true; path: string; bytes: number } | { saved: false }> {
  const parsed = requestSchema.safeParse(request);
  if (!parsed.success) {
    throw new TidepoolError('TP_VALIDATION', `Save export: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ')}.`);
  }
  const { suggestedName, format, parts } = parsed.data;
  const choice = await dialog.showSaveDialog({ title: 'Save export', defaultPath: suggestedName, buttonLabel: 'Save', filters: [FILTERS[format]] });
  if (choice.canceled || !choice.filePath) return { saved: false };
  const path = choice.filePath;
  try {
    // writeFile takes the parts as an iterable: a large export is never joined into one string.
    await writeFile(path, parts);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new TidepoolError('TP_STORAGE', `Could not save the export to ${path}: ${err.code ?? 'error'} (${err.message}). Choose another folder or name.`,
      { path, cause: err.code ?? err.message });
  }
  return { saved: true, path, bytes: parts.reduce((n, p) => n + Buffer.byteLength(p), 0) };
}

/** Registers the save-export channel; like every channel, only our own renderer may use it. */
export function serveSaveExport(ipcMain: Pick<IpcMain, 'handle'>, dialog: SaveDialog, isTrustedUrl: (url: string) => boolean): void {
  ipcMain.handle(IPC.saveExport, async (e: IpcMainInvokeEvent, request: unknown): Promise<SaveExportReply> => {
    try {
      const url = e.senderFrame?.url ?? '';
      if (!isTrustedUrl(url)) throw new TidepoolError('TP_TRANSPORT', `IPC from an untrusted frame (${url}) refused.`);
      return { ok: true, value: await saveExport(dialog, request) };
    } catch (err) {
      return { ok: false, error: TidepoolError.from(err).toJSON() };
    }
  });
}
