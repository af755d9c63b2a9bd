/**
 * The local cluster's brokers with their life-cycle and fault state, and the per-broker actions: stop and
 * kill (confirmed first), start, restart, and in a Faults menu pause/resume, slow (a delay), isolate (from
 * brokers, clients or both) and heal. Only the actions that fit the broker's state are offered.
 */
import { useEffect, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';
import { ConfirmDialog, IsolateDialog, SlowDialog } from './dialogs.js';
import type { BrokerAction, LocalBrokerStatus } from './types.js';

type Dialog = { nodeId: number; kind: 'stop' | 'kill' | 'slow' | 'isolate' } | null;

const faulted = (b: LocalBrokerStatus) => b.paused || b.isolation !== 'none' || b.fetchDelayMs > 0;

function StateBadge({ b }: { b: LocalBrokerStatus }) {
  const cls = b.state === 'running' ? 'badge badge-ok' : b.state === 'killed' ? 'badge badge-danger' : b.state === 'stopped' ? 'badge' : 'badge badge-warn';
  return <span className={cls} data-testid={`broker-state-${b.nodeId}`}>{b.state}</span>;
}

const MENU_WIDTH = 130;

/** The fault actions of one running broker, in a small menu so the row stays one line. */
function FaultsMenu({ b, disabled, onPick }: { b: LocalBrokerStatus; disabled: boolean; onPick(k: 'pause' | 'resume' | 'slow' | 'isolate' | 'heal'): void }) {
  const [open, setOpen] = useState(false);
  const [at, setAt] = useState<{ top: number; left: number }>({ top: 0, left: 0 });
  const box = useRef<HTMLSpanElement>(null);
  // Fixed to the viewport so the table's horizontal scroll box cannot clip it.
  const toggle = (e: ReactMouseEvent<HTMLButtonElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    setAt({ top: r.bottom + 2, left: Math.max(4, r.right - MENU_WIDTH) });
    setOpen(!open);
  };
  useEffect(() => {
    if (!open) return undefined;
    const away = (e: MouseEvent) => { if (box.current && !box.current.contains(e.target as Node)) setOpen(false); };
    // A fixed menu would drift from its button on scroll: close it instead.
    const close = () => setOpen(false);
    document.addEventListener('mousedown', away);
    window.addEventListener('scroll', close, true);
    return () => { document.removeEventListener('mousedown', away); window.removeEventListener('scroll', close, true); };
  }, [open]);
  const pick = (k: Parameters<typeof onPick>[0]) => { setOpen(false); onPick(k); };
  return (
    <span className="menu-anchor" ref={box} onKeyDown={(e) => { if (e.key === 'Escape') setOpen(false); }}>
      <button type="button" className={`btn${faulted(b) ? ' btn-faulted' : ''}`} disabled={disabled} aria-haspopup="menu" aria-expanded={open}
        title={faulted(b) ? 'This broker has a fault on: Heal clears it' : undefined}
        aria-label={`Faults for broker ${b.nodeId}`} onClick={toggle}>Faults ▾</button>
      {open && (
        <span className="menu" role="menu" aria-label={`Faults for broker ${b.nodeId}`} style={{ top: at.top, left: at.left, width: MENU_WIDTH }}>
          {b.paused
            ? <button type="button" role="menuitem" onClick={() => pick('resume')}>Resume</button>
            : <button type="button" role="menuitem" onClick={() => pick('pause')}>Pause</button>}
          <button type="button" role="menuitem" onClick={() => pick('slow')}>Slow…</button>
          <button type="button" role="menuitem" onClick={() => pick('isolate')}>Isolate…</button>
          <button type="button" role="menuitem" disabled={!faulted(b)} onClick={() => pick('heal')}
            title={faulted(b) ? 'Clear pause, isolation and slowness' : 'No fault to clear'}>Heal</button>
        </span>
      )}
    </span>
  );
}

export function BrokersTable({ brokers, busy, onAction }: {
  brokers: LocalBrokerStatus[];
  /** Broker ids with an action in flight. */
  busy: ReadonlySet<number>;
  onAction(nodeId: number, action: BrokerAction): void;
}) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const act = (nodeId: number, a: BrokerAction) => { setDialog(null); onAction(nodeId, a); };
  const current = dialog === null ? undefined : brokers.find((b) => b.nodeId === dialog.nodeId);
  return (
    <>
      <div className="table-scroll">
      <table className="data-table local-brokers" data-testid="local-brokers-table">
        <thead><tr>
          <th className="num">ID</th><th>Host:port</th><th>State</th><th>Fenced</th><th>Paused</th><th>Isolation</th>
          <th className="num" title="Extra delay on this broker's follower fetches, in ms">Slow ms</th><th>Role</th><th className="num">Leaders</th><th className="num">Replicas</th><th>Actions</th>
        </tr></thead>
        <tbody>
          {brokers.map((b) => {
            const up = b.state === 'running';
            const down = b.state === 'stopped' || b.state === 'killed';
            const dis = busy.has(b.nodeId);
            return (
              <tr key={b.nodeId} data-testid={`local-broker-${b.nodeId}`}>
                <td className="num mono">{b.nodeId}</td>
                <td className="mono">{b.host}:{b.port}</td>
                <td><StateBadge b={b} /></td>
                <td>{b.fenced ? <span className="badge badge-warn">fenced</span> : <span className="muted">no</span>}</td>
                <td>{b.paused ? <span className="badge badge-warn">paused</span> : <span className="muted">no</span>}</td>
                <td>{b.isolation === 'none' ? <span className="muted">none</span> : <span className="badge badge-warn">{b.isolation}</span>}</td>
                <td className={`num${b.fetchDelayMs > 0 ? ' warn' : ' muted'}`}>{b.fetchDelayMs > 0 ? b.fetchDelayMs : '—'}</td>
                <td>{b.controller ? <span className="badge badge-accent">controller</span> : ''}</td>
                <td className="num">{b.leaders}</td>
                <td className="num">{b.replicas}</td>
                <td><div className="broker-actions" role="group" aria-label={`Actions for broker ${b.nodeId}`}>
                  {down && <button type="button" className="btn" disabled={dis} onClick={() => act(b.nodeId, { kind: 'start' })}>Start</button>}
                  {up && <>
                    <button type="button" className="btn" disabled={dis} onClick={() => act(b.nodeId, { kind: 'restart' })}>Restart</button>
                    <button type="button" className="btn" disabled={dis} onClick={() => setDialog({ nodeId: b.nodeId, kind: 'stop' })}>Stop…</button>
                    <button type="button" className="btn btn-danger-outline" disabled={dis} onClick={() => setDialog({ nodeId: b.nodeId, kind: 'kill' })}>Kill…</button>
                    <FaultsMenu b={b} disabled={dis} onPick={(k) => (k === 'slow' || k === 'isolate' ? setDialog({ nodeId: b.nodeId, kind: k }) : act(b.nodeId, { kind: k }))} />
                  </>}
                  {!up && !down && <span className="muted">{b.state}…</span>}
                </div></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      </div>
      {dialog?.kind === 'stop' && (
        <ConfirmDialog title={`Stop broker ${dialog.nodeId}?`} confirmLabel="Stop broker" onClose={() => setDialog(null)}
          onConfirm={() => act(dialog.nodeId, { kind: 'stop' })}
          body={<p>A clean stop: the broker flushes its logs and hands its {current?.leaders ?? 0} leader partition(s) to other in-sync replicas. Its clients reconnect elsewhere. Start it again from this table.</p>} />
      )}
      {dialog?.kind === 'kill' && (
        <ConfirmDialog title={`Kill broker ${dialog.nodeId}?`} confirmLabel="Kill broker" onClose={() => setDialog(null)}
          onConfirm={() => act(dialog.nodeId, { kind: 'kill' })}
          body={<p>An abrupt crash: connections are reset, nothing is flushed, and the controller moves its {current?.leaders ?? 0} leader partition(s) once the broker's session expires. Its log recovers when it starts again; records that were not replicated may be lost, as in real Kafka.</p>} />
      )}
      {dialog?.kind === 'slow' && (
        <SlowDialog nodeId={dialog.nodeId} current={current?.fetchDelayMs ?? 0} onClose={() => setDialog(null)} onApply={(a) => act(dialog.nodeId, a)} />
      )}
      {dialog?.kind === 'isolate' && (
        <IsolateDialog nodeId={dialog.nodeId} onClose={() => setDialog(null)} onApply={(a) => act(dialog.nodeId, a)} />
      )}
    </>
  );
}
