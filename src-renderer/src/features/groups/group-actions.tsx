/**
 * The two destructive group actions, each behind a confirmation: reset offsets (mode and value; all topics,
 * one topic or one partition; a dry-run preview of every partition's from -> to, then an explicit confirm) and delete group (type its id to
 * confirm). The core refuses both while the group has active members; its reason is shown as is.
 */
import { useState, type ReactNode } from 'react';
import type { GroupDetail, ResetResult } from '../../../../src-main/contract/index.js';
import { api } from '../../api/client.js';
import { toCoreError, type CoreError } from '../../lib/core-error.js';
import { showOffset } from './lag-data.js';

type Mode = 'earliest' | 'latest' | 'timestamp' | 'offset';

function Modal({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <div className="modal-backdrop">
      <div className="modal card" role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <header className="card-header"><h2>{title}</h2></header>
        <div className="modal-body">{children}</div>
      </div>
    </div>
  );
}

/** The value field as the core wants it: epoch ms from a local date-time, or a whole offset. */
export function parseResetValue(mode: Mode, text: string): { value?: bigint; error?: string } {
  if (mode === 'earliest' || mode === 'latest') return {};
  if (mode === 'timestamp') {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? { error: 'Pick a date and time.' } : { value: BigInt(ms) };
  }
  return /^\d{1,19}$/.test(text.trim()) ? { value: BigInt(text.trim()) } : { error: 'Enter a whole offset (0 or more).' };
}

export function ResetOffsetsDialog({ clusterId, group, onClose }: { clusterId: string; group: GroupDetail; onClose(done: boolean): void }) {
  const [mode, setMode] = useState<Mode>('earliest');
  const [text, setText] = useState('');
  const [plan, setPlan] = useState<ResetResult | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const [busy, setBusy] = useState(false);
  const parsed = parseResetValue(mode, text);
  const active = group.members.length > 0;
  // Scope: every topic, one topic, or one partition of one topic ('' = all).
  const [topic, setTopic] = useState('');
  const [partition, setPartition] = useState('');
  const topicPartitions = group.partitions.filter((p) => p.topic === topic).map((p) => p.partition);
  const scope = topic === '' ? {} : { topics: [topic], ...(partition === '' ? {} : { partitions: [Number(partition)] }) };

  const run = async (dryRun: boolean) => {
    if (parsed.error) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api().call('groups.resetOffsets', {
        clusterId, groupId: group.groupId, mode, ...(parsed.value === undefined ? {} : { value: parsed.value }), ...scope, dryRun,
      });
      if (dryRun) setPlan(r); else onClose(true);
    } catch (err) {
      setError(toCoreError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={`Reset offsets of ${group.groupId}`} testId="reset-dialog">
      {active && (
        <div className="inline-warning" role="note">
          This group has {group.members.length} active member{group.members.length === 1 ? '' : 's'}: Kafka only lets offsets move while the
          group is Empty. Stop its consumers first; the preview still works.
        </div>
      )}
      <div className="form-row">
        <label>Reset to
          <select aria-label="Reset mode" value={mode} onChange={(e) => { setMode(e.target.value as Mode); setPlan(null); setText(''); }}>
            <option value="earliest">Earliest (log start)</option>
            <option value="latest">Latest (end: skip everything)</option>
            <option value="timestamp">Timestamp</option>
            <option value="offset">Specific offset</option>
          </select>
        </label>
        {mode === 'timestamp' && (
          <label>Date and time
            <input aria-label="Timestamp" type="datetime-local" step="1" value={text} onChange={(e) => { setText(e.target.value); setPlan(null); }} />
          </label>
        )}
        {mode === 'offset' && (
          <label>Offset
            <input aria-label="Offset" className="mono" inputMode="numeric" value={text} onChange={(e) => { setText(e.target.value); setPlan(null); }} />
          </label>
        )}
      </div>
      <div className="form-row">
        <label>Topic
          <select aria-label="Reset topic" value={topic} onChange={(e) => { setTopic(e.target.value); setPartition(''); setPlan(null); }}>
            <option value="">All topics ({group.topics.length})</option>
            {group.topics.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </label>
        {topic !== '' && (
          <label>Partition
            <select aria-label="Reset partition" value={partition} onChange={(e) => { setPartition(e.target.value); setPlan(null); }}>
              <option value="">All partitions ({topicPartitions.length})</option>
              {topicPartitions.map((p) => <option key={p} value={String(p)}>{p}</option>)}
            </select>
          </label>
        )}
      </div>
      {text !== '' && parsed.error && <div className="inline-error" role="alert">{parsed.error}</div>}
      <p className="muted">Applies to {topic === '' ? `every partition of ${group.topics.join(', ') || 'its topics'}` : partition === '' ? `every partition of ${topic}` : `partition ${partition} of ${topic}`}; offsets are kept inside each partition's range.</p>
      {plan && (
        <table className="data-table" data-testid="reset-plan">
          <thead><tr><th>Topic</th><th className="num">Partition</th><th className="num">From</th><th className="num">To</th></tr></thead>
          <tbody>
            {plan.partitions.map((p) => (
              <tr key={`${p.topic}-${p.partition}`}><td>{p.topic}</td><td className="num">{p.partition}</td>
                <td className="num mono">{showOffset(p.from)}</td><td className="num mono">{showOffset(p.to)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      {error && <div className="inline-error" role="alert" data-testid="reset-error">{error.code}: {error.message}</div>}
      <footer className="modal-actions">
        <button type="button" className="btn" onClick={() => onClose(false)} disabled={busy}>Cancel</button>
        {plan === null
          ? <button type="button" className="btn btn-primary" onClick={() => void run(true)} disabled={busy || parsed.error !== undefined}>Preview</button>
          : <button type="button" className="btn btn-danger" onClick={() => void run(false)} disabled={busy}>{busy ? 'Resetting…' : `Reset ${plan.partitions.length} partition${plan.partitions.length === 1 ? '' : 's'}`}</button>}
      </footer>
    </Modal>
  );
}

export function DeleteGroupDialog({ clusterId, group, onClose }: { clusterId: string; group: GroupDetail; onClose(done: boolean): void }) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<CoreError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await api().call('groups.delete', { clusterId, groupId: group.groupId });
      onClose(true);
    } catch (err) {
      setError(toCoreError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={`Delete group ${group.groupId}`} testId="delete-dialog">
      <p>Deletes the group and its committed offsets. Consumers that join it later start from their auto.offset.reset position.</p>
      <label>Type the group id to confirm
        <input aria-label="Confirm group id" className="mono" value={typed} onChange={(e) => setTyped(e.target.value)} />
      </label>
      {error && <div className="inline-error" role="alert" data-testid="delete-error">{error.code}: {error.message}</div>}
      <footer className="modal-actions">
        <button type="button" className="btn" onClick={() => onClose(false)} disabled={busy}>Cancel</button>
        <button type="button" className="btn btn-danger" onClick={() => void run()} disabled={busy || typed !== group.groupId}>Delete group</button>
      </footer>
    </Modal>
  );
}
