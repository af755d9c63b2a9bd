/**
 * Persists the topic catalog (name, id, partition count, config overrides) as one JSON file in the data
 * dir, written atomically (temp file + rename), so a restart on the same dir brings the topics back. The
 * partition data itself lives in the storage layer's per-partition directories.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../storage/index.js';

export interface TopicRecord {
  name: string;
  /** Kafka's topic id in base64url (Metadata v10+). */
  id: string;
  partitions: number;
  replicationFactor: number;
  /** Topic-level config overrides by Kafka name (e.g. "cleanup.policy"). */
  configs: Record<string, string>;
}

interface CatalogFile {
  version: 1;
  clusterId: string;
  topics: TopicRecord[];
}

export const CATALOG_FILE = 'tidepool-topics.json';
/**
 * A cluster member's record of the topics it held replicas of (the metadata log is the truth; this file only
 * lets a restarting node tell a topic deleted or re-created while it was down from one it never knew).
 */
export const REPLICA_CATALOG_FILE = 'tidepool-replicas.json';

export class TopicCatalogError extends Error {
  override readonly name = 'TopicCatalogError';
}

export class TopicStore {
  private readonly path: string;

  /** `file`: CATALOG_FILE for a standalone broker; a cluster member keeps its replica catalog in REPLICA_CATALOG_FILE. */
  constructor(readonly dataDir: string, file = CATALOG_FILE) {
    mkdirSync(dataDir, { recursive: true });
    this.path = join(dataDir, file);
  }

  /** The saved catalog, or null on a fresh data dir. A damaged file is an error, never silently empty. */
  load(): { clusterId: string; topics: TopicRecord[] } | null {
    if (!existsSync(this.path)) return null;
    let parsed: CatalogFile;
    try {
      parsed = JSON.parse(readFileSync(this.path, 'utf8')) as CatalogFile;
    } catch (err) {
      throw new TopicCatalogError(`cannot read the topic catalog ${this.path}: ${(err as Error).message}`);
    }
    if (parsed?.version !== 1 || !Array.isArray(parsed.topics) || typeof parsed.clusterId !== 'string') {
      throw new TopicCatalogError(`the topic catalog ${this.path} is not a Tidepool v1 catalog`);
    }
    return { clusterId: parsed.clusterId, topics: parsed.topics };
  }

  save(clusterId: string, topics: TopicRecord[]): void {
    const body: CatalogFile = { version: 1, clusterId, topics };
    // fsync before the rename: a crash or power loss leaves the old catalog or the new one, never an empty file.
    writeFileAtomic(this.path, JSON.stringify(body, null, 1));
  }
}
