import { describe, expect, it } from 'vitest';
import { encodeHeaderValue, rawMessage, rfc822 } from '../../server/connectors/google/mime.ts';

const message = { fromEmail: 'hr@example.com', to: ['ana@example.com', 'bo@example.com'], subject: 'Devenez mentor·e — binôme', html: '<p>Rejoignez Binôme</p>' };

function decodeWords(value: string): string {
  return value
    .split(/\r\n /)
    .map((w) => Buffer.from(/^=\?UTF-8\?B\?(.*)\?=$/.exec(w)?.[1] ?? '', 'base64').toString('utf8'))
    .join('');
}

describe('Gmail raw messages', () => {
  it('keeps an ASCII subject as is and encodes a UTF-8 one as RFC 2047 words of at most 75 characters', () => {
    expect(encodeHeaderValue('Become a mentor')).toBe('Become a mentor');
    const long = 'Séance de mentorat inversé '.repeat(6);
    const encoded = encodeHeaderValue(long);
    expect(encoded.split('\r\n ').every((w) => w.length <= 75 && w.startsWith('=?UTF-8?B?'))).toBe(true);
    expect(decodeWords(encoded)).toBe(long);
  });

  it('writes From, To, the encoded subject and a base64 HTML body, and sends it base64url', () => {
    const text = rfc822(message);
    expect(text).toContain('From: hr@example.com\r\nTo: ana@example.com, bo@example.com\r\n');
    const subject = /Subject: (.*(?:\r\n .*)*)\r\n/.exec(text)?.[1] ?? '';
    expect(decodeWords(subject)).toBe(message.subject);
    const body = text.split('\r\n\r\n')[1] ?? '';
    expect(Buffer.from(body, 'base64').toString('utf8')).toBe(message.html);
    const raw = rawMessage(message);
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(raw, 'base64url').toString('utf8')).toBe(text);
  });

  it('refuses a header injection through an address, and needs a recipient', () => {
    expect(() => rfc822({ ...message, to: ['a@example.com\r\nBcc: x@evil.example'] })).toThrow(/line break/);
    expect(() => rfc822({ ...message, to: [] })).toThrow(/at least one/);
  });
});
