/**
 * The boundary every transport goes through: looks the name up in the contract, validates the input
 * with its zod schema (a readable TP_VALIDATION error otherwise), runs the handler and turns anything
 * thrown into a serialisable TidepoolError. Transports only move bytes.
 */
import { z } from 'zod';
import { TidepoolError, type SerializedError } from '../common/index.js';
import { contract, type Contract, type Unsubscribe } from '../contract/index.js';
import type { CallContext, ServiceHandlers } from '../services/index.js';

export type CallResult = { ok: true; value: unknown } | { ok: false; error: SerializedError };

function validate(name: string, input: unknown): { spec: Contract[keyof Contract]; args: unknown } {
  if (!Object.hasOwn(contract, name)) throw new TidepoolError('TP_UNKNOWN_METHOD', `Unknown method or event "${name}".`);
  const spec = contract[name as keyof Contract];
  const parsed = spec.input.safeParse(input ?? {});
  if (!parsed.success) {
    throw new TidepoolError('TP_VALIDATION', `Invalid arguments for ${name}: ${z.prettifyError(parsed.error)}`,
      { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) });
  }
  return { spec, args: parsed.data };
}

export class Dispatcher {
  constructor(private readonly handlers: ServiceHandlers) {}

  async call(name: string, input: unknown, ctx: CallContext): Promise<CallResult> {
    try {
      const { spec, args } = validate(name, input);
      if (spec.kind !== 'method') throw new TidepoolError('TP_UNKNOWN_METHOD', `"${name}" is an event: subscribe to it.`);
      const handler = this.handlers[name as keyof ServiceHandlers] as (a: unknown, c: CallContext) => unknown;
      return { ok: true, value: await handler(args, ctx) };
    } catch (err) {
      return { ok: false, error: TidepoolError.from(err).toJSON() };
    }
  }

  /** Throws TidepoolError on a bad name or input; otherwise returns the unsubscribe function. */
  subscribe(name: string, input: unknown, emit: (e: unknown) => void, ctx: CallContext): Unsubscribe {
    const { spec, args } = validate(name, input);
    if (spec.kind !== 'event') throw new TidepoolError('TP_UNKNOWN_METHOD', `"${name}" is a method: call it.`);
    const handler = this.handlers[name as keyof ServiceHandlers] as (a: unknown, e: (v: unknown) => void, c: CallContext) => Unsubscribe;
    return handler(args, emit, ctx);
  }
}
