/**
 * TidepoolApi over a WebSocket. Pure: it is handed a WebSocket constructor (the browser's, or `ws` in
 * Node), so the renderer, the CLI and the tests share this one client. Calls made while connecting are
 * queued; a dropped connection rejects pending calls with TP_TRANSPORT, and subscriptions are renewed
 * after a reconnect. Connection state is observable for the UI's status indicator.
 */
import { TidepoolError, type SerializedError } from '../common/errors.js';
import { parseWire, stringifyWire } from '../common/wire-json.js';
import type { EventName, EventOf, InputOf, MethodName, OutputOf, TidepoolApi, Unsubscribe } from './index.js';
import type { ClientMessage, ServerMessage } from './ws-wire.js';

export type ConnectionState = 'connecting' | 'open' | 'closed';

interface WebSocketLike {
  readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}
type WebSocketCtor = new (url: string) => WebSocketLike;

export interface WsClientOptions {
  url: string;
  WebSocket: WebSocketCtor;
  /** Reconnect delay after a drop; 0 disables reconnecting. */
  reconnectMs?: number;
  callTimeoutMs?: number;
}

interface Pending { resolve(v: unknown): void; reject(e: Error): void; timer: ReturnType<typeof setTimeout> }
interface Sub { event: string; args: unknown; onEvent(e: unknown): void; onError?(e: Error): void }

export class WsClient implements TidepoolApi {
  private ws: WebSocketLike | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly subs = new Map<number, Sub>();
  private readonly queue: string[] = [];
  private readonly stateListeners = new Set<(s: ConnectionState) => void>();
  private closedByUser = false;
  state: ConnectionState = 'connecting';

  constructor(private readonly opts: WsClientOptions) {
    this.connect();
  }

  onState(fn: (s: ConnectionState) => void): () => void {
    this.stateListeners.add(fn);
    fn(this.state);
    return () => this.stateListeners.delete(fn);
  }

  call<K extends MethodName>(method: K, input: InputOf<K>): Promise<OutputOf<K>> {
    const id = this.nextId++;
    return new Promise<OutputOf<K>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new TidepoolError('TP_TIMEOUT', `${method} did not answer within ${this.opts.callTimeoutMs ?? 30_000} ms.`));
      }, this.opts.callTimeoutMs ?? 30_000);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.send({ t: 'call', id, method, args: input });
    });
  }

  subscribe<K extends EventName>(name: K, input: InputOf<K>, onEvent: (e: EventOf<K>) => void, onError?: (err: Error) => void): Unsubscribe {
    const id = this.nextId++;
    this.subs.set(id, { event: name, args: input, onEvent: onEvent as (e: unknown) => void, onError });
    this.send({ t: 'sub', id, event: name, args: input });
    return () => {
      if (this.subs.delete(id)) this.send({ t: 'unsub', id });
    };
  }

  close(): void {
    this.closedByUser = true;
    this.ws?.close();
  }

  private setState(s: ConnectionState) {
    this.state = s;
    for (const fn of this.stateListeners) fn(s);
  }

  private connect() {
    this.setState('connecting');
    const ws = new this.opts.WebSocket(this.opts.url);
    this.ws = ws;
    ws.onopen = () => {
      this.setState('open');
      for (const [id, s] of this.subs) ws.send(stringifyWire({ t: 'sub', id, event: s.event, args: s.args } satisfies ClientMessage));
      for (const m of this.queue.splice(0)) ws.send(m);
    };
    ws.onmessage = (ev) => this.receive(String(ev.data));
    ws.onerror = () => { /* onclose follows and reports */ };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.setState('closed');
      this.queue.length = 0;
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer);
        p.reject(new TidepoolError('TP_TRANSPORT', 'The connection to the Tidepool core was lost.'));
        this.pending.delete(id);
      }
      const delay = this.opts.reconnectMs ?? 1000;
      if (!this.closedByUser && delay > 0) setTimeout(() => this.connect(), delay);
    };
  }

  private send(msg: ClientMessage) {
    const text = stringifyWire(msg);
    if (this.ws && this.ws.readyState === 1) this.ws.send(text);
    else if (msg.t !== 'sub') this.queue.push(text); // subs are (re)sent on open from this.subs
  }

  private receive(text: string) {
    let msg: ServerMessage;
    try { msg = parseWire(text) as ServerMessage; } catch { return; }
    if (msg.t === 'result') {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.ok) p.resolve(msg.value);
      else p.reject(TidepoolError.fromSerialized(msg.error));
    } else if (msg.t === 'event') {
      this.subs.get(msg.id)?.onEvent(msg.value);
    } else if (msg.t === 'sub-error') {
      const s = this.subs.get(msg.id);
      this.subs.delete(msg.id);
      s?.onError?.(TidepoolError.fromSerialized(msg.error as SerializedError));
    }
  }
}
