import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from '../broker/test-support/test-broker.js';
import { TidepoolError } from '../common/index.js';
import { kafkajsBackend, kafkajsConfig } from './kafkajs-backend.js';
import { profileInputSchema, type ConnectionProfile, type ProfileInput } from './profile.js';
import { diagnose } from './probe/diagnose.js';
import { selfSignedCert, tlsProxy, type Running, type SelfSigned } from './probe/test-support.js';

const prof = (p: ProfileInput): ConnectionProfile => ({ id: 'x', kind: 'external', ...profileInputSchema.parse(p) });
const OPTS = { connectTimeoutMs: 1000, requestTimeoutMs: 2000 };

describe('kafkajs backend', () => {
  it('maps SASL and TLS settings to kafkajs options, with its retries off', () => {
    const c = kafkajsConfig(prof({
      name: 'x', bootstrap: ['a:1', 'b:2'], clientId: 'me',
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'u', password: 'p' },
      tls: { ca: '-----BEGIN CERTIFICATE-----', servername: 'kafka.example', verify: false },
    }), OPTS);
    expect(c).toMatchObject({
      clientId: 'me', brokers: ['a:1', 'b:2'], connectionTimeout: 1000, requestTimeout: 2000, retry: { retries: 0 },
      sasl: { mechanism: 'scram-sha-512', username: 'u', password: 'p' },
      ssl: { ca: '-----BEGIN CERTIFICATE-----', servername: 'kafka.example', rejectUnauthorized: false },
    });
    expect(kafkajsConfig(prof({ name: 'x', bootstrap: ['a:1'], sasl: { mechanism: 'PLAIN', username: 'u', password: 'p' } }), OPTS).sasl)
      .toEqual({ mechanism: 'plain', username: 'u', password: 'p' });
    expect(kafkajsConfig(prof({ name: 'x', bootstrap: ['a:1'] }), OPTS)).toMatchObject({ ssl: undefined, sasl: undefined, clientId: 'tidepool' });
  });

  it('refuses IPv6 literal bootstrap addresses with the reason (kafkajs splits host:port on the first colon)', async () => {
    const b = kafkajsBackend(prof({ name: 'v6', bootstrap: ['[::1]:9092'] }), OPTS);
    await expect(b.connect()).rejects.toMatchObject({ code: 'TP_VALIDATION', message: /IPv6 literal.*host name/ });
  });

  describe('over TLS to the real broker (a TLS proxy in front, advertised as the proxy)', () => {
    let cert: SelfSigned;
    let proxy: Running;
    let tb: TestBroker;
    beforeAll(async () => {
      cert = selfSignedCert('localhost');
      let brokerPort = 0;
      proxy = await tlsProxy(cert, () => brokerPort);
      tb = await startTestBroker({ advertisedHost: 'localhost', advertisedPort: proxy.port });
      brokerPort = tb.broker.port;
    });
    afterAll(async () => { await tb.cleanup(); await proxy.close(); });

    it('connects with the profile\'s CA and reads the cluster', async () => {
      const b = kafkajsBackend(prof({ name: 'tls', bootstrap: [`localhost:${proxy.port}`], tls: { ca: cert.cert } }), OPTS);
      try {
        const info = await b.connect();
        expect(info).toMatchObject({ clusterId: tb.broker.clusterId, brokers: [{ host: 'localhost', port: proxy.port }] });
      } finally { await b.close(); }
      // The probe agrees, step by step, TLS included.
      const d = await diagnose(profileInputSchema.parse({ name: 'tls', bootstrap: [`localhost:${proxy.port}`], tls: { ca: cert.cert } }), { timeoutMs: 2000 });
      expect(d.steps.map((s) => `${s.step}:${s.status}`)).toEqual(['dns:ok', 'tcp:ok', 'tls:ok', 'api-versions:ok', 'metadata:ok', 'advertised:ok']);
    });

    it('refuses an untrusted certificate with a TP_UNAVAILABLE error that points to Test connection', async () => {
      const b = kafkajsBackend(prof({ name: 'tls', bootstrap: [`localhost:${proxy.port}`], tls: {} }), OPTS);
      const err = await b.connect().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TidepoolError);
      expect((err as TidepoolError).code).toBe('TP_UNAVAILABLE');
      expect((err as TidepoolError).message).toMatch(/Cannot connect to "tls".*self.signed.*Test connection/is);
    });
  });
});
