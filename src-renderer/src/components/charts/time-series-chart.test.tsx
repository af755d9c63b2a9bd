// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TimeSeriesChart } from './time-series-chart.js';

interface Row { time: number; a: number; b: number }
const rows: Row[] = [0, 1, 2, 3].map((i) => ({ time: 1_000_000 + i * 1000, a: i * 10, b: 50 - i }));

describe('TimeSeriesChart', () => {
  afterEach(cleanup);
  it('draws one line per series with the configured colour', () => {
    const { container, getByTestId, getByText } = render(
      <TimeSeriesChart data={rows} width={400} height={160} testId="c"
        series={[{ key: 'a', label: 'Alpha', color: 'var(--chart-1)' }, { key: 'b', label: 'Beta', color: 'var(--chart-2)', axis: 'right' }]} />,
    );
    const curves = container.querySelectorAll('path.recharts-line-curve');
    expect(curves).toHaveLength(2);
    expect(curves[0]!.getAttribute('stroke')).toBe('var(--chart-1)');
    expect(curves[0]!.getAttribute('d')).toMatch(/^M[\d.,-]+(?:[LC][\d.,-\s]+)+$/);
    expect(getByTestId('c').dataset.points).toBe('4');
    expect(getByText('Alpha')).toBeTruthy();
  });

  it('draws no line and says so through data-points when there is no data', () => {
    const { container, getByTestId } = render(
      <TimeSeriesChart data={[]} width={400} height={160} testId="c" series={[{ key: 'a', label: 'Alpha', color: 'red' }]} />,
    );
    expect(getByTestId('c').dataset.points).toBe('0');
    expect(container.querySelector('path.recharts-line-curve')?.getAttribute('d') ?? '').toBe('');
  });
});
