/**
 * How the service contract is declared: each entry is a method (request -> response) or an event
 * (a server-pushed stream the caller subscribes to), with a zod schema validating its input at the
 * transport boundary and a phantom output type. Transports and clients are built from the same object.
 */
import type { z } from 'zod';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly kind: 'method';
  readonly input: I;
  /** Phantom: carries the output type only. */
  readonly output?: O;
  /** Short description for the CLI and docs. */
  readonly summary: string;
}

export interface EventSpec<I extends z.ZodType = z.ZodType, E = unknown> {
  readonly kind: 'event';
  readonly input: I;
  readonly event?: E;
  readonly summary: string;
}

/** `method<Output>()(inputSchema, summary)`: curried so the output type is explicit and the input inferred. */
export const method = <O>() => <I extends z.ZodType>(input: I, summary: string): MethodSpec<I, O> =>
  ({ kind: 'method', input, summary });

export const event = <E>() => <I extends z.ZodType>(input: I, summary: string): EventSpec<I, E> =>
  ({ kind: 'event', input, summary });
