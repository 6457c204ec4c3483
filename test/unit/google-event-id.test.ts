import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32hex, eventIdFor, isValidEventId } from '../../server/connectors/google/event-id.ts';

describe('Google event ids from idempotency keys', () => {
  it('encodes RFC 4648 base32hex test vectors in lower case without padding', () => {
    const enc = (s: string) => base32hex(new TextEncoder().encode(s));
    expect(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map(enc)).toEqual(['', 'co', 'cpng', 'cpnmu', 'cpnmuog', 'cpnmuoj1', 'cpnmuoj1e8']);
  });

  it('gives the same valid id for the same key every time, and different ids for different keys', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 300 }), fc.string({ minLength: 1, maxLength: 300 }), (a, b) => {
        const id = eventIdFor(a);
        expect(isValidEventId(id)).toBe(true);
        expect(id).toHaveLength(52);
        expect(eventIdFor(a)).toBe(id);
        if (a !== b) expect(eventIdFor(b)).not.toBe(id);
      }),
      { seed: 20261129, numRuns: 300 },
    );
  });

  it('turns a ledger key with dashes and upper case into an id Google accepts', () => {
    expect(isValidEventId('bnm-ABC')).toBe(false);
    expect(isValidEventId(eventIdFor('bnm-0123456789ABCDEF'))).toBe(true);
  });
});
