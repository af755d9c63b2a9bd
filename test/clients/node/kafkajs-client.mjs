// kafkajs 2.2.4 client program for the Tidepool integration suite.
// Usage: node kafkajs-client.mjs BOOTSTRAP SCENARIO [TOPIC] [ARGS...]; prints JSON lines (scenario-data.mjs).
// Scenarios: metadata, create, produce, consume, group-split, group-resume, offsets, compression, large,
// config, idempotent. kafkajs has no assign(): reads without a group use a fresh group id each time.
// Only GZIP is built into kafkajs (Snappy/LZ4/ZSTD need extra codec packages), so compression covers none+gzip.
import { createHash, randomBytes } from 'node:crypto';
import kafkajs from 'kafkajs';
import { COUNT, emit, fail, main, message, sleep, waitFor } from './scenario-data.mjs';

const { Kafka, CompressionTypes, ConfigResourceTypes, Partitioners, logLevel } = kafkajs;
const CLIENT = 'kafkajs';
let kafka;

function connect(bootstrap) {
  kafka = new Kafka({
    clientId: 'tidepool-kafkajs', brokers: [bootstrap], retry: { retries: 5, initialRetryTime: 100 },
    // kafkajs logs to stdout by default; the suite reads stdout as JSON, so logs go to stderr.
    logLevel: logLevel.WARN,
    logCreator: () => ({ namespace, level, log }) => process.stderr.write(`[kafkajs ${level}] ${namespace}: ${log.message} ${log.error ?? ''}\n`),
  });
}

async function withAdmin(fn) {
  const admin = kafka.admin();
  await admin.connect();
  try { return await fn(admin); } finally { await admin.disconnect(); }
}

async function produce(messages, topic, opts = {}) {
  const { compression, ...producerOpts } = opts;
  const p = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, ...producerOpts });
  await p.connect();
  try {
    return await p.send({ topic, acks: -1, compression, messages });
  } finally { await p.disconnect(); }
}

async function partitionsOf(topic) {
  return withAdmin(async (a) => {
    const md = await a.fetchTopicMetadata({ topics: [topic] });
    return md.topics[0].partitions.map((p) => p.partitionId).sort((x, y) => x - y);
  });
}

async function highWatermarks(topic) {
  return withAdmin(async (a) => Object.fromEntries((await a.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)])));
}

function toEvent(partition, m, member) {
  const headers = Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, String(v)]));
  return { partition, offset: Number(m.offset), key: m.key?.toString() ?? null, value: m.value?.toString() ?? null, headers, ...(member ? { member } : {}) };
}

/** Reads every partition from the beginning up to its high watermark (a throw-away group; kafkajs needs one). */
async function readAll(topic, { raw = false, maxBytesPerPartition } = {}) {
  const high = await highWatermarks(topic);
  const out = [];
  const pos = Object.fromEntries(Object.keys(high).map((p) => [p, 0]));
  // A short long-poll: disconnect() waits for the fetch in flight (default maxWaitTimeInMs is 5 s).
  const c = kafka.consumer({ groupId: `${topic}-reader-${process.pid}-${Date.now()}`, maxBytesPerPartition, maxWaitTimeInMs: 200 });
  await c.connect();
  await c.subscribe({ topics: [topic], fromBeginning: true });
  await c.run({ autoCommit: false, eachMessage: async ({ partition, message: m }) => {
    out.push(raw ? { partition, m } : toEvent(partition, m));
    pos[partition] = Number(m.offset) + 1;
  } });
  await waitFor(`read of ${topic}`, 30, () => Object.keys(high).every((p) => pos[p] >= high[p]));
  await c.disconnect();
  return out;
}

async function create(bootstrap, topic, partitions = 3) {
  await withAdmin((a) => a.createTopics({ topics: [{ topic, numPartitions: Number(partitions), replicationFactor: 1 }], waitForLeaders: true }));
  emit('created', { topic, partitions: (await partitionsOf(topic)).length });
}

async function metadata() {
  await withAdmin(async (a) => {
    const cluster = await a.describeCluster();
    const topics = await a.listTopics();
    const md = await a.fetchTopicMetadata({ topics });
    emit('metadata', { brokers: cluster.brokers.map((b) => ({ id: b.nodeId, host: b.host, port: b.port })), controller: cluster.controller,
      topics: Object.fromEntries(md.topics.map((t) => [t.name, t.partitions.length])) });
  });
}

async function produceScenario(_b, topic) {
  const messages = Array.from({ length: COUNT }, (_, i) => message(i, CLIENT));
  const keyPartitions = {};
  const errors = [];
  // One message per record batch would be slow; kafkajs batches one send() per partition.
  const p = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await p.connect();
  for (let i = 0; i < COUNT; i += 100) {
    const chunk = messages.slice(i, i + 100);
    const meta = await p.send({ topic, acks: -1, messages: chunk });
    for (const r of meta) if (r.errorCode !== 0) errors.push(`partition ${r.partition}: error ${r.errorCode}`);
  }
  await p.disconnect();
  // kafkajs reports per-partition results, not per message: read the key -> partition map back from the log.
  for (const e of await readAll(topic)) (keyPartitions[e.key] ??= new Set()).add(e.partition);
  emit('produced', { count: COUNT, errors, keyPartitions: Object.fromEntries(Object.entries(keyPartitions).map(([k, s]) => [k, [...s].sort()])) });
}

async function consume(_b, topic) {
  const msgs = await readAll(topic);
  for (const e of msgs) emit('message', e);
  emit('consumed', { count: msgs.length });
}

function member(name, groupId, topic, state) {
  const c = kafka.consumer({ groupId, sessionTimeout: 10000, heartbeatInterval: 500, rebalanceTimeout: 10000, maxWaitTimeInMs: 200 });
  c.on(c.events.GROUP_JOIN, (e) => {
    state.assignments[name] = [...(e.payload.memberAssignment[topic] ?? [])].sort((a, b) => a - b);
    emit('assigned', { member: name, partitions: state.assignments[name] });
  });
  return {
    c,
    async start() {
      await c.connect();
      await c.subscribe({ topics: [topic], fromBeginning: true });
      await c.run({ eachMessage: async ({ partition, message: m }) => {
        state.seen.add(`${partition}:${m.offset}`);
        emit('message', toEvent(partition, m, name));
      } });
    },
  };
}

async function committedOffsets(groupId, topic) {
  return withAdmin(async (a) => {
    const [t] = await a.fetchOffsets({ groupId, topics: [topic] });
    return Object.fromEntries(t.partitions.map((p) => [p.partition, Number(p.offset)]));
  });
}

async function groupSplit(_b, topic, groupId, expected) {
  const state = { assignments: {}, seen: new Set() };
  const parts = await partitionsOf(topic);
  const c1 = member('c1', groupId, topic, state);
  const c2 = member('c2', groupId, topic, state);
  await c1.start();
  await c2.start();
  await waitFor('both members assigned and all messages consumed', 40,
    () => state.assignments.c1?.length > 0 && state.assignments.c2?.length > 0 && state.seen.size >= Number(expected));
  emit('split', { assignments: state.assignments });
  const high = await highWatermarks(topic);
  // kafkajs commits resolved offsets after each batch; wait until the broker has all of them.
  await waitFor('offsets committed', 20, async () => {
    const c = await committedOffsets(groupId, topic);
    return parts.every((p) => c[p] === high[p]);
  });
  emit('committed', { offsets: await committedOffsets(groupId, topic) });
  await c2.c.disconnect(); // sends LeaveGroup: c1 must be given every partition
  await waitFor('rebalance after c2 left', 30, () => state.assignments.c1?.length === parts.length);
  emit('rebalanced', { member: 'c1', partitions: state.assignments.c1 });
  await c1.c.disconnect();
}

async function groupResume(_b, topic, groupId) {
  const start = await committedOffsets(groupId, topic);
  emit('committed', { offsets: start });
  const high = await highWatermarks(topic);
  const want = Object.keys(high).reduce((n, p) => n + high[p] - Math.max(start[p] ?? 0, 0), 0);
  const state = { assignments: {}, seen: new Set() };
  const c1 = member('c1', groupId, topic, state);
  await c1.start();
  await waitFor('resumed consumption', 30, () => state.seen.size >= want);
  await waitFor('offsets committed', 20, async () => {
    const c = await committedOffsets(groupId, topic);
    return Object.keys(high).every((p) => c[p] === high[p]);
  });
  await c1.c.disconnect();
  emit('resumed', { positions: high });
}

async function offsets(b, topic) {
  await create(b, topic, 1);
  const base = (Math.floor(Date.now() / 1000) - 3600) * 1000;
  await produce([0, 1, 2].map((i) => ({ key: `k${i}`, value: `t${i}`, partition: 0, timestamp: String(base + i * 1000) })), topic);
  await withAdmin(async (a) => {
    const [o] = await a.fetchTopicOffsets(topic);
    const byTime = {};
    for (const rel of [0, 500, 1500, 5000]) byTime[rel] = Number((await a.fetchTopicOffsetsByTimestamp(topic, base + rel))[0].offset);
    emit('offsets', { earliest: Number(o.low), latest: Number(o.high), byTime });
  });
}

async function compression(b, topic) {
  for (const [name, codec] of [['none', CompressionTypes.None], ['gzip', CompressionTypes.GZIP]]) {
    const t = `${topic}-${name}`;
    await create(b, t, 1);
    const values = Array.from({ length: 20 }, (_, i) => `${name}-${i}-${'x'.repeat(200)}`);
    await produce(values.map((value) => ({ key: 'k', value })), t, { compression: codec });
    const got = (await readAll(t)).map((e) => e.value);
    emit('codec', { codec: name, produced: values.length, consumed: got.length, match: JSON.stringify(got) === JSON.stringify(values) });
  }
}

function kafkaErrorType(e) {
  for (let x = e; x; x = x.originalError ?? x.cause) if (x.type) return { error: x.type, code: x.code ?? null };
  return { error: `${e?.name}: ${e?.message}`, code: null };
}

async function large(b, topic) {
  await create(b, topic, 1);
  const big = randomBytes(900 * 1024);
  const p = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, retry: { retries: 0 } });
  await p.connect();
  for (const value of [big, randomBytes(1_200_000), Buffer.from('after')]) {
    try {
      await p.send({ topic, acks: -1, messages: [{ key: 'k', value }] });
      emit('delivery', { size: value.length, ok: true, error: null, code: null });
    } catch (e) {
      emit('delivery', { size: value.length, ok: false, ...kafkaErrorType(e) });
    }
  }
  await p.disconnect();
  const msgs = await readAll(topic, { raw: true, maxBytesPerPartition: 2 * 1024 * 1024 });
  const digest = (v) => createHash('sha256').update(v).digest('hex');
  emit('read', { sizes: msgs.map((x) => x.m.value.length), bigIntact: msgs.some((x) => digest(x.m.value) === digest(big)) });
}

async function config(b, topic) {
  await create(b, topic, 3);
  await withAdmin(async (a) => {
    const read = async () => {
      const r = await a.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['retention.ms'] }], includeSynonyms: false });
      const e = r.resources[0].configEntries.find((x) => x.configName === 'retention.ms');
      if (!e) fail('retention.ms missing from DescribeConfigs');
      return e;
    };
    const before = await read();
    await a.alterConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configEntries: [{ name: 'retention.ms', value: '3600000' }] }] });
    const after = await read();
    emit('config', { before: before.configValue, beforeSource: before.configSource ?? (before.isDefault ? 'default' : 'set'),
      after: after.configValue, afterSource: after.configSource ?? (after.isDefault ? 'default' : 'set') });
    await a.deleteTopics({ topics: [topic], timeout: 10000 });
    await waitFor('topic gone from the list', 10, async () => !(await a.listTopics()).includes(topic));
    emit('deleted', { topic, listed: false });
  });
}

/** mode off: the same producer without idempotence (the control of the lost-acknowledgement test). */
async function idempotent(b, topic, mode = 'on') {
  await create(b, topic, 3);
  const messages = Array.from({ length: 200 }, (_, i) => ({ key: `key-${i % 10}`, value: `v-${i}` }));
  await produce(messages, topic, mode === 'on' ? { idempotent: true, maxInFlightRequests: 1 } : {});
  const values = (await readAll(topic)).map((e) => e.value);
  emit('idempotent', { produced: 200, errors: [], consumed: values.length, unique: new Set(values).size });
}

const wrap = (fn) => async (bootstrap, ...args) => { connect(bootstrap); await fn(bootstrap, ...args); await sleep(0); };
await main(Object.fromEntries(Object.entries({
  metadata, create, produce: produceScenario, consume, 'group-split': groupSplit, 'group-resume': groupResume,
  offsets, compression, large, config, idempotent,
}).map(([k, f]) => [k, wrap(f)])));
