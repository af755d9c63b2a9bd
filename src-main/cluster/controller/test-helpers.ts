/** Test support: build images by running decisions and applying their records, as the metadata log would. */
import { fenceBroker, registerBroker, unfenceBroker } from './broker-decisions.js';
import { applyRecords, emptyImage, topicByName, type MetadataImage, type PartitionImage } from './metadata-image.js';
import type { MetadataRecord } from './metadata-records.js';
import { seededRandom } from './seeded-random.js';
import { createTopic, type CreateTopicRequest } from './topic-decisions.js';

export function commit(image: MetadataImage, records: readonly MetadataRecord[]): MetadataImage {
  return applyRecords(image, records, image.lastOffset + 1n);
}

/** An image with brokers 1..n registered and unfenced. */
export function clusterOf(n: number): MetadataImage {
  let image = emptyImage();
  for (let id = 1; id <= n; id++) {
    const reg = registerBroker(image, { brokerId: id, incarnationId: incarnation(id), host: '127.0.0.1', port: 9091 + id });
    image = commit(image, reg.records);
    image = commit(image, unfenceBroker(image, id, reg.brokerEpoch));
  }
  return image;
}

export function incarnation(n: number): string {
  return Buffer.from(Array.from({ length: 16 }, (_, i) => (i === 15 ? n : 7))).toString('base64url');
}

export function withTopic(image: MetadataImage, req: CreateTopicRequest, seed = 1): MetadataImage {
  return commit(image, createTopic(image, req, seededRandom(seed)).records);
}

export function part(image: MetadataImage, topic: string, id = 0): PartitionImage {
  const p = topicByName(image, topic)?.partitions.get(id);
  if (p === undefined) throw new Error(`no ${topic}-${id}`);
  return p;
}

export function fence(image: MetadataImage, id: number): MetadataImage {
  return commit(image, fenceBroker(image, id, image.brokers.get(id)!.epoch));
}

export function unfence(image: MetadataImage, id: number): MetadataImage {
  return commit(image, unfenceBroker(image, id, image.brokers.get(id)!.epoch));
}

/** Re-registers a fenced broker (a restart), giving it a new epoch, still fenced. */
export function reregister(image: MetadataImage, id: number, inc = id + 100): MetadataImage {
  const b = image.brokers.get(id)!;
  return commit(image, registerBroker(image, { brokerId: id, incarnationId: incarnation(inc), host: b.host, port: b.port }).records);
}
