/**
 * Bulk produce: N records from the key and value fields used as templates ({{i}}, {{n}}, {{uuid}}, {{now}},
 * {{iso}}, {{random}}), with live progress from `producer.bulkProgress` and a Cancel button.
 */
import { useEffect, useState } from 'react';
import type { BulkProgress } from '../../../../src-main/contract/index.js';
import { api } from '../../api/client.js';
import { toCoreError, type CoreError } from '../../lib/core-error.js';
import { toBulkInput, type FormErrors, type ProducerForm } from './producer-form.js';

export function BulkPanel({ clusterId, form, partitions, onErrors }: {
  clusterId: string; form: ProducerForm; partitions: number | null; onErrors(e: FormErrors): void;
}) {
  const [count, setCount] = useState('1000');
  const [countError, setCountError] = useState<string | undefined>();
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<BulkProgress | null>(null);
  const [error, setError] = useState<CoreError | null>(null);

  useEffect(() => {
    if (jobId === null) return;
    return api().subscribe('producer.bulkProgress', { jobId }, setProgress, (err) => setError(toCoreError(err)));
  }, [jobId]);

  const running = progress?.state === 'running' || (jobId !== null && progress === null);
  const start = () => {
    const r = toBulkInput(clusterId, form, partitions, count);
    if (!r.ok) { setCountError(r.errors.count); onErrors(r.errors); return; }
    setCountError(undefined);
    onErrors({});
    setError(null);
    setProgress(null);
    api().call('producer.bulkStart', r.input).then((res) => setJobId(res.jobId), (err: unknown) => setError(toCoreError(err)));
  };
  const cancel = () => {
    if (jobId !== null) api().call('producer.bulkCancel', { jobId }).catch((err: unknown) => setError(toCoreError(err)));
  };
  const pct = progress === null ? 0 : Math.round((progress.sent / progress.total) * 100);
  return (
    <section className="card" data-testid="bulk-panel">
      <header className="card-header"><h2>Bulk produce</h2>
        <span className="card-sub">The key and value above are templates: {'{{i}}'} {'{{n}}'} {'{{uuid}}'} {'{{now}}'} {'{{iso}}'} {'{{random}}'}</span>
      </header>
      <div className="producer-actions">
        <label className="muted">Records <input aria-label="Record count" value={count} onChange={(e) => setCount(e.target.value)} style={{ width: 100 }} /></label>
        {countError && <span className="field-error" data-testid="error-count">{countError}</span>}
        <button type="button" className="btn btn-primary" onClick={start} disabled={running} data-testid="bulk-start">Produce {count} records</button>
        <button type="button" className="btn" onClick={cancel} disabled={!running} data-testid="bulk-cancel">Cancel</button>
        {progress && (
          <>
            <div className="progress" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}><div style={{ width: `${pct}%` }} /></div>
            <span className="mono" data-testid="bulk-status" data-state={progress.state}>
              {progress.sent.toLocaleString()} / {progress.total.toLocaleString()} · {progress.state} · {(progress.elapsedMs / 1000).toFixed(1)} s
              {progress.lastOffset !== null && ` · offsets ${String(progress.firstOffset)}…${String(progress.lastOffset)}`}
            </span>
          </>
        )}
      </div>
      {progress?.error && <div className="inline-error" role="alert">{progress.error}</div>}
      {error && <div className="inline-error" role="alert">{error.code}: {error.message}</div>}
    </section>
  );
}
