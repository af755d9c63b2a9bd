import { describe, expect, it } from 'vitest';
import { ScramClient, ScramError } from './scram.js';

// RFC 7677 section 3: the SCRAM-SHA-256 example exchange.
const NONCE = 'rOprNGfwEbeRWgbNEkqO';
const SERVER_FIRST = 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096';

describe('ScramClient', () => {
  it('reproduces the RFC 7677 SCRAM-SHA-256 exchange byte for byte', () => {
    const c = new ScramClient('sha256', 'user', 'pencil', NONCE);
    expect(c.clientFirst().toString()).toBe('n,,n=user,r=rOprNGfwEbeRWgbNEkqO');
    expect(c.clientFinal(Buffer.from(SERVER_FIRST)).toString()).toBe(
      'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=');
    expect(() => c.verifyServerFinal(Buffer.from('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4='))).not.toThrow();
  });

  it('rejects a server signature made without the password', () => {
    const c = new ScramClient('sha256', 'user', 'pencil', NONCE);
    c.clientFinal(Buffer.from(SERVER_FIRST));
    expect(() => c.verifyServerFinal(Buffer.from('v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4='))).toThrow(/signature is wrong/);
  });

  it('names server errors, foreign nonces and malformed messages', () => {
    const c = new ScramClient('sha512', 'user', 'pencil', NONCE);
    expect(() => c.clientFinal(Buffer.from('e=unknown-user'))).toThrow(/refused the first SCRAM message: unknown-user/);
    expect(() => c.clientFinal(Buffer.from('r=someoneelse,s=AAAA,i=4096'))).toThrow(ScramError);
    expect(() => c.clientFinal(Buffer.from('garbage'))).toThrow(/malformed/);
    expect(() => c.clientFinal(Buffer.from(`r=${NONCE}x,s=AAAA,i=99999999`))).toThrow(/iterations/);
    expect(() => c.verifyServerFinal(Buffer.from('e=invalid-proof'))).toThrow(/refused the SCRAM proof: invalid-proof/);
    expect(() => new ScramClient('sha256', 'u', 'p').verifyServerFinal(Buffer.from('x=1'))).toThrow(/no signature/);
  });

  it('escapes , and = in user names', () => {
    expect(new ScramClient('sha256', 'a,b=c', 'p', 'n').clientFirst().toString()).toBe('n,,n=a=2Cb=3Dc,r=n');
  });
});
