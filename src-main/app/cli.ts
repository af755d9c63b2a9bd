/**
 * The `tidepool` command line. `start` opens the Electron window (browser mode where no Electron binary
 * can be had); `serve` runs browser mode; `cluster` runs the local Kafka cluster headless. The app core
 * and the browser server (kafkajs, ws, zod, the services) are imported only by the commands that serve
 * the app, so `tidepool cluster` and `start`'s Electron hand-off don't pay for loading them.
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { CLUSTER_HELP, runClusterCommand } from './cluster-command.js';
import { findElectronBinary } from './electron-binary.js';
import { appRoot, rendererDir, userDataDir } from './paths.js';

const HELP: Record<string, string> = {
  main: `Usage: tidepool <command> [options]

Commands:
  start    Open Tidepool (the Electron window; browser mode where Electron is unavailable)
  serve    Run browser mode: serve the app on http://127.0.0.1 with a per-run token
  cluster  Run the local Kafka cluster without the window
  help     Show help for a command: tidepool help <command>

Run \`tidepool <command> --help\` for a command's options.`,
  start: `Usage: tidepool start [--browser] [--port P]

Opens the Tidepool window, with the local Kafka cluster running (1 broker on 127.0.0.1:9092, or the
next free port; data in the app's data folder). If the Electron binary is missing and cannot be
downloaded, falls back to browser mode and prints the URL to open.

Options:
  --browser   Skip Electron and use browser mode
  --port P    Port for browser mode (default 7420, or the next free one)
  -h, --help  Show this help`,
  serve: `Usage: tidepool serve [--host H] [--port P]

Serves the app to a browser. The printed URL carries a random token that the app needs to connect;
without it the API refuses the connection.

Options:
  --host H    Address to bind (default 127.0.0.1). Anything else exposes the app to that network:
              it still needs the token, but only do it on a network you trust.
  --port P    Port (default 7420; 0 picks a free one). An explicit port that is taken is an error.
  -h, --help  Show this help`,
  cluster: CLUSTER_HELP,
};

const DEFAULT_PORT = 7420;

function fail(message: string): never {
  console.error(`tidepool: ${message}`);
  process.exit(2);
}

function parsePort(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) fail(`--port must be a whole number from 0 to 65535, not "${text}"`);
  return n;
}

async function serve(host: string, port: number | undefined, embeddedCluster = false): Promise<void> {
  const [{ createCore }, { startBrowserServer }] = await Promise.all([
    import('./compose.js'), import('../transports/ws/browser-server.js'),
  ]);
  // Browser mode has no OS keychain: saved profiles unlock with a passphrase the user gives in the app.
  const core = createCore({ appRoot: appRoot(), embeddedCluster, clusters: { configDir: userDataDir() } });
  const listen = async (p: number) => startBrowserServer({ host, port: p, rendererDir: rendererDir(), dispatcher: core.dispatcher });
  let server;
  try {
    server = await listen(port ?? DEFAULT_PORT);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE' && port === undefined) {
      console.error(`Port ${DEFAULT_PORT} is taken; using a free port instead.`);
      server = await listen(0);
    } else if (e.code === 'EADDRINUSE') {
      fail(`port ${port} on ${host} is already in use. Pick another with --port, or 0 for any free port.`);
    } else if (e.code === 'EADDRNOTAVAIL') {
      fail(`cannot bind to ${host}: no such address on this machine.`);
    } else {
      fail(e.message);
    }
  }
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    console.warn(`Warning: bound to ${host}, reachable from other machines. The token is still required.`);
  }
  console.log(`Tidepool is running in browser mode at ${server.url}`);
  console.log('Open that URL in a browser. Press Ctrl+C to stop.');
  const stop = async () => {
    await server.close();
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

async function start(browser: boolean, port: number | undefined): Promise<void> {
  if (!browser) {
    const electron = findElectronBinary(appRoot());
    if (electron.ok) {
      const child = spawn(electron.path, [appRoot()], { stdio: 'inherit' });
      child.on('exit', (code) => process.exit(code ?? 0));
      return;
    }
    console.error(`Electron is not available here (${electron.reason}).`);
    console.error('Starting browser mode instead.');
  }
  await serve('127.0.0.1', port, true);
}

async function main(argv: string[]): Promise<void> {
  const [command = 'help', ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP[rest[0] ?? 'main'] ?? HELP.main);
    return;
  }
  if (!(command in HELP) || command === 'main') fail(`unknown command "${command}". Run \`tidepool --help\`.`);
  if (command === 'cluster') { await runClusterCommand(rest); process.exit(0); }
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest, strict: true, allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' }, host: { type: 'string' }, port: { type: 'string' }, browser: { type: 'boolean' },
      },
    }));
  } catch (err) {
    fail(`${(err as Error).message}\n\n${HELP[command]}`);
  }
  if (values.help) { console.log(HELP[command]); return; }
  if (command === 'serve') {
    if (values.browser) fail('--browser is an option of `start`.');
    await serve(String(values.host ?? '127.0.0.1'), parsePort(values.port as string | undefined));
  } else if (command === 'start') {
    if (values.host) fail('`start` always binds to 127.0.0.1; use `tidepool serve --host` for another address.');
    await start(Boolean(values.browser), parsePort(values.port as string | undefined));
  }
}

void main(process.argv.slice(2)).catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
