import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SandboxContext } from '../context.ts';
import { sendGraphError } from './errors.ts';
import { invalidUser } from './users.ts';

const Recipient = z.object({ emailAddress: z.object({ address: z.string().trim().min(1), name: z.string().optional() }) });
const SendMailRequest = z.object({
  message: z.object({
    subject: z.string().optional(),
    body: z.object({ contentType: z.string().optional(), content: z.string().optional() }).optional(),
    toRecipients: z.array(Recipient).optional(),
    ccRecipients: z.array(Recipient).optional(),
    bccRecipients: z.array(Recipient).optional(),
  }),
  saveToSentItems: z.boolean().optional(),
});

/** POST /users/{id}/sendMail: 202 and the message kept (not delivered anywhere). */
export function registerMailRoutes(app: FastifyInstance, context: SandboxContext): void {
  app.post<{ Params: { id: string } }>('/v1.0/users/:id/sendMail', { config: { access: 'mailbox' } }, async (request, reply) => {
    const user = context.state.findUser(request.params.id);
    if (user === undefined) return invalidUser(reply, request.params.id);
    const parsed = SendMailRequest.safeParse(request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return sendGraphError(reply, 400, 'ErrorInvalidRequest', `Invalid sendMail request: '${issue?.path.join('.') || 'body'}' ${issue?.message ?? 'is invalid'}.`);
    }
    const message = parsed.data.message;
    const to = (message.toRecipients ?? []).map((r) => r.emailAddress.address);
    const cc = (message.ccRecipients ?? []).map((r) => r.emailAddress.address);
    if (to.length + cc.length + (message.bccRecipients?.length ?? 0) === 0) {
      return sendGraphError(reply, 400, 'ErrorInvalidRecipients', 'At least one recipient is not valid., A message can\'t be sent because it contains no recipients.');
    }
    context.state.commit([
      {
        t: 'mail.sent',
        mail: {
          id: randomUUID(),
          fromId: user.id,
          from: user.email,
          to,
          cc,
          subject: message.subject ?? '',
          body: { contentType: message.body?.contentType ?? 'text', content: message.body?.content ?? '' },
          saveToSentItems: parsed.data.saveToSentItems ?? true,
          sentAt: new Date().toISOString(),
        },
      },
    ]);
    return reply.code(202).send();
  });
}
