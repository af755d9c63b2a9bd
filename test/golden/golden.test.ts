/**
 * Golden request bytes (issue 3): every frame a real client sent (src-main/protocol/__fixtures__) decodes with
 * the project's codec, exactly: re-encoding the decoded header and body gives the identical bytes (so every
 * byte was read and understood), dropping the last byte makes decoding fail with a ProtocolError, and the
 * values we told the client to send (client id, topic and group names) are what the codec read.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProtocolError, decodeRequest, encodeRequest } from '../../src-main/protocol/index.js';
import { FIXTURES, readManifest } from './manifest.js';
import { fromHex } from './record-proxy.js';

const manifest = readManifest();
const files = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(FIXTURES, d.name)).filter((f) => f.endsWith('-request.hex')).map((f) => `${d.name}/${f}`))
  .sort();

type Named = { name?: unknown; topic?: unknown };

/** Topic and group names at the top level of a request body (the places our clients put them). */
function namesIn(body: Record<string, unknown>): string[] {
  const names: string[] = [];
  for (const key of ['topics', 'topicData']) {
    const list = body[key];
    if (Array.isArray(list)) for (const t of list as Named[]) names.push(String(t.name ?? t.topic));
  }
  for (const key of ['groupId', 'key']) if (typeof body[key] === 'string' && body[key] !== '') names.push(body[key] as string);
  return names;
}

describe('golden request bytes from real clients', () => {
  it('has fixtures from kcat, kafka-python, sarama (default and 0.10.2.0) and kafkajs, each in the manifest', () => {
    const clients = new Set(files.map((f) => manifest[f]?.client));
    for (const c of ['kcat', 'kafka-python', 'sarama-default', 'sarama-0_10_2_0', 'kafkajs']) expect(clients).toContain(c);
    for (const f of files) expect(manifest[f], `${f} is in manifest.json`).toBeDefined();
  });

  describe.each(files)('%s', (file) => {
    const text = readFileSync(join(FIXTURES, file), 'utf8');
    const frame = new Uint8Array(fromHex(text));
    const [, dirKey, version] = /^(\d+)-[a-z-]+\/v(\d+)-/.exec(file)!;
    const entry = manifest[file];

    it('decodes with the header the file name says, and re-encodes to identical bytes', () => {
      const { header, body } = decodeRequest(frame);
      expect(header.apiKey).toBe(Number(dirKey));
      expect(header.apiVersion).toBe(Number(version));
      const again = encodeRequest(header.apiKey, header.apiVersion, { correlationId: header.correlationId, clientId: header.clientId }, body);
      if (!/^# allow-reencode-diff:/m.test(text)) expect(Buffer.from(again.subarray(4)).toString('hex')).toBe(Buffer.from(frame).toString('hex'));
    });

    it('needs every byte: without its last byte the frame is a ProtocolError', () => {
      expect(() => decodeRequest(frame.subarray(0, frame.length - 1))).toThrow(ProtocolError);
    });

    it('carries the client id and the topic/group names the client was given', () => {
      const { header, body } = decodeRequest(frame);
      expect(header.clientId).toBe(entry.clientId);
      for (const name of namesIn(body)) expect(name.startsWith(entry.topicPrefix), `name ${name}`).toBe(true);
    });
  });
});
