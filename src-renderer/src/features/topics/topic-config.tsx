/**
 * The topic's Config tab: every config with its value and source, non-default values first and marked;
 * edit a value in place (the broker validates it and its message is shown under the row), or reset a
 * topic-level override to the default. Read-only and sensitive entries cannot be edited.
 */
import { useState } from 'react';
import type { TopicConfigRow } from '../../../../src-main/contract/index.js';
import { api } from '../../api/client.js';
import { useCoreQuery } from '../../api/use-core-query.js';
import { toCoreError, type CoreError } from '../../lib/core-error.js';

export function ConfigTable({ clusterId, topic }: { clusterId: string; topic: string }) {
  const q = useCoreQuery('topics.configs', { clusterId, topic });
  const [onlyChanged, setOnlyChanged] = useState(false);
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<{ name: string; value: string } | null>(null);
  const [rowError, setRowError] = useState<{ name: string; error: CoreError } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [fresh, setFresh] = useState<TopicConfigRow[] | null>(null);
  const data = fresh ?? q.data;
  if (q.error) return <div className="inline-error" role="alert">{q.error.code}: {q.error.message}</div>;
  if (!data) return <div className="muted pad">Loading…</div>;

  const apply = (name: string, value: string | null) => {
    setBusy(name);
    setRowError(null);
    api().call('topics.alterConfigs', { clusterId, topic, changes: [{ name, value }] }).then(
      (rows) => { setBusy(null); setEditing(null); setFresh(rows); },
      (err: unknown) => { setBusy(null); setRowError({ name, error: toCoreError(err) }); },
    );
  };
  const f = filter.trim().toLowerCase();
  // Values that differ from the default first: they are what people look for.
  const rows = data.filter((c) => (!onlyChanged || !c.isDefault) && (f === '' || c.name.includes(f)))
    .slice().sort((a, b) => Number(a.isDefault) - Number(b.isDefault) || a.name.localeCompare(b.name));
  return (
    <>
      <div className="toolbar">
        <input type="search" placeholder="Filter configs" aria-label="Filter configs" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <label><input type="checkbox" checked={onlyChanged} onChange={(e) => setOnlyChanged(e.target.checked)} /> Only values that differ from the default</label>
        <span className="muted">{data.filter((c) => !c.isDefault).length} changed of {data.length}</span>
      </div>
      <table className="data-table" data-testid="config-table">
        <thead><tr><th>Name</th><th>Value</th><th>Source</th><th /></tr></thead>
        <tbody>
          {rows.map((c) => {
            const isEditing = editing?.name === c.name;
            const err = rowError?.name === c.name ? rowError.error : null;
            return (
              <tr key={c.name} className={c.isDefault ? '' : 'row-nondefault'} data-testid={`config-${c.name}`} data-default={c.isDefault} data-source={c.source}>
                <td className="mono">{c.name}</td>
                <td className="mono">
                  {isEditing ? (
                    <form onSubmit={(e) => { e.preventDefault(); apply(c.name, editing.value); }} className="config-edit">
                      <input autoFocus aria-label={`Value of ${c.name}`} value={editing.value} onChange={(e) => setEditing({ name: c.name, value: e.target.value })}
                        onKeyDown={(e) => { if (e.key === 'Escape') { setEditing(null); setRowError(null); } }} />
                      <button type="submit" className="btn btn-primary" disabled={busy === c.name}>{busy === c.name ? 'Saving…' : 'Save'}</button>
                      <button type="button" className="btn" onClick={() => { setEditing(null); setRowError(null); }}>Cancel</button>
                    </form>
                  ) : c.isSensitive ? <span className="muted">(hidden)</span> : (c.value ?? <span className="muted">null</span>)}
                  {err && <div className="field-error" role="alert" data-testid={`config-error-${c.name}`}>{err.code}: {err.message}</div>}
                </td>
                <td>{c.isDefault ? <span className="muted">{c.source}</span> : <span className="badge badge-accent">{c.source}</span>}</td>
                <td className="config-actions">
                  {!isEditing && !c.readOnly && !c.isSensitive && (
                    <button type="button" className="btn btn-ghost" onClick={() => { setRowError(null); setEditing({ name: c.name, value: c.value ?? '' }); }} aria-label={`Edit ${c.name}`}>Edit</button>
                  )}
                  {!isEditing && c.source === 'topic' && (
                    <button type="button" className="btn btn-ghost" disabled={busy === c.name} onClick={() => apply(c.name, null)} aria-label={`Reset ${c.name} to default`}>Reset to default</button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
