// Starts bench/broker-child.ts (one broker in its own process, so the load generator's event loop does not
// share the broker's) and resolves with its port once it prints "PORT <n>". `nodeArgs` are extra node flags
// (e.g. --expose-gc, --cpu-prof); `onOutput` sees every stdout chunk (broker-load reads its MEM lines there).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export function startBrokerChild(dataDir: string, opts: { nodeArgs?: string[]; onOutput?: (chunk: string) => void } = {}): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', join(import.meta.dirname, 'broker-child.ts'), dataDir],
    { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      const chunk = d.toString();
      opts.onOutput?.(chunk);
      out += chunk;
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once('exit', (code) => reject(new Error(`broker child exited ${code}`)));
  });
}
