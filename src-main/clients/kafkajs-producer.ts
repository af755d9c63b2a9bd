/**
 * Sending records with kafkajs's producer: one lazily connected, non-idempotent producer per backend, no
 * kafkajs retries (a retry could duplicate a record the user sent once; the caller sees the error instead).
 * Every record arrives with its partition already chosen, so kafkajs's own partitioner is never used; each
 * record's offset is its partition's base offset plus its position in that partition's part of the send.
 */
import type { Kafka, Producer, Message } from 'kafkajs';
import { codecId, registerKafkajsCodecs } from './kafkajs-codecs.js';
import type { OutgoingRecord, ProducedRecord, ProduceOptions } from './producer-backend.js';

/** kafkajs headers are an object; repeated keys become an array, in order. */
export function toKafkajsHeaders(headers: OutgoingRecord['headers']): Message['headers'] {
  const out: Record<string, Buffer[]> = {};
  for (const h of headers) (out[h.key] ??= []).push(Buffer.from(h.value));
  const flat: NonNullable<Message['headers']> = {};
  for (const [k, v] of Object.entries(out)) flat[k] = v.length === 1 ? v[0]! : v;
  return flat;
}

const buf = (b: Uint8Array | null): Buffer | null => (b === null ? null : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/** Offsets of each record from the per-partition base offsets kafkajs returns. */
export function recordOffsets(records: readonly OutgoingRecord[], bases: ReadonlyMap<number, bigint>, acks: number): ProducedRecord[] {
  const seen = new Map<number, bigint>();
  return records.map((r) => {
    const i = seen.get(r.partition) ?? 0n;
    seen.set(r.partition, i + 1n);
    const base = bases.get(r.partition);
    return { partition: r.partition, offset: acks === 0 || base === undefined || base < 0n ? null : base + i };
  });
}

export class KafkajsProducer {
  private producer: Producer | null = null;
  private connecting: Promise<Producer> | null = null;

  constructor(private readonly kafka: Kafka) {
    registerKafkajsCodecs();
  }

  private get(): Promise<Producer> {
    if (this.producer !== null) return Promise.resolve(this.producer);
    this.connecting ??= (async () => {
      const p = this.kafka.producer({ allowAutoTopicCreation: false, idempotent: false, retry: { retries: 0 } });
      try {
        await p.connect();
      } catch (err) {
        this.connecting = null;
        throw err;
      }
      this.producer = p;
      return p;
    })();
    return this.connecting;
  }

  async send(topic: string, records: readonly OutgoingRecord[], opts: ProduceOptions): Promise<ProducedRecord[]> {
    if (records.length === 0) return [];
    const p = await this.get();
    const res = await p.send({
      topic, acks: opts.acks, timeout: opts.timeoutMs ?? 30_000, compression: codecId(opts.compression),
      messages: records.map((r): Message => ({
        key: buf(r.key), value: buf(r.value), partition: r.partition,
        headers: toKafkajsHeaders(r.headers), timestamp: r.timestamp === undefined ? undefined : r.timestamp.toString(),
      })),
    });
    // kafkajs returns int64 offsets as decimal strings; BigInt keeps them exact.
    const bases = new Map<number, bigint>();
    for (const m of res) if (m.topicName === topic) bases.set(m.partition, BigInt(m.baseOffset ?? m.offset ?? '-1'));
    return recordOffsets(records, bases, opts.acks);
  }

  async close(): Promise<void> {
    const p = this.producer ?? (this.connecting === null ? null : await this.connecting.catch(() => null));
    this.producer = null;
    this.connecting = null;
    await p?.disconnect().catch(() => undefined);
  }
}
