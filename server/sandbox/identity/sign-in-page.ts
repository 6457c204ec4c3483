import { escapeHtml } from '../page/calendar-page.ts';
import type { SandboxUser } from '../state.ts';
import { featuredRoles, type FeaturedRole } from './featured.ts';

export type SignInLanguage = 'fr' | 'en';


/** The query field the filter form sends; never carried on as an authorization parameter. */
export const filterField = 'filter';

const text = {
  fr: {
    title: 'Connexion de démonstration',
    notice: 'Bac à sable : connexion de démonstration. Aucun mot de passe n’est demandé et aucune vraie identité n’est vérifiée ; cette page n’existe que dans le bac à sable local.',
    heading: (tenant: string) => `Se connecter à ${tenant} en tant que…`,
    signInAs: (name: string) => `Se connecter en tant que ${name}`,
    client: (clientId: string) => `Application qui demande la connexion : ${clientId}`,
    switchTo: 'English',
    featured: 'Les personnes de la démo',
    everyone: 'Tout le monde, par nom',
    role: { hr: 'RH de la démo', mentor: 'mentor junior de la démo', mentee: 'mentoré·e senior de la démo' } satisfies Record<FeaturedRole, string>,
    filter: 'Filtrer par nom, adresse, poste ou service',
    apply: 'Filtrer',
    clear: 'Tout afficher',
    shown: (shown: number, total: number) => (shown === total ? `${total} personnes` : `${shown} personne${shown > 1 ? 's' : ''} sur ${total}`),
    none: (filter: string) => `Personne ne correspond à « ${filter} ».`,
  },
  en: {
    title: 'Demo sign-in',
    notice: 'Sandbox: demo sign-in. No password is asked and no real identity is checked; this page exists only in the local sandbox.',
    heading: (tenant: string) => `Sign in to ${tenant} as…`,
    signInAs: (name: string) => `Sign in as ${name}`,
    client: (clientId: string) => `Application asking for sign-in: ${clientId}`,
    switchTo: 'Français',
    featured: 'The demo’s people',
    everyone: 'Everyone, by name',
    role: { hr: 'the demo’s HR', mentor: 'the demo’s junior mentor', mentee: 'the demo’s senior mentee' } satisfies Record<FeaturedRole, string>,
    filter: 'Filter by name, address, job title or department',
    apply: 'Filter',
    clear: 'Show everyone',
    shown: (shown: number, total: number) => (shown === total ? `${total} people` : `${shown} of ${total} people`),
    none: (filter: string) => `Nobody matches “${filter}”.`,
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
  /** The demo's named people, by sandbox user id. */
  featured: ReadonlyMap<string, FeaturedRole>;
  /** What the person typed in the filter box; empty shows everyone. */
  filter: string;
}

/** Lower case, without accents: "Hélène" is found by "helene". */
const folded = (value: string): string => value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function matches(person: SandboxUser, filter: string): boolean {
  if (filter === '') return true;
  const haystack = folded([person.displayName, person.email, person.jobTitle ?? '', person.department ?? ''].join(' '));
  return folded(filter)
    .split(/\s+/)
    .every((word) => haystack.includes(word));
}

/**
 * The sandbox's demo sign-in: pick one of the tenant's people. The demo's named people
 * come first, the rest by name in the page's language; a filter box (a plain GET
 * form) narrows both lists. Plain HTML, no script.
 */
export function renderSignInPage(page: SignInPage): string {
  const t = text[page.language];
  const carried = Object.entries(page.parameters).filter(([name]) => name !== 'lang' && name !== filterField);
  const hidden = (fields: [string, string][]) => fields.map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join('');
  const other: SignInLanguage = page.language === 'fr' ? 'en' : 'fr';
  const switchQuery = new URLSearchParams([...carried, ...(page.filter === '' ? [] : [[filterField, page.filter]]), ['lang', other]]).toString();
  const clearQuery = new URLSearchParams([...carried, ['lang', page.language]]).toString();

  const collator = new Intl.Collator(page.language, { sensitivity: 'base' });
  const byName = (a: SandboxUser, b: SandboxUser) => collator.compare(a.displayName, b.displayName) || a.email.localeCompare(b.email);
  const rank = (p: SandboxUser) => featuredRoles.indexOf(page.featured.get(p.id) ?? 'hr');
  const shown = page.people.filter((p) => matches(p, page.filter));
  const featured = shown.filter((p) => page.featured.has(p.id)).sort((a, b) => rank(a) - rank(b) || byName(a, b));
  const everyone = shown.filter((p) => !page.featured.has(p.id)).sort(byName);

  const item = (p: SandboxUser) => {
    const role = page.featured.get(p.id);
    const details = [p.email, p.jobTitle, p.department].filter((d): d is string => d !== null && d !== '').map(escapeHtml).join(' · ');
    return (
      `<li><button type="submit" name="person" value="${escapeHtml(p.id)}" aria-label="${escapeHtml(t.signInAs(p.displayName))}">${escapeHtml(p.displayName)}</button>` +
      `${role === undefined ? '' : ` <strong class="role">${escapeHtml(t.role[role])}</strong>`} <span>${details}</span></li>`
    );
  };
  const section = (id: string, title: string, people: SandboxUser[]) =>
    people.length === 0 ? '' : `<section aria-labelledby="${id}"><h3 id="${id}">${escapeHtml(title)}</h3><ul>${people.map(item).join('')}</ul></section>`;

  return [
    '<!doctype html>',
    `<html lang="${page.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHtml(t.title)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}.notice{border:2px solid #8a5a00;background:#fff4ce;padding:.75rem;border-radius:4px}',
    'ul{list-style:none;padding:0}li{margin:.5rem 0}button,input{font:inherit;padding:.4rem .8rem}button{cursor:pointer}button:focus,input:focus,a:focus{outline:3px solid #0f6cbd;outline-offset:2px}',
    '.role{background:#e0ecf9;color:#0b3f73;padding:.1rem .4rem;border-radius:3px;font-weight:600}.filter{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}.filter label{display:flex;flex-direction:column;gap:.25rem}fieldset{border:1px solid #8a8886}</style>',
    '</head><body><main>',
    `<h1>${escapeHtml(t.title)}</h1>`,
    `<p class="notice" role="note"><strong>${escapeHtml(t.notice)}</strong></p>`,
    `<p><a href="?${escapeHtml(switchQuery)}" lang="${other}">${escapeHtml(t.switchTo)}</a></p>`,
    `<form method="get" action="${escapeHtml(page.action)}" class="filter" role="search">${hidden([...carried, ['lang', page.language]])}`,
    `<label>${escapeHtml(t.filter)}<input type="search" name="${filterField}" value="${escapeHtml(page.filter)}" autocomplete="off"></label>`,
    `<button type="submit">${escapeHtml(t.apply)}</button>${page.filter === '' ? '' : ` <a href="?${escapeHtml(clearQuery)}">${escapeHtml(t.clear)}</a>`}</form>`,
    `<p role="status">${escapeHtml(shown.length === 0 ? t.none(page.filter) : t.shown(shown.length, page.people.length))}</p>`,
    `<form method="post" action="${escapeHtml(page.action)}">${hidden(carried)}`,
    `<fieldset><legend><h2>${escapeHtml(t.heading(page.tenantName))}</h2></legend>`,
    section('featured-people', t.featured, featured),
    section('everyone', t.everyone, everyone),
    '</fieldset></form>',
    `<p><small>${escapeHtml(t.client(page.clientId))}</small></p>`,
    '</main></body></html>',
  ].join('');
}
