// Shared data and output helpers for the Node client programs of the integration suite (the same rules as
// test/clients/python/scenario_data.py): JSON lines on stdout, one message set for every client.
export const COUNT = 1000;
export const KEYS = 10;

export function emit(event, fields = {}) {
  process.stdout.write(JSON.stringify({ ...fields, event }, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)) + '\n');
}

/** Message i of the keyed set: key key-(i % 10), value v-i, headers h-index and h-client. */
export function message(i, client) {
  return { key: `key-${i % KEYS}`, value: `v-${i}`, headers: { 'h-index': String(i), 'h-client': client } };
}

/** Exits once everything written to stdout has been handed over (a pipe write is async in Node). */
function exitAfterFlush(code) {
  process.stdout.write('', () => process.exit(code));
}

/** Ends the scenario: main() prints the one error line and exits 1. */
export function fail(message) {
  throw new Error(String(message));
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(what, seconds, cond) {
  const end = Date.now() + seconds * 1000;
  while (!(await cond())) {
    if (Date.now() > end) fail(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Runs SCENARIOS[argv[3]](...rest) and prints done, or one error line and exit code 1. */
export async function main(scenarios) {
  const [, , bootstrap, name, ...args] = process.argv;
  try {
    if (!bootstrap || !(name in scenarios)) fail(`usage: ${process.argv[1]} BOOTSTRAP (${Object.keys(scenarios).join('|')}) [TOPIC] [ARGS...]`);
    await scenarios[name](bootstrap, ...args);
  } catch (e) {
    emit('error', { message: `${e?.name ?? 'Error'}: ${e?.message ?? e}${e?.type ? ` (${e.type})` : ''}` });
    exitAfterFlush(1);
    return;
  }
  emit('done');
  exitAfterFlush(0);
}
