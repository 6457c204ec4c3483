import { z } from 'zod';
import type { MailMessage, MailPort } from '../../../src/ports/mail.ts';
import type { GraphApi } from './graph.ts';

export function createMail(graph: GraphApi): MailPort {
  return {
    async send(message: MailMessage): Promise<void> {
      // Only a 429 is retried: after a 5xx the message may already be on its way.
      await graph.call('POST', `/users/${encodeURIComponent(message.fromEmail)}/sendMail`, z.unknown(), {
        body: {
          message: {
            subject: message.subject,
            body: { contentType: 'HTML', content: message.html },
            toRecipients: message.to.map((address) => ({ emailAddress: { address } })),
          },
          saveToSentItems: false,
        },
        retry: 'throttle-only',
      });
    },
  };
}
