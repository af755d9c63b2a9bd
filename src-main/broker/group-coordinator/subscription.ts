/**
 * Reads the topic list out of a "consumer" protocol member subscription (ConsumerProtocolSubscription:
 * int16 version, then an array of topic names, first in every version). The coordinator needs only the
 * topics: for OffsetDelete's GROUP_SUBSCRIBED_TO_TOPIC and for offset retention of stable groups.
 * Written by hand because it is a client-side format outside the request schemas; 6 lines of parsing.
 */
import { Reader } from '../../protocol/index.js';

/** The subscribed topics, or null when the bytes are not a consumer subscription we can read. */
export function subscribedTopics(metadata: Uint8Array): string[] | null {
  try {
    const r = new Reader(metadata);
    const version = r.int16();
    if (version < 0) return null;
    const n = r.arrayLength(2, false);
    const topics: string[] = [];
    for (let i = 0; i < n; i++) topics.push(r.string());
    return topics;
  } catch {
    return null; // Kafka likewise treats an unparsable subscription as "topics unknown"
  }
}
