/** The producer's headers table: key/value rows added and removed by hand; empty rows are ignored on send. */
import type { HeaderRow } from './producer-form.js';

export function HeadersEditor({ rows, onChange, error }: { rows: HeaderRow[]; onChange(rows: HeaderRow[]): void; error?: string }) {
  const set = (i: number, patch: Partial<HeaderRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="producer-field" data-testid="headers-editor">
      <div className="producer-field-head"><span>Headers</span>
        <button type="button" className="btn btn-ghost" onClick={() => onChange([...rows, { key: '', value: '' }])} data-testid="add-header">+ Add header</button>
      </div>
      {rows.length > 0 && (
        <table className="data-table headers-table">
          <thead><tr><th>Key</th><th>Value</th><th /></tr></thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td><input aria-label={`Header ${i + 1} key`} value={r.key} onChange={(e) => set(i, { key: e.target.value })} /></td>
                <td><input aria-label={`Header ${i + 1} value`} value={r.value} onChange={(e) => set(i, { value: e.target.value })} /></td>
                <td><button type="button" className="btn btn-ghost" aria-label={`Remove header ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>×</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && <span className="field-error" data-testid="error-headers">{error}</span>}
    </div>
  );
}
