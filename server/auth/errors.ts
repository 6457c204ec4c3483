/** Why a caller was refused; each code has one HTTP status and, for 401s, a bearer error. */
export const authErrorCodes = [
  'TOKEN_MISSING',
  'TOKEN_MALFORMED',
  'TOKEN_ALGORITHM',
  'TOKEN_SIGNATURE',
  'TOKEN_EXPIRED',
  'TOKEN_NOT_YET_VALID',
  'TOKEN_AUDIENCE',
  'TOKEN_ISSUER',
  'TOKEN_CLAIMS',
  'TENANT_NOT_ALLOWED',
  'ROLE_REQUIRED',
  'SESSION_REQUIRED',
  'CSRF_REJECTED',
  'DEMO_ONLY',
  'SIGN_IN_FAILED',
] as const;
export type AuthErrorCode = (typeof authErrorCodes)[number];

export interface AuthFailure {
  code: AuthErrorCode;
  message: string;
}

const forbidden: ReadonlySet<AuthErrorCode> = new Set(['ROLE_REQUIRED', 'CSRF_REJECTED', 'DEMO_ONLY']);

export function authFailureStatus(code: AuthErrorCode): 401 | 403 {
  return forbidden.has(code) ? 403 : 401;
}

/** The RFC 6750 challenge for a 401: no error attribute when no token came at all. */
export function bearerChallenge(failure: AuthFailure): string {
  if (failure.code === 'TOKEN_MISSING' || failure.code === 'SESSION_REQUIRED') return 'Bearer realm="binome"';
  const description = failure.message.replaceAll('"', "'").replaceAll('\\', '/');
  return `Bearer realm="binome", error="invalid_token", error_description="${description}"`;
}
