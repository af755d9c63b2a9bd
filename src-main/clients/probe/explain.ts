/**
 * Turns a failed probe step (step + OS/TLS/Kafka reason code) into words a user can act on: what went
 * wrong, and the next thing to try. Kept apart from the probe so the wording is one table to review.
 */
import type { DiagnosisStepName } from '../../contract/index.js';

export interface Explanation {
  /** Short name of the problem, e.g. "certificate is self-signed". */
  problem: string;
  hint: string;
}

const TLS_TRUST = 'Add the CA certificate (PEM) that signed the broker\'s certificate to the profile\'s TLS "CA" field. '
  + 'Only for a throwaway test cluster: turn certificate verification off.';

const TLS: Record<string, Explanation> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: { problem: 'the broker\'s certificate is self-signed and not trusted', hint: `${TLS_TRUST}` },
  SELF_SIGNED_CERT_IN_CHAIN: { problem: 'the certificate chain ends in a self-signed CA that is not trusted', hint: TLS_TRUST },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: { problem: 'the certificate is signed by an unknown CA', hint: TLS_TRUST },
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: { problem: 'the certificate\'s issuer is not a trusted CA', hint: TLS_TRUST },
  UNABLE_TO_GET_ISSUER_CERT: { problem: 'the certificate\'s issuer is not a trusted CA', hint: TLS_TRUST },
  CERT_HAS_EXPIRED: { problem: 'the broker\'s certificate has expired', hint: 'Renew the broker\'s certificate (or check this machine\'s clock).' },
  CERT_NOT_YET_VALID: { problem: 'the broker\'s certificate is not valid yet', hint: 'Check this machine\'s clock, or the certificate\'s start date.' },
  ERR_TLS_CERT_ALTNAME_INVALID: {
    problem: 'the certificate was issued for other host names',
    hint: 'Connect with a host name listed in the certificate, or set the TLS "server name" to one of them.',
  },
  ERR_SSL_WRONG_VERSION_NUMBER: { problem: 'the server does not speak TLS on this port', hint: 'This looks like a PLAINTEXT or SASL_PLAINTEXT listener: turn TLS off, or use the broker\'s TLS port.' },
  ECONNRESET: { problem: 'the server dropped the connection during the TLS handshake', hint: 'The port may not speak TLS (turn TLS off, or use the TLS port), or the broker requires a client certificate.' },
  CLOSED: { problem: 'the server closed the connection during the TLS handshake', hint: 'The port may not speak TLS (turn TLS off, or use the TLS port), or the broker requires a client certificate.' },
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: { problem: 'the broker requires a client certificate (mutual TLS)', hint: 'Add your client certificate and key (PEM) to the profile.' },
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: { problem: 'no TLS version or cipher in common', hint: 'Check the broker\'s ssl.enabled.protocols and ssl.cipher.suites.' },
  ERR_OSSL_BAD_DECRYPT: { problem: 'the client key cannot be decrypted', hint: 'Check the key passphrase in the profile.' },
  ETIMEDOUT: { problem: 'the TLS handshake timed out', hint: 'The port may not speak TLS: turn TLS off, or use the broker\'s TLS port.' },
};

export function explain(step: DiagnosisStepName, code: string, host: string, port: number): Explanation {
  const at = `${host}:${port}`;
  switch (step) {
    case 'dns':
      return {
        problem: `the host name ${host} does not resolve`,
        hint: 'Check the spelling. A name that exists only inside Docker or Kubernetes (such as "kafka" or "broker") '
          + 'is not visible from this machine: use localhost and the published port, or add the name to /etc/hosts.',
      };
    case 'tcp':
      if (code === 'ECONNREFUSED') {
        return {
          problem: `nothing is listening on ${at}`,
          hint: 'Is the broker running, and is this its listener port (often 9092; for Docker, the port published with -p)?',
        };
      }
      return {
        problem: `${at} cannot be reached (${code})`,
        hint: 'No answer at all usually means a firewall, VPN, security group or wrong network. Check that this machine can reach the host.',
      };
    case 'tls': {
      const known = TLS[code];
      if (known) return known;
      if (code.startsWith('ERR_OSSL') || code.includes('KEY')) return { problem: `the client certificate or key is unusable (${code})`, hint: 'Check that the certificate and key are PEM, belong together, and that the key passphrase is right.' };
      return { problem: `the TLS handshake failed (${code})`, hint: 'Check the broker\'s TLS settings and the profile\'s CA, certificate and key.' };
    }
    case 'api-versions':
    case 'metadata':
      if (code === 'TLS_EXPECTED') return { problem: `${at} speaks TLS`, hint: 'Turn TLS on in the profile (this is an SSL or SASL_SSL listener).' };
      if (code === 'NOT_KAFKA') return { problem: `something answers on ${at}, but it is not Kafka`, hint: 'Check the port: this may be an HTTP service (REST proxy, schema registry, UI) or another protocol.' };
      if (code === 'NO_ANSWER') return { problem: `${at} accepted the connection but never answered`, hint: 'If the listener expects TLS, turn TLS on; otherwise this is probably not a Kafka port.' };
      if (code === 'CLOSED' && step === 'metadata') return { problem: `${at} closed the connection instead of answering Metadata`, hint: 'The listener probably requires authentication: set the SASL mechanism and credentials (and TLS if it is SASL_SSL).' };
      if (code === 'CLOSED') return { problem: `${at} closed the connection without answering`, hint: 'The listener may require TLS (turn TLS on), or this is not a Kafka port.' };
      return { problem: `the broker answered with an error (${code})`, hint: 'See the message; the broker\'s log will say more.' };
    case 'sasl':
      if (code === 'UNSUPPORTED_SASL_MECHANISM') return { problem: 'the broker does not offer this SASL mechanism', hint: 'Pick one of the mechanisms the broker lists, or enable this one in sasl.enabled.mechanisms.' };
      if (code === 'SASL_AUTHENTICATION_FAILED') {
        return {
          problem: 'the username or password was refused',
          hint: 'Check the credentials. For SCRAM the user must exist on the cluster (kafka-configs --alter --add-config \'SCRAM-SHA-256=[password=...]\' --entity-type users --entity-name <user>).',
        };
      }
      if (code === 'CLOSED' || code === 'ILLEGAL_SASL_STATE') return { problem: 'the listener does not accept SASL', hint: 'This looks like a PLAINTEXT or SSL listener: remove SASL from the profile, or use the SASL port.' };
      return { problem: `SASL authentication failed (${code})`, hint: 'Check the mechanism and credentials against the broker\'s listener settings.' };
    default:
      return { problem: code, hint: 'See the message.' };
  }
}

/** The Docker advertised.listeners pitfall, told with the addresses actually seen. */
export function advertisedPitfall(bootstrap: string, unreachable: { nodeId: number; address: string; error: string }[]): Explanation {
  const list = unreachable.map((b) => `broker ${b.nodeId} at ${b.address} (${b.error})`).join('; ');
  return {
    problem: `the cluster answered at ${bootstrap}, but tells clients to use ${list}, which this machine cannot reach`,
    hint: 'After bootstrap, every client talks to the addresses the brokers advertise, so producing and consuming will fail. '
      + 'This is the classic Docker/Kubernetes advertised.listeners mistake. Fix it on the broker: advertise an address '
      + 'reachable from here, keeping an internal one for other containers, e.g. '
      + 'listeners=INTERNAL://0.0.0.0:29092,EXTERNAL://0.0.0.0:9092, '
      + 'advertised.listeners=INTERNAL://kafka:29092,EXTERNAL://localhost:9092, '
      + 'listener.security.protocol.map=INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT (publish port 9092 and bootstrap with localhost:9092). '
      + 'A quick local workaround is an /etc/hosts entry mapping the advertised name to 127.0.0.1.',
  };
}
