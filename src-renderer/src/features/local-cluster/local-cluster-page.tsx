/**
 * The Local Cluster section: the embedded cluster's status (running or stopped, bootstrap, data dir,
 * controller), start with a chosen broker count or stop (confirmed), the brokers with their life-cycle and
 * fault actions, the live event timeline and the replication internals. Failed actions say what happened
 * and what to do next.
 */
import { useState } from 'react';
import { describeFailure, type ActionFailure, type ClusterActionName } from './action-errors.js';
import { BrokersTable } from './brokers-table.js';
import { corePort } from './core-port.js';
import { ConfirmDialog } from './dialogs.js';
import { EventTimeline } from './event-timeline.js';
import { ReplicationView } from './replication-view.js';
import { MAX_LOCAL_BROKERS as MAX_BROKERS, type BrokerAction, type LocalClusterPort } from './types.js';
import { useLocalCluster } from './use-local-cluster.js';
import '../../styles/tables.css';
import './local-cluster.css';

export function LocalClusterPage() {
  return <LocalClusterView port={corePort} />;
}

export function LocalClusterView({ port }: { port: LocalClusterPort }) {
  const d = useLocalCluster(port);
  const [count, setCount] = useState(3);
  const [confirmStop, setConfirmStop] = useState(false);
  const [clusterBusy, setClusterBusy] = useState<'starting' | 'stopping' | null>(null);
  const [busy, setBusy] = useState<ReadonlySet<number>>(new Set());
  const [failure, setFailure] = useState<ActionFailure | null>(null);

  const running = d.info?.running === true;
  const status = d.info?.status ?? null;
  const transition = clusterBusy ?? (d.info?.state === 'starting' || d.info?.state === 'stopping' ? d.info.state : null);

  const clusterAction = async (name: 'cluster-start' | 'cluster-stop') => {
    setFailure(null);
    setConfirmStop(false);
    setClusterBusy(name === 'cluster-start' ? 'starting' : 'stopping');
    const err = await d.run(() => (name === 'cluster-start' ? port.start(count) : port.stop()));
    setClusterBusy(null);
    if (err) setFailure(describeFailure(name, null, err));
  };

  const brokerAction = async (nodeId: number, a: BrokerAction) => {
    setFailure(null);
    setBusy((s) => new Set(s).add(nodeId));
    const err = await d.run(() => port.broker(nodeId, a));
    setBusy((s) => { const n = new Set(s); n.delete(nodeId); return n; });
    if (err) setFailure(describeFailure(a.kind as ClusterActionName, nodeId, err));
  };

  return (
    <div className="stack" data-testid="local-cluster-page">
      <section className="card" data-testid="local-cluster-status">
        <header className="card-header">
          <h2>Local cluster</h2>
          {d.info && (
            <span className={`badge ${running ? 'badge-ok' : d.info.state === 'failed' ? 'badge-danger' : ''}`} data-testid="local-cluster-state">
              {transition ?? d.info.state}
            </span>
          )}
          {running && <span className="card-sub">{status?.brokers.length ?? d.info?.brokerCount} broker(s) · run {d.info?.run}</span>}
          <span className="spacer" />
          {d.info && !running && (
            <>
              <label className="inline-field">Brokers
                <select aria-label="Broker count" value={count} onChange={(e) => setCount(Number(e.target.value))} disabled={transition !== null}>
                  {Array.from({ length: MAX_BROKERS }, (_, i) => i + 1).map((n) => <option key={n} value={n}>{n}</option>)}
                </select>
              </label>
              <button type="button" className="btn btn-primary" disabled={transition !== null} onClick={() => void clusterAction('cluster-start')}>
                {transition === 'starting' ? 'Starting…' : 'Start cluster'}
              </button>
            </>
          )}
          {running && (
            <button type="button" className="btn btn-danger" disabled={transition !== null} onClick={() => setConfirmStop(true)}>
              {transition === 'stopping' ? 'Stopping…' : 'Stop cluster…'}
            </button>
          )}
          <button type="button" className="btn btn-ghost" onClick={d.reload}>Refresh</button>
        </header>
        {d.error && <div className="inline-error" role="alert">Could not read the local cluster's status: {d.error.message} ({d.error.code}). Check the connection to the core, then Refresh.</div>}
        {!d.info && !d.error && <div className="muted pad">Loading…</div>}
        {d.info?.state === 'failed' && d.info.error !== null && !failure && (
          <div className="inline-error" role="alert" data-testid="start-failed">
            The last start failed: {d.info.error}. Free the ports or data folder it names (another Tidepool may hold them), then start again.
          </div>
        )}
        {failure && (
          <div className="inline-error action-failure" role="alert" data-testid="action-failure">
            <div>{failure.what}</div>
            {failure.next !== null && <div className="next-step">{failure.next}</div>}
            <button type="button" className="btn btn-ghost" onClick={() => setFailure(null)} aria-label="Dismiss">Dismiss</button>
          </div>
        )}
        {d.info && !running && transition === null && !failure && d.info.state !== 'failed' && (
          <p className="muted pad" data-testid="local-cluster-stopped">
            The local cluster is stopped. Choose how many brokers to run (1 to {MAX_BROKERS}) and start it; its topics and data come back from its data folder.
          </p>
        )}
        {status && (
          <dl className="facts">
            <div><dt>Bootstrap</dt><dd className="mono" data-testid="local-bootstrap">{status.bootstrap}</dd></div>
            <div><dt>Controller</dt><dd data-testid="local-controller">{status.controllerId < 0 ? 'none' : `broker ${status.controllerId}`}</dd></div>
            <div><dt>Data dir</dt><dd className="mono" title={status.dataDir}>{status.dataDir}</dd></div>
            <div><dt>Cluster id</dt><dd className="mono">{status.clusterId}</dd></div>
          </dl>
        )}
      </section>
      {status && (
        <section className="card" data-testid="local-brokers">
          <header className="card-header">
            <h2>Brokers</h2>
            <span className="card-sub">{status.brokers.filter((b) => b.state === 'running').length} of {status.brokers.length} running</span>
          </header>
          <BrokersTable brokers={status.brokers} busy={busy} onAction={(id, a) => void brokerAction(id, a)} />
        </section>
      )}
      {d.info && (
        <div className="local-cluster-grid">
          <EventTimeline events={d.events} streamError={d.streamError} running={running} />
          {running && <ReplicationView rows={d.replication} error={d.replicationError} />}
        </div>
      )}
      {confirmStop && (
        <ConfirmDialog title="Stop the local cluster?" confirmLabel="Stop cluster" onClose={() => setConfirmStop(false)}
          onConfirm={() => void clusterAction('cluster-stop')}
          body={<p>Every broker shuts down cleanly and every client connected to {status?.bootstrap ?? 'it'} loses its connection. Topics and records stay in the data folder and come back on the next start.</p>} />
      )}
    </div>
  );
}
