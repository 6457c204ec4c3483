import { describe, expect, it } from 'vitest';
import { GoogleCallError, isThrottle } from '../../server/connectors/google/errors.ts';
import { isRetryableAnswer, toGoogleCallError } from '../../server/connectors/google/google.ts';

const rateLimited = { error: { errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' }], code: 403, message: 'Rate Limit Exceeded' } };
const forbidden = { error: { errors: [{ domain: 'global', reason: 'forbidden', message: 'Forbidden' }], code: 403, message: 'Forbidden' } };

describe('Google throttling and errors', () => {
  it('takes a 403 rateLimitExceeded or userRateLimitExceeded and a 429 for throttling, not other 403s', () => {
    expect(isThrottle(403, 'rateLimitExceeded')).toBe(true);
    expect(isThrottle(403, 'userRateLimitExceeded')).toBe(true);
    expect(isThrottle(429, 'anything')).toBe(true);
    expect(isThrottle(403, 'forbidden')).toBe(false);
  });

  it('retries batch calls that were throttled, failed server-side or went unanswered, never refusals', () => {
    const answer = (status: number, body: unknown = null) => ({ id: '1', status, headers: {}, body });
    expect(isRetryableAnswer(answer(403, rateLimited))).toBe(true);
    expect(isRetryableAnswer(answer(429))).toBe(true);
    expect(isRetryableAnswer(answer(503))).toBe(true);
    expect(isRetryableAnswer(answer(0))).toBe(true);
    expect(isRetryableAnswer(answer(403, forbidden))).toBe(false);
    expect(isRetryableAnswer(answer(409))).toBe(false);
  });

  it('turns a Gaxios-shaped failure into a transient error carrying Retry-After, and a lost connection into status 0', () => {
    const now = Date.parse('2027-01-04T08:00:00Z');
    const throttled = toGoogleCallError('GET /x', { message: 'x', response: { status: 403, data: rateLimited, headers: new Headers({ 'Retry-After': '2' }) } }, now);
    expect(throttled).toMatchObject({ status: 403, reason: 'rateLimitExceeded', retryAfterMs: 2000, transient: true });
    const lost = toGoogleCallError('GET /x', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), now);
    expect(lost).toMatchObject({ status: 0, reason: 'ECONNRESET', transient: true });
    expect(toGoogleCallError('GET /x', { response: { status: 403, data: forbidden, headers: {} } }, now)).toMatchObject({ transient: false, reason: 'forbidden' });
    expect(lost).toBeInstanceOf(GoogleCallError);
  });
});
