/** The check-tenant steps a provider adds with its own probes. */
export type ProbeStep = 'mailboxSettings';

/**
 * A read a connector makes only in some cases (Graph's mailbox settings, for people
 * whose free/busy answer has no working hours), tried once by `binome check-tenant`
 * so that a missing permission shows before a cohort needs it.
 */
export interface PermissionProbe {
  step: ProbeStep;
  /** What it reads, as in "could not read someone's …". */
  reads: string;
  /** Reads for `email`; what was read, in plain words. Rejects with the provider's refusal. */
  run(email: string): Promise<string>;
}
