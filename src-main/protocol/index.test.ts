// The public door's types: bodies are inferred from a specific definition and loose for a bare key.
// (Checked by tsc: a @ts-expect-error that stops erroring fails the typecheck.)
import { describe, expect, it } from 'vitest';
import heartbeat from './schema/12-heartbeat.js';
import { decodeRequestBody, decodeResponse, encodeRequest, encodeResponse, type RequestOf } from './index.js';

describe('typed door', () => {
  it('encodes and decodes a typed Heartbeat', () => {
    const body: RequestOf<typeof heartbeat> = { groupId: 'g', generationId: 1, memberId: 'm', groupInstanceId: null };
    const frame = encodeRequest(heartbeat, 4, { correlationId: 1, clientId: null }, body);
    const decoded = decodeRequestBody(heartbeat, 4, frame, 4 + 11);
    const generation: number = decoded.generationId;
    expect(generation).toBe(1);
    expect(decoded).toStrictEqual(body);
    const res = decodeResponse(heartbeat, 4, encodeResponse(heartbeat, 4, 9, { errorCode: 27, throttleTimeMs: 0 }).subarray(4));
    const code: number = res.body.errorCode;
    expect(code).toBe(27);
    // @ts-expect-error generationId must be a number
    expect(() => encodeRequest(heartbeat, 4, { correlationId: 1, clientId: null }, { ...body, generationId: 'x' })).toThrow(/int32/);
    // A bare key takes any body; the codec checks it at run time.
    expect(() => encodeRequest(12, 4, { correlationId: 1, clientId: null }, { groupId: 5 })).toThrow(/not a string/);
  });
});
