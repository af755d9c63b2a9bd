/**
 * Serves the contract over one WebSocket connection: reads ClientMessages, answers through the
 * Dispatcher, pushes subscription events, and cleans up every subscription when the socket closes.
 * A frame it cannot read gets a protocol-error reply; the connection and the server keep going.
 */
import type { WebSocket } from 'ws';
import { TidepoolError } from '../../common/index.js';
import { parseWire, stringifyWire } from '../../common/index.js';
import type { ClientMessage, ServerMessage, Unsubscribe } from '../../contract/index.js';
import type { Dispatcher } from '../dispatcher.js';

function parseClientMessage(text: string): ClientMessage {
  let m: unknown;
  try { m = parseWire(text); } catch { throw new TidepoolError('TP_VALIDATION', 'Frame is not valid JSON.'); }
  const o = m as Partial<Record<string, unknown>> | null;
  if (!o || typeof o !== 'object' || !Number.isSafeInteger(o.id)) throw new TidepoolError('TP_VALIDATION', 'Frame needs a numeric "id".');
  if (o.t === 'call' && typeof o.method === 'string') return o as ClientMessage;
  if (o.t === 'sub' && typeof o.event === 'string') return o as ClientMessage;
  if (o.t === 'unsub') return o as ClientMessage;
  throw new TidepoolError('TP_VALIDATION', 'Frame "t" must be call (with method), sub (with event) or unsub.');
}

export function serveWebSocket(ws: WebSocket, dispatcher: Dispatcher): void {
  const subs = new Map<number, Unsubscribe>();
  const send = (m: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(stringifyWire(m));
  };

  ws.on('message', (data, isBinary) => {
    if (isBinary) { send({ t: 'protocol-error', error: new TidepoolError('TP_VALIDATION', 'Binary frames are not accepted.').toJSON() }); return; }
    let msg: ClientMessage;
    try { msg = parseClientMessage(data.toString()); } catch (err) {
      send({ t: 'protocol-error', error: TidepoolError.from(err).toJSON() });
      return;
    }
    if (msg.t === 'call') {
      void dispatcher.call(msg.method, msg.args, { transport: 'websocket' }).then((r) => send({ t: 'result', id: msg.id, ...r }));
    } else if (msg.t === 'sub') {
      if (subs.has(msg.id)) return;
      try {
        const id = msg.id;
        subs.set(id, dispatcher.subscribe(msg.event, msg.args, (value) => send({ t: 'event', id, value }), { transport: 'websocket' }));
      } catch (err) {
        send({ t: 'sub-error', id: msg.id, error: TidepoolError.from(err).toJSON() });
      }
    } else {
      subs.get(msg.id)?.();
      subs.delete(msg.id);
    }
  });

  ws.on('close', () => {
    for (const unsub of subs.values()) unsub();
    subs.clear();
  });
  ws.on('error', () => ws.terminate());
}
