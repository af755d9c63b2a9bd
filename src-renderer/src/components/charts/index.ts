export { ChartContainer, ChartLegend, type SeriesConfig } from './chart-container.js';
export { TimeSeriesChart, type TimeSeriesChartProps } from './time-series-chart.js';
