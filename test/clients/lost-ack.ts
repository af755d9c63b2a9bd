/**
 * A lost acknowledgement: the client reaches a broker of its own only through the recording proxy, which
 * swallows the broker's first Produce response and cuts the connection, so the client retries a batch the
 * broker already appended. An idempotent producer must leave no duplicates; without idempotence the same
 * fault duplicates the batch (the control that shows the fault really forced a retry).
 */
import { expect } from 'vitest';
import { startRecordProxy } from '../golden/record-proxy.js';
import type { ClientProgram } from './client-suite.js';
import { expectSuccess, freePort, oneEvent, runProgram, startBroker, uniqueName, type ClientEvent } from './harness.js';

const PRODUCE = 0;

export async function produceWithLostAck(program: ClientProgram, mode: 'on' | 'off', extraArgs: string[] = []): Promise<{ result: ClientEvent; cuts: number }> {
  const proxy = await startRecordProxy(undefined, { apiKey: PRODUCE, count: 1 });
  const listen = await freePort();
  const broker = await startBroker({ 'advertised.listeners': `PLAINTEXT://127.0.0.1:${proxy.port}` }, listen);
  proxy.setUpstream('127.0.0.1', listen);
  try {
    const [cmd, base] = program.command();
    const run = expectSuccess(await runProgram(cmd, [...base, ...extraArgs, `127.0.0.1:${proxy.port}`, 'idempotent', uniqueName(`lost-ack-${mode}`), mode]));
    return { result: oneEvent(run, 'idempotent'), cuts: proxy.cuts };
  } finally {
    await proxy.close();
    await broker.stop();
  }
}

/** The two lost-acknowledgement tests for one client (vitest `it`s are registered by the caller's describe). */
export function lostAckCases(program: ClientProgram, extraArgs: string[] = []): Array<[string, () => Promise<void>]> {
  return [
    ['the idempotent producer retries the batch and the broker keeps one copy', async () => {
      const { result, cuts } = await produceWithLostAck(program, 'on', extraArgs);
      expect(cuts).toBe(1);
      expect(result).toMatchObject({ produced: 200, errors: [], consumed: 200, unique: 200 });
    }],
    ['control: without idempotence the same retry duplicates the batch', async () => {
      const { result, cuts } = await produceWithLostAck(program, 'off', extraArgs);
      expect(cuts).toBe(1);
      expect(result.unique).toBe(200);
      expect(result.consumed as number).toBeGreaterThan(200);
    }],
  ];
}
