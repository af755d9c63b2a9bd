export * from './errors.js';
export * from './wire-json.js';
