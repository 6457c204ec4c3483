/** Outgoing mail on behalf of a person of the tenant (invitations to volunteer). */
export interface MailMessage {
  fromEmail: string;
  to: string[];
  subject: string;
  html: string;
}

export interface MailPort {
  send(message: MailMessage): Promise<void>;
}
