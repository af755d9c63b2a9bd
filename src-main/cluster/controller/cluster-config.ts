/**
 * The two topic configs the controller's decisions depend on, resolved as Kafka does: the topic's own
 * ConfigRecord, else the cluster-wide default (broker resource with the empty name), else Kafka's default
 * (unclean.leader.election.enable=false, min.insync.replicas=1). Values that do not parse are INVALID_CONFIG.
 */
import { ControllerError } from './controller-error.js';
import { ConfigResourceType } from './metadata-records.js';
import { configKey, type MetadataImage } from './metadata-image.js';

function lookup(image: MetadataImage, topic: string, name: string): string | undefined {
  return image.configs.get(configKey(ConfigResourceType.TOPIC, topic))?.get(name)
    ?? image.configs.get(configKey(ConfigResourceType.BROKER, ''))?.get(name);
}

export function uncleanLeaderElectionEnabled(image: MetadataImage, topic: string): boolean {
  return parseUnclean(lookup(image, topic, 'unclean.leader.election.enable'), topic);
}

export function minInsyncReplicas(image: MetadataImage, topic: string): number {
  return parseMinIsr(lookup(image, topic, 'min.insync.replicas'), topic);
}

/** Rejects a bad value for a config the controller reads, before it reaches the log. */
export function validateConfigValue(name: string, value: string | null, where: string): void {
  if (value === null) return;
  if (name === 'unclean.leader.election.enable') parseUnclean(value, where);
  if (name === 'min.insync.replicas') parseMinIsr(value, where);
}

function parseUnclean(v: string | undefined, topic: string): boolean {
  if (v === undefined) return false;
  const lower = v.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new ControllerError('INVALID_CONFIG', `unclean.leader.election.enable for ${topic} is "${v}", not true or false`);
}

function parseMinIsr(v: string | undefined, topic: string): number {
  if (v === undefined) return 1;
  const n = Number(v.trim());
  if (!Number.isInteger(n) || n < 1) throw new ControllerError('INVALID_CONFIG', `min.insync.replicas for ${topic} is "${v}", not an integer >= 1`);
  return n;
}
