/**
 * The golden fixtures' manifest (src-main/protocol/__fixtures__/manifest.json): for each captured file, the
 * client, its software version, the client id and topic prefix it was told to use (what the golden test checks
 * the decoded frame against), the command and the date. README.md there is rendered from it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const FIXTURES = resolve(import.meta.dirname, '../../src-main/protocol/__fixtures__');

export interface ManifestEntry {
  file: string;
  client: string;
  software: string;
  clientId: string;
  /** Every topic and group name the client was given starts with this. */
  topicPrefix: string;
  command: string;
  broker: string;
  date: string;
}

export function readManifest(): Record<string, ManifestEntry> {
  const path = join(FIXTURES, 'manifest.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, ManifestEntry>) : {};
}

export function renderReadme(manifest: Record<string, ManifestEntry>): string {
  const entries = Object.values(manifest).sort((a, b) => a.file.localeCompare(b.file));
  const sessions = new Map<string, ManifestEntry>();
  for (const e of entries) sessions.set(`${e.client}|${e.command}|${e.date}`, e);
  return `# Golden request bytes from real clients

Each \`NN-name/vK-<client>-request.hex\` file is one request frame exactly as a real Kafka client sent it
(without the 4-byte size prefix, as \`decodeRequest\` takes it; hex, 32 bytes per line; whitespace and \`#\` comment
lines are ignored, and the first comment line names the client and version, the command and the date). A file may
carry an \`# allow-reencode-diff: reason\` line where byte identity cannot hold (a client writing a tagged field at
its default, or tags we do not know). They were captured by the recording proxy
\`test/golden/record-proxy.ts\` sitting between the client and the broker, driven by
\`npx tsx test/golden/capture.ts [--no-broker] [client...]\`; the first frame of each (API key, version) per
client is kept. \`manifest.json\` records, per file, the client, its version, the client id and topic prefix
it was given, the command and the date; \`test/golden/golden.test.ts\` decodes every file with
\`decodeRequest\` and checks that the whole frame is consumed, that re-encoding gives identical bytes, and that
the client id and topic/group names are the ones the client was given.

## Capture sessions

| client | software | broker | date | command (PROXY = the proxy's address) |
| --- | --- | --- | --- | --- |
${[...sessions.values()].map((e) => `| ${e.client} | ${e.software} | ${e.broker} | ${e.date} | \`${e.command.replaceAll('|', '\\|')}\` |`).join('\n')}

## Files

| file | client |
| --- | --- |
${entries.map((e) => `| ${e.file} | ${e.client} |`).join('\n')}
`;
}
