/**
 * The checks every client suite shares: each runs one scenario of a client program against the broker and
 * asserts on its JSON events with the same rules for every client (issue 7, "Must show", first bullet).
 */
import { expect } from 'vitest';
import { eventsOf, oneEvent, uniqueName, type Broker, type ClientEvent, type ClientRun } from './harness.js';

/** Runs `scenario` of one client program against the broker; resolves only when the program succeeded. */
export type RunScenario = (scenario: string, ...args: string[]) => Promise<ClientRun>;

export const COUNT = 1000;

interface Msg { partition: number; offset: number; key: string | null; value: string | null; headers: Record<string, string> }

const asMsgs = (events: ClientEvent[]) => events as unknown as Msg[];

/** Which headers the produced messages carry: per-message index (`indexed`), a fixed set, or none. */
export type HeaderRule = { kind: 'indexed'; client: string } | { kind: 'fixed'; headers: Record<string, string> } | { kind: 'none' };

/**
 * The 1,000 keyed messages came back exactly once with keys, values and headers intact, per-key order kept,
 * and every key in one partition (the one the producer reported, when it reported one).
 */
export function expectKeyedSet(msgs: Msg[], headers: HeaderRule, keyPartitions?: Record<string, number[]>): void {
  expect(new Set(msgs.map((m) => `${m.partition}:${m.offset}`)).size).toBe(msgs.length);
  const indexes = msgs.map((m) => Number(/^v-(\d+)$/.exec(m.value ?? '')?.[1] ?? NaN));
  expect(indexes.filter(Number.isNaN)).toEqual([]);
  expect([...indexes].sort((a, b) => a - b)).toEqual(Array.from({ length: COUNT }, (_, i) => i));
  const byKey = new Map<string, Msg[]>();
  msgs.forEach((m, n) => {
    const i = indexes[n];
    expect(m.key).toBe(`key-${i % 10}`);
    if (headers.kind === 'indexed') expect(m.headers).toEqual({ 'h-index': String(i), 'h-client': headers.client });
    else if (headers.kind === 'fixed') expect(m.headers).toEqual(headers.headers);
    else expect(m.headers ?? {}).toEqual({});
    byKey.set(m.key!, [...(byKey.get(m.key!) ?? []), m]);
  });
  for (const [key, list] of byKey) {
    const partitions = new Set(list.map((m) => m.partition));
    expect(partitions.size, `key ${key} spread over partitions ${[...partitions]}`).toBe(1);
    if (keyPartitions) expect(keyPartitions[key]).toEqual([...partitions]);
    const order = [...list].sort((a, b) => a.offset - b.offset).map((m) => Number(m.value!.slice(2)));
    expect(order, `order of key ${key}`).toEqual([...order].sort((a, b) => a - b));
  }
}

export async function checkMetadata(run: RunScenario, broker: Broker): Promise<void> {
  const md = oneEvent(await run('metadata'), 'metadata');
  const brokers = md.brokers as Array<{ port?: number; addr?: string }>;
  expect(brokers).toHaveLength(1);
  const port = brokers[0].port ?? Number(brokers[0].addr?.split(':').pop());
  expect(port).toBe(broker.port);
}

/** Create (3 partitions; `create` may be another program, null: auto-created), produce 1,000 keyed messages with headers at acks=all, consume them exactly once. */
export async function checkRoundTrip(run: RunScenario, prefix: string, headers: HeaderRule, create: RunScenario | null = run): Promise<string> {
  const topic = uniqueName(`${prefix}-rt`);
  if (create) expect(oneEvent(await create('create', topic), 'created').partitions).toBe(3);
  const produced = oneEvent(await run('produce', topic), 'produced');
  expect(produced.errors).toEqual([]);
  const keyPartitions = produced.keyPartitions as Record<string, number[]>;
  expect(Object.keys(keyPartitions).sort()).toEqual(Array.from({ length: 10 }, (_, k) => `key-${k}`).sort());
  const consumed = await run('consume', topic);
  const msgs = asMsgs(eventsOf(consumed, 'message'));
  expect(oneEvent(consumed, 'consumed').count).toBe(COUNT);
  expectKeyedSet(msgs, headers, keyPartitions);
  if (create) expect(new Set(msgs.map((m) => m.partition)).size).toBeGreaterThan(1);
  return topic;
}

/**
 * Two consumers split the 3 partitions and commit; one leaves and the other takes every partition; after a
 * broker restart the group resumes exactly at its committed offsets.
 */
export async function checkGroup(run: RunScenario, broker: Broker, prefix: string, createTopic: (topic: string) => Promise<void>): Promise<void> {
  const topic = uniqueName(`${prefix}-grp`);
  const group = uniqueName(`${prefix}-group`);
  await createTopic(topic);
  await run('produce', topic);
  const split = await run('group-split', topic, group, String(COUNT));
  const { c1, c2 } = oneEvent(split, 'split').assignments as Record<string, number[]>;
  expect(c1.length).toBeGreaterThan(0);
  expect(c2.length).toBeGreaterThan(0);
  expect([...c1, ...c2].sort()).toEqual([0, 1, 2]);
  const seen = new Set(asMsgs(eventsOf(split, 'message')).map((m) => `${m.partition}:${m.offset}`));
  expect(seen.size).toBe(COUNT);
  const committed = oneEvent(split, 'committed').offsets as Record<string, number>;
  expect(Object.values(committed).reduce((a, b) => a + b, 0)).toBe(COUNT);
  expect(oneEvent(split, 'rebalanced').partitions).toEqual([0, 1, 2]);

  await broker.restart();
  await run('produce', topic);
  const resumed = await run('group-resume', topic, group);
  expect(oneEvent(resumed, 'committed').offsets).toEqual(committed);
  const msgs = asMsgs(eventsOf(resumed, 'message'));
  expect(new Set(msgs.map((m) => `${m.partition}:${m.offset}`)).size).toBe(COUNT);
  for (const m of msgs) expect(m.offset).toBeGreaterThanOrEqual(committed[String(m.partition)]);
  for (const [p, o] of Object.entries(committed)) {
    const first = Math.min(...msgs.filter((m) => String(m.partition) === p).map((m) => m.offset));
    expect(first, `partition ${p} resumes at its committed offset`).toBe(o);
  }
}

/**
 * Earliest, latest and by-timestamp offsets of 3 messages stamped t, t+1 s, t+2 s. A timestamp past the last
 * message gives -1 in Kafka's answer; some clients substitute the latest offset (`future`).
 */
export async function checkOffsets(run: RunScenario, prefix: string, future: number[] | null = [-1]): Promise<void> {
  const e = oneEvent(await run('offsets', uniqueName(`${prefix}-off`)), 'offsets');
  expect(e.earliest).toBe(0);
  expect(e.latest).toBe(3);
  if (future === null) return;
  const byTime = e.byTime as Record<string, number>;
  expect({ 0: byTime['0'], 500: byTime['500'], 1500: byTime['1500'] }).toEqual({ 0: 0, 500: 1, 1500: 2 });
  expect(future).toContain(byTime['5000']);
}

/**
 * Every codec in `codecs` round-trips 20 messages; each codec in `rejected` is refused by the broker with
 * UNSUPPORTED_COMPRESSION_TYPE (what Kafka answers, e.g. zstd in a Produce request below v7).
 */
export async function checkCompression(run: RunScenario, prefix: string, codecs: string[], rejected: string[] = [], refusal = /compression type/i): Promise<ClientRun> {
  const r = await run('compression', uniqueName(`${prefix}-z`));
  const results = eventsOf(r, 'codec');
  expect(results.filter((c) => c.error === undefined).map((c) => c.codec)).toEqual(codecs);
  for (const c of results.filter((x) => x.error === undefined)) expect(c, `codec ${c.codec}`).toMatchObject({ produced: 20, consumed: 20, match: true });
  const refused = results.filter((c) => c.error !== undefined);
  expect(refused.map((c) => c.codec)).toEqual(rejected);
  for (const c of refused) expect(String(c.error)).toMatch(refusal);
  return r;
}

/** A 900 KB message round-trips; 1.2 MB gets MESSAGE_TOO_LARGE (error 10); the producer carries on. */
export async function checkLarge(run: RunScenario, prefix: string): Promise<void> {
  const r = await run('large', uniqueName(`${prefix}-big`));
  const [big, tooBig, after] = eventsOf(r, 'delivery');
  expect(big).toMatchObject({ size: 900 * 1024, ok: true });
  expect(tooBig).toMatchObject({ size: 1_200_000, ok: false });
  expect(tooBig.code === 10 || /MSG_SIZE_TOO_LARGE|MESSAGE_TOO_LARGE|MessageSizeTooLarge/.test(String(tooBig.error)), JSON.stringify(tooBig)).toBe(true);
  expect(after).toMatchObject({ size: 5, ok: true });
  expect(oneEvent(r, 'read')).toMatchObject({ sizes: [900 * 1024, 5], bigIntact: true });
}

/** retention.ms: default 604800000 from DEFAULT_CONFIG, altered to 3600000 as a topic config; topic then deleted. */
export async function checkConfig(run: RunScenario, prefix: string): Promise<void> {
  const r = await run('config', uniqueName(`${prefix}-cfg`));
  const e = oneEvent(r, 'config');
  expect(e.before).toBe('604800000');
  expect(e.after).toBe('3600000');
  expect(String(e.beforeSource)).toMatch(/^(5|.*DEFAULT_CONFIG|Default|default)$/);
  expect(String(e.afterSource)).toMatch(/^(1|.*DYNAMIC_TOPIC_CONFIG|Topic|set)$/);
  expect(oneEvent(r, 'deleted').listed).toBe(false);
}

export async function checkIdempotent(run: RunScenario, prefix: string): Promise<void> {
  const e = oneEvent(await run('idempotent', uniqueName(`${prefix}-idem`)), 'idempotent');
  expect(e).toMatchObject({ produced: 200, errors: [], consumed: 200, unique: 200 });
}
