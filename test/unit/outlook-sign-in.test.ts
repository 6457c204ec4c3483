import { AuthError, BrowserAuthError, InteractionRequiredAuthError, ServerError, type IPublicClientApplication } from '@azure/msal-browser';
import { OfficeMockObject } from 'office-addin-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { nestedAppAuthToken, signIn, type SignInConfig } from '../../addins/outlook/auth/sign-in.ts';
import { officeHost, officeSsoToken } from '../../addins/outlook/host/office-host.ts';

/**
 * The Office side is office-addin-mock; MSAL is not mocked: the NAA token function is
 * injected, and it fails with MSAL's own error classes.
 */
interface OfficeSide {
  nestedAppAuth?: boolean;
  accountType?: string;
  /** What Office.auth.getAccessToken does. */
  sso?: () => Promise<string>;
}

const ssoCalls: unknown[] = [];

function installOffice({ nestedAppAuth = true, accountType = 'office365', sso = () => Promise.resolve('office-sso-token') }: OfficeSide = {}): void {
  const seed = {
    host: 'outlook',
    auth: {
      getAccessToken: (options: unknown) => {
        ssoCalls.push(options);
        return sso();
      },
    },
    context: {
      displayLanguage: 'fr-FR',
      requirements: { isSetSupported: (name: string, version: string) => nestedAppAuth && name === 'NestedAppAuth' && version === '1.1' },
      mailbox: { userProfile: { emailAddress: 'lea.martin@contoso.fr', displayName: 'Léa Martin', timeZone: 'Romance Standard Time', accountType } },
    },
  };
  (globalThis as { Office?: unknown }).Office = new OfficeMockObject(seed);
}

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
  ssoCalls.length = 0;
});

/** What the pane does: ask the host what the client offers, then sign in. */
async function paneSignIn(nestedAppAuthTokenFn: () => Promise<string>) {
  const context = await officeHost().context();
  if (!context.ok) throw new Error(context.message);
  return signIn({ nestedAppAuth: context.value.nestedAppAuth, nestedAppAuthToken: nestedAppAuthTokenFn, officeSsoToken: officeSsoToken() });
}

const officeError = (code: number, name: string, message: string) => () => Promise.reject({ code, name, message });

describe('Outlook sign-in: which way', () => {
  it('uses nested app authentication where Outlook supports it, without touching Office SSO', async () => {
    installOffice();
    expect(await paneSignIn(() => Promise.resolve('naa-token'))).toEqual({ ok: true, token: 'naa-token', via: 'nested-app-auth' });
    expect(ssoCalls).toEqual([]);
  });

  it("uses Office SSO, letting Office prompt for sign-in and consent, where the client has no NAA", async () => {
    installOffice({ nestedAppAuth: false });
    let naaCalled = false;
    const result = await paneSignIn(() => {
      naaCalled = true;
      return Promise.resolve('naa-token');
    });
    expect(result).toEqual({ ok: true, token: 'office-sso-token', via: 'office-sso' });
    expect(naaCalled).toBe(false);
    expect(ssoCalls).toEqual([{ allowSignInPrompt: true, allowConsentPrompt: true }]);
  });

  it('uses Office SSO for a personal Outlook.com mailbox, which cannot use NAA', async () => {
    installOffice({ accountType: 'outlookCom' });
    expect(await paneSignIn(() => Promise.resolve('naa-token'))).toMatchObject({ ok: true, via: 'office-sso' });
  });

  it('falls back to Office SSO when the client turns out not to broker NAA', async () => {
    installOffice();
    const result = await paneSignIn(() => Promise.reject(new AuthError('unsupported_method', '', 'This method is not supported in nested app environment')));
    expect(result).toEqual({ ok: true, token: 'office-sso-token', via: 'office-sso' });
  });
});

describe('Outlook sign-in: what the user is told', () => {
  it('takes a closed sign-in window as the answer, without asking again through Office SSO', async () => {
    installOffice();
    expect(await paneSignIn(() => Promise.reject(new BrowserAuthError('user_cancelled', '')))).toMatchObject({ ok: false, code: 'SIGN_IN_CANCELLED', via: 'nested-app-auth' });
    expect(ssoCalls).toEqual([]);
  });

  it('says a blocked popup needs a click to retry', async () => {
    installOffice();
    expect(await paneSignIn(() => Promise.reject(new BrowserAuthError('popup_window_error', '')))).toMatchObject({ ok: false, code: 'SIGN_IN_POPUP_BLOCKED' });
  });

  it('says when nobody consented to Binome in the tenant, from either sign-in', async () => {
    installOffice();
    const consent = new ServerError('invalid_grant', '', 'AADSTS65001: The user or administrator has not consented to use the application.', 'consent_required');
    expect(await paneSignIn(() => Promise.reject(consent))).toMatchObject({ ok: false, code: 'SIGN_IN_CONSENT_MISSING', message: expect.stringContaining('AADSTS65001') });
    installOffice({ nestedAppAuth: false, sso: officeError(13005, 'Invalid Grant', 'The add-in does not have permission.') });
    expect(await paneSignIn(() => Promise.resolve('unused'))).toMatchObject({ ok: false, code: 'SIGN_IN_CONSENT_MISSING', via: 'office-sso' });
  });

  it("maps Office SSO's documented errors and keeps Office's code in the message", async () => {
    const cases: [number, string][] = [
      [13000, 'SIGN_IN_UNAVAILABLE'],
      [13002, 'SIGN_IN_CANCELLED'],
      [13003, 'SIGN_IN_ACCOUNT_UNSUPPORTED'],
      [13004, 'SIGN_IN_MISCONFIGURED'],
      [13012, 'SIGN_IN_UNAVAILABLE'],
      [13007, 'SIGN_IN_FAILED'],
    ];
    for (const [officeCode, ours] of cases) {
      installOffice({ nestedAppAuth: false, sso: officeError(officeCode, 'Office error', 'from Office') });
      expect(await paneSignIn(() => Promise.resolve('unused')), String(officeCode)).toMatchObject({
        ok: false,
        code: ours,
        message: expect.stringContaining(String(officeCode)),
        via: 'office-sso',
      });
    }
  });
});

describe('Outlook sign-in: the NAA token function', () => {
  const config: SignInConfig = {
    clientId: '3f1c2b4a-9d8e-4c7b-a6f5-0e1d2c3b4a59',
    authority: 'https://login.microsoftonline.com/organizations',
    scopes: ['api://binome.example.com/3f1c2b4a-9d8e-4c7b-a6f5-0e1d2c3b4a59/access_as_user'],
  };

  /** Stands in for what createNestablePublicClientApplication returns; only the two calls used. */
  function client(silent: () => Promise<string>, popup: () => Promise<string>, calls: string[]): IPublicClientApplication {
    const answer = async (kind: string, token: () => Promise<string>, request: unknown) => {
      calls.push(`${kind} ${JSON.stringify(request)}`);
      return { accessToken: await token() };
    };
    return {
      acquireTokenSilent: (request: unknown) => answer('silent', silent, request),
      acquireTokenPopup: (request: unknown) => answer('popup', popup, request),
    } as unknown as IPublicClientApplication;
  }

  it('opens no window when Outlook already has a token for the user', async () => {
    const calls: string[] = [];
    const token = nestedAppAuthToken(config, () => Promise.resolve(client(() => Promise.resolve('silent-token'), () => Promise.resolve('popup-token'), calls)));
    expect(await token()).toBe('silent-token');
    expect(calls).toEqual([`silent {"scopes":["${config.scopes[0]}"]}`]);
  });

  it('asks the user in a popup when the silent way needs interaction', async () => {
    const calls: string[] = [];
    const silent = () => Promise.reject(new InteractionRequiredAuthError('interaction_required', ''));
    const token = nestedAppAuthToken(config, () => Promise.resolve(client(silent, () => Promise.resolve('popup-token'), calls)));
    expect(await token()).toBe('popup-token');
    expect(calls.map((c) => c.split(' ')[0])).toEqual(['silent', 'popup']);
  });

  it('creates the MSAL client once, and again after a creation that failed', async () => {
    let created = 0;
    const token = nestedAppAuthToken(config, (configuration) => {
      created += 1;
      expect(configuration.auth).toEqual({ clientId: config.clientId, authority: config.authority });
      return created === 1 ? Promise.reject(new Error('bridge not ready')) : Promise.resolve(client(() => Promise.resolve('silent-token'), () => Promise.resolve('popup-token'), []));
    });
    await expect(token()).rejects.toThrow('bridge not ready');
    expect(await token()).toBe('silent-token');
    expect(await token()).toBe('silent-token');
    expect(created).toBe(2);
  });
});
