import type { FastifyRequest } from 'fastify';
import type { AuthErrorCode } from '../../auth/errors.ts';

/**
 * What a browser sees when signing in to the pane fails at the callback: a small
 * page in the viewer's language (French unless the browser prefers English) that
 * says what happened and offers to sign in again. API clients asking for JSON keep
 * the project's error body.
 */

export type FailureLanguage = 'fr' | 'en';

/** Why the callback refused, in words a person can act on. */
export type SignInFailure =
  /** No sign-in waits in this browser: it expired, was finished already, or started elsewhere. */
  | { kind: 'not-started' }
  /** The identity provider answered with an error (the person cancelled, consent refused…). */
  | { kind: 'provider-refused'; error: string; description: string }
  /** The tenant that started the sign-in no longer offers it. */
  | { kind: 'tenant-gone' }
  /** The answer did not check out (state, PKCE, code already used or expired). */
  | { kind: 'answer-unchecked' }
  /** The ID token was refused: expired, another tenant, wrong audience… */
  | { kind: 'token-refused'; code: AuthErrorCode };

const words = {
  fr: {
    title: 'La connexion n’a pas abouti',
    'not-started': 'Cette connexion a expiré, a déjà servi, ou a été commencée dans un autre navigateur ou un autre onglet.',
    'provider-refused': (error: string) => `Le fournisseur d’identité a refusé la connexion (${error}).`,
    'tenant-gone': 'Votre organisation ne propose plus la connexion à l’espace RH de Binome ici.',
    'answer-unchecked': 'La réponse du fournisseur d’identité n’a pas pu être vérifiée : le lien de retour a peut-être déjà servi ou expiré.',
    'token-refused': 'Votre identité n’a pas pu être vérifiée pour cette organisation.',
    TOKEN_EXPIRED: 'La connexion a pris trop de temps et a expiré.',
    TENANT_NOT_ALLOWED: 'Ce compte appartient à une organisation que ce service ne sert pas.',
    detail: 'Détail technique',
    again: 'Se connecter à nouveau',
    hint: 'Si le problème persiste, fermez les autres onglets de Binome, puis réessayez ; sinon, transmettez le détail ci-dessous à la personne qui a installé Binome dans votre organisation.',
  },
  en: {
    title: 'Signing in did not work',
    'not-started': 'This sign-in expired, was used already, or was started in another browser or tab.',
    'provider-refused': (error: string) => `The identity provider refused the sign-in (${error}).`,
    'tenant-gone': 'Your organisation no longer offers sign-in to Binome’s HR space here.',
    'answer-unchecked': 'The identity provider’s answer could not be checked: the way back may have been used already or have expired.',
    'token-refused': 'Your identity could not be checked for this organisation.',
    TOKEN_EXPIRED: 'Signing in took too long and expired.',
    TENANT_NOT_ALLOWED: 'This account belongs to an organisation this service does not serve.',
    detail: 'Technical detail',
    again: 'Sign in again',
    hint: 'If it happens again, close Binome’s other tabs and retry; otherwise pass the detail below to whoever set Binome up in your organisation.',
  },
} as const;

/** French unless the browser's first choice among French and English is English. */
export function failureLanguage(acceptLanguage: string | undefined): FailureLanguage {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((l) => l.q > 0 && (l.tag.startsWith('fr') || l.tag.startsWith('en')))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.tag.startsWith('en') === true ? 'en' : 'fr';
}

/** A browser navigating (it asks for HTML) rather than a client asking for JSON. */
export function wantsPage(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html') && !/^\s*application\/json/.test(accept);
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function explanation(failure: SignInFailure, lang: FailureLanguage): string {
  const w = words[lang];
  switch (failure.kind) {
    case 'provider-refused':
      return w['provider-refused'](failure.error);
    case 'token-refused':
      return failure.code === 'TOKEN_EXPIRED' || failure.code === 'TENANT_NOT_ALLOWED' ? w[failure.code] : w['token-refused'];
    default:
      return w[failure.kind];
  }
}

/** The page: what happened, the code and message for whoever helps, and the way back in. */
export function renderFailurePage(failure: SignInFailure, code: string, message: string, lang: FailureLanguage, signInAgain: string): string {
  const w = words[lang];
  const detail = failure.kind === 'provider-refused' && failure.description !== '' ? `${code}: ${message} (${failure.description})` : `${code}: ${message}`;
  return [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHtml(w.title)} · Binome</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.5}',
    'a.again{display:inline-block;background:#0f6cbd;color:#fff;padding:.5rem 1rem;border-radius:4px;text-decoration:none;font-weight:600}',
    'a:focus{outline:3px solid #1b1b1b;outline-offset:2px}code{background:#f3f2f1;padding:.1rem .3rem;word-break:break-word}</style>',
    '</head><body><main>',
    `<h1>${escapeHtml(w.title)}</h1>`,
    `<p>${escapeHtml(explanation(failure, lang))}</p>`,
    `<p><a class="again" href="${escapeHtml(signInAgain)}">${escapeHtml(w.again)}</a></p>`,
    `<p>${escapeHtml(w.hint)}</p>`,
    `<p><small>${escapeHtml(w.detail)}${lang === 'fr' ? '\u202f:' : ':'} <code>${escapeHtml(detail)}</code></small></p>`,
    '</main></body></html>',
  ].join('');
}
