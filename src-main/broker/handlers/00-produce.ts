// Produce (0), advertised 0-11. v0-2 carry MessageSet v0/v1, up-converted to one v2 batch before the log;
// v3+ carry exactly one RecordBatch v2 per partition, validated by header, length and CRC, never
// decompressed on the hot path (topics/produce-validation.ts). acks: 0 (no response; any error closes the
// connection, as Kafka does), 1 and -1 (one replica here, so both answer after the append; -1 also
// checks min.insync.replicas first: NOT_ENOUGH_REPLICAS). Offsets, the leader epoch and, on
// LogAppendTime topics, the batch timestamps are set by storage on append. Idempotent batches are
// checked by storage's producer state (duplicates get their original offsets) after producer-state's
// prechecks (transactional/control batches: INVALID_TXN_STATE; a producer id with a negative sequence:
// INVALID_RECORD). v5+: log start offset;
// v8+: error messages; v10+: currentLeader/nodeEndpoints only matter on NOT_LEADER errors (never here).
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

function produceTo(partition: Partition, records: Uint8Array | null, acks: number, ctx: HandlerContext): PartitionResponse {
  const { node } = ctx;
  const version = ctx.header.apiVersion;
  const overrides = node.topics.get(partition.topic)?.record.configs ?? {};
  const cfg = (name: string) => effectiveTopicConfig(node.settings, overrides, name);
  const index = partition.index;
  if (acks === -1) {
    const minIsr = num(cfg('min.insync.replicas')) ?? 1;
    if (minIsr > 1) {
      return failure(index, KafkaError.NOT_ENOUGH_REPLICAS,
        `The size of the current ISR 1 is insufficient to satisfy the min.isr requirement of ${minIsr}`);
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
    return {
      index, errorCode: KafkaError.NONE.code, baseOffset: r.baseOffset, logAppendTimeMs: r.logAppendTime,
      logStartOffset: partition.log.logStartOffset, recordErrors: [], errorMessage: null,
    };
  } catch (err) {
    const mapped = kafkaErrorForStorage(err);
    if (!mapped) throw err;
    return failure(index, storageErrorForVersion(mapped.error, version, 4), mapped.message);
  }
}

export default defineHandler({
  api: produceApi,
  versions: [0, 11],
  handle(req, ctx) {
    const { node } = ctx;
    const acks = req.acks;
    let failed: string | null = null;
    const responses = req.topicData.map((td) => {
      const topic = node.topics.get(td.name);
      return {
        name: td.name,
        partitionResponses: td.partitionData.map((pd): PartitionResponse => {
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
          else r = produceTo(topic.partitions[pd.index]!, pd.records ?? null, acks, ctx);
          if (r.errorCode !== 0 && failed === null) failed = `${td.name}-${pd.index}: ${r.errorMessage ?? r.errorCode}`;
          return r;
        }),
      };
    });
    if (acks === 0) return failed === null ? NO_RESPONSE : new CloseConnection(`acks=0 produce failed (${failed})`);
    return { responses, throttleTimeMs: 0 };
  },
});
