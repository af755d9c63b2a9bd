// kcat 1.7 (librdkafka 2.0.2) against the real broker, driven by shell commands. kcat has no admin commands,
// so its topics are auto-created (the broker runs with num.partitions=3) and there is no config/delete test.
// -H applies to every message of one kcat run, so headers are checked as a fixed set.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { COUNT, expectKeyedSet } from './assertions.js';
import { BROKER_MISSING_NOTE, brokerMissing, useBroker } from './client-suite.js';
import { uniqueName } from './harness.js';
import { GroupConsumer, checkKcat, consumeAll, kcat, kcatOk, queryOffset } from './kcat/kcat.js';

const HEADERS = { 'h-client': 'kcat', 'h-run': 'keyed' };
const keyedInput = (): string => Array.from({ length: COUNT }, (_, i) => `key-${i % 10}\tv-${i}\n`).join('');

async function waitFor(what: string, ms: number, cond: () => boolean, detail: () => string = () => ''): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${detail()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('kcat 1.7 (librdkafka 2.0.2)', () => {
  it('is installed', () => { checkKcat(); });

  describe.skipIf(brokerMissing)(`against a real broker${brokerMissing ? BROKER_MISSING_NOTE : ''}`, () => {
    beforeAll(() => { checkKcat(); });
    const broker = useBroker({ 'num.partitions': '3' });
    const b = () => broker().bootstrap;
    const produceKeyed = (topic: string, extra: string[] = []) => kcatOk(['-P', '-b', b(), '-t', topic, '-K', '\t',
      '-X', 'acks=all', '-H', `h-client=${HEADERS['h-client']}`, '-H', `h-run=${HEADERS['h-run']}`, ...extra], keyedInput());

    it('lists metadata (-L -J) with the advertised address', async () => {
      const md = JSON.parse((await kcatOk(['-L', '-J', '-b', b()])).stdout) as { brokers: Array<{ id: number; name: string }> };
      expect(md.brokers).toHaveLength(1);
      expect(md.brokers[0].name).toBe(b());
    });

    it('auto-creates a 3-partition topic; 1,000 keyed messages with headers at acks=all come back exactly once, in per-key order', async () => {
      const topic = uniqueName('kcat-rt');
      await produceKeyed(topic);
      const md = JSON.parse((await kcatOk(['-L', '-J', '-b', b(), '-t', topic])).stdout) as { topics: Array<{ partitions: unknown[] }> };
      expect(md.topics[0].partitions).toHaveLength(3);
      const msgs = await consumeAll(b(), topic);
      expect(msgs).toHaveLength(COUNT);
      expectKeyedSet(msgs, { kind: 'fixed', headers: HEADERS });
      expect(new Set(msgs.map((m) => m.partition)).size).toBeGreaterThan(1);
    }, 60_000);

    it('two -G consumers split the partitions, commit, rebalance on leave, resume after a broker restart', async () => {
      const topic = uniqueName('kcat-grp');
      const group = uniqueName('kcat-group');
      await produceKeyed(topic);
      const high = new Map<number, number>();
      for (const m of await consumeAll(b(), topic)) high.set(m.partition, Math.max(high.get(m.partition) ?? 0, m.offset + 1));
      const c1 = new GroupConsumer(b(), group, topic);
      const c2 = new GroupConsumer(b(), group, topic);
      try {
        const seen = () => new Set([...c1.messages(), ...c2.messages()].map((m) => `${m.partition}:${m.offset}`)).size;
        const detail = () => `seen ${seen()}\nc1:\n${c1.log()}\nc2:\n${c2.log()}`;
        // Each member must have read its own partitions to the end: that is what it commits.
        await waitFor('both assigned, all consumed', 60_000,
          () => c1.assignment().length > 0 && c2.assignment().length > 0 && seen() >= COUNT && c1.caughtUp(high) && c2.caughtUp(high), detail);
        expect([...c1.assignment(), ...c2.assignment()].sort()).toEqual([0, 1, 2]);
        expect(seen()).toBe(COUNT);
        await new Promise((r) => setTimeout(r, 500)); // auto.commit.interval.ms=100
        await c2.stop();
        await waitFor('c1 takes every partition', 30_000, () => c1.assignment().length === 3 && c1.caughtUp(high), detail);
        await new Promise((r) => setTimeout(r, 500));
      } finally {
        await c1.stop();
        await c2.stop();
      }
      await broker().restart();
      await produceKeyed(topic);
      const c3 = new GroupConsumer(b(), group, topic, true);
      expect(await c3.exited).toBe(0);
      const resumed = c3.messages();
      expect(resumed).toHaveLength(COUNT);
      for (const [p, h] of high) expect(Math.min(...resumed.filter((m) => m.partition === p).map((m) => m.offset))).toBe(h);
    }, 120_000);

    it('earliest, latest and by-timestamp offsets (-Q)', async () => {
      const topic = uniqueName('kcat-off');
      for (const i of [0, 1, 2]) {
        await kcatOk(['-P', '-b', b(), '-t', topic, '-p', '0'], `t${i}\n`);
        await new Promise((r) => setTimeout(r, 20));
      }
      const ts = (await consumeAll(b(), topic, ['-p', '0'])).map((m) => m.ts);
      expect(ts).toHaveLength(3);
      expect(await queryOffset(b(), topic, 0, -2)).toBe(0);
      expect(await queryOffset(b(), topic, 0, -1)).toBe(3);
      expect(await queryOffset(b(), topic, 0, ts[1])).toBe(1);
      expect(await queryOffset(b(), topic, 0, ts[2])).toBe(2);
      expect(await queryOffset(b(), topic, 0, ts[2] + 60_000)).toBe(-1);
    });

    it('compression round trip: none, gzip, snappy, lz4, zstd', async () => {
      for (const codec of ['none', 'gzip', 'snappy', 'lz4', 'zstd']) {
        const topic = uniqueName(`kcat-z-${codec}`);
        const values = Array.from({ length: 20 }, (_, i) => `${codec}-${i}-${'x'.repeat(200)}`);
        await kcatOk(['-P', '-b', b(), '-t', topic, '-p', '0', '-X', `compression.codec=${codec}`], values.join('\n') + '\n');
        expect((await consumeAll(b(), topic)).map((m) => m.value), codec).toEqual(values);
      }
    }, 60_000);

    it('900 KB round-trips; 1.2 MB gets "Message size too large" from the broker and kcat carries on', async () => {
      const topic = uniqueName('kcat-big');
      const text = (n: number) => randomBytes(n).toString('base64').slice(0, n);
      const big = text(900 * 1024);
      // One message per request and a raised client limit, so that the broker judges each message alone.
      const r = await kcat(['-P', '-b', b(), '-t', topic, '-p', '0', '-X', 'message.max.bytes=3000000', '-X', 'batch.num.messages=1'],
        `${big}\n${text(1_200_000)}\nafter\n`);
      expect(r.stderr).toMatch(/Message size too large/);
      const msgs = await consumeAll(b(), topic);
      expect(msgs.map((m) => m.value?.length)).toEqual([900 * 1024, 5]);
      expect(msgs[0].value === big).toBe(true);
    }, 60_000);

    it('an idempotent producer (enable.idempotence=true) leaves no duplicates', async () => {
      const topic = uniqueName('kcat-idem');
      await kcatOk(['-P', '-b', b(), '-t', topic, '-K', '\t', '-X', 'enable.idempotence=true'],
        Array.from({ length: 200 }, (_, i) => `key-${i % 10}\tv-${i}\n`).join(''));
      const values = (await consumeAll(b(), topic)).map((m) => m.value);
      expect(values).toHaveLength(200);
      expect(new Set(values).size).toBe(200);
    });
  });
});
