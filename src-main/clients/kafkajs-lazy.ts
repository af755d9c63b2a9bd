/**
 * kafkajs, required on first use instead of imported: loading it costs ~140 ms on the project's 2-core
 * machine, and the app's start (browser server, the embedded cluster's worker) should not wait for it
 * (issue 7's start targets). kafkajs is CommonJS, so a synchronous require keeps the backend's API as is.
 */
import { createRequire } from 'node:module';

let mod: typeof import('kafkajs') | undefined;

export function kafkajs(): typeof import('kafkajs') {
  return (mod ??= createRequire(import.meta.url)('kafkajs') as typeof import('kafkajs'));
}
