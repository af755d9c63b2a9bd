/**
 * Server data from the core: calls a contract method once the connection is open, and again after every
 * reconnect or `reload()`. Errors are kept as CoreError so views can show the code and message.
 */
import { useCallback, useEffect, useState } from 'react';
import type { InputOf, MethodName, OutputOf } from '../../../src-main/contract/index.js';
import { toCoreError, type CoreError } from '../lib/core-error.js';
import { useConnectionStore } from '../stores/connection-store.js';
import { api } from './client.js';

export interface CoreQuery<T> {
  data: T | undefined;
  error: CoreError | undefined;
  loading: boolean;
  reload(): void;
}

export function useCoreQuery<K extends MethodName>(method: K, input: InputOf<K>): CoreQuery<OutputOf<K>> {
  const connectedAt = useConnectionStore((s) => s.connectedAt);
  const [nonce, setNonce] = useState(0);
  const [result, setResult] = useState<{ data?: OutputOf<K>; error?: CoreError; loading: boolean }>({ loading: false });
  // Inputs are small plain objects; keying on their JSON keeps callers free to pass literals.
  const inputKey = JSON.stringify(input);

  useEffect(() => {
    if (connectedAt === 0) return;
    let live = true;
    setResult((r) => ({ ...r, loading: true }));
    api().call(method, JSON.parse(inputKey) as InputOf<K>).then(
      (data) => { if (live) setResult({ data, loading: false }); },
      (err: unknown) => { if (live) setResult({ error: toCoreError(err), loading: false }); },
    );
    return () => { live = false; };
  }, [method, inputKey, connectedAt, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data: result.data, error: result.error, loading: result.loading, reload };
}
