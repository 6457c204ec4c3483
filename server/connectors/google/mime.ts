import type { MailMessage } from '../../../src/ports/mail.ts';

/**
 * Gmail's messages.send takes the whole message as RFC 822 text, base64url
 * encoded, in `raw`. Header values are ASCII: a non-ASCII subject goes as RFC
 * 2047 encoded words (UTF-8, base64), each at most 75 characters; the HTML body
 * goes base64 in lines of 76 so no line exceeds SMTP's limit.
 */

const encodedWordMax = 75;

/** An RFC 2047 value ("=?UTF-8?B?…?=" words split on whole characters), or the text itself when plain ASCII. */
export function encodeHeaderValue(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const words: string[] = [];
  let current = '';
  const overhead = '=?UTF-8?B??='.length;
  for (const char of text) {
    const candidate = current + char;
    if (overhead + Math.ceil(Buffer.byteLength(candidate, 'utf8') / 3) * 4 > encodedWordMax && current !== '') {
      words.push(current);
      current = char;
    } else {
      current = candidate;
    }
  }
  if (current !== '') words.push(current);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

function assertHeaderSafe(field: string, value: string): void {
  if (/[\r\n]/.test(value)) throw new RangeError(`${field} must not contain a line break: ${JSON.stringify(value)}`);
}

/** The message as RFC 822 text (CRLF lines). */
export function rfc822(message: MailMessage): string {
  assertHeaderSafe('fromEmail', message.fromEmail);
  for (const to of message.to) assertHeaderSafe('to', to);
  if (message.to.length === 0) throw new RangeError('to must name at least one recipient');
  const body = Buffer.from(message.html, 'utf8').toString('base64').replace(/.{76}(?=.)/g, '$&\r\n');
  return [
    `From: ${message.fromEmail}`,
    `To: ${message.to.join(', ')}`,
    `Subject: ${encodeHeaderValue(message.subject.replace(/[\r\n]+/g, ' '))}`,
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    body,
    '',
  ].join('\r\n');
}

/** `raw` for messages.send. */
export function rawMessage(message: MailMessage): string {
  return Buffer.from(rfc822(message), 'utf8').toString('base64url');
}
