/**
 * The selected record: value in the Monaco viewer (decoded as string, pretty JSON with lossless 64-bit numbers,
 * hex or base64), key and headers decoded the same way, and copy / save / re-produce actions. Save writes the raw
 * bytes; Re-produce opens the Producer screen filled with this record (reproduce.ts).
 */
import { useState } from 'react';
import type { MessageRecord } from '../../../../src-main/contract/index.js';
import { CodeEditor } from '../../components/code-editor/index.js';
import { useTheme } from '../../stores/use-theme.js';
import { decodeBytes, type DecodeMode } from './decode.js';
import { formatTimestamp } from './message-table.js';
import { reproduceForm } from './reproduce.js';
import { useProducerStore } from '../producer/index.js';
import { sectionHash } from '../../lib/paths.js';

export function downloadBlob(parts: BlobPart[], fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function MessageViewer({ topic, m, mode }: { topic: string; m: MessageRecord; mode: DecodeMode }) {
  const theme = useTheme();
  const [note, setNote] = useState<string | null>(null);
  const patchProducer = useProducerStore((s) => s.patch);
  const reproduce = () => {
    const { patch, warning } = reproduceForm(topic, m);
    patchProducer(patch);
    if (warning !== null && !window.confirm(`${warning}\n\nOpen the Producer with this record anyway?`)) return;
    window.location.hash = sectionHash('producer');
  };
  const value = decodeBytes(m.value, mode);
  const key = m.key === null ? null : decodeBytes(m.key, mode === 'json' ? 'string' : mode);
  const copy = (text: string, what: string) => {
    navigator.clipboard.writeText(text).then(() => setNote(`${what} copied`), (e: unknown) => setNote(`Could not copy (${String(e)}): select the text and copy it by hand.`));
  };
  return (
    <div className="msg-viewer" data-testid="message-viewer">
      <dl>
        <dt>Partition</dt><dd className="mono">{m.partition}</dd>
        <dt>Offset</dt><dd className="mono" data-testid="viewer-offset">{m.offset.toString()}</dd>
        <dt>Timestamp</dt><dd className="mono">{formatTimestamp(m.timestamp)} ({m.timestamp.toString()})</dd>
        <dt>Key</dt><dd className="mono" data-testid="viewer-key">{key === null ? <span className="muted">null</span> : key.text}</dd>
        {m.headers.map((h, i) => (
          <HeaderRow key={i} name={h.key} value={h.value === null ? null : decodeBytes(h.value, mode === 'json' ? 'string' : mode).text} />
        ))}
      </dl>
      <div className="toolbar" style={{ padding: 0, border: 0 }}>
        <button type="button" className="btn" onClick={() => copy(value.text, 'Value')}>Copy value</button>
        <button type="button" className="btn" disabled={key === null} onClick={() => key && copy(key.text, 'Key')}>Copy key</button>
        <button type="button" className="btn" disabled={m.value === null}
          onClick={() => m.value && downloadBlob([m.value.slice().buffer], `${topic}-${m.partition}-${m.offset}.bin`, 'application/octet-stream')}>Save value…</button>
        <button type="button" className="btn" onClick={reproduce} data-testid="reproduce">Re-produce…</button>
        {note && <span className="muted" role="status">{note}</span>}
      </div>
      {value.warning && <div className="msg-warning" data-testid="decode-warning">{value.warning}</div>}
      <CodeEditor value={value.text} language={mode === 'json' && !value.warning ? 'json' : 'plaintext'} readOnly theme={theme} height={320} data-testid="value-viewer" />
    </div>
  );
}

function HeaderRow({ name, value }: { name: string; value: string | null }) {
  return <><dt className="mono" title="header">{name}</dt><dd className="mono">{value ?? <span className="muted">null</span>}</dd></>;
}
