import { createNestablePublicClientApplication, type IPublicClientApplication, type Configuration } from '@azure/msal-browser';
import { z } from 'zod';

/**
 * A bearer token for the Binome service, from Outlook. Nested app authentication (MSAL
 * in the pane, brokered by Outlook) where the client supports it; otherwise legacy Office
 * SSO (`Office.auth.getAccessToken`). The service verifies either token the same way
 * (issuer, audience = its client id, `access_as_user`).
 */

export interface SignInConfig {
  /** The Entra app registration of the service (the manifests' `webApplicationInfo.id`). */
  clientId: string;
  /** `https://login.microsoftonline.com/organizations` for any work account, or a tenant's. */
  authority: string;
  /** `api://<host>/<clientId>/access_as_user`. */
  scopes: string[];
}

export type SignInVia = 'nested-app-auth' | 'office-sso';

export type SignInErrorCode =
  /** The user closed the sign-in or consent window. */
  | 'SIGN_IN_CANCELLED'
  /** The sign-in window could not open outside a click: offer a button that retries. */
  | 'SIGN_IN_POPUP_BLOCKED'
  /** Not a work or school account (a local domain account, or Outlook without modern auth). */
  | 'SIGN_IN_ACCOUNT_UNSUPPORTED'
  /** This Outlook offers no sign-in for add-ins (too old, or a platform without the API). */
  | 'SIGN_IN_UNAVAILABLE'
  /** The tenant has not consented to Binome's permissions: an administrator must. */
  | 'SIGN_IN_CONSENT_MISSING'
  /** The manifest's resource does not match the app registration: a deployment error. */
  | 'SIGN_IN_MISCONFIGURED'
  /** Anything else; worth trying again. */
  | 'SIGN_IN_FAILED';

export type SignInResult =
  | { ok: true; token: string; via: SignInVia }
  | { ok: false; code: SignInErrorCode; message: string; via: SignInVia };

export interface TokenSources {
  /** `HostContext.nestedAppAuth`. */
  nestedAppAuth: boolean;
  nestedAppAuthToken: () => Promise<string>;
  officeSsoToken: () => Promise<string>;
}

/** MSAL errors carry `errorCode` (a string); Office SSO rejects with `{ code: number, name, message }`. */
const ProviderError = z.object({
  errorCode: z.string().optional(),
  subError: z.string().optional(),
  code: z.union([z.number(), z.string()]).optional(),
  name: z.string().optional(),
  message: z.string().optional(),
});

function readProviderError(error: unknown): { code: string; subError: string; text: string } {
  const parsed = ProviderError.safeParse(error);
  if (!parsed.success) return { code: '', subError: '', text: String(error) };
  const { errorCode, subError = '', code, name, message } = parsed.data;
  const id = errorCode ?? (code === undefined ? '' : String(code));
  return { code: id, subError, text: [id, subError, message ?? name].filter((part) => part !== undefined && part !== '').join(': ') };
}

/** MSAL's NestedAppAuthError when the client turns out not to broker NAA after all. */
const naaUnsupported = new Set(['unsupported_method']);

const naaCodes: Readonly<Record<string, SignInErrorCode>> = {
  user_cancelled: 'SIGN_IN_CANCELLED',
  popup_window_error: 'SIGN_IN_POPUP_BLOCKED',
  empty_window_error: 'SIGN_IN_POPUP_BLOCKED',
  block_nested_popups: 'SIGN_IN_POPUP_BLOCKED',
  /** Entra's answer (as the code or as the sub-error of invalid_grant) when nobody consented to Binome's scopes. */
  consent_required: 'SIGN_IN_CONSENT_MISSING',
  invalid_resource: 'SIGN_IN_MISCONFIGURED',
};

/** Office's documented getAccessToken errors (learn.microsoft.com, "Troubleshoot error messages for SSO"). */
const officeSsoCodes: Readonly<Record<string, SignInErrorCode>> = {
  '13000': 'SIGN_IN_UNAVAILABLE',
  '13001': 'SIGN_IN_UNAVAILABLE',
  '13002': 'SIGN_IN_CANCELLED',
  '13003': 'SIGN_IN_ACCOUNT_UNSUPPORTED',
  '13004': 'SIGN_IN_MISCONFIGURED',
  '13005': 'SIGN_IN_CONSENT_MISSING',
  '13012': 'SIGN_IN_UNAVAILABLE',
};

const failure = (via: SignInVia, table: Readonly<Record<string, SignInErrorCode>>, error: unknown): SignInResult => {
  const { code, subError, text } = readProviderError(error);
  const ours = table[code] ?? table[subError] ?? 'SIGN_IN_FAILED';
  const source = via === 'nested-app-auth' ? 'nested app authentication' : 'Office SSO';
  return { ok: false, code: ours, message: `Sign-in through ${source} failed (${text || 'no detail'}).`, via };
};

async function officeSso(sources: TokenSources): Promise<SignInResult> {
  try {
    return { ok: true, token: await sources.officeSsoToken(), via: 'office-sso' };
  } catch (error) {
    return failure('office-sso', officeSsoCodes, error);
  }
}

/**
 * NAA first where supported. A refusal by the user or the tenant is final (trying Office
 * SSO would ask them again for the same thing); only "this client cannot broker NAA"
 * falls back to Office SSO.
 */
export async function signIn(sources: TokenSources): Promise<SignInResult> {
  if (!sources.nestedAppAuth) return officeSso(sources);
  try {
    return { ok: true, token: await sources.nestedAppAuthToken(), via: 'nested-app-auth' };
  } catch (error) {
    if (naaUnsupported.has(readProviderError(error).code)) return officeSso(sources);
    return failure('nested-app-auth', naaCodes, error);
  }
}

type ClientFactory = (configuration: Configuration) => Promise<IPublicClientApplication>;

/**
 * NAA as one token function: silently first (Outlook brokers the signed-in account), then a
 * popup; redirects cannot work inside a task pane. The MSAL client is created once, on the
 * first call, and again after a failed creation.
 */
export function nestedAppAuthToken(config: SignInConfig, create: ClientFactory = createNestablePublicClientApplication): () => Promise<string> {
  let client: Promise<IPublicClientApplication> | null = null;
  return async () => {
    client ??= create({ auth: { clientId: config.clientId, authority: config.authority } });
    let app: IPublicClientApplication;
    try {
      app = await client;
    } catch (error) {
      client = null;
      throw error;
    }
    const request = { scopes: config.scopes };
    try {
      return (await app.acquireTokenSilent(request)).accessToken;
    } catch {
      // No cached token or consent yet: the popup asks the user, and its errors are the ones to report.
      return (await app.acquireTokenPopup(request)).accessToken;
    }
  };
}
