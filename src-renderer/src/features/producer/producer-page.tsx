/**
 * The Producer screen: topic, partition ("auto" = the Java client's murmur2 for keyed records), acks and
 * compression; key and value in Monaco (JSON checked as you type when the mode is JSON), a headers table, Send
 * with the partition/offset of each result (offsets printed from bigint), and bulk produce below.
 */
import { useMemo, useState } from 'react';
import { PAYLOAD_ENCODINGS, PRODUCE_COMPRESSIONS, type PayloadEncoding, type ProduceResult } from '../../../../src-main/contract/index.js';
import { api } from '../../api/client.js';
import { useCoreQuery } from '../../api/use-core-query.js';
import { CodeEditor } from '../../components/code-editor/index.js';
import { EmptyState } from '../../components/layout/empty-state.js';
import { toCoreError, type CoreError } from '../../lib/core-error.js';
import { useActiveCluster } from '../../stores/use-active-cluster.js';
import { useTheme } from '../../stores/use-theme.js';
import { BulkPanel } from './bulk-panel.js';
import { HeadersEditor } from './headers-editor.js';
import { jsonProblem, toSendInput, type FormErrors } from './producer-form.js';
import { useProducerStore } from './producer-store.js';
import '../../styles/tables.css';
import './producer.css';

interface SentRow extends ProduceResult { at: string }

export function ProducerPage() {
  const clusterId = useActiveCluster();
  if (clusterId === null) {
    return <EmptyState title="No cluster selected" testId="empty-producer">Choose a cluster in the sidebar to produce to it.</EmptyState>;
  }
  return <Producer clusterId={clusterId} />;
}

function EncodingSelect({ label, value, onChange }: { label: string; value: PayloadEncoding; onChange(v: PayloadEncoding): void }) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as PayloadEncoding)}>
      {PAYLOAD_ENCODINGS.map((e) => <option key={e} value={e}>{e === 'string' ? 'text (UTF-8)' : e}</option>)}
    </select>
  );
}

function Producer({ clusterId }: { clusterId: string }) {
  const theme = useTheme();
  const form = useProducerStore((s) => s.form);
  const patch = useProducerStore((s) => s.patch);
  const topics = useCoreQuery('topics.list', { clusterId });
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);
  const [sent, setSent] = useState<SentRow[]>([]);
  const names = useMemo(() => (topics.data ?? []).filter((t) => !t.internal), [topics.data]);
  const partitions = names.find((t) => t.name === form.topic)?.partitions ?? null;
  // Live JSON feedback while typing; the core checks again on send.
  const valueJson = form.valueEncoding === 'json' && !form.valueNull ? jsonProblem(form.value) : null;
  const keyJson = form.keyEncoding === 'json' && !form.keyNull ? jsonProblem(form.key) : null;

  const send = () => {
    const r = toSendInput(clusterId, form, partitions);
    if (!r.ok) { setErrors(r.errors); return; }
    setErrors({});
    setError(null);
    setBusy(true);
    api().call('producer.send', r.input).then(
      (res) => { setBusy(false); setSent((s) => [{ ...res, at: new Date().toLocaleTimeString() }, ...s].slice(0, 50)); },
      (err: unknown) => { setBusy(false); setError(toCoreError(err)); },
    );
  };

  return (
    <div className="producer" data-testid="producer-page">
      <section className="card">
        <header className="card-header"><h2>Produce a record</h2><span className="spacer" />
          <button type="button" className="btn btn-ghost" onClick={topics.reload} disabled={topics.loading}>Refresh topics</button>
        </header>
        {topics.error && <div className="inline-error" role="alert">{topics.error.code}: {topics.error.message}</div>}
        <div className="producer-grid">
          <label>Topic
            <select aria-label="Topic" value={form.topic} onChange={(e) => patch({ topic: e.target.value, partition: 'auto' })} data-testid="producer-topic">
              <option value="">{topics.data ? (names.length === 0 ? 'No topics: create one first' : 'Choose a topic…') : 'Loading…'}</option>
              {names.map((t) => <option key={t.name} value={t.name}>{t.name}</option>)}
            </select>
            {errors.topic && <span className="field-error">{errors.topic}</span>}
          </label>
          <label>Partition
            <select aria-label="Partition" value={form.partition} onChange={(e) => patch({ partition: e.target.value })}>
              <option value="auto" title="murmur2 of the key, as the Java client; keyless records sticky: one partition per send or bulk batch">auto (murmur2)</option>
              {Array.from({ length: partitions ?? 0 }, (_, i) => <option key={i} value={String(i)}>{i}</option>)}
            </select>
            {errors.partition && <span className="field-error">{errors.partition}</span>}
          </label>
          <label>Acks
            <select aria-label="Acks" value={form.acks} onChange={(e) => patch({ acks: e.target.value as 'all' | '1' | '0' })}>
              <option value="all">all (-1)</option><option value="1">1 (leader)</option><option value="0">0 (no answer, no offset)</option>
            </select>
          </label>
          <label>Compression
            <select aria-label="Compression" value={form.compression} onChange={(e) => patch({ compression: e.target.value as typeof form.compression })}>
              {PRODUCE_COMPRESSIONS.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </label>
        </div>
        <div className="producer-field">
          <div className="producer-field-head"><span>Key</span>
            <EncodingSelect label="Key format" value={form.keyEncoding} onChange={(v) => patch({ keyEncoding: v })} />
            <label><input type="checkbox" checked={form.keyNull} onChange={(e) => patch({ keyNull: e.target.checked })} aria-label="No key" /> no key (null)</label>
          </div>
          {!form.keyNull && <CodeEditor value={form.key} onChange={(v) => patch({ key: v })} language={form.keyEncoding === 'json' ? 'json' : 'plaintext'} theme={theme} height={60} data-testid="key-editor" />}
          {(errors.key ?? keyJson) && <span className="field-error" data-testid="error-key">{errors.key ?? `Not valid JSON (${keyJson}).`}</span>}
        </div>
        <div className="producer-field">
          <div className="producer-field-head"><span>Value</span>
            <EncodingSelect label="Value format" value={form.valueEncoding} onChange={(v) => patch({ valueEncoding: v })} />
            <label><input type="checkbox" checked={form.valueNull} onChange={(e) => patch({ valueNull: e.target.checked })} aria-label="Tombstone" /> tombstone (null value)</label>
          </div>
          {!form.valueNull && <CodeEditor value={form.value} onChange={(v) => patch({ value: v })} language={form.valueEncoding === 'json' ? 'json' : 'plaintext'} theme={theme} height={180} data-testid="value-editor" />}
          {(errors.value ?? valueJson) && <span className="field-error" data-testid="error-value">{errors.value ?? `Not valid JSON (${valueJson}).`}</span>}
        </div>
        <HeadersEditor rows={form.headers} onChange={(headers) => patch({ headers })} error={errors.headers} />
        <div className="producer-actions">
          <button type="button" className="btn btn-primary" onClick={send} disabled={busy} data-testid="producer-send">{busy ? 'Sending…' : 'Send'}</button>
          {error && <div className="inline-error" role="alert" data-testid="producer-error">{error.code}: {error.message}</div>}
        </div>
      </section>
      <BulkPanel clusterId={clusterId} form={form} partitions={partitions} onErrors={setErrors} />
      {sent.length > 0 && (
        <section className="card" data-testid="producer-results">
          <header className="card-header"><h2>Sent</h2><span className="card-sub">latest first</span></header>
          <table className="data-table">
            <thead><tr><th>Time</th><th>Topic</th><th className="num">Partition</th><th className="num">Offset</th><th>Chosen by</th><th>Acks</th><th>Compression</th></tr></thead>
            <tbody>
              {sent.map((r, i) => (
                <tr key={sent.length - i} data-testid={i === 0 ? 'result-latest' : undefined}>
                  <td>{r.at}</td><td className="mono">{r.topic}</td>
                  <td className="num mono" data-testid={i === 0 ? 'result-partition' : undefined}>{r.partition}</td>
                  <td className="num mono" data-testid={i === 0 ? 'result-offset' : undefined}>{r.offset === null ? <span className="muted">none (acks=0)</span> : r.offset.toString()}</td>
                  <td>{r.partitioner}</td><td>{r.acks === -1 ? 'all' : r.acks}</td><td>{r.compression}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
