/**
 * Loads a native (Node-API) package on first use instead of at import time. The compression codecs'
 * native modules (snappy, lz4-napi, @node-rs/xxhash, zstd-napi) cost ~150 ms to load on the project's
 * 2-core machine, and most processes (`tidepool cluster` before its first compressed batch, every
 * uncompressed workload) never need them, so they load when a batch first asks for that codec. The
 * codec API stays synchronous: these packages are CommonJS, so a synchronous require works.
 */
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

/** A getter that requires `name` once, on its first call, and returns the cached module after that. */
export function lazyNative<T>(name: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= load(name) as T);
}
