/**
 * The one API contract between the renderer (and CLI) and the Node core. The renderer imports only this
 * folder from src-main. Names are `domain.verb`; events are declared as events, never inferred from names.
 */
import type { z } from 'zod';
import type { EventSpec, MethodSpec } from './define.js';
import { clustersContract } from './clusters.js';
import { systemContract } from './system.js';
import { groupsContract } from './groups.js';
import { topicsContract } from './topics.js';
import { localClusterContract } from './local-cluster.js';
import { messagesContract } from './messages.js';
import { producerContract } from './producer.js';
import { throughputContract } from './throughput.js';

export * from './define.js';
export * from './clusters.js';
export * from './system.js';
export * from './groups.js';
export * from './topics.js';
export * from './local-cluster.js';
export * from './messages.js';
export * from './packed-messages.js';
export * from './producer.js';
export * from './throughput.js';

export const contract = {
  ...systemContract,
  ...clustersContract,
  ...groupsContract,
  ...topicsContract,
  ...localClusterContract,
  ...messagesContract,
  ...producerContract,
  ...throughputContract,
} as const;

export type Contract = typeof contract;
export type MethodName = { [K in keyof Contract]: Contract[K] extends MethodSpec ? K : never }[keyof Contract];
export type EventName = { [K in keyof Contract]: Contract[K] extends EventSpec ? K : never }[keyof Contract];
export type InputOf<K extends keyof Contract> = z.input<Contract[K]['input']>;
export type ParsedInputOf<K extends keyof Contract> = z.output<Contract[K]['input']>;
export type OutputOf<K extends MethodName> = Contract[K] extends MethodSpec<z.ZodType, infer O> ? O : never;
export type EventOf<K extends EventName> = Contract[K] extends EventSpec<z.ZodType, infer E> ? E : never;

export type Unsubscribe = () => void;

/** What every client of the core sees, whatever the transport. */
export interface TidepoolApi {
  call<K extends MethodName>(method: K, input: InputOf<K>): Promise<OutputOf<K>>;
  subscribe<K extends EventName>(
    name: K, input: InputOf<K>, onEvent: (e: EventOf<K>) => void, onError?: (err: Error) => void,
  ): Unsubscribe;
}

export const METHOD_NAMES = Object.keys(contract).filter((k) => contract[k as keyof Contract].kind === 'method') as MethodName[];
export const EVENT_NAMES = Object.keys(contract).filter((k) => contract[k as keyof Contract].kind === 'event') as EventName[];

export * from './ipc-channels.js';
export * from './ws-wire.js';
export * from './ws-client.js';
export * from './ipc-client.js';
