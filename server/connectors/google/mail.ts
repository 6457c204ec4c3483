import type { MailMessage, MailPort } from '../../../src/ports/mail.ts';
import type { GoogleApi } from './google.ts';
import { rawMessage } from './mime.ts';
import { SentMessage } from './schema.ts';

export function createMail(api: GoogleApi): MailPort {
  return {
    async send(message: MailMessage): Promise<void> {
      const raw = rawMessage(message);
      // Only throttling is retried: after a 5xx or a lost answer the message may already be on its way.
      await api.call(
        'POST /gmail/v1/users/{id}/messages/send',
        'throttle-only',
        () => api.gmailAs(message.fromEmail).users.messages.send({ userId: 'me', requestBody: { raw } }),
        SentMessage,
      );
    },
  };
}
