// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TopicRow } from '../../../../src-main/contract/index.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { installFakeCore } from '../../test-support.js';
import { TopicsPage } from './topics-page.js';
import { useTopicsStore } from './topics-store.js';

const row = (name: string): TopicRow => ({ name, internal: false, partitions: 1, replicationFactor: 1, underReplicated: 0, offline: 0 });

describe('topic list: the last list is shown at once on return, then replaced by the fresh one', () => {
  beforeEach(() => {
    useTopicsStore.setState({ selected: null, query: '', lastList: {} });
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800);
  });
  afterEach(() => { cleanup(); vi.restoreAllMocks(); });

  it('remembers per cluster, shows it while the refetch is pending, and swaps in the new list', async () => {
    let release: (rows: TopicRow[]) => void = () => undefined;
    let calls = 0;
    installFakeCore({
      'topics.list': () => { calls++; return calls === 1 ? [row('a'), row('b')] : new Promise<TopicRow[]>((r) => { release = r; }); },
      'topics.messages': () => [],
    });
    act(() => useConnectionStore.getState().selectCluster('local'));
    const first = render(<TopicsPage />);
    await vi.waitFor(() => expect(screen.getByTestId('topic-list').getAttribute('data-count')).toBe('2'));
    first.unmount();
    expect(useTopicsStore.getState().lastList.local?.map((t) => t.name)).toEqual(['a', 'b']);

    render(<TopicsPage />);
    // The fetch has not answered: the remembered list is on screen already.
    expect(screen.getByTestId('topic-list').getAttribute('data-count')).toBe('2');
    await vi.waitFor(() => expect(calls).toBe(2));
    await act(async () => { release([row('a'), row('b'), row('c')]); });
    await vi.waitFor(() => expect(screen.getByTestId('topic-list').getAttribute('data-count')).toBe('3'));
    // Another cluster has nothing remembered.
    expect(useTopicsStore.getState().lastList.other).toBeUndefined();
  });
});
