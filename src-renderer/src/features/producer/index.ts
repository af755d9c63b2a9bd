export { ProducerPage } from './producer-page.js';
export { useProducerStore } from './producer-store.js';
