/** TidepoolApi over the preload bridge (`window.tidepool`) in the Electron window. */
import { TidepoolError, type SerializedError } from '../common/errors.js';
import type { EventName, EventOf, InputOf, MethodName, OutputOf, TidepoolApi, Unsubscribe } from './index.js';
import type { PreloadBridge } from './ipc-channels.js';

export class IpcClient implements TidepoolApi {
  constructor(private readonly bridge: PreloadBridge) {}

  async call<K extends MethodName>(method: K, input: InputOf<K>): Promise<OutputOf<K>> {
    const r = await this.bridge.call(method, input);
    if (!r.ok) throw TidepoolError.fromSerialized(r.error as SerializedError);
    return r.value as OutputOf<K>;
  }

  subscribe<K extends EventName>(name: K, input: InputOf<K>, onEvent: (e: EventOf<K>) => void, onError?: (err: Error) => void): Unsubscribe {
    let id: number | undefined;
    let cancelled = false;
    void this.bridge.subscribe(name, input, onEvent as (v: unknown) => void).then((r) => {
      if (!r.ok) { onError?.(TidepoolError.fromSerialized(r.error as SerializedError)); return; }
      id = r.id;
      if (cancelled) void this.bridge.unsubscribe(id);
    });
    return () => {
      cancelled = true;
      if (id !== undefined) void this.bridge.unsubscribe(id);
    };
  }
}
