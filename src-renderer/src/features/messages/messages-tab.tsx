/**
 * The Messages tab of topic detail: seek (Newest-N, Beginning, Offset, Timestamp), partition, max results and
 * filters (key, value, header text, JSONPath) drive `messages.browse`; Live tail subscribes to `messages.tail`
 * and appends; Export streams `messages.export` with a progress bar and Cancel. Records arrive as bytes and are
 * decoded here (string, JSON lossless, hex, base64). Re-produce opens the Producer filled with the selected record.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { PackedRecordList, type InputOf, type MessageRecord, type RecordRows, type TailEvent } from '../../../../src-main/contract/index.js';
import { api } from '../../api/client.js';
import { toCoreError, type CoreError } from '../../lib/core-error.js';
import { DECODE_MODES, type DecodeMode } from './decode.js';
import type { ExportFormat } from './export-format.js';
import { MessageTable } from './message-table.js';
import { MessageViewer } from './message-viewer.js';
import { useMessageExport } from './use-message-export.js';
import './messages.css';
import '../../styles/tables.css';

type SeekMode = 'newest' | 'beginning' | 'offset' | 'timestamp';
/** The tail keeps at most this many rows (oldest dropped) so a busy topic cannot exhaust the renderer. */
const TAIL_KEEP = 100_000;

/** Tail records appended to what is shown (a packed list is turned into an array once, when the tail first adds). */
export function appendRows(rows: RecordRows, extra: readonly MessageRecord[], keep = TAIL_KEEP): MessageRecord[] {
  const base = Array.isArray(rows) ? (rows as MessageRecord[]) : rows instanceof PackedRecordList ? rows.toArray() : Array.from({ length: rows.length }, (_, i) => rows.at(i)!);
  const next = base.concat(extra);
  return next.length > keep ? next.slice(next.length - keep) : next;
}

export interface BrowseForm {
  seek: SeekMode;
  count: string;
  offset: string;
  time: string;
  partition: string;
  maxResults: string;
  key: string;
  value: string;
  header: string;
  jsonPath: string;
}

const INITIAL: BrowseForm = { seek: 'newest', count: '100', offset: '0', time: '', partition: 'all', maxResults: '500', key: '', value: '', header: '', jsonPath: '' };

/** Form -> contract input; a message the user can act on when a field is wrong. */
export function browseInput(clusterId: string, topic: string, f: BrowseForm): { input: InputOf<'messages.browse'> } | { error: string } {
  const maxResults = Number(f.maxResults);
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100_000) return { error: 'Max results must be a whole number from 1 to 100000.' };
  let seek: InputOf<'messages.browse'>['seek'];
  if (f.seek === 'newest') {
    const count = Number(f.count);
    if (!Number.isInteger(count) || count < 1) return { error: 'Newest N must be a whole number of at least 1.' };
    seek = { mode: 'newest', count };
  } else if (f.seek === 'offset') {
    if (!/^\d{1,19}$/.test(f.offset.trim())) return { error: 'The offset must be a whole number (0 or more).' };
    seek = { mode: 'offset', offset: BigInt(f.offset.trim()) };
  } else if (f.seek === 'timestamp') {
    const ms = Date.parse(f.time);
    if (Number.isNaN(ms)) return { error: 'Pick a date and time to start from.' };
    seek = { mode: 'timestamp', timestamp: BigInt(ms) };
  } else {
    seek = { mode: 'beginning' };
  }
  const filters = {
    ...(f.key ? { key: f.key } : {}), ...(f.value ? { value: f.value } : {}),
    ...(f.header ? { header: f.header } : {}), ...(f.jsonPath.trim() ? { jsonPath: f.jsonPath.trim() } : {}),
  };
  return {
    input: {
      clusterId, topic, seek, maxResults,
      ...(f.partition === 'all' ? {} : { partitions: [Number(f.partition)] }),
      ...(Object.keys(filters).length > 0 ? { filters } : {}),
    },
  };
}

export function MessagesTab({ clusterId, topic, partitions }: { clusterId: string; topic: string; partitions: number }) {
  const [form, setForm] = useState<BrowseForm>(INITIAL);
  const [rows, setRows] = useState<RecordRows>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [mode, setMode] = useState<DecodeMode>('string');
  const [loading, setLoading] = useState(false);
  const [status, setStatus] = useState<string>('');
  const [error, setError] = useState<CoreError | null>(null);
  const [tail, setTail] = useState(false);
  const [format, setFormat] = useState<ExportFormat>('json');
  const exp = useMessageExport();
  const seq = useRef(0);
  const set = (k: keyof BrowseForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const load = useCallback(async () => {
    const parsed = browseInput(clusterId, topic, form);
    if ('error' in parsed) { setError({ code: 'TP_VALIDATION', message: parsed.error }); return; }
    const n = ++seq.current;
    setLoading(true); setError(null); setStatus('Reading…');
    try {
      const r = await api().call('messages.browse', parsed.input);
      if (n !== seq.current) return;
      // Decoded on demand: only the rows on screen (and the selected one) are ever unpacked.
      const messages = new PackedRecordList(r.messages);
      setRows(messages); setSelected(null);
      const why = r.stopped === 'max-results' ? ' (stopped at max results)' : r.stopped === 'scan-limit' ? ' (stopped at the scan limit: narrow the seek)' : '';
      setStatus(`${messages.length} records shown, ${r.scanned} read${why}.`);
    } catch (e) {
      if (n === seq.current) { setError(toCoreError(e)); setStatus(''); }
    } finally {
      if (n === seq.current) setLoading(false);
    }
  }, [clusterId, topic, form]);

  // First load when the tab opens.
  useEffect(() => { void load(); }, [clusterId, topic]);

  useEffect(() => {
    if (!tail) return;
    const parsed = browseInput(clusterId, topic, form);
    const filters = 'input' in parsed ? parsed.input.filters : undefined;
    setStatus('Live tail: waiting for new records…');
    return api().subscribe('messages.tail', {
      clusterId, topic, ...(form.partition === 'all' ? {} : { partitions: [Number(form.partition)] }), ...(filters ? { filters } : {}),
    }, (e: TailEvent) => {
      if (e.kind === 'messages') {
        setRows((old) => appendRows(old, e.messages));
        setStatus(`Live tail: ${e.messages.length} new record(s) at ${new Date().toLocaleTimeString()}.`);
      } else if (e.kind === 'partitions-added') {
        setStatus(`Live tail: now also reading new partition(s) ${e.partitions.map((p) => p.partition).join(', ')}, from offset 0.`);
      } else if (e.kind === 'error') {
        setError({ code: e.error.code, message: `${e.error.message} Live tail stopped; turn it on again to retry.` });
        setTail(false);
      }
    }, (err) => { setError({ code: 'TP_TRANSPORT', message: `${err.message}. Live tail stopped; turn it on again to retry.` }); setTail(false); });
    // Re-subscribing on every form change would drop records; the tail uses the filters it started with.
    }, [tail, clusterId, topic]);

  const startExport = () => {
    const parsed = browseInput(clusterId, topic, form);
    if ('error' in parsed) { setError({ code: 'TP_VALIDATION', message: parsed.error }); return; }
    const { maxResults: _ignored, ...rest } = parsed.input;
    exp.start(rest, format);
  };

  const pct = exp.state.total > 0n ? Number((exp.state.scanned * 1000n) / exp.state.total) / 10 : 0;
  return (
    <div data-testid="messages-tab">
      <form className="msg-controls" onSubmit={(e) => { e.preventDefault(); void load(); }}>
        <label className="field">Seek
          <select value={form.seek} onChange={set('seek')} data-testid="seek-mode" aria-label="Seek">
            <option value="newest">Newest N</option><option value="beginning">Beginning</option>
            <option value="offset">Offset</option><option value="timestamp">Timestamp</option>
          </select>
        </label>
        {form.seek === 'newest' && <label className="field">N<input className="narrow" value={form.count} onChange={set('count')} data-testid="seek-count" inputMode="numeric" /></label>}
        {form.seek === 'offset' && <label className="field">Offset<input className="narrow" value={form.offset} onChange={set('offset')} data-testid="seek-offset" inputMode="numeric" /></label>}
        {form.seek === 'timestamp' && <label className="field">From (local time)<input type="datetime-local" step="1" value={form.time} onChange={set('time')} data-testid="seek-time" /></label>}
        <label className="field">Partition
          <select value={form.partition} onChange={set('partition')} data-testid="partition">
            <option value="all">All</option>
            {Array.from({ length: partitions }, (_, i) => <option key={i} value={String(i)}>{i}</option>)}
          </select>
        </label>
        <label className="field">Max results<input className="narrow" value={form.maxResults} onChange={set('maxResults')} data-testid="max-results" inputMode="numeric" /></label>
        <label className="field">Key contains<input className="narrow" value={form.key} onChange={set('key')} data-testid="filter-key" /></label>
        <label className="field">Value contains<input value={form.value} onChange={set('value')} data-testid="filter-value" /></label>
        <label className="field">Header contains<input className="narrow" value={form.header} onChange={set('header')} data-testid="filter-header" /></label>
        <label className="field">JSONPath<input className="wide" placeholder="$[?@.amount > 100]" value={form.jsonPath} onChange={set('jsonPath')} data-testid="filter-jsonpath" /></label>
        <button type="submit" className="btn btn-primary" disabled={loading} data-testid="load-messages">{loading ? 'Reading…' : 'Load'}</button>
        <label className="field" style={{ flexDirection: 'row', alignItems: 'center', gap: 4 }}>
          <input type="checkbox" checked={tail} onChange={(e) => setTail(e.target.checked)} data-testid="live-tail" /> Live tail
        </label>
        <span className="spacer" />
        <label className="field">Decode
          <select value={mode} onChange={(e) => setMode(e.target.value as DecodeMode)} data-testid="decode-mode">
            {DECODE_MODES.map((m) => <option key={m} value={m}>{m === 'json' ? 'JSON' : m}</option>)}
          </select>
        </label>
        <label className="field">Export
          <select value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)} data-testid="export-format"><option value="json">JSON</option><option value="csv">CSV</option></select>
        </label>
        {exp.state.running
          ? <button type="button" className="btn" onClick={exp.cancel} data-testid="export-cancel">Cancel export</button>
          : <button type="button" className="btn" onClick={startExport} data-testid="export-start">Export…</button>}
      </form>
      <div className="msg-status" role="status" data-testid="messages-status">
        <span>{status}</span>
        {exp.state.running && <><progress max={100} value={pct} data-testid="export-progress" /> <span>{pct.toFixed(1)}% · {exp.state.matched} records</span></>}
        {!exp.state.running && exp.state.result && <span data-testid="export-result">{exp.state.result}</span>}
      </div>
      {error && <div className="inline-error" role="alert" data-testid="messages-error">{error.code}: {error.message}</div>}
      {exp.state.error && <div className="inline-error" role="alert">Export failed: {exp.state.error.code}: {exp.state.error.message}</div>}
      <div className="msg-split">
        {rows.length === 0 && !loading
          ? <div className="muted pad" data-testid="messages-empty">No records for this seek and these filters. Try Beginning, another partition, or clear the filters.</div>
          : <MessageTable rows={rows} selected={selected} mode={mode} onSelect={setSelected} />}
        {selected !== null && rows.at(selected)
          ? <MessageViewer topic={topic} m={rows.at(selected)!} mode={mode} />
          : <div className="msg-viewer muted">Select a record to see its value, key and headers.</div>}
      </div>
    </div>
  );
}
