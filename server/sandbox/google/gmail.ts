import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SandboxContext } from '../context.ts';
import { invalid, sendGoogleError } from './errors.ts';
import { callerOf } from './pipeline.ts';
import { routeScopes } from './scopes.ts';

const SendRequest = z.object({ raw: z.string().optional(), threadId: z.string().optional() });

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`) in a header value. */
function decodeWords(value: string): string {
  // RFC 2047 §6.2: the white space between two adjacent encoded words is not part of the text.
  return value.replace(/(\?=)\s+(?==\?)/g, '$1').replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_all, _charset: string, encoding: string, text: string) => {
    if (encoding.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
    const bytes = text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  });
}

function decodeBody(content: string, transferEncoding: string): string {
  const encoding = transferEncoding.toLowerCase();
  if (encoding === 'base64') return Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = content.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return content;
}

interface ParsedMessage {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: { contentType: string; content: string };
}

/** The headers and (single-part) body of an RFC 822 message; multipart bodies are kept as written. */
export function parseRfc822(message: string): ParsedMessage {
  const split = message.search(/\r?\n\r?\n/);
  const head = (split < 0 ? message : message.slice(0, split)).replace(/\r?\n[ \t]+/g, ' ');
  const content = split < 0 ? '' : message.slice(split).replace(/^\r?\n\r?\n/, '');
  const header = (name: string) =>
    head
      .split(/\r?\n/)
      .filter((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))
      .map((line) => decodeWords(line.slice(name.length + 1).trim()));
  const addresses = (name: string) =>
    header(name)
      .flatMap((value) => value.split(','))
      .map((part) => /<([^>]+)>/.exec(part)?.[1] ?? part.trim())
      .filter((address) => address !== '');
  const contentType = header('Content-Type')[0] ?? 'text/plain';
  return {
    to: addresses('To'),
    cc: addresses('Cc'),
    bcc: addresses('Bcc'),
    subject: header('Subject')[0] ?? '',
    body: { contentType: /text\/html/i.test(contentType) ? 'html' : 'text', content: decodeBody(content, header('Content-Transfer-Encoding')[0] ?? '') },
  };
}

/** Gmail users.messages.send with `raw` (base64url RFC 822): the message is kept in the sandbox's sent mail. */
export function registerGmailRoutes(app: FastifyInstance, context: SandboxContext): void {
  app.post<{ Params: { userId: string } }>('/gmail/v1/users/:userId/messages/send', { config: { googleRoute: 'api', googleScopes: routeScopes.gmailSend } }, async (request, reply) => {
    const me = callerOf(request).user;
    const userId = request.params.userId;
    if (me === null || (userId !== 'me' && userId.toLowerCase() !== me.email.toLowerCase())) {
      return sendGoogleError(reply, 403, { domain: 'global', reason: 'forbidden', message: `Delegation denied for ${me?.email ?? 'the service account'}` });
    }
    const parsed = SendRequest.safeParse(request.body ?? {});
    const raw = parsed.success ? parsed.data.raw : undefined;
    if (raw === undefined || raw === '') {
      return sendGoogleError(reply, 400, invalid("'raw' RFC822 payload message string or uploading message via /upload/* URL required"));
    }
    if (!/^[A-Za-z0-9_\-+/]+={0,2}$/.test(raw)) return sendGoogleError(reply, 400, invalid('Invalid value for ByteString: raw'));
    const message = parseRfc822(Buffer.from(raw, 'base64url').toString('utf8'));
    const recipients = [...message.to, ...message.cc, ...message.bcc];
    if (recipients.length === 0) return sendGoogleError(reply, 400, invalid('Recipient address required'));
    const bad = recipients.find((address) => !/^[^\s@]+@[^\s@]+$/.test(address));
    if (bad !== undefined) return sendGoogleError(reply, 400, invalid(`Invalid To header`));
    const sentAt = new Date().toISOString();
    const id = createHash('sha256').update(`gmail:${me.id}:${context.state.sentMail.length}:${sentAt}:${raw}`).digest('hex').slice(0, 16);
    context.state.commit([
      { t: 'mail.sent', mail: { id, fromId: me.id, from: me.email, to: message.to, cc: message.cc, subject: message.subject, body: message.body, saveToSentItems: true, sentAt } },
    ]);
    return { id, threadId: parsed.success && parsed.data.threadId !== undefined ? parsed.data.threadId : id, labelIds: ['SENT'] };
  });
}
