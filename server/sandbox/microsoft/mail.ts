import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { SandboxContext } from '../context.ts';
import type { SandboxUser } from '../state.ts';
import { invalidUser, sendGraphError } from './errors.ts';
import { readActionParameters } from './odata.ts';

const Recipient = z.object({ emailAddress: z.object({ address: z.string().trim().min(1), name: z.string().optional() }) });
const Message = z.object({
  subject: z.string().optional(),
  body: z.object({ contentType: z.string().optional(), content: z.string().optional() }).optional(),
  toRecipients: z.array(Recipient).optional(),
  ccRecipients: z.array(Recipient).optional(),
  bccRecipients: z.array(Recipient).optional(),
});
const SendMailRequest = z.object({ message: Message, saveToSentItems: z.boolean().optional() });

/** microsoft.graph.message's properties: others are refused, as Graph's OData reader does. */
const messageProperties = new Set([
  'id', 'createdDateTime', 'lastModifiedDateTime', 'changeKey', 'categories', 'receivedDateTime', 'sentDateTime',
  'hasAttachments', 'internetMessageId', 'subject', 'body', 'bodyPreview', 'importance', 'parentFolderId', 'conversationId',
  'conversationIndex', 'isDeliveryReceiptRequested', 'isReadReceiptRequested', 'isRead', 'isDraft', 'webLink',
  'inferenceClassification', 'sender', 'from', 'toRecipients', 'ccRecipients', 'bccRecipients', 'replyTo', 'uniqueBody',
  'flag', 'attachments', 'extensions', 'singleValueExtendedProperties', 'multiValueExtendedProperties', 'internetMessageHeaders',
].map((p) => p.toLowerCase()));

interface Outgoing {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: { contentType: string; content: string };
  saveToSentItems: boolean;
}

type Refusal = { code: string; message: string };

function fromJson(payload: unknown): Outgoing | Refusal {
  const parameters = readActionParameters(payload, 'sendMail', ['message', 'saveToSentItems']);
  if ('code' in parameters) return parameters;
  const body = parameters.value;
  const message = body['message'];
  if (typeof message === 'object' && message !== null) {
    const unknown = Object.keys(message).find((key) => !key.startsWith('@odata.') && !messageProperties.has(key.toLowerCase()));
    if (unknown !== undefined) {
      return { code: 'RequestBodyRead', message: `The property '${unknown}' does not exist on type 'microsoft.graph.message'. Make sure to only use property names that are defined by the type or mark the type as open type.` };
    }
  }
  const parsed = SendMailRequest.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { code: 'ErrorInvalidRequest', message: `Invalid sendMail request: '${issue?.path.join('.') || 'body'}' ${issue?.message ?? 'is invalid'}.` };
  }
  const m = parsed.data.message;
  const addresses = (list: z.infer<typeof Recipient>[] | undefined) => (list ?? []).map((r) => r.emailAddress.address);
  return {
    to: addresses(m.toRecipients),
    cc: addresses(m.ccRecipients),
    bcc: addresses(m.bccRecipients),
    subject: m.subject ?? '',
    body: { contentType: m.body?.contentType ?? 'text', content: m.body?.content ?? '' },
    saveToSentItems: parsed.data.saveToSentItems ?? true,
  };
}

/** The MIME form: `Content-Type: text/plain` and the whole RFC 822 message in base64. */
function fromMime(text: string): Outgoing | Refusal {
  const compact = text.replace(/\s+/g, '');
  if (compact === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 === 1) {
    return { code: 'ErrorMimeContentInvalidBase64String', message: 'Invalid base64 string for MIME content.' };
  }
  const mime = Buffer.from(compact, 'base64').toString('utf8');
  const split = mime.search(/\r?\n\r?\n/);
  const head = (split < 0 ? mime : mime.slice(0, split)).replace(/\r?\n[ \t]+/g, ' ');
  const content = split < 0 ? '' : mime.slice(split).replace(/^\r?\n\r?\n/, '');
  const header = (name: string) =>
    head
      .split(/\r?\n/)
      .filter((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))
      .map((line) => line.slice(name.length + 1).trim());
  const addresses = (name: string) =>
    header(name)
      .flatMap((value) => value.split(','))
      .map((part) => /<([^>]+)>/.exec(part)?.[1] ?? part.trim())
      .filter((address) => address !== '');
  return {
    to: addresses('To'),
    cc: addresses('Cc'),
    bcc: addresses('Bcc'),
    subject: header('Subject')[0] ?? '',
    body: { contentType: /text\/html/i.test(header('Content-Type')[0] ?? '') ? 'html' : 'text', content },
    saveToSentItems: true,
  };
}

function send(reply: FastifyReply, context: SandboxContext, user: SandboxUser, mail: Outgoing | Refusal) {
  if ('code' in mail) return sendGraphError(reply, 400, mail.code, mail.message);
  if (mail.to.length + mail.cc.length + mail.bcc.length === 0) {
    return sendGraphError(reply, 400, 'ErrorInvalidRecipients', "At least one recipient is not valid., A message can't be sent because it contains no recipients.");
  }
  context.state.commit([
    {
      t: 'mail.sent',
      mail: { id: randomUUID(), fromId: user.id, from: user.email, to: mail.to, cc: mail.cc, subject: mail.subject, body: mail.body, saveToSentItems: mail.saveToSentItems, sentAt: new Date().toISOString() },
    },
  ]);
  return reply.code(202).send();
}

/** POST /users/{id}/sendMail (JSON or base64 MIME): 202 and the message kept (not delivered anywhere). */
export function registerMailRoutes(app: FastifyInstance, context: SandboxContext): void {
  app.post<{ Params: { id: string } }>('/v1.0/users/:id/sendMail', { config: { access: 'mailbox' } }, async (request, reply) => {
    const user = context.state.findUser(request.params.id);
    if (user === undefined) return invalidUser(reply, request.params.id);
    const mime = /^text\/plain/i.test(request.headers['content-type'] ?? '');
    return send(reply, context, user, mime ? fromMime(typeof request.body === 'string' ? request.body : '') : fromJson(request.body));
  });
}
