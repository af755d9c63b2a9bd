export { BrokersPage, ClusterOverviewCards } from './brokers-page.js';
