/** "Core" card: the facts from `system.info` at a glance, and the raw answer in a read-only JSON viewer. */
import { useMemo } from 'react';
import { CodeEditor } from '../../components/code-editor/index.js';
import { formatDuration, toDisplayJson } from '../../lib/format.js';
import { useNow } from '../../lib/use-now.js';
import { useTheme } from '../../stores/use-theme.js';
import { useSystemInfo } from './use-overview.js';

export function CoreCard() {
  const { data, error, loading, reload } = useSystemInfo();
  const theme = useTheme();
  const json = useMemo(() => (data ? toDisplayJson(data) : ''), [data]);
  const now = useNow(1000);
  // Fit the viewer to the answer (18 px lines plus padding), within limits.
  const editorHeight = Math.min(420, Math.max(120, json.split('\n').length * 18 + 14));
  return (
    <section className="card" data-testid="core-card">
      <header className="card-header">
        <h2>Core</h2>
        <span className="card-sub">system.info</span>
        <span className="spacer" />
        <button type="button" className="btn btn-ghost" onClick={reload} disabled={loading}>Refresh</button>
      </header>
      {error && <div className="inline-error" role="alert">{error.code}: {error.message}</div>}
      {data && (
        <dl className="facts">
          <div><dt>Version</dt><dd>{data.app} {data.version}</dd></div>
          <div><dt>Runtime</dt><dd>Node {data.node}{data.electron ? ` · Electron ${data.electron}` : ''}</dd></div>
          <div><dt>Platform</dt><dd>{data.platform}/{data.arch}</dd></div>
          <div><dt>PID</dt><dd className="mono">{data.pid}</dd></div>
          {/* Browser mode and IPC both run on the core's machine, so the local clock is the core's clock. */}
          <div><dt>Up for</dt><dd>{formatDuration(Math.max(data.uptimeMs, now - data.startedAt))}</dd></div>
          <div><dt>Transport</dt><dd>{data.transport}</dd></div>
          <div><dt>hrStart (ns)</dt><dd className="mono">{String(data.hrStartNs)}</dd></div>
        </dl>
      )}
      {!data && !error && <div className="muted pad">Loading…</div>}
      {data && <CodeEditor value={json} language="json" readOnly theme={theme} height={editorHeight} data-testid="system-info-json" />}
    </section>
  );
}
