/**
 * Export as a cancellable subscription to `messages.export`: records are formatted as they arrive
 * (export-format.ts), progress is shown from the core's scanned/total counts, Cancel unsubscribes (the core
 * stops reading and closes its connections). The finished file goes to Electron's main process, which shows
 * the save dialog and writes it (transports/ipc/save-export.ts), or in browser mode to a download.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { unpackMessages, type ExportEvent, type InputOf } from '../../../../src-main/contract/index.js';
import { api } from '../../api/client.js';
import type { CoreError } from '../../lib/core-error.js';
import { ExportWriter, exportFileName, type ExportFormat } from './export-format.js';
import { downloadBlob } from './message-viewer.js';

export interface ExportState {
  running: boolean;
  scanned: bigint;
  total: bigint;
  matched: number;
  result: string | null;
  error: CoreError | null;
}

const IDLE: ExportState = { running: false, scanned: 0n, total: 0n, matched: 0, result: null, error: null };

export function useMessageExport() {
  const [state, setState] = useState<ExportState>(IDLE);
  const unsub = useRef<(() => void) | null>(null);

  const stop = useCallback(() => { unsub.current?.(); unsub.current = null; }, []);
  useEffect(() => stop, [stop]);

  const start = useCallback((input: InputOf<'messages.export'>, format: ExportFormat) => {
    stop();
    const writer = new ExportWriter(format, input.topic);
    setState({ ...IDLE, running: true });
    unsub.current = api().subscribe('messages.export', input, (e: ExportEvent) => {
      switch (e.kind) {
        case 'started': setState((s) => ({ ...s, total: e.total })); break;
        case 'records': writer.add(unpackMessages(e.records)); break;
        case 'progress': setState((s) => ({ ...s, scanned: e.scanned, total: e.total, matched: e.matched })); break;
        case 'done': {
          stop();
          const name = exportFileName(input.topic, format);
          const limit = e.stopped === 'max-results' ? ' (stopped at the export limit)' : '';
          const save = window.tidepool?.saveExport;
          if (save === undefined) {
            downloadBlob(writer.finish(), name, format === 'json' ? 'application/json' : 'text/csv');
            setState((s) => ({ ...s, running: false, matched: e.matched, result: `Exported ${e.matched} records to ${name}${limit}.` }));
            break;
          }
          // Electron: main shows the save dialog and writes the file.
          setState((s) => ({ ...s, running: false, matched: e.matched, result: `Read ${e.matched} records; choose where to save them…` }));
          void save({ suggestedName: name, format, parts: writer.finish() }).then((r) => {
            if (!r.ok) { setState((s) => ({ ...s, result: null, error: { code: r.error.code, message: r.error.message } })); return; }
            const v = r.value;
            const result = v.saved ? `Exported ${e.matched} records to ${v.path}${limit}.` : 'Export cancelled; nothing was saved.';
            setState((s) => ({ ...s, result }));
          }, (err: Error) => setState((s) => ({ ...s, result: null, error: { code: 'TP_TRANSPORT', message: `Saving the export failed: ${err.message}` } })));
          break;
        }
        case 'error': stop(); setState((s) => ({ ...s, running: false, error: e.error })); break;
      }
    }, (err) => { stop(); setState((s) => ({ ...s, running: false, error: { code: 'TP_TRANSPORT', message: `${err.message}. The export stopped; start it again.` } })); });
  }, [stop]);

  const cancel = useCallback(() => {
    stop();
    setState((s) => ({ ...s, running: false, result: `Export cancelled after ${s.matched} records; nothing was saved.` }));
  }, [stop]);

  return { state, start, cancel };
}
