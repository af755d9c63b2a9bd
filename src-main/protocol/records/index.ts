/**
 * Public door of protocol/records: RecordBatch v2, legacy MessageSet v0/v1, conversions between them,
 * compression codecs, CRCs and the typed RecordsError. Other layers import from here only.
 */
export * from './records-error.js';
export * from './crc32c.js';
export * from './batch-header.js';
export * from './compression.js';
export * from './record-batch.js';
export * from './control-record.js';
export * from './message-set.js';
export * from './convert.js';
export * from './produce-records.js';
export * from './fetch-records.js';
