/**
 * The handler definition every `handlers/NN-name.ts` file default-exports, and the context a handler gets.
 *
 * A handler declares the API it serves (its definition from protocol/schema), the version range we
 * advertise for it (ApiVersions is built from these ranges via registry.ts) and `handle`, which turns a
 * decoded request into a response body (or a promise of one). `NO_RESPONSE` means "send nothing" (Produce
 * with acks=0). A handler that needs long-lived state (a group coordinator, fetch sessions) names a
 * `ServiceKey` in `services`; the node creates each named service once at start, hands it out through
 * `ctx.node.service(key)` and closes it at stop, so handler files never have to edit broker.ts.
 */
import type { ApiDef, RequestOf, ResponseOf } from '../../protocol/index.js';
import type { BrokerSettings } from '../settings.js';
import type { TopicManager } from '../topics/index.js';
import type { ClusterLink } from '../cluster-link.js';

/** Returned by `handle` when Kafka sends no response (Produce with acks=0). */
export const NO_RESPONSE: unique symbol = Symbol('NO_RESPONSE');
export type NoResponse = typeof NO_RESPONSE;

/**
 * Returned by `handle` to drop the connection instead of answering, as Kafka does when a Produce with
 * acks=0 fails (the client has no other way to learn of the error).
 */
export class CloseConnection {
  constructor(readonly reason: string) {}
}

/** A long-lived, per-node service created on first use (or at start if a handler names it). */
export interface ServiceKey<T> {
  readonly name: string;
  readonly create: (node: BrokerNode) => T | Promise<T>;
}

/** Optional life-cycle of a service instance: `close` is awaited when the node stops. */
export interface ServiceLifecycle {
  close?(): void | Promise<void>;
}

export function serviceKey<T>(name: string, create: (node: BrokerNode) => T | Promise<T>): ServiceKey<T> {
  return { name, create };
}

/** What a handler may use of the node it runs on. */
export interface BrokerNode {
  readonly nodeId: number;
  readonly clusterId: string;
  readonly settings: BrokerSettings;
  /** The address clients should use for this node (what Metadata and FindCoordinator return). */
  readonly advertised: { host: string; port: number };
  /** Every node of the cluster this node knows (itself included), for Metadata/DescribeCluster. */
  brokers(): readonly { nodeId: number; host: string; port: number; rack: string | null }[];
  readonly controllerId: number;
  readonly topics: TopicManager;
  /** Cluster membership: the metadata and the controller's admin operations; null on a standalone node. */
  readonly cluster: ClusterLink | null;
  /** Wall clock in ms as bigint (Kafka timestamps); injectable for tests. */
  now(): bigint;
  /** The API ranges this node advertises (ApiVersions and the KIP-511 fallback). */
  apiVersions(): { apiKey: number; minVersion: number; maxVersion: number }[];
  /** A service named by some handler's `services` (created at start) or created now on first use. */
  service<T>(key: ServiceKey<T>): T;
}

/** The connection a request came in on. */
export interface ConnectionInfo {
  readonly id: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** From ApiVersions v3+ (KIP-511), once the client has sent it. */
  clientSoftwareName: string | null;
  clientSoftwareVersion: string | null;
}

export interface RequestInfo {
  readonly apiKey: number;
  readonly apiVersion: number;
  readonly correlationId: number;
  readonly clientId: string | null;
}

export interface HandlerContext {
  readonly node: BrokerNode;
  readonly connection: ConnectionInfo;
  readonly header: RequestInfo;
}

export type HandlerResult<A extends ApiDef> = ResponseOf<A> | NoResponse | CloseConnection;

export interface HandlerDef<A extends ApiDef = ApiDef> {
  readonly api: A;
  /** [min, max] we advertise in ApiVersions and accept; outside it the connection is closed. */
  readonly versions: readonly [number, number];
  /** Services this handler needs; the node creates them at start. */
  readonly services?: readonly ServiceKey<unknown>[];
  handle(request: RequestOf<A>, ctx: HandlerContext): HandlerResult<A> | Promise<HandlerResult<A>>;
}

/** Identity with types: infers the request/response types from `api`. */
export function defineHandler<A extends ApiDef>(def: HandlerDef<A>): HandlerDef<A> {
  const [min, max] = def.versions;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < min) {
    throw new Error(`${def.api.name}: bad version range [${min}, ${max}]`);
  }
  return def;
}

/** A handler of any API, as stored in the registry. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry is heterogeneous by design
export type AnyHandler = HandlerDef<any>;
