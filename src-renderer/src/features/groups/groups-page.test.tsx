// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GroupDetail, GroupSummary, LagSample } from '../../../../src-main/contract/index.js';
import { coreError } from '../../lib/core-error.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { installFakeCore } from '../../test-support.js';
import { GroupDetailView } from './group-detail.js';
import { GroupsPage } from './groups-page.js';
import { useLagStore } from './lag-store.js';

const BIG = 9_007_199_254_740_993n; // 2^53 + 1: Number() would print ...992
const summary: GroupSummary = { groupId: 'billing', state: 'Stable', protocolType: 'consumer', members: 1, topics: ['orders'], totalLag: 4n, uncommitted: 0 };
const detail = (members = 1): GroupDetail => ({
  groupId: 'billing', state: members > 0 ? 'Stable' : 'Empty', protocolType: 'consumer', protocol: 'range',
  members: Array.from({ length: members }, () => ({ memberId: 'm-1', clientId: 'kcat', host: '/127.0.0.1', assignments: [{ topic: 'orders', partitions: [0, 1] }] })),
  partitions: [
    { topic: 'orders', partition: 0, committed: BIG, logStart: 0n, end: BIG + 4n, lag: 4n, behindLogStart: false, owner: 'm-1' },
    { topic: 'orders', partition: 1, committed: null, logStart: 0n, end: 3n, lag: null, behindLogStart: false, owner: 'm-1' },
  ],
  topics: ['orders'], totalLag: 4n, uncommitted: 1,
});
const sample = (time: number, lag: bigint, members = 1): LagSample => ({
  clusterId: 'local', time, groups: [{ groupId: 'billing', state: members ? 'Stable' : 'Empty', members, totalLag: lag, partitions: [] }],
});

describe('Consumer groups screens', () => {
  beforeEach(() => { useLagStore.getState().reset(null); window.location.hash = ''; });
  const selectLocal = () => act(() => useConnectionStore.getState().selectCluster('local'));
  afterEach(cleanup);

  it('lists groups with state, members, topics and total lag, live from the lag stream', async () => {
    const { fake } = installFakeCore({ 'groups.list': () => [summary], 'groups.lagHistory': () => [sample(1000, 4n)] });
    selectLocal();
    render(<GroupsPage />);
    const row = await screen.findByTestId('group-row-billing');
    expect(row.textContent).toContain('Stable');
    expect(row.textContent).toContain('orders');
    await vi.waitFor(() => expect(within(row).getByTestId('group-lag').textContent).toBe('4'));
    act(() => fake.emit('groups.lag', sample(2000, 17n)));
    expect(within(row).getByTestId('group-lag').textContent).toBe('17');
    expect(fake.calls.find((c) => c.method === 'groups.list')!.input).toEqual({ clusterId: 'local' });
    cleanup();
    expect(fake.subscriberCount('groups.lag')).toBe(0);
  });

  it('says when no cluster is selected, follows the active cluster, says when it has no groups, and shows errors with their code', async () => {
    const { fake } = installFakeCore({ 'groups.list': () => [], 'groups.lagHistory': () => [] });
    render(<GroupsPage />);
    expect(screen.getByTestId('empty-groups').textContent).toMatch(/Pick a cluster/);
    expect(fake.calls).toEqual([]);
    act(() => useConnectionStore.getState().selectCluster('ext-1'));
    expect(await screen.findByTestId('no-groups')).toBeTruthy();
    expect(fake.calls.find((c) => c.method === 'groups.list')!.input).toEqual({ clusterId: 'ext-1' });
    cleanup();
    installFakeCore({ 'groups.list': () => { throw coreError('TP_UNAVAILABLE', 'Cannot connect to "prod"'); }, 'groups.lagHistory': () => [] });
    selectLocal();
    render(<GroupsPage />);
    expect((await screen.findByRole('alert')).textContent).toBe('TP_UNAVAILABLE: Cannot connect to "prod"');
  });

  it('opens the group named in the hash (#/groups/<id>, as a topic\'s Consumers tab links it) and keeps the hash in step', async () => {
    installFakeCore({ 'groups.list': () => [summary], 'groups.describe': () => detail(), 'groups.lagHistory': () => [] });
    selectLocal();
    window.location.hash = '#/groups/billing';
    render(<GroupsPage />);
    expect(await screen.findByTestId('partitions-table')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Groups|Back/ }));
    expect(window.location.hash).toBe('#/groups');
    fireEvent.click(await screen.findByRole('button', { name: 'billing' }));
    expect(window.location.hash).toBe('#/groups/billing');
    await screen.findByTestId('partitions-table');
    // A link followed while the screen is open (hashchange) switches to the list and back.
    act(() => { window.location.hash = '#/groups'; window.dispatchEvent(new HashChangeEvent('hashchange')); });
    expect(await screen.findByTestId('group-row-billing')).toBeTruthy();
  });

  it('goes back to the list when the cluster changes under a group opened from the hash', async () => {
    installFakeCore({ 'groups.list': () => [summary], 'groups.describe': () => detail(), 'groups.lagHistory': () => [] });
    selectLocal();
    window.location.hash = '#/groups/billing';
    render(<GroupsPage />);
    await screen.findByTestId('partitions-table');
    act(() => useConnectionStore.getState().selectCluster('other'));
    act(() => { window.dispatchEvent(new HashChangeEvent('hashchange')); });
    expect(window.location.hash).toBe('#/groups');
    expect(await screen.findByTestId('group-row-billing')).toBeTruthy();
    expect(screen.queryByTestId('partitions-table')).toBeNull();
  });

  it('opens a group: members, assignments, exact offsets, and the lag chart from history then live', async () => {
    const { fake } = installFakeCore({
      'groups.list': () => [summary], 'groups.describe': () => detail(), 'groups.lagHistory': () => [sample(1000, 2n), sample(2000, 4n)],
    });
    selectLocal();
    render(<GroupsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'billing' }));
    const parts = await screen.findByTestId('partitions-table');
    expect(within(parts).getByTestId('partition-orders-0').textContent).toContain(String(BIG));
    expect(within(parts).getByTestId('partition-orders-0').textContent).toContain(String(BIG + 4n));
    expect(within(parts).getByTestId('partition-orders-1').textContent).toContain('–');
    expect(screen.getByTestId('members-table').textContent).toContain('orders [0, 1]');
    await vi.waitFor(() => expect(screen.getByTestId('lag-chart').dataset.points).toBe('2'));
    const describes = () => fake.calls.filter((c) => c.method === 'groups.describe').length;
    const before = describes();
    act(() => fake.emit('groups.lag', sample(3000, 9n)));
    expect(screen.getByTestId('lag-chart').dataset.points).toBe('3');
    expect(screen.getByTestId('detail-total-lag').textContent).toBe('9');
    // Each pushed sample re-reads the offsets, so the table is live too.
    await vi.waitFor(() => expect(describes()).toBeGreaterThan(before));
  });

  it('reset offsets: previews the plan, shows the core\'s refusal, and applies after confirmation', async () => {
    let refuse = true;
    const { fake } = installFakeCore({
      'groups.describe': () => detail(1), 'groups.lagHistory': () => [],
      'groups.resetOffsets': (input) => {
        const i = input as { dryRun?: boolean; value?: bigint };
        if (!i.dryRun && refuse) throw coreError('TP_CONFLICT', 'Cannot reset the offsets of group "billing": it has 1 active member');
        return { groupId: 'billing', mode: 'offset', applied: !i.dryRun, partitions: [{ topic: 'orders', partition: 0, from: BIG, to: i.value! }] };
      },
    });
    render(<GroupDetailView clusterId="local" groupId="billing" onBack={() => {}} onDeleted={() => {}} chartWidth={400} />);
    await screen.findByTestId('members-table'); // the actions wait for the group's detail
    fireEvent.click(screen.getByRole('button', { name: 'Reset offsets…' }));
    const dlg = screen.getByTestId('reset-dialog');
    expect(dlg.textContent).toContain('1 active member');
    fireEvent.change(within(dlg).getByLabelText('Reset mode'), { target: { value: 'offset' } });
    fireEvent.change(within(dlg).getByLabelText('Offset'), { target: { value: 'x' } });
    expect(within(dlg).getByRole('alert').textContent).toMatch(/whole offset/);
    expect((within(dlg).getByRole('button', { name: 'Preview' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(dlg).getByLabelText('Offset'), { target: { value: '9007199254740999' } });
    fireEvent.click(within(dlg).getByRole('button', { name: 'Preview' }));
    const plan = await within(dlg).findByTestId('reset-plan');
    expect(plan.textContent).toContain('9007199254740999');
    expect(fake.calls.at(-1)!.input).toEqual({ clusterId: 'local', groupId: 'billing', mode: 'offset', value: 9_007_199_254_740_999n, dryRun: true });
    fireEvent.click(within(dlg).getByRole('button', { name: 'Reset 1 partition' }));
    expect((await within(dlg).findByTestId('reset-error')).textContent).toMatch(/TP_CONFLICT: .*active member/);
    refuse = false;
    fireEvent.click(within(dlg).getByRole('button', { name: 'Reset 1 partition' }));
    await vi.waitFor(() => expect(screen.queryByTestId('reset-dialog')).toBeNull());
    expect(fake.calls.filter((c) => c.method === 'groups.resetOffsets').at(-1)!.input).toMatchObject({ dryRun: false, value: 9_007_199_254_740_999n });
  });

  it('delete group asks for the id, shows a refusal, and goes back once deleted', async () => {
    let refuse = true;
    const onDeleted = vi.fn();
    installFakeCore({
      'groups.describe': () => detail(0), 'groups.lagHistory': () => [],
      'groups.delete': () => { if (refuse) throw coreError('TP_CONFLICT', 'active members'); return { deleted: true as const, groupId: 'billing' }; },
    });
    render(<GroupDetailView clusterId="local" groupId="billing" onBack={() => {}} onDeleted={onDeleted} chartWidth={400} />);
    expect((await screen.findByTestId('no-members')).textContent).toMatch(/can be reset now/);
    fireEvent.click(screen.getByRole('button', { name: 'Delete group…' }));
    const dlg = screen.getByTestId('delete-dialog');
    const del = within(dlg).getByRole('button', { name: 'Delete group' }) as HTMLButtonElement;
    expect(del.disabled).toBe(true);
    fireEvent.change(within(dlg).getByLabelText('Confirm group id'), { target: { value: 'billing' } });
    expect(del.disabled).toBe(false);
    fireEvent.click(del);
    expect((await within(dlg).findByTestId('delete-error')).textContent).toBe('TP_CONFLICT: active members');
    refuse = false;
    fireEvent.click(del);
    await vi.waitFor(() => expect(onDeleted).toHaveBeenCalled());
  });
});
