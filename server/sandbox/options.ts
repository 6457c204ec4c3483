/** The sandbox's knobs and addresses, shared by its entry point and its request context. */
export interface SandboxKnobs {
  latencyMs?: number;
  throttle?: { perMailboxPer10Min?: number };
  faults?: { rate429?: number; rate5xx?: number; dropEvery?: number };
  seed?: number;
  /** The Graph application permissions consented for the sandbox app (default: all Binome needs); its app tokens carry these as `roles`. */
  appRoles?: string[];
  google?: GoogleKnobs;
}
/** Knobs only the Google facade reads. */
export interface GoogleKnobs {
  /** The scopes the service account's domain-wide delegation grants (default: all the facade serves). */
  grantedScopes?: string[];
  /** The next N events.insert calls with an id the calendar already holds are let through (Google may catch duplicates late). */
  lateDuplicateIds?: number;
}
export interface SandboxUrls {
  origin: string;
  /** https://127.0.0.1:P/v1.0 */
  graph: string;
  /** https://127.0.0.1:P/<tenantId> */
  authority: string;
  tokenEndpoint: string;
  issuer: string;
  jwks: string;
  /** The Google-like OpenID issuer (`…/accounts.google`): discovery, sign-in, ID tokens. */
  googleIssuer: string;
  calendarPage: string;
  /**
   * Where browsers open the demo sign-in (the issuers' `authorization_endpoint`): the
   * plain-HTTP page port when one is served, so no certificate warning stands in front
   * of it; else the HTTPS origin.
   */
  signInOrigin: string;
  /** Google tenants: replaces https://www.googleapis.com/ (ends with a slash). */
  googleApiRoot?: string;
  /** Google tenants: replaces https://oauth2.googleapis.com/token. */
  googleTokenUrl?: string;
  /** Google tenants: the service-account JSON key file (domain-wide delegation granted). */
  googleServiceAccountKeyFile?: string;
  /** Google tenants: a super admin of the domain to impersonate for Directory reads (the top of the tree). */
  googleAdminEmail?: string;
}
