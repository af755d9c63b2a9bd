/**
 * Checks on the resources named in DescribeConfigs / AlterConfigs / IncrementalAlterConfigs, with the
 * Kafka error each failure maps to: topic names (Topic.validate), broker resource names ("" for the
 * cluster-wide defaults, else this node's id), and the per-resource error type carried back to handlers.
 */
import { topicNameProblem } from '../topics/index.js';

/** A per-resource failure: the Kafka error name (from the errors table) and a message for the client. */
export class ResourceError extends Error {
  override readonly name = 'ResourceError';
  constructor(readonly errorName: string, message: string) {
    super(message);
  }
}

/** Kafka's Topic.validate: throws INVALID_TOPIC_EXCEPTION for a name no topic can have. */
export function validateTopicName(name: string): void {
  const problem = topicNameProblem(name);
  if (problem !== null) throw new ResourceError('INVALID_TOPIC_EXCEPTION', problem);
}

/**
 * A broker resource name: "" means the cluster-wide defaults , otherwise it must be this
 * node's id (INVALID_REQUEST otherwise, as Kafka).
 */
export function brokerResourceScope(name: string, nodeId: number): 'broker' | 'cluster-default' {
  if (name === '') return 'cluster-default';
  if (!/^-?\d+$/.test(name)) throw new ResourceError('INVALID_REQUEST', `Broker id must be an integer, but it is: ${name}`);
  if (Number(name) !== nodeId) {
    throw new ResourceError('INVALID_REQUEST', `Unexpected broker id, expected ${nodeId} or empty string, but received ${name}`);
  }
  return 'broker';
}
