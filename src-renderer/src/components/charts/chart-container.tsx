/**
 * The frame every chart sits in: a fixed height, and a ResponsiveContainer unless a width is given (tests
 * and happy-dom have no layout, so they pass one). Series colours are CSS variables so themes are free.
 */
import type { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

export interface SeriesConfig<Row> {
  key: keyof Row & string;
  label: string;
  /** A CSS colour, normally `var(--chart-N)`. */
  color: string;
  axis?: 'left' | 'right';
}

export interface ChartContainerProps {
  height: number;
  width?: number;
  testId?: string;
  /** Number of rows drawn, exposed for tests and e2e. */
  points: number;
  children: ReactElement;
}

export function ChartContainer({ height, width, testId, points, children }: ChartContainerProps) {
  return (
    <div className="chart-container" data-testid={testId} data-points={points} style={{ height }}>
      {width !== undefined ? children : <ResponsiveContainer width="100%" height={height}>{children}</ResponsiveContainer>}
    </div>
  );
}

export function ChartLegend<Row>({ series }: { series: readonly SeriesConfig<Row>[] }) {
  return (
    <ul className="chart-legend">
      {series.map((s) => (
        <li key={s.key}><span className="chart-swatch" style={{ background: s.color }} />{s.label}</li>
      ))}
    </ul>
  );
}
