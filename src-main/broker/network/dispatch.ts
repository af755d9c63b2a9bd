/**
 * Turns one request frame into what the connection must do: send a response frame, send nothing (acks=0),
 * or close. Kafka's rules: an unknown API key or a version outside the advertised range closes the
 * connection, except ApiVersions, which answers a too-new version with a v0 body carrying
 * UNSUPPORTED_VERSION and our ranges (KIP-511) so the client can retry; undecodable bytes close the
 * connection. A handler that throws closes only its own connection (logged), never the broker.
 */
import {
  API_BY_KEY, KafkaError, ProtocolError, decodeRequestBody, decodeRequestHeader, encodeResponse,
} from '../../protocol/index.js';
import { CloseConnection, NO_RESPONSE, type AnyHandler, type BrokerNode, type ConnectionInfo, type HandlerContext } from '../handlers/handler.js';
import type { HandlerRegistry } from '../handlers/registry.js';

export type Outcome =
  | { kind: 'respond'; frame: Uint8Array; apiKey: number; apiVersion: number; errorCode?: number; clientId?: string | null }
  | { kind: 'none'; apiKey: number; apiVersion: number; clientId?: string | null }
  | { kind: 'close'; reason: string; apiKey?: number; apiVersion?: number };

const API_VERSIONS_KEY = 18;

export function dispatch(frame: Uint8Array, conn: ConnectionInfo, node: BrokerNode, registry: HandlerRegistry): Outcome | Promise<Outcome> {
  if (frame.length < 8) return { kind: 'close', reason: `request of ${frame.length} bytes is too short for a header` };
  const dv = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const apiKey = dv.getInt16(0);
  const apiVersion = dv.getInt16(2);
  const correlationId = dv.getInt32(4);
  const handler = registry.get(apiKey);
  if (handler === undefined) return { kind: 'close', reason: `unknown or unsupported API key ${apiKey}`, apiKey, apiVersion };
  const [min, max] = handler.versions;
  if (apiVersion < min || apiVersion > max) {
    if (apiKey === API_VERSIONS_KEY && apiVersion > max) {
      const body = { errorCode: KafkaError.UNSUPPORTED_VERSION.code, apiKeys: registry.apiVersions() };
      return { kind: 'respond', frame: encodeResponse(API_VERSIONS_KEY, 0, correlationId, body), apiKey, apiVersion,
        errorCode: KafkaError.UNSUPPORTED_VERSION.code };
    }
    return { kind: 'close', reason: `${handler.api.name} v${apiVersion} is outside our range ${min}-${max}`, apiKey, apiVersion };
  }
  let ctx: HandlerContext;
  let request: Parameters<AnyHandler["handle"]>[0];
  try {
    const header = decodeRequestHeader(frame);
    request = decodeRequestBody(handler.api, apiVersion, frame, header.bodyOffset);
    ctx = { node, connection: conn, header: { apiKey, apiVersion, correlationId, clientId: header.clientId } };
  } catch (err) {
    return { kind: 'close', reason: `cannot decode ${handler.api.name} v${apiVersion}: ${describe(err)}`, apiKey, apiVersion };
  }
  let result: unknown;
  try {
    result = handler.handle(request, ctx);
  } catch (err) {
    return failed(handler, apiVersion, err);
  }
  if (result instanceof Promise) {
    return result.then((r) => finish(handler, ctx, r), (err: unknown) => failed(handler, apiVersion, err));
  }
  return finish(handler, ctx, result);
}

function finish(handler: AnyHandler, ctx: HandlerContext, result: unknown): Outcome {
  const { apiKey, apiVersion, correlationId } = ctx.header;
  const clientId = ctx.header.clientId;
  if (result === NO_RESPONSE) return { kind: 'none', apiKey, apiVersion, clientId };
  if (result instanceof CloseConnection) return { kind: 'close', reason: result.reason, apiKey, apiVersion };
  try {
    const body = result as Record<string, unknown>;
    const errorCode = typeof body.errorCode === 'number' ? body.errorCode : undefined;
    return { kind: 'respond', frame: encodeResponse(handler.api, apiVersion, correlationId, body), apiKey, apiVersion, errorCode, clientId };
  } catch (err) {
    return { kind: 'close', reason: `cannot encode the ${handler.api.name} v${apiVersion} response: ${describe(err)}`, apiKey, apiVersion };
  }
}

function failed(handler: AnyHandler, apiVersion: number, err: unknown): Outcome {
  return { kind: 'close', reason: `${handler.api.name} v${apiVersion} handler failed: ${describe(err)}`, apiKey: handler.api.key, apiVersion };
}

function describe(err: unknown): string {
  if (err instanceof ProtocolError) return err.message;
  if (err instanceof Error) return err.stack?.split('\n').slice(0, 3).join(' | ') ?? err.message;
  return String(err);
}

/** The schema definition of a key, for names in log lines. */
export function apiName(key: number | undefined): string {
  return key === undefined ? '?' : (API_BY_KEY.get(key)?.name ?? `api ${key}`);
}
