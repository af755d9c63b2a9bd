export { ProducerPage } from './producer-page.js';
