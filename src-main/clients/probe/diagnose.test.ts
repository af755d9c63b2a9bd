import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionDiagnosis, DiagnosisStep } from '../../contract/index.js';
import { startTestBroker, type TestBroker } from '../../broker/test-support/test-broker.js';
import { profileInputSchema, type ProfileInput } from '../profile.js';
import { diagnose } from './diagnose.js';
import { closedPort, fakeKafka, garbageServer, selfSignedCert, silentServer, tlsServer, type SelfSigned } from './test-support.js';

const run = (p: ProfileInput, timeoutMs = 2000) => diagnose(profileInputSchema.parse(p), { timeoutMs });
const step = (d: ConnectionDiagnosis, name: DiagnosisStep['step']) => d.steps.find((s) => s.step === name);
const statuses = (d: ConnectionDiagnosis) => d.steps.map((s) => `${s.step}:${s.status}`);

describe('diagnose (real sockets)', () => {
  let cert: SelfSigned;
  beforeAll(() => { cert = selfSignedCert('localhost'); });

  it('names a host that does not resolve (.invalid) and says what to check', async () => {
    const d = await run({ name: 'x', bootstrap: ['kafka.invalid:9092'] });
    expect(d.ok).toBe(false);
    expect(statuses(d)).toEqual(['dns:failed']);
    expect(step(d, 'dns')!.message).toMatch(/kafka\.invalid does not resolve/);
    expect(step(d, 'dns')!.hint).toMatch(/Docker or Kubernetes/);
    expect(d.summary).toMatch(/does not resolve/);
  });

  it('names a refused TCP connection', async () => {
    const port = await closedPort();
    const d = await run({ name: 'x', bootstrap: [`127.0.0.1:${port}`] });
    expect(statuses(d)).toEqual(['dns:ok', 'tcp:failed']);
    expect(step(d, 'tcp')).toMatchObject({ code: 'ECONNREFUSED' });
    expect(step(d, 'tcp')!.message).toMatch(new RegExp(`nothing is listening on 127.0.0.1:${port}`, 'i'));
  });

  it('tries the next bootstrap server when the first fails', async () => {
    const port = await closedPort();
    const tb = await startTestBroker();
    try {
      const d = await run({ name: 'x', bootstrap: [`127.0.0.1:${port}`, tb.broker.bootstrap] });
      expect(d.ok).toBe(true);
      expect(statuses(d)).toEqual(['dns:ok', 'tcp:failed', 'dns:ok', 'tcp:ok', 'api-versions:ok', 'metadata:ok', 'advertised:ok']);
    } finally { await tb.cleanup(); }
  });

  it('names a self-signed certificate, and passes once its CA is given', async () => {
    const srv = await tlsServer(cert);
    try {
      const d = await run({ name: 'x', bootstrap: [`localhost:${srv.port}`], tls: {} });
      expect(statuses(d)).toEqual(['dns:ok', 'tcp:ok', 'tls:failed']);
      expect(step(d, 'tls')).toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
      expect(step(d, 'tls')!.message).toMatch(/self-signed and not trusted/);
      expect(step(d, 'tls')!.hint).toMatch(/CA certificate/);
      // With the certificate as CA the handshake works; the server then closes (it is not Kafka).
      const ok = await run({ name: 'x', bootstrap: [`localhost:${srv.port}`], tls: { ca: cert.cert } });
      expect(step(ok, 'tls')).toMatchObject({ status: 'ok' });
      expect(step(ok, 'tls')!.message).toMatch(/CN=localhost, verified/);
      expect(step(ok, 'api-versions')).toMatchObject({ status: 'failed' });
    } finally { await srv.close(); }
  });

  it('names a certificate issued for another host name', async () => {
    const other = selfSignedCert('other.example');
    const srv = await tlsServer(other);
    try {
      const d = await run({ name: 'x', bootstrap: [`localhost:${srv.port}`], tls: { ca: other.cert } });
      expect(step(d, 'tls')).toMatchObject({ status: 'failed', code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
      expect(step(d, 'tls')!.hint).toMatch(/server name/);
    } finally { await srv.close(); }
  });

  it('names an unusable client key instead of crashing', async () => {
    const srv = await tlsServer(cert);
    try {
      const broken = cert.key.replace(/(-----BEGIN PRIVATE KEY-----\n)(.{20})/, '$1AAAAAAAAAAAAAAAAAAAA');
      const d = await run({ name: 'x', bootstrap: [`localhost:${srv.port}`], tls: { ca: cert.cert, cert: cert.cert, key: broken } });
      expect(statuses(d)).toEqual(['dns:ok', 'tcp:ok', 'tls:failed']);
      expect(step(d, 'tls')!.message).toMatch(/TLS settings cannot be used/);
      expect(step(d, 'tls')!.hint).toMatch(/certificate and key/);
    } finally { await srv.close(); }
  });

  it('says "turn TLS on" when a plain client meets a TLS port', async () => {
    const srv = await tlsServer(cert);
    try {
      const d = await run({ name: 'x', bootstrap: [`127.0.0.1:${srv.port}`] });
      const s = step(d, 'api-versions')!;
      expect(s.status).toBe('failed');
      expect(['TLS_EXPECTED', 'CLOSED']).toContain(s.code);
      expect(s.hint).toMatch(/TLS/);
    } finally { await srv.close(); }
  });

  it('says the port is not Kafka when it answers garbage', async () => {
    const srv = await garbageServer();
    try {
      const d = await run({ name: 'x', bootstrap: [`127.0.0.1:${srv.port}`] });
      expect(step(d, 'api-versions')).toMatchObject({ status: 'failed', code: 'NOT_KAFKA' });
      expect(step(d, 'api-versions')!.message).toMatch(/not Kafka.*HTTP\/1\.1/s);
      expect(step(d, 'api-versions')!.hint).toMatch(/HTTP service/);
    } finally { await srv.close(); }
  });

  it('times out on a port that accepts but never answers', async () => {
    const srv = await silentServer();
    try {
      const d = await run({ name: 'x', bootstrap: [`127.0.0.1:${srv.port}`] }, 300);
      expect(step(d, 'api-versions')).toMatchObject({ status: 'failed', code: 'NO_ANSWER' });
    } finally { await srv.close(); }
  });

  it('explains the Docker advertised.listeners pitfall when bootstrap works but advertised brokers do not', async () => {
    const dead = await closedPort();
    const srv = await fakeKafka({ advertised: (port) => [
      { nodeId: 1, host: 'kafka.invalid', port: 29092 },
      { nodeId: 2, host: '127.0.0.1', port: dead },
      { nodeId: 3, host: '127.0.0.1', port },
    ] });
    try {
      const d = await run({ name: 'x', bootstrap: [`127.0.0.1:${srv.port}`] });
      expect(d.ok).toBe(false);
      expect(statuses(d)).toEqual(['dns:ok', 'tcp:ok', 'api-versions:ok', 'metadata:ok', 'advertised:failed']);
      const adv = step(d, 'advertised')!;
      expect(adv.code).toBe('ADVERTISED_UNREACHABLE');
      expect(adv.message).toMatch(/broker 1 at kafka\.invalid:29092 \(the host name kafka\.invalid does not resolve\)/);
      expect(adv.message).toMatch(new RegExp(`broker 2 at 127\\.0\\.0\\.1:${dead} \\(nothing is listening`));
      expect(adv.hint).toMatch(/advertised\.listeners=INTERNAL:\/\/kafka:29092,EXTERNAL:\/\/localhost:9092/);
      expect(d.brokers!.map((b) => b.reachable)).toEqual([false, false, true]);
      expect(d.clusterId).toBe('fake-cluster');
      expect(d.summary).toMatch(/2 of 3 advertised/);
    } finally { await srv.close(); }
  });

  it('names a SASL mechanism the broker does not offer, listing what it offers', async () => {
    const srv = await fakeKafka({ advertised: (port) => [{ nodeId: 1, host: '127.0.0.1', port }], saslMechanisms: ['SCRAM-SHA-512', 'PLAIN'] });
    try {
      const d = await run({ name: 'x', bootstrap: [`127.0.0.1:${srv.port}`], sasl: { mechanism: 'SCRAM-SHA-256', username: 'u', password: 'p' } });
      expect(step(d, 'sasl')).toMatchObject({ status: 'failed', code: 'UNSUPPORTED_SASL_MECHANISM' });
      expect(step(d, 'sasl')!.message).toMatch(/offers: SCRAM-SHA-512, PLAIN/);
    } finally { await srv.close(); }
  });

  it.each(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const)('authenticates with %s, and names a refused password', async (mechanism) => {
    const srv = await fakeKafka({
      advertised: (port) => [{ nodeId: 1, host: '127.0.0.1', port }],
      saslMechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'], saslUser: { username: 'alice', password: 'right' },
    });
    try {
      const ok = await run({ name: 'x', bootstrap: [`127.0.0.1:${srv.port}`], sasl: { mechanism, username: 'alice', password: 'right' } });
      expect(ok.ok).toBe(true);
      expect(step(ok, 'sasl')).toMatchObject({ status: 'ok', message: `authenticated as alice with ${mechanism}` });
      const bad = await run({ name: 'x', bootstrap: [`127.0.0.1:${srv.port}`], sasl: { mechanism, username: 'alice', password: 'wrong' } });
      expect(statuses(bad)).toEqual(['dns:ok', 'tcp:ok', 'api-versions:ok', 'sasl:failed']);
      expect(step(bad, 'sasl')).toMatchObject({ code: 'SASL_AUTHENTICATION_FAILED' });
      expect(step(bad, 'sasl')!.message).toMatch(/username or password was refused/);
      expect(step(bad, 'sasl')!.hint).toMatch(/kafka-configs/);
    } finally { await srv.close(); }
  });

  it('suggests SASL when the listener drops Metadata from an unauthenticated client', async () => {
    const srv = await fakeKafka({ advertised: () => [], closeOnMetadata: true });
    try {
      const d = await run({ name: 'x', bootstrap: [`127.0.0.1:${srv.port}`] });
      expect(step(d, 'metadata')).toMatchObject({ status: 'failed', code: 'CLOSED' });
      expect(step(d, 'metadata')!.hint).toMatch(/requires authentication/);
    } finally { await srv.close(); }
  });

  describe('against the real embedded broker', () => {
    let tb: TestBroker;
    beforeAll(async () => { tb = await startTestBroker(); });
    afterAll(async () => { await tb.cleanup(); });

    it('catches the Docker pitfall on a real broker advertising a container-only name', async () => {
      const docker = await startTestBroker({ advertisedHost: 'kafka.invalid' });
      try {
        const d = await run({ name: 'docker', bootstrap: [`127.0.0.1:${docker.broker.port}`] });
        expect(statuses(d)).toEqual(['dns:ok', 'tcp:ok', 'api-versions:ok', 'metadata:ok', 'advertised:failed']);
        expect(step(d, 'advertised')!.message).toMatch(new RegExp(`broker ${docker.broker.nodeId} at kafka\\.invalid:${docker.broker.port}`));
        expect(step(d, 'advertised')!.hint).toMatch(/advertised\.listeners/);
      } finally { await docker.cleanup(); }
    });

    it('passes every step and lists the advertised broker', async () => {
      const d = await run({ name: 'local', bootstrap: [tb.broker.bootstrap] });
      expect(d.ok).toBe(true);
      expect(statuses(d)).toEqual(['dns:ok', 'tcp:ok', 'api-versions:ok', 'metadata:ok', 'advertised:ok']);
      expect(d.clusterId).toBe(tb.broker.clusterId);
      expect(d.brokers).toEqual([{ nodeId: tb.broker.nodeId, host: '127.0.0.1', port: tb.broker.port, rack: null, reachable: true }]);
    });
  });
});
