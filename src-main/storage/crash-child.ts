/**
 * Child process for crash.test.ts: opens the log, then appends deterministic batches forever, printing
 * "A <seq> <baseOffset> <lastOffset>" with a synchronous write after each append has returned. The parent
 * SIGKILLs it at a random moment and checks that every printed append survived.
 * Usage: node --import tsx crash-child.ts <dir> <firstSeq> (the test bundles it to plain JS first).
 */
import { writeSync } from 'node:fs';
import { PartitionLog } from './partition-log.js';
import { crashBatch, crashEpoch, CRASH_LOG_CONFIG } from './crash-batches.js';

const [dir, firstSeqArg] = process.argv.slice(2);
const log = PartitionLog.open(dir, CRASH_LOG_CONFIG);
writeSync(1, `READY ${log.logEndOffset}\n`);
for (let seq = Number(firstSeqArg); ; seq++) {
  const r = log.append(crashBatch(seq), { leaderEpoch: crashEpoch(seq) });
  writeSync(1, `A ${seq} ${r.baseOffset} ${r.lastOffset}\n`);
}
