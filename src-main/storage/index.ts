/**
 * Public door of the storage layer: the segmented partition log, the manager over a data directory, the
 * background tasks it schedules, the pure producer-sequence check, and the typed errors. Other layers
 * import from here only.
 */
export { StorageError, StorageErrorCodes, type StorageErrorCode } from './errors.js';
/** Crash-safe replace of a small metadata file (temp, fdatasync, rename); other layers' catalogs use it too. */
export { writeFileAtomic } from './fs-util.js';
export { LOG_CONFIG_DEFAULTS, resolveLogConfig, type LogConfig, type LogConfigInput } from './config.js';
export {
  PartitionLog, type AppendOptions, type AppendResult, type ReadOptions, type ReadResult, type PartitionLogOptions,
} from './partition-log.js';
export type { RecoveryReport } from './log-loader.js';
export { LogManager, type LogManagerOptions, type TopicPartition } from './log-manager.js';
export { applyRetention, type RetentionResult } from './log-retention.js';
export { compactLog, type CompactOptions, type CompactResult } from './log-cleaner.js';
export { LeaderEpochCache, type EpochEntry } from './leader-epoch-cache.js';
export {
  ProducerStateManager, checkProducerBatch, BATCHES_TO_RETAIN, type ProducerEntry, type SequenceCheck,
} from './producer-state.js';
export { scanLogBatches, type ScannableLog, type ScannedBatch } from './log-scan.js';
