// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { coreError } from '../../lib/core-error.js';
import { installFakeCore } from '../../test-support.js';
import { LocalClusterView } from './local-cluster-page.js';
import { broker, ev, fakePort, replicationRow, runningInfo, stoppedInfo } from './test-fixtures.js';

function setup(port: ReturnType<typeof fakePort>) {
  installFakeCore({});
  return render(<LocalClusterView port={port} />);
}

describe('Local Cluster screen', () => {
  afterEach(cleanup);

  it('when stopped: explains, starts with the chosen broker count, then shows status and brokers', async () => {
    const port = fakePort(stoppedInfo);
    setup(port);
    expect((await screen.findByTestId('local-cluster-stopped')).textContent).toContain('1 to 9');
    expect(screen.getByTestId('local-cluster-state').textContent).toBe('stopped');
    const select = screen.getByLabelText('Broker count') as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    fireEvent.change(select, { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start cluster' }));
    expect(await screen.findByTestId('local-broker-5')).toBeTruthy();
    expect(port.calls).toContain('start:5');
    expect(screen.getByTestId('local-cluster-state').textContent).toBe('running');
    expect(screen.getByTestId('local-bootstrap').textContent).toBe('127.0.0.1:19091');
    expect(screen.getByTestId('local-controller').textContent).toBe('broker 1');
  });

  it('lists brokers with state, fencing, faults, controller and counts, offering only fitting actions', async () => {
    const port = fakePort(runningInfo([
      broker(1),
      broker(2, { state: 'killed', fenced: true, controller: false, leaders: 0 }),
      broker(3, { paused: true, isolation: 'clients', fetchDelayMs: 2500, controller: false }),
    ]));
    setup(port);
    const b1 = await screen.findByTestId('local-broker-1');
    expect(within(b1).getByTestId('broker-state-1').textContent).toBe('running');
    expect(within(b1).queryByRole('button', { name: 'Start' })).toBeNull();
    // No fault: no Heal button on the row, and a disabled Heal in the Faults menu.
    expect(within(b1).queryByRole('button', { name: 'Heal' })).toBeNull();
    fireEvent.click(within(b1).getByRole('button', { name: 'Faults for broker 1' }));
    expect((within(b1).getByRole('menuitem', { name: 'Heal' }) as HTMLButtonElement).disabled).toBe(true);
    expect(within(b1).getByRole('menuitem', { name: 'Pause' })).toBeTruthy();
    fireEvent.keyDown(within(b1).getByRole('menu'), { key: 'Escape' });
    expect(within(b1).queryByRole('menu')).toBeNull();
    const b2 = screen.getByTestId('local-broker-2');
    expect(b2.textContent).toContain('killed');
    expect(b2.textContent).toContain('fenced');
    expect(within(b2).getAllByRole('button').map((b) => b.textContent)).toEqual(['Start']);
    const b3 = screen.getByTestId('local-broker-3');
    expect(b3.textContent).toContain('paused');
    expect(b3.textContent).toContain('clients');
    expect(b3.textContent).toContain('2500');
    expect(within(b3).getByRole('button', { name: 'Faults for broker 3' }).className).toContain('btn-faulted');
    expect(within(b1).getByRole('button', { name: 'Faults for broker 1' }).className).not.toContain('btn-faulted');
    fireEvent.click(within(b3).getByRole('button', { name: 'Faults for broker 3' }));
    expect(within(b3).getByRole('menuitem', { name: 'Resume' })).toBeTruthy();
    fireEvent.mouseDown(document.body);
    expect(within(b3).queryByRole('menu')).toBeNull();
    fireEvent.click(within(b3).getByRole('button', { name: 'Faults for broker 3' }));
    fireEvent.click(within(b3).getByRole('menuitem', { name: 'Heal' }));
    await waitFor(() => expect(port.calls).toContain('heal:3'));
    fireEvent.click(within(b2).getByRole('button', { name: 'Start' }));
    await waitFor(() => expect(port.calls).toContain('start:2'));
  });

  it('kill and stop ask first; Cancel does nothing, confirming runs the action', async () => {
    const port = fakePort(runningInfo());
    setup(port);
    const b2 = await screen.findByTestId('local-broker-2');
    fireEvent.click(within(b2).getByRole('button', { name: 'Kill…' }));
    const dlg = screen.getByTestId('confirm-dialog');
    expect(dlg.textContent).toContain('abrupt crash');
    fireEvent.click(within(dlg).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
    expect(port.calls.filter((c) => c.startsWith('kill'))).toEqual([]);
    fireEvent.click(within(b2).getByRole('button', { name: 'Kill…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Kill broker' }));
    await waitFor(() => expect(port.calls).toContain('kill:2'));
    fireEvent.click(within(screen.getByTestId('local-broker-3')).getByRole('button', { name: 'Stop…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Stop broker' }));
    await waitFor(() => expect(port.calls).toContain('stop:3'));
  });

  it('stopping the cluster asks first and names the bootstrap its clients lose', async () => {
    const port = fakePort(runningInfo());
    setup(port);
    fireEvent.click(await screen.findByRole('button', { name: 'Stop cluster…' }));
    expect(screen.getByTestId('confirm-dialog').textContent).toContain('127.0.0.1:19091');
    fireEvent.click(screen.getByRole('button', { name: 'Stop cluster' }));
    expect(await screen.findByTestId('local-cluster-stopped')).toBeTruthy();
    expect(port.calls).toContain('stop');
  });

  it('slow validates the delay; isolate sends the chosen mode', async () => {
    const port = fakePort(runningInfo());
    setup(port);
    const b1 = await screen.findByTestId('local-broker-1');
    fireEvent.click(within(b1).getByRole('button', { name: 'Faults for broker 1' }));
    fireEvent.click(within(b1).getByRole('menuitem', { name: 'Slow…' }));
    const input = screen.getByLabelText('Delay (ms)');
    for (const bad of ['0', '60001', 'abc', '1.5']) {
      fireEvent.change(input, { target: { value: bad } });
      fireEvent.click(screen.getByRole('button', { name: 'Slow down' }));
      expect(screen.getByTestId('error-delay').textContent).toMatch(/Use 1 to 60000 ms|whole number/);
    }
    expect(port.calls.some((c) => c.startsWith('slow'))).toBe(false);
    fireEvent.change(input, { target: { value: '5000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Slow down' }));
    await waitFor(() => expect(port.calls).toContain('slow:1:5000'));

    fireEvent.click(within(b1).getByRole('button', { name: 'Faults for broker 1' }));
    fireEvent.click(within(b1).getByRole('menuitem', { name: 'Isolate…' }));
    fireEvent.change(screen.getByLabelText('Isolate from'), { target: { value: 'clients' } });
    expect(screen.getByTestId('isolate-help').textContent).toContain('replication keeps flowing');
    fireEvent.click(screen.getByRole('button', { name: 'Isolate' }));
    await waitFor(() => expect(port.calls).toContain('isolate:1:clients'));
  });

  it('a failed action says what happened and what to do next', async () => {
    const port = fakePort(runningInfo());
    setup(port);
    const b1 = await screen.findByTestId('local-broker-1');
    port.failNext = coreError('TP_CONFLICT', 'broker 1 is already paused');
    fireEvent.click(within(b1).getByRole('button', { name: 'Faults for broker 1' }));
    fireEvent.click(within(b1).getByRole('menuitem', { name: 'Pause' }));
    const fail = await screen.findByTestId('action-failure');
    expect(fail.textContent).toContain('Pausing broker 1 failed: broker 1 is already paused (TP_CONFLICT)');
    expect(fail.textContent).toContain('Reload the status');
    fireEvent.click(within(fail).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('action-failure')).toBeNull();
  });

  it('a failed start is reported with what to do', async () => {
    const port = fakePort({ ...stoppedInfo, state: 'failed', error: 'port 19092 is in use' });
    setup(port);
    expect((await screen.findByTestId('start-failed')).textContent).toContain('port 19092 is in use');
    port.start = async () => { throw coreError('TP_UNAVAILABLE', 'data dir /x is locked by another process'); };
    fireEvent.click(screen.getByRole('button', { name: 'Start cluster' }));
    const fail = await screen.findByTestId('action-failure');
    expect(fail.textContent).toContain('Starting the cluster failed: data dir /x is locked');
    expect(fail.textContent).toContain('ports and data folder');
  });

  it('the timeline shows events newest first with time and cause, filters by kind and topic, and one burst reloads once', async () => {
    const port = fakePort(runningInfo(), [replicationRow()]);
    setup(port);
    await screen.findByTestId('local-broker-1');
    expect(screen.getByTestId('timeline-empty').textContent).toContain('No events yet');
    const before = port.calls.filter((c) => c === 'status').length;
    act(() => {
      port.pushEvent(ev({ kind: 'broker-fenced', brokerId: 1, cause: 'broker 1 killed', seq: 11 }));
      port.pushEvent(ev({ kind: 'leader-change', topic: 'orders', partition: 0, seq: 12, cause: 'leader 1 fenced', detail: { oldLeader: 1, newLeader: 2, leaderEpoch: 3 } }));
      port.pushEvent(ev({ kind: 'isr-shrink', topic: 'orders', partition: 0, seq: 13, cause: 'replica 1 is offline', detail: { oldIsr: [1, 2, 3], newIsr: [2, 3] } }));
      port.pushEvent(ev({ kind: 'isr-shrink', topic: 'orders', partition: 0, seq: 13, cause: 'replica 1 is offline' })); // replayed
    });
    const rows = screen.getAllByTestId('timeline-event');
    expect(rows.map((r) => r.getAttribute('data-kind'))).toEqual(['isr-shrink', 'leader-change', 'broker-fenced']);
    expect(rows[0]!.textContent).toContain('ISR [1, 2, 3] → [2, 3]');
    expect(rows[0]!.textContent).toContain('replica 1 is offline');
    expect(rows[1]!.textContent).toContain('orders-0');
    expect(rows[1]!.textContent).toContain('leader 1 → 2');
    expect(rows[0]!.querySelector('time')!.getAttribute('datetime')).toBe(new Date(Date.UTC(2026, 10, 21, 13, 30, 0, 13)).toISOString());
    await waitFor(() => expect(port.calls.filter((c) => c === 'status').length).toBe(before + 1));
    await new Promise((r) => setTimeout(r, 250));
    expect(port.calls.filter((c) => c === 'status').length).toBe(before + 1);

    fireEvent.click(screen.getByRole('button', { name: 'Leader change' }));
    expect(screen.getAllByTestId('timeline-event').map((r) => r.getAttribute('data-kind'))).toEqual(['leader-change']);
    fireEvent.click(screen.getByRole('button', { name: 'All kinds' }));
    fireEvent.change(screen.getByLabelText('Filter events by topic'), { target: { value: 'nope' } });
    expect(screen.getByTestId('timeline-empty').textContent).toContain('No event matches');
  });

  it('the state stream updates the screen when the cluster starts elsewhere (CLI, another window)', async () => {
    const port = fakePort(stoppedInfo);
    setup(port);
    await screen.findByTestId('local-cluster-stopped');
    act(() => port.pushState(runningInfo([broker(1), broker(2)], 2)));
    expect(await screen.findByTestId('local-broker-2')).toBeTruthy();
    expect(screen.getByTestId('local-cluster-state').textContent).toBe('running');
  });

  it('unsubscribes from both streams when the screen closes', async () => {
    const port = fakePort(runningInfo());
    const { unmount } = setup(port);
    await screen.findByTestId('local-broker-1');
    expect(port.subscribers()).toBe(2);
    unmount();
    expect(port.subscribers()).toBe(0);
  });
});

describe('Replication view', () => {
  afterEach(cleanup);

  it('shows each replica\'s LEO, lag, ISR membership and why it is out of sync, with HW and epoch history, bigint-exact', async () => {
    const port = fakePort(runningInfo(), [replicationRow(), replicationRow({ topic: '__consumer_offsets', partition: 0 })]);
    setup(port);
    const table = await screen.findByTestId('replication-table');
    const out = within(table).getByTestId('repl-0-1');
    expect(out.className).toBe('row-out-of-sync');
    expect(out.textContent).toContain('9007199254740990');
    expect(out.textContent).toContain('never');
    expect(out.textContent).toContain('broker 1 killed');
    const leader = within(table).getByTestId('repl-0-2');
    expect(leader.textContent).toContain('leader 2 · epoch 3');
    expect(leader.textContent).toContain('HW 9007199254740993');
    expect(within(table).getByTestId('epochs-0').textContent).toBe('0@0 3@9007199254740990');
    expect(within(table).getByTestId('repl-0-3').textContent).toMatch(/1s ago|0ms ago|2s ago/);
    const topicSelect = screen.getByLabelText('Replication topic') as HTMLSelectElement;
    expect([...topicSelect.options].map((o) => o.value)).toEqual(['orders']);
    fireEvent.click(screen.getByLabelText(/Internal topics/));
    expect([...topicSelect.options].map((o) => o.value)).toEqual(['__consumer_offsets', 'orders']);
    // A new leader has not heard from a follower yet: its LEO is unknown (-1 on the wire), not shown as -1.
    cleanup();
    const unknown = replicationRow();
    unknown.replicas[1] = { ...unknown.replicas[1]!, logEndOffset: -1n, lag: 9n };
    setup(fakePort(runningInfo(), [unknown]));
    const row = await screen.findByTestId('repl-0-1');
    expect(row.textContent).toContain('unknown');
    expect(row.textContent).not.toContain('-1');
  });

  it('says when there is no topic yet, and shows a replication read error', async () => {
    const port = fakePort(runningInfo(), []);
    setup(port);
    expect((await screen.findByTestId('replication-empty')).textContent).toContain('No topics yet');
    cleanup();
    const failing = fakePort(runningInfo());
    failing.replication = async () => { throw coreError('TP_UNAVAILABLE', 'broker 2 does not answer'); };
    setup(failing);
    expect((await screen.findByText(/Could not read replication state/)).textContent).toContain('broker 2 does not answer');
  });
});
