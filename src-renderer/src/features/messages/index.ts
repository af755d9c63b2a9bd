/** The message browser feature's public door: the Messages tab of topic detail. */
export { MessagesTab } from './messages-tab.js';
