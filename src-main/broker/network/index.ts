/** The broker's network layer: listener, per-connection framing/ordering/backpressure, dispatch. */
export { BrokerServer, type BrokerServerOptions } from './server.js';
export { Connection, type BrokerLogger, type RequestEvent } from './connection.js';
export { FrameDecoder, FrameSizeError } from './frame-decoder.js';
export { dispatch, type Outcome } from './dispatch.js';
