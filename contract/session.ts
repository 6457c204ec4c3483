import { z } from 'zod';

/** Who is signed in to the pane (GET /api/me/session), with the CSRF token for changes. */
export const Session = z.object({
  tenantId: z.string(),
  personId: z.string(),
  roles: z.array(z.string()),
  name: z.string().nullable(),
  via: z.enum(['bearer', 'session']),
  /** Sent back as `x-csrf-token` on every change made with the session cookie; null for bearer callers. */
  csrfToken: z.string().nullable(),
});
export type Session = z.infer<typeof Session>;
