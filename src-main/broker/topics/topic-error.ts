/** TopicError: a topic or partition operation refused, carrying the Kafka error to answer with. */
import type { KafkaErrorInfo } from '../../protocol/index.js';

export class TopicError extends Error {
  override readonly name = 'TopicError';
  constructor(readonly error: KafkaErrorInfo, message: string) {
    super(message);
  }
}
