// Client pool costs a user feels: "Test connection" against the embedded broker on 127.0.0.1 (all steps,
// including the advertised-broker check), a pool connect + describeCluster through kafkajs, and sealing /
// opening a secret (scrypt key derivation once per salt, then AES-256-GCM). Wall time, median and p95 of
// N runs after a warm-up; the machine's 2 cores are shared, so treat figures as indicative.
// Writes bench-results/clients-pool.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { startTestBroker } from '../src-main/broker/test-support/test-broker.js';
import { ConnectionPool, diagnose, kafkajsBackend, PassphraseSecretBox, profileInputSchema } from '../src-main/clients/index.js';

interface Row { case: string; runs: number; medianMs: number; p95Ms: number }
const rows: Row[] = [];

async function time(name: string, runs: number, f: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 3; i++) await f();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) { const t0 = performance.now(); await f(); ms.push(performance.now() - t0); }
  ms.sort((a, b) => a - b);
  rows.push({ case: name, runs, medianMs: ms[Math.floor(runs / 2)], p95Ms: ms[Math.min(runs - 1, Math.floor(runs * 0.95))] });
}

const tb = await startTestBroker();
try {
  const settings = profileInputSchema.parse({ name: 'local', bootstrap: [tb.broker.bootstrap] });
  await time('Test connection (diagnose, 1 broker, plaintext)', 50, async () => {
    const d = await diagnose(settings);
    if (!d.ok) throw new Error(d.summary);
  });
  await time('pool connect + describeCluster + disconnect (kafkajs)', 30, async () => {
    const pool = new ConnectionPool({ backendFactory: kafkajsBackend });
    await pool.upsert({ id: 'l', kind: 'local', ...settings });
    await (await pool.get('l')).describeCluster();
    await pool.close();
  });
} finally {
  await tb.cleanup();
}
await time('SecretBox: new passphrase box, first seal (scrypt N=2^15)', 10, async () => { await new PassphraseSecretBox('pass').seal('secret'); });
const box = new PassphraseSecretBox('pass');
await time('SecretBox: seal + open with a cached key', 200, async () => { await box.open(await box.seal('secret')); });

console.table(rows.map((r) => ({ case: r.case, runs: r.runs, 'median ms': r.medianMs.toFixed(2), 'p95 ms': r.p95Ms.toFixed(2) })));
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/clients-pool.json', JSON.stringify({ rows }, null, 2));
