/**
 * Gives kafkajs the snappy, lz4 and zstd codecs it lacks (it ships gzip only), backed by the project's own
 * compression module (src-main/protocol/records), which the broker already uses and tests against real
 * clients. kafkajs keeps codecs in one process-wide table; registering is idempotent.
 */
import { kafkajs } from './kafkajs-lazy.js';
import { compress, decompress, type CompressionCodec } from '../protocol/records/index.js';
import type { CompressionName } from './producer-backend.js';

interface KafkajsCodec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

const CODEC_IDS: Record<CompressionName, CompressionCodec> = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 };

export function codecId(name: CompressionName): CompressionCodec {
  return CODEC_IDS[name];
}

function codec(id: CompressionCodec): () => KafkajsCodec {
  const c: KafkajsCodec = {
    compress: async (encoder) => Buffer.from(compress(id, encoder.buffer)),
    decompress: async (buffer) => Buffer.from(decompress(id, buffer)),
  };
  return () => c;
}

let registered = false;

/** Installs snappy (2), lz4 (3) and zstd (4) into kafkajs's codec table once per process. */
export function registerKafkajsCodecs(): void {
  if (registered) return;
  // kafkajs is CommonJS, loaded on first use (kafkajs-lazy.ts); the table hangs off its exports.
  const table = (kafkajs() as unknown as { CompressionCodecs: Record<number, () => KafkajsCodec> }).CompressionCodecs;
  for (const id of [2, 3, 4] as const) table[id] = codec(id);
  registered = true;
}
