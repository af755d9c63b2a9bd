// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TopicPartitionRow } from '../../../../src-main/contract/index.js';
import type { PartitionReplication } from '../local-cluster/index.js';
import { PartitionsTable } from './partitions-table.js';

const rows: TopicPartitionRow[] = [
  { partition: 0, leader: 2, replicas: [1, 2, 3], isr: [2, 3], outOfSync: [1], offlineReplicas: [1], logStartOffset: 0n, logEndOffset: 9_007_199_254_740_993n },
  { partition: 1, leader: -1, replicas: [1], isr: [], outOfSync: [1], offlineReplicas: [1], logStartOffset: 5n, logEndOffset: 7n },
  { partition: 2, leader: 3, replicas: [3, 1, 2], isr: [3, 1, 2], outOfSync: [], offlineReplicas: [], logStartOffset: 0n, logEndOffset: 0n },
];

const repl: PartitionReplication = {
  topic: 't', partition: 0, leader: 2, leaderEpoch: 4, highWatermark: 9_007_199_254_740_993n, epochHistory: [],
  replicas: [
    { nodeId: 2, logEndOffset: 9_007_199_254_740_995n, lag: 0n, lastCaughtUpTimeMs: 1, inIsr: true, outOfSyncReason: null },
    { nodeId: 3, logEndOffset: 9_007_199_254_740_993n, lag: 2n, lastCaughtUpTimeMs: 1, inIsr: true, outOfSyncReason: null },
  ],
};

describe('PartitionsTable', () => {
  afterEach(cleanup);

  it('highlights out-of-sync and offline replicas, shows an offline leader, and prints offsets exactly', () => {
    render(<PartitionsTable rows={rows} />);
    expect(screen.getByTestId('leader-0').textContent).toBe('2');
    expect(screen.getByTestId('leader-1').textContent).toBe('none (offline)');
    expect(screen.getByTestId('leader-1').className).toContain('danger');
    expect(screen.getByTestId('isr-0').textContent).toBe('23');
    expect(screen.getByTestId('oos-0').textContent).toBe('1');
    expect(screen.getByTestId('oos-2').textContent).toBe('—');
    expect(screen.getByTestId('offline-0').textContent).toBe('1');
    const replicaCells = screen.getByTestId('partition-0').querySelectorAll('td')[2]!.querySelectorAll('.replica');
    expect([...replicaCells].map((c) => c.className)).toEqual(['replica out-of-sync offline', 'replica', 'replica']);
    expect(screen.getByTestId('partition-0').className).toBe('row-under-replicated');
    expect(screen.getByTestId('partition-2').className).toBe('');
    expect(screen.getByTestId('log-end-0').textContent).toBe('9007199254740993');
    expect(screen.getByTestId('log-start-1').textContent).toBe('5');
    // Off the local cluster there are no HW / LEO columns: clients cannot see them.
    expect(screen.queryByTestId('hw-0')).toBeNull();
    expect(screen.getByRole('table').querySelectorAll('th')).toHaveLength(8);
  });

  it('shows the HW and size read from the leaders, and the reason where they are unknown', () => {
    const withStats = rows.map((r) => (r.partition === 1
      ? { ...r, highWatermark: null, sizeBytes: null, statsError: 'offline: no leader' }
      : { ...r, highWatermark: r.logEndOffset, sizeBytes: r.partition === 0 ? 1_572_864n : 0n }));
    render(<PartitionsTable rows={withStats} />);
    expect(screen.getByTestId('hw-0').textContent).toBe('9007199254740993');
    expect(screen.getByTestId('size-0').textContent).toBe('1.5 MiB');
    expect(screen.getByTestId('size-0').getAttribute('title')).toBe('1572864 bytes');
    expect(screen.getByTestId('size-2').textContent).toBe('0 B');
    expect(screen.getByTestId('hw-1').textContent).toBe('—');
    expect(screen.getByTestId('hw-1').getAttribute('title')).toBe('offline: no leader');
    expect(screen.getByTestId('size-1').getAttribute('title')).toBe('offline: no leader');
    expect(screen.queryByTestId('leo-0')).toBeNull();
  });

  it('on the local cluster adds the high watermark and the leader\'s LEO, warning when the LEO is ahead', () => {
    render(<PartitionsTable rows={rows} replication={[repl]} />);
    expect(screen.getByTestId('hw-0').textContent).toBe('9007199254740993');
    expect(screen.getByTestId('leo-0').textContent).toBe('9007199254740995');
    expect(screen.getByTestId('leo-0').className).toContain('warn');
    expect(screen.getByTestId('hw-1').textContent).toBe('—');
    expect(screen.getByTestId('leo-2').textContent).toBe('—');
  });
});
