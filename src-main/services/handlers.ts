/**
 * The shape an implementation of the contract takes: one async function per method and one subscribe
 * function per event. Inputs arrive already validated (transports/dispatcher.ts).
 */
import type { Contract, EventName, EventOf, MethodName, OutputOf, ParsedInputOf, Unsubscribe } from '../contract/index.js';

export interface CallContext {
  transport: 'ipc' | 'websocket' | 'in-process';
}

export type MethodHandlers = {
  [K in MethodName]: (input: ParsedInputOf<K>, ctx: CallContext) => Promise<OutputOf<K>> | OutputOf<K>;
};

export type EventHandlers = {
  [K in EventName]: (input: ParsedInputOf<K>, emit: (e: EventOf<K>) => void, ctx: CallContext) => Unsubscribe;
};

export type ServiceHandlers = MethodHandlers & EventHandlers;
export type { Contract };
