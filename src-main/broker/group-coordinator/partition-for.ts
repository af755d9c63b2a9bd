/**
 * Which __consumer_offsets partition holds a group: Kafka's `Utils.abs(groupId.hashCode) % partitions`,
 * with Java's String.hashCode over UTF-16 code units and Kafka's abs (Integer.MIN_VALUE maps to 0), so a
 * data dir lays groups out exactly as Kafka would.
 */

export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

export function partitionForGroup(groupId: string, numPartitions: number): number {
  if (!Number.isInteger(numPartitions) || numPartitions <= 0) throw new RangeError(`bad partition count ${numPartitions}`);
  const h = javaStringHashCode(groupId);
  const abs = h === -2147483648 ? 0 : Math.abs(h);
  return abs % numPartitions;
}
