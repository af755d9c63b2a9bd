/**
 * Purge: deletes every record below the high watermark (DeleteRecords) of all or chosen partitions, after
 * an explicit confirmation. Offsets keep counting from where they were; only the log start moves up.
 */
import { useState } from 'react';
import type { PurgeResult, TopicPartitionRow } from '../../../../src-main/contract/index.js';
import { api } from '../../api/client.js';
import { toCoreError, type CoreError } from '../../lib/core-error.js';
import { Dialog } from '../../components/dialog/dialog.js';

export function PurgeDialog({ clusterId, topic, partitions, onClose, onDone }: {
  clusterId: string; topic: string; partitions: TopicPartitionRow[]; onClose(): void; onDone(r: PurgeResult): void;
}) {
  const [all, setAll] = useState(true);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);
  const targets = all ? partitions : partitions.filter((p) => chosen.has(p.partition));
  const records = targets.reduce((s, p) => s + (p.logEndOffset > p.logStartOffset ? p.logEndOffset - p.logStartOffset : 0n), 0n);
  const submit = () => {
    setBusy(true);
    setError(null);
    api().call('topics.purge', { clusterId, topic, ...(all ? {} : { partitions: [...chosen].sort((a, b) => a - b) }) }).then(
      (r) => { setBusy(false); onDone(r); },
      (err: unknown) => { setBusy(false); setError(toCoreError(err)); },
    );
  };
  const toggle = (p: number) => setChosen((s) => { const n = new Set(s); if (n.has(p)) n.delete(p); else n.add(p); return n; });
  return (
    <Dialog title={`Purge ${topic}`} heading={`Purge records of ${topic}`} testId="purge-dialog" onClose={onClose}>
        <div className="dialog-body">
          <div>Deletes every record below the high watermark. Offsets are not reused: new records continue from the current end. This cannot be undone.</div>
          <label><input type="radio" name="purge-scope" checked={all} onChange={() => setAll(true)} /> All {partitions.length} partitions</label>
          <label><input type="radio" name="purge-scope" checked={!all} onChange={() => setAll(false)} aria-label="Chosen partitions" /> Chosen partitions</label>
          {!all && (
            <div className="purge-partitions">
              {partitions.map((p) => (
                <label key={p.partition}><input type="checkbox" checked={chosen.has(p.partition)} onChange={() => toggle(p.partition)} aria-label={`Partition ${p.partition}`} />
                  {' '}{p.partition} <span className="muted">({(p.logEndOffset - p.logStartOffset).toString()} records)</span></label>
              ))}
            </div>
          )}
          <div data-testid="purge-summary">{targets.length} partition{targets.length === 1 ? '' : 's'}, about {records.toString()} records (control records included).</div>
          {error && <div className="inline-error" role="alert">{error.code}: {error.message}</div>}
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="button" className="btn btn-danger" disabled={busy || targets.length === 0} onClick={submit} data-testid="purge-confirm">
            {busy ? 'Purging…' : `Purge ${targets.length} partition${targets.length === 1 ? '' : 's'}`}
          </button>
        </div>
    </Dialog>
  );
}
