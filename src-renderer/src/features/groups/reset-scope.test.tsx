// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GroupDetail } from '../../../../src-main/contract/index.js';
import { installFakeCore } from '../../test-support.js';
import { ResetOffsetsDialog } from './group-actions.js';

const group: GroupDetail = {
  groupId: 'billing', state: 'Empty', protocolType: 'consumer', protocol: '', members: [],
  partitions: [
    { topic: 'orders', partition: 0, committed: 5n, logStart: 0n, end: 9n, lag: 4n, behindLogStart: false, owner: null },
    { topic: 'orders', partition: 1, committed: 5n, logStart: 0n, end: 9n, lag: 4n, behindLogStart: false, owner: null },
    { topic: 'refunds', partition: 0, committed: 1n, logStart: 0n, end: 2n, lag: 1n, behindLogStart: false, owner: null },
  ],
  topics: ['orders', 'refunds'], totalLag: 9n, uncommitted: 0,
};

describe('reset offsets scope', () => {
  afterEach(() => { cleanup(); vi.restoreAllMocks(); });

  it('sends every topic by default, one topic, or one partition of one topic', async () => {
    const { fake } = installFakeCore({
      'groups.resetOffsets': () => ({ groupId: 'billing', mode: 'earliest', applied: false, partitions: [{ topic: 'orders', partition: 1, from: 5n, to: 0n }] }),
    });
    render(<ResetOffsetsDialog clusterId="local" group={group} onClose={() => undefined} />);
    const dlg = screen.getByTestId('reset-dialog');
    const preview = async () => {
      fireEvent.click(within(dlg).getByRole('button', { name: 'Preview' }));
      await within(dlg).findByTestId('reset-plan');
      return fake.calls.at(-1)!.input;
    };
    expect(await preview()).toEqual({ clusterId: 'local', groupId: 'billing', mode: 'earliest', dryRun: true });
    fireEvent.change(within(dlg).getByLabelText('Reset topic'), { target: { value: 'orders' } });
    expect(within(dlg).queryByTestId('reset-plan')).toBeNull(); // a new scope drops the old preview
    expect(within(dlg).getAllByRole('option').map((o) => o.textContent)).toContain('All partitions (2)');
    expect(await preview()).toEqual({ clusterId: 'local', groupId: 'billing', mode: 'earliest', topics: ['orders'], dryRun: true });
    fireEvent.change(within(dlg).getByLabelText('Reset partition'), { target: { value: '1' } });
    expect(dlg.textContent).toContain('partition 1 of orders');
    expect(await preview()).toEqual({ clusterId: 'local', groupId: 'billing', mode: 'earliest', topics: ['orders'], partitions: [1], dryRun: true });
  });
});
