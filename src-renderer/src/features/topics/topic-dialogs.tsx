/**
 * The topic dialogs: create (name, partitions, RF, configs; validated before sending), delete (confirmed by
 * typing the topic's name) and add partitions. Each shows the core's error with its code and stays open.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../../api/client.js';
import { toCoreError, type CoreError } from '../../lib/core-error.js';
import { validateAddPartitions, validateCreateTopic, type CreateTopicForm, type FormErrors } from './topic-form.js';
import { Dialog } from '../../components/dialog/dialog.js';

function useSubmit(): { busy: boolean; error: CoreError | null; run(fn: () => Promise<void>): void } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);
  return {
    busy, error,
    run: (fn) => {
      setBusy(true);
      setError(null);
      fn().then(() => setBusy(false), (err: unknown) => { setBusy(false); setError(toCoreError(err)); });
    },
  };
}

const ErrorLine = ({ error }: { error: CoreError | null }) =>
  error ? <div className="inline-error" role="alert">{error.code}: {error.message}</div> : null;

export function CreateTopicDialog({ clusterId, existing, onClose, onCreated }: {
  clusterId: string; existing: ReadonlySet<string>; onClose(): void; onCreated(name: string): void;
}) {
  const [form, setForm] = useState<CreateTopicForm>({ name: '', partitions: '1', replicationFactor: '1', configs: '' });
  const [errors, setErrors] = useState<FormErrors<CreateTopicForm>>({});
  const s = useSubmit();
  const set = (k: keyof CreateTopicForm) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = validateCreateTopic(form, existing);
    if (!v.ok) { setErrors(v.errors); return; }
    setErrors({});
    s.run(async () => {
      await api().call('topics.create', { clusterId, ...v.values });
      onCreated(v.values.topic);
    });
  };
  const field = (k: keyof CreateTopicForm, label: string, input: ReactNode) => (
    <label className="field">{label}{input}{errors[k] && <span className="field-error" data-testid={`error-${k}`}>{errors[k]}</span>}</label>
  );
  return (
    <Dialog title="Create topic" testId="create-topic-dialog" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="dialog-body">
          {field('name', 'Name', <input autoFocus value={form.name} onChange={set('name')} aria-label="Topic name" />)}
          {field('partitions', 'Partitions', <input inputMode="numeric" value={form.partitions} onChange={set('partitions')} aria-label="Partitions" />)}
          {field('replicationFactor', 'Replication factor', <input inputMode="numeric" value={form.replicationFactor} onChange={set('replicationFactor')} aria-label="Replication factor" />)}
          {field('configs', 'Configs (key=value per line, optional)', <textarea rows={3} className="mono" value={form.configs} onChange={set('configs')} aria-label="Configs" />)}
          <ErrorLine error={s.error} />
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={s.busy}>{s.busy ? 'Creating…' : 'Create'}</button>
        </div>
      </form>
    </Dialog>
  );
}

export function DeleteTopicDialog({ clusterId, topic, onClose, onDeleted }: { clusterId: string; topic: string; onClose(): void; onDeleted(): void }) {
  const [typed, setTyped] = useState('');
  const s = useSubmit();
  const confirmed = typed === topic;
  return (
    <Dialog title={`Delete topic ${topic}`} testId="delete-topic-dialog" onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); if (confirmed) s.run(async () => { await api().call('topics.delete', { clusterId, topic }); onDeleted(); }); }}>
        <div className="dialog-body">
          <div>This deletes the topic <b className="mono">{topic}</b> and all its messages. It cannot be undone.</div>
          <label className="field">Type the topic name to confirm
            <input autoFocus value={typed} onChange={(e) => setTyped(e.target.value)} aria-label="Confirm topic name" />
          </label>
          <ErrorLine error={s.error} />
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-danger" disabled={!confirmed || s.busy}>{s.busy ? 'Deleting…' : 'Delete topic'}</button>
        </div>
      </form>
    </Dialog>
  );
}

export function AddPartitionsDialog({ clusterId, topic, current, onClose, onDone }: {
  clusterId: string; topic: string; current: number; onClose(): void; onDone(): void;
}) {
  const [text, setText] = useState(String(current + 1));
  const [problem, setProblem] = useState<string | null>(null);
  const s = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = validateAddPartitions(text, current);
    if (typeof n === 'string') { setProblem(n); return; }
    setProblem(null);
    s.run(async () => { await api().call('topics.addPartitions', { clusterId, topic, totalCount: n }); onDone(); });
  };
  return (
    <Dialog title={`Add partitions to ${topic}`} testId="add-partitions-dialog" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="dialog-body">
          <div className="muted">Keyed messages may map to other partitions afterwards: the partitioner hashes over the new count.</div>
          <label className="field">New total partition count (now {current})
            <input autoFocus inputMode="numeric" value={text} onChange={(e) => setText(e.target.value)} aria-label="New partition count" />
            {problem && <span className="field-error">{problem}</span>}
          </label>
          <ErrorLine error={s.error} />
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={s.busy}>Add partitions</button>
        </div>
      </form>
    </Dialog>
  );
}
