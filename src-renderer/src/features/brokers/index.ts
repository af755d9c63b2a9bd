export { BrokersPage } from './brokers-page.js';
