/** A line chart over time with up to two value axes; shared tooltip styling; no animation (live data). */
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatClock } from '../../lib/format.js';
import { ChartContainer, ChartLegend, type SeriesConfig } from './chart-container.js';

export interface TimeSeriesChartProps<Row extends { time: number }> {
  data: readonly Row[];
  series: readonly SeriesConfig<Row>[];
  height?: number;
  width?: number;
  testId?: string;
  leftFormat?(v: number): string;
  rightFormat?(v: number): string;
  /** How points are joined; 'linear' for counters where a smooth curve would invent values between samples. */
  curve?: 'monotone' | 'linear' | 'stepAfter';
}

const AXIS_TICK = { fill: 'var(--fg-muted)', fontSize: 11 };

export function TimeSeriesChart<Row extends { time: number }>(props: TimeSeriesChartProps<Row>) {
  const { data, series, height = 200, width, testId } = props;
  const hasRight = series.some((s) => s.axis === 'right');
  const fmt = (axis: 'left' | 'right') => (axis === 'right' ? props.rightFormat : props.leftFormat) ?? ((v: number) => String(v));
  return (
    <div className="time-series-chart">
      <ChartLegend series={series} />
      <ChartContainer height={height} width={width} testId={testId} points={data.length}>
        <LineChart data={data as Row[]} width={width} height={width !== undefined ? height : undefined} margin={{ top: 6, right: 4, bottom: 0, left: 4 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="2 4" vertical={false} />
          <XAxis dataKey="time" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={formatClock}
            tick={AXIS_TICK} stroke="var(--border)" minTickGap={48} />
          <YAxis yAxisId="left" tick={AXIS_TICK} stroke="var(--border)" width={64} tickFormatter={fmt('left')} />
          {hasRight && <YAxis yAxisId="right" orientation="right" tick={AXIS_TICK} stroke="var(--border)" width={48} tickFormatter={fmt('right')} />}
          <Tooltip
            isAnimationActive={false}
            contentStyle={{ background: 'var(--bg-elevated)', border: '1px solid var(--border)', borderRadius: 4, fontSize: 12 }}
            labelStyle={{ color: 'var(--fg-muted)' }}
            labelFormatter={(v) => formatClock(Number(v))}
            formatter={(v, name) => {
              const s = series.find((x) => x.label === name);
              return [fmt(s?.axis ?? 'left')(Number(v)), name];
            }}
          />
          {series.map((s) => (
            <Line key={s.key} yAxisId={s.axis ?? 'left'} dataKey={s.key} name={s.label} stroke={s.color} strokeWidth={1.5}
              dot={false} isAnimationActive={false} type={props.curve ?? 'monotone'} />
          ))}
        </LineChart>
      </ChartContainer>
    </div>
  );
}
