import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaError, encodeRequest, decodeResponse } from '../../protocol/index.js';
import apiVersionsApi from '../../protocol/schema/18-api-versions.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { startTestBroker, type TestBroker } from '../test-support/test-broker.js';
import { HANDLERS } from './registry.js';

describe('18-api-versions over TCP', () => {
  let tb: TestBroker;
  beforeAll(async () => { tb = await startTestBroker(); });
  afterAll(async () => tb.cleanup());

  it.each([0, 1, 2, 3, 4])('v%i lists exactly the registry ranges', async (v) => {
    const c = await KafkaTestClient.connect(tb.broker.port);
    const res = await c.send(apiVersionsApi, v, { clientSoftwareName: 'tidepool-test', clientSoftwareVersion: '1.0' });
    expect(res.errorCode).toBe(0);
    expect(res.apiKeys).toEqual(HANDLERS.map((h) => ({ apiKey: h.api.key, minVersion: h.versions[0], maxVersion: h.versions[1] })));
    c.close();
  });

  it('records the client software name and version (v3+)', async () => {
    const c = await KafkaTestClient.connect(tb.broker.port);
    await c.send(apiVersionsApi, 3, { clientSoftwareName: 'librdkafka', clientSoftwareVersion: '2.0.2' });
    c.close();
  });

  it('answers invalid client software names with INVALID_REQUEST (KIP-511)', async () => {
    const c = await KafkaTestClient.connect(tb.broker.port);
    const res = await c.send(apiVersionsApi, 3, { clientSoftwareName: '-bad name', clientSoftwareVersion: '1' });
    expect(res.errorCode).toBe(KafkaError.INVALID_REQUEST.code);
    expect(res.apiKeys).toEqual([]);
    c.close();
  });

  it('answers a too-new version with a v0 body, UNSUPPORTED_VERSION and our ranges (KIP-511 fallback)', async () => {
    const c = await KafkaTestClient.connect(tb.broker.port);
    // A v4 request renumbered to v9: the header is flexible either way, the body is not read.
    const frame = encodeRequest(apiVersionsApi, 4, { correlationId: 7, clientId: 'future' }, { clientSoftwareName: 'x', clientSoftwareVersion: '1' });
    new DataView(frame.buffer, frame.byteOffset).setInt16(6, 9);
    const res = await c.sendFrame(frame, 7);
    const body = decodeResponse(apiVersionsApi, 0, res).body;
    expect(body.errorCode).toBe(KafkaError.UNSUPPORTED_VERSION.code);
    expect(body.apiKeys.find((k) => k.apiKey === 18)).toEqual({ apiKey: 18, minVersion: 0, maxVersion: 4 });
    // The connection stays usable: the client retries with a version we support.
    const again = await c.send(apiVersionsApi, 3, { clientSoftwareName: 'x', clientSoftwareVersion: '1' });
    expect(again.errorCode).toBe(0);
    c.close();
  });
});
