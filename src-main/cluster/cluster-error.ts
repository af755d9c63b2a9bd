/** The local cluster's typed error: what went wrong starting or controlling it, with a message for people. */
export type ClusterErrorCode = 'TOO_MANY_BROKERS' | 'PORT_IN_USE' | 'BAD_ADDRESS' | 'DATA_DIR_IN_USE' | 'NO_SUCH_BROKER' | 'BAD_FAULT';

export class ClusterError extends Error {
  override readonly name = 'ClusterError';
  constructor(readonly code: ClusterErrorCode, message: string) {
    super(message);
  }
}
