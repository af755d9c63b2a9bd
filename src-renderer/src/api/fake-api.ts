/**
 * An in-memory ApiHandle for component and store tests: method handlers you supply, events you push by
 * hand, and a connection state you flip. Calls with no handler reject like the real core does.
 */
import type { ConnectionState, EventName, EventOf, MethodName, OutputOf, TidepoolApi } from '../../../src-main/contract/index.js';
import { coreError } from '../lib/core-error.js';
import type { ApiHandle } from './client.js';

type Handlers = { [K in MethodName]?: (input: unknown) => OutputOf<K> | Promise<OutputOf<K>> };

export interface FakeApi extends ApiHandle {
  calls: { method: string; input: unknown }[];
  emit<K extends EventName>(name: K, event: EventOf<K>): void;
  setState(s: ConnectionState): void;
  subscriberCount(name: EventName): number;
}

export function createFakeApi(handlers: Handlers, initial: ConnectionState = 'open'): FakeApi {
  const calls: FakeApi['calls'] = [];
  const subs = new Map<string, Set<(e: unknown) => void>>();
  const stateFns = new Set<(s: ConnectionState) => void>();
  let state = initial;
  const api: TidepoolApi = {
    call: async (method, input) => {
      calls.push({ method, input });
      const h = handlers[method] as ((i: unknown) => unknown) | undefined;
      if (!h) throw coreError('TP_UNKNOWN_METHOD', `No fake handler for ${method}.`);
      return (await h(input)) as never;
    },
    subscribe: (name, _input, onEvent) => {
      const set = subs.get(name) ?? new Set();
      subs.set(name, set);
      const fn = onEvent as (e: unknown) => void;
      set.add(fn);
      return () => { set.delete(fn); };
    },
  };
  return {
    api,
    transport: 'websocket',
    calls,
    onState: (fn) => { stateFns.add(fn); fn(state); return () => { stateFns.delete(fn); }; },
    emit: (name, event) => { for (const fn of subs.get(name) ?? []) fn(event); },
    setState: (s) => { state = s; for (const fn of stateFns) fn(s); },
    subscriberCount: (name) => subs.get(name)?.size ?? 0,
  };
}
