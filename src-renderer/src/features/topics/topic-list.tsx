/**
 * The virtualized topic list (@tanstack/react-virtual): only the rows in view are in the DOM, so 10,000
 * topics render and filter as fast as 10. The messages and size columns are filled per visible rows through
 * `topics.messages` (ListOffsets per topic and one DescribeLogDirs round would be too much for the whole list).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { TopicMessagesRow, TopicRow } from '../../../../src-main/contract/index.js';
import { api } from '../../api/client.js';
import { formatBytes } from '../../lib/format.js';

const ROW_HEIGHT = 28;
const SIZE_TITLE = 'Bytes of the leader replicas\' logs (the data once, not times the replication factor); – when unknown';

type Usage = Pick<TopicMessagesRow, 'messages' | 'sizeBytes'> | 'error';

export function TopicList({ clusterId, rows, onOpen }: { clusterId: string; rows: readonly TopicRow[]; onOpen(name: string): void }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8,
    initialRect: { width: 800, height: 600 },
  });
  const items = v.getVirtualItems();
  const messages = useVisibleMessages(clusterId, items.map((i) => rows[i.index]?.name).filter((n): n is string => n !== undefined));
  return (
    <div data-testid="topic-list" data-count={rows.length}>
      <div className="vlist-head" role="row">
        <span>Name</span><span className="num">Partitions</span><span className="num">RF</span><span className="num">Under-replicated</span><span className="num">Messages</span>
        <span className="num" title={SIZE_TITLE}>Size</span>
      </div>
      <div className="vlist" ref={scrollRef}>
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {items.map((it) => {
            const r = rows[it.index]!;
            const m = messages.get(r.name);
            return (
              <div key={r.name} className="vlist-row" role="row" data-testid={`topic-row-${r.name}`} style={{ top: it.start }}
                onClick={() => onOpen(r.name)} onKeyDown={(e) => { if (e.key === 'Enter') onOpen(r.name); }} tabIndex={0}>
                <span className="name mono">{r.name}{r.internal && <span className="badge" style={{ marginLeft: 6 }}>internal</span>}</span>
                <span className="num">{r.partitions}</span>
                <span className="num">{r.replicationFactor}</span>
                <span className={`num ${r.underReplicated > 0 ? 'warn' : ''}`}>{r.underReplicated}{r.offline > 0 && <span className="danger"> ({r.offline} offline)</span>}</span>
                <span className="num mono" data-testid={`messages-${r.name}`}>{m === undefined ? '…' : m === 'error' ? 'error' : String(m.messages)}</span>
                <span className="num mono" data-testid={`size-${r.name}`} title={sizeTitle(m)}>{m === undefined ? '…' : m === 'error' || m.sizeBytes === null ? '–' : formatBytes(Number(m.sizeBytes))}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function sizeTitle(m: Usage | undefined): string {
  if (m === undefined) return SIZE_TITLE;
  if (m === 'error') return 'Could not read this topic\'s offsets and size';
  return m.sizeBytes === null ? 'Size unknown: a partition has no leader or its broker did not report its log size' : `${m.sizeBytes.toString()} bytes`;
}

/** Message counts and sizes for the rows in view, fetched after scrolling settles; kept while the list lives. */
function useVisibleMessages(clusterId: string, names: string[]): Map<string, Usage> {
  const [counts, setCounts] = useState(() => new Map<string, Usage>());
  const key = names.join('\n');
  useEffect(() => {
    const missing = key === '' ? [] : key.split('\n').filter((n) => !counts.has(n)).slice(0, 200);
    if (missing.length === 0) return;
    let live = true;
    const t = setTimeout(() => {
      api().call('topics.messages', { clusterId, topics: missing }).then(
        (res) => { if (live) setCounts((c) => { const n = new Map(c); for (const r of res) n.set(r.topic, { messages: r.messages, sizeBytes: r.sizeBytes }); return n; }); },
        () => { if (live) setCounts((c) => { const n = new Map(c); for (const t2 of missing) n.set(t2, 'error'); return n; }); },
      );
    }, 120);
    return () => { live = false; clearTimeout(t); };
  }, [clusterId, key, counts]);
  return counts;
}
