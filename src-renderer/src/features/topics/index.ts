export { TopicsPage } from './topics-page.js';
