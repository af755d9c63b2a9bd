/**
 * The Local Cluster dialogs: a confirmation for destructive actions (stop or kill a broker, stop the
 * cluster), and the two fault dialogs that take a value (slow: follower fetch delay; isolate: from whom).
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { MAX_FETCH_DELAY_MS, type BrokerAction } from './types.js';
import { Dialog } from '../../components/dialog/dialog.js';

export function ConfirmDialog({ title, body, confirmLabel, onConfirm, onClose }: {
  title: string; body: ReactNode; confirmLabel: string; onConfirm(): void; onClose(): void;
}) {
  return (
    <Dialog title={title} testId="confirm-dialog" onClose={onClose}>
      <div className="dialog-body">{body}</div>
      <footer className="dialog-actions">
        <button type="button" className="btn" onClick={onClose} autoFocus>Cancel</button>
        <button type="button" className="btn btn-danger" onClick={onConfirm}>{confirmLabel}</button>
      </footer>
    </Dialog>
  );
}

export function parseDelay(text: string): { value?: number; error?: string } {
  const t = text.trim();
  if (!/^\d{1,6}$/.test(t)) return { error: 'Enter a whole number of milliseconds.' };
  const v = Number(t);
  if (v < 1 || v > MAX_FETCH_DELAY_MS) return { error: `Use 1 to ${MAX_FETCH_DELAY_MS} ms.` };
  return { value: v };
}

export function SlowDialog({ nodeId, current, onApply, onClose }: {
  nodeId: number; current: number; onApply(a: BrokerAction): void; onClose(): void;
}) {
  const [text, setText] = useState(current > 0 ? String(current) : '2000');
  const [touched, setTouched] = useState(false);
  const parsed = parseDelay(text);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (parsed.value !== undefined) onApply({ kind: 'slow', fetchDelayMs: parsed.value });
  };
  return (
    <Dialog title={`Slow broker ${nodeId}`} testId="slow-dialog" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="dialog-body">
          <p className="muted">Delays this broker's follower fetches, so its replicas fall behind. Past the leader's
            replica.lag.time.max.ms they leave the ISR (the timeline says why).</p>
          <label className="field">Delay per fetch (ms)
            <input aria-label="Delay (ms)" className="mono" inputMode="numeric" value={text} onChange={(e) => setText(e.target.value)} autoFocus />
            {touched && parsed.error && <span className="field-error" data-testid="error-delay">{parsed.error}</span>}
          </label>
        </div>
        <footer className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary">Slow down</button>
        </footer>
      </form>
    </Dialog>
  );
}

type IsolateMode = Extract<BrokerAction, { kind: 'isolate' }>['mode'];

const ISOLATE_HELP: Record<IsolateMode, string> = {
  brokers: 'Cut replication: its follower fetch connections are reset, clients still reach it.',
  clients: 'Cut clients: their connections are reset, replication keeps flowing.',
  all: 'Both: the broker is alone on the network.',
};

export function IsolateDialog({ nodeId, onApply, onClose }: { nodeId: number; onApply(a: BrokerAction): void; onClose(): void }) {
  const [mode, setMode] = useState<IsolateMode>('brokers');
  return (
    <Dialog title={`Isolate broker ${nodeId}`} testId="isolate-dialog" onClose={onClose}>
      <div className="dialog-body">
        <label className="field">Isolate from
          <select aria-label="Isolate from" value={mode} onChange={(e) => setMode(e.target.value as IsolateMode)}>
            <option value="brokers">Other brokers</option>
            <option value="clients">Clients</option>
            <option value="all">Everything</option>
          </select>
        </label>
        <p className="muted" data-testid="isolate-help">{ISOLATE_HELP[mode]}</p>
      </div>
      <footer className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>Cancel</button>
        <button type="button" className="btn btn-primary" onClick={() => onApply({ kind: 'isolate', mode })}>Isolate</button>
      </footer>
    </Dialog>
  );
}
