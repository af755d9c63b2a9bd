/**
 * The records table: virtualized with @tanstack/react-virtual (only the rows in view exist in the DOM, and only
 * they are decoded from the packed batch and previewed; rows are moved with transforms and reuse their DOM nodes), so 100,000
 * records scroll smoothly. Columns: partition, offset,
 * timestamp, key, value preview, header count. Clicking a row selects it for the viewer.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef } from 'react';
import type { MessageRecord, RecordRows } from '../../../../src-main/contract/index.js';
import { preview, type DecodeMode } from './decode.js';

const ROW_HEIGHT = 26;
/** More than the rows a window can hold (viewport / 26 px + overscan), so slot keys never collide. */
const SLOTS = 512;

export function formatTimestamp(ts: bigint): string {
  if (ts < 0n) return '—';
  const d = new Date(Number(ts));
  return Number.isNaN(d.getTime()) ? ts.toString() : d.toISOString().replace('T', ' ').replace('Z', '');
}

const Row = memo(function Row({ m, top, selected, mode, onSelect, index }: {
  m: MessageRecord; top: number; selected: boolean; mode: DecodeMode; onSelect(i: number): void; index: number;
}) {
  return (
    <div className="msg-row" role="row" aria-selected={selected} style={{ transform: `translateY(${top}px)` }} tabIndex={0}
      data-testid="message-row" data-partition={m.partition} data-offset={m.offset.toString()}
      onClick={() => onSelect(index)} onKeyDown={(e) => { if (e.key === 'Enter') onSelect(index); }}>
      <span className="num mono">{m.partition}</span>
      <span className="num mono">{m.offset.toString()}</span>
      <span className="mono">{formatTimestamp(m.timestamp)}</span>
      <span className="mono" title="key">{m.key === null ? <span className="muted">null</span> : preview(m.key, mode === 'json' ? 'string' : mode, 60)}</span>
      <span className="mono" data-testid="message-value">{m.value === null ? <span className="muted">null</span> : preview(m.value, mode === 'json' ? 'string' : mode)}</span>
      <span className="num">{m.headers.length}</span>
    </div>
  );
});

export function MessageTable({ rows, selected, mode, onSelect }: {
  rows: RecordRows; selected: number | null; mode: DecodeMode; onSelect(i: number): void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10,
    initialRect: { width: 800, height: 600 },
  });
  return (
    <div data-testid="message-table" data-count={rows.length}>
      <div className="msg-head" role="row">
        <span className="num">Part.</span><span className="num">Offset</span><span>Timestamp (UTC)</span><span>Key</span><span>Value</span><span className="num" title="Headers">Hdr</span>
      </div>
      <div className="msg-list" ref={scrollRef} data-testid="message-scroll">
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((it) => {
            const m = rows.at(it.index)!;
            // Keyed by slot, not by record: a row scrolled out hands its DOM nodes to the row scrolled in, so React
            // updates text instead of removing and creating elements on every wheel step.
            return <Row key={it.index % SLOTS} m={m} index={it.index} top={it.start} selected={selected === it.index} mode={mode} onSelect={onSelect} />;
          })}
        </div>
      </div>
    </div>
  );
}
