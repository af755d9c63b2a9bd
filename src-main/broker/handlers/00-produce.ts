// Produce (0), advertised 0-11. v0-2 carry MessageSet v0/v1, up-converted to one v2 batch before the log;
// v3+ carry exactly one RecordBatch v2 per partition, validated by header, length and CRC, never
// decompressed on the hot path (topics/produce-validation.ts). acks: 0 (no response; any error closes the
// connection, as Kafka does), 1 (answers after the leader's append) and -1: NOT_ENOUGH_REPLICAS before the
// append when the committed ISR is smaller than min.insync.replicas (topic, else broker); then, on a
// replicated leader, waits until the high watermark passes the batch (REQUEST_TIMED_OUT after the request's
// timeout; NOT_ENOUGH_REPLICAS_AFTER_APPEND when the ISR fell below the minimum meanwhile; NOT_LEADER_OR_FOLLOWER
// when leadership moved). A standalone broker is its own ISR of one, so -1 answers after the append.
// A node that does not lead the partition: NOT_LEADER_OR_FOLLOWER. Offsets, the leader epoch and, on
// LogAppendTime topics, the batch timestamps are set by storage on append. Idempotent batches are
// checked by storage's producer state (duplicates get their original offsets) after producer-state's
// prechecks (transactional/control batches: INVALID_TXN_STATE; a producer id with a negative sequence:
// INVALID_RECORD). v5+: log start offset;
// v8+: error messages; v10+: the currentLeader/nodeEndpoints hints on NOT_LEADER_OR_FOLLOWER (KIP-951) are
// not filled: clients refresh their metadata instead.
// Not supported: transactional produce (INVALID_TXN_STATE until transactions land), per-record errors.
import { KafkaError, errorForCode, type KafkaErrorInfo, type ResponseOf } from '../../protocol/index.js';
import produceApi from '../../protocol/schema/00-produce.js';
import {
  effectiveTopicConfig, kafkaErrorForStorage, maxMessageBytes, storageErrorForVersion, validateBatch, type Partition,
} from '../topics/index.js';
import { precheckProducerBatches } from '../producer-state/index.js';
import { ConversionError, upConvertMessageSet } from '../topics/legacy-records.js';
import { CloseConnection, NO_RESPONSE, defineHandler, type HandlerContext } from './handler.js';

type PartitionResponse = ResponseOf<typeof produceApi>['responses'][number]['partitionResponses'][number];

function failure(index: number, error: KafkaErrorInfo, message: string | null = null): PartitionResponse {
  return { index, errorCode: error.code, baseOffset: -1n, logAppendTimeMs: -1n, logStartOffset: -1n, recordErrors: [], errorMessage: message };
}

const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));

function produceTo(
  partition: Partition, records: Uint8Array | null, acks: number, timeoutMs: number, ctx: HandlerContext,
): PartitionResponse | Promise<PartitionResponse> {
  const { node } = ctx;
  const version = ctx.header.apiVersion;
  const overrides = node.topics.get(partition.topic)?.record.configs ?? {};
  const cfg = (name: string) => effectiveTopicConfig(node.settings, overrides, name);
  const index = partition.index;
  const notLeader = partition.notLeaderError;
  if (notLeader !== null) return failure(index, notLeader, `this broker does not lead ${partition.topic}-${index}`);
  const leader = partition.role; // null (standalone) or a LeaderRole here
  let minIsr = 1;
  if (acks === -1) {
    minIsr = num(cfg('min.insync.replicas')) ?? 1;
    const isrSize = leader === null || leader.kind !== 'leader' ? 1 : leader.isrSize;
    if (isrSize < minIsr) {
      return failure(index, KafkaError.NOT_ENOUGH_REPLICAS,
        `The size of the current ISR ${isrSize} is insufficient to satisfy the min.isr requirement of ${minIsr} for partition ${partition.topic}-${index}`);
    }
  }
  let data = records;
  if (version < 3 && data !== null && data.length > 0) {
    try {
      data = upConvertMessageSet(data);
    } catch (err) {
      if (err instanceof ConversionError) return failure(index, err.error, err.message);
      return failure(index, KafkaError.CORRUPT_MESSAGE, (err as Error).message);
    }
  }
  const verdict = validateBatch(data, {
    produceVersion: Math.max(version, 3),
    maxMessageBytes: maxMessageBytes(node.settings, overrides),
    timestampType: cfg('message.timestamp.type') === 'LogAppendTime' ? 'LogAppendTime' : 'CreateTime',
    beforeMaxMs: num(cfg('message.timestamp.before.max.ms')),
    afterMaxMs: num(cfg('message.timestamp.after.max.ms')),
    now: node.now(),
  });
  if (!verdict.ok) return failure(index, verdict.error, verdict.message);
  const pre = precheckProducerBatches(verdict.bytes);
  if (pre !== undefined && pre.errorCode !== 0) {
    return failure(index, errorForCode(pre.errorCode) ?? KafkaError.UNKNOWN_SERVER_ERROR, 'errorMessage' in pre ? pre.errorMessage : null);
  }
  try {
    const r = partition.append(verdict.bytes, true); // validateBatch checked the CRC: storage skips its second pass
    const ok = (): PartitionResponse => ({
      index, errorCode: KafkaError.NONE.code, baseOffset: r.baseOffset, logAppendTimeMs: r.logAppendTime,
      logStartOffset: partition.log.logStartOffset, recordErrors: [], errorMessage: null,
    });
    if (acks !== -1 || leader === null || leader.kind !== 'leader') return ok();
    const settle = (e: KafkaErrorInfo): PartitionResponse => (e === KafkaError.NONE ? ok() : failure(index, e, afterAppendMessage(e, partition, minIsr)));
    const waited = leader.awaitReplication(r.lastOffset + 1n, minIsr, timeoutMs);
    return waited instanceof Promise ? waited.then(settle) : settle(waited);
  } catch (err) {
    const mapped = kafkaErrorForStorage(err);
    if (!mapped) throw err;
    return failure(index, storageErrorForVersion(mapped.error, version, 4), mapped.message);
  }
}

function afterAppendMessage(e: KafkaErrorInfo, p: Partition, minIsr: number): string {
  const where = `${p.topic}-${p.index}`;
  if (e === KafkaError.NOT_ENOUGH_REPLICAS_AFTER_APPEND) {
    return `The ISR of ${where} shrank below min.insync.replicas ${minIsr} after the append: the records are in the log but not acknowledged`;
  }
  if (e === KafkaError.REQUEST_TIMED_OUT) return `${where}: the in-sync replicas did not reach the records within the request timeout`;
  if (e === KafkaError.NOT_LEADER_OR_FOLLOWER) return `leadership of ${where} moved before the records were replicated`;
  return `${where}: ${e.name}`;
}

export default defineHandler({
  api: produceApi,
  versions: [0, 11],
  handle(req, ctx) {
    const { node } = ctx;
    const acks = req.acks;
    let failed: string | null = null;
    let waiting = false;
    const responses = req.topicData.map((td) => {
      const topic = node.topics.get(td.name);
      return {
        name: td.name,
        partitionResponses: td.partitionData.map((pd): PartitionResponse | Promise<PartitionResponse> => {
          let r: PartitionResponse;
          if (acks !== 0 && acks !== 1 && acks !== -1) r = failure(pd.index, KafkaError.INVALID_REQUIRED_ACKS);
          else if (req.transactionalId !== null && req.transactionalId !== undefined) {
            r = failure(pd.index, KafkaError.INVALID_TXN_STATE, 'transactions are not supported by this broker yet');
          } else if (topic?.offline.has(pd.index)) {
            r = failure(pd.index, storageErrorForVersion(KafkaError.KAFKA_STORAGE_ERROR, ctx.header.apiVersion, 4), topic.offline.get(pd.index));
          } else if (!topic || !topic.partitions[pd.index]) {
            // In a cluster, a partition that exists but has no replica here: the client's metadata is stale.
            const elsewhere = topic !== undefined && pd.index >= 0 && pd.index < topic.record.partitions;
            r = failure(pd.index, elsewhere ? KafkaError.NOT_LEADER_OR_FOLLOWER : KafkaError.UNKNOWN_TOPIC_OR_PARTITION);
          } else if (topic.internal) r = failure(pd.index, KafkaError.INVALID_TOPIC_EXCEPTION, `Cannot append to internal topic ${td.name}`);
          else {
            const out = produceTo(topic.partitions[pd.index]!, pd.records ?? null, acks, req.timeoutMs, ctx);
            if (out instanceof Promise) { waiting = true; return out; }
            r = out;
          }
          if (r.errorCode !== 0 && failed === null) failed = `${td.name}-${pd.index}: ${r.errorMessage ?? r.errorCode}`;
          return r;
        }),
      };
    });
    if (acks === 0) return failed === null ? NO_RESPONSE : new CloseConnection(`acks=0 produce failed (${failed})`);
    if (!waiting) return { responses: responses as { name: string; partitionResponses: PartitionResponse[] }[], throttleTimeMs: 0 };
    // acks=all on a replicated leader: answer once every partition has its outcome.
    return Promise.all(responses.map(async (t) => ({ name: t.name, partitionResponses: await Promise.all(t.partitionResponses) })))
      .then((settled) => ({ responses: settled, throttleTimeMs: 0 }));
  },
});
