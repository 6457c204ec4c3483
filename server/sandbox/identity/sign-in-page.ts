import { escapeHtml } from '../page/calendar-page.ts';
import type { SandboxUser } from '../state.ts';

export type SignInLanguage = 'fr' | 'en';

const text = {
  fr: {
    title: 'Connexion de démonstration',
    notice: 'Bac à sable : connexion de démonstration. Aucun mot de passe n’est demandé et aucune vraie identité n’est vérifiée ; cette page n’existe que dans le bac à sable local.',
    heading: (tenant: string) => `Se connecter à ${tenant} en tant que…`,
    signInAs: (name: string) => `Se connecter en tant que ${name}`,
    client: (clientId: string) => `Application qui demande la connexion : ${clientId}`,
    switchTo: 'English',
  },
  en: {
    title: 'Demo sign-in',
    notice: 'Sandbox: demo sign-in. No password is asked and no real identity is checked; this page exists only in the local sandbox.',
    heading: (tenant: string) => `Sign in to ${tenant} as…`,
    signInAs: (name: string) => `Sign in as ${name}`,
    client: (clientId: string) => `Application asking for sign-in: ${clientId}`,
    switchTo: 'Français',
  },
} as const;

export interface SignInPage {
  language: SignInLanguage;
  tenantName: string;
  clientId: string;
  /** Where the form posts: the authorization endpoint itself. */
  action: string;
  /** The authorization request's parameters, carried through the form unchanged. */
  parameters: Record<string, string>;
  people: SandboxUser[];
}

/** The sandbox's demo sign-in: pick one of the tenant's people. Plain HTML, no script. */
export function renderSignInPage(page: SignInPage): string {
  const t = text[page.language];
  const hidden = Object.entries(page.parameters)
    .filter(([name]) => name !== 'lang')
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  const other: SignInLanguage = page.language === 'fr' ? 'en' : 'fr';
  const switchQuery = new URLSearchParams({ ...page.parameters, lang: other }).toString();
  const people = page.people
    .map(
      (p) =>
        `<li><button type="submit" name="person" value="${escapeHtml(p.id)}" aria-label="${escapeHtml(t.signInAs(p.displayName))}">${escapeHtml(p.displayName)}</button> <span>${escapeHtml(p.email)}</span>${p.jobTitle === null ? '' : ` · <span>${escapeHtml(p.jobTitle)}</span>`}</li>`,
    )
    .join('');
  return [
    '<!doctype html>',
    `<html lang="${page.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHtml(t.title)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}.notice{border:2px solid #8a5a00;background:#fff4ce;padding:.75rem;border-radius:4px}ul{list-style:none;padding:0}li{margin:.5rem 0}button{font:inherit;padding:.4rem .8rem;cursor:pointer}button:focus{outline:3px solid #0f6cbd;outline-offset:2px}</style>',
    '</head><body><main>',
    `<h1>${escapeHtml(t.title)}</h1>`,
    `<p class="notice" role="note"><strong>${escapeHtml(t.notice)}</strong></p>`,
    `<p><a href="?${escapeHtml(switchQuery)}" lang="${other}">${escapeHtml(t.switchTo)}</a></p>`,
    `<form method="post" action="${escapeHtml(page.action)}">${hidden}`,
    `<fieldset><legend><h2>${escapeHtml(t.heading(page.tenantName))}</h2></legend><ul>${people}</ul></fieldset>`,
    '</form>',
    `<p><small>${escapeHtml(t.client(page.clientId))}</small></p>`,
    '</main></body></html>',
  ].join('');
}
