import { z } from 'zod';
import type { ActionParameter, Button, OnClick } from './card.ts';

/**
 * Where the add-on's endpoints live. Google calls an HTTP add-on only over HTTPS; plain
 * HTTP is accepted for a loopback host so the demo can render cards for itself.
 */
export const AddOnBaseUrl = z
  .string()
  .trim()
  .pipe(z.url({ message: 'expected an absolute URL' }))
  .transform((text) => new URL(text))
  .refine((url) => url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname)), {
    message: 'the add-on base URL must use https (http only on a loopback host)',
  })
  .refine((url) => url.search === '' && url.hash === '', { message: 'the add-on base URL takes no query or fragment' })
  .transform((url) => `${url.origin}${url.pathname.replace(/\/+$/, '')}`)
  .brand<'AddOnBaseUrl'>();
export type AddOnBaseUrl = z.infer<typeof AddOnBaseUrl>;

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

const Id = z.string().min(1).max(200);
const PageNumber = z.string().regex(/^[1-9]\d{0,3}$/, 'a page number from 1');

/**
 * Every endpoint a card button can call, under `${base}/actions/`, with the parameters
 * its button carries. Builders can only attach these; routes read them back with
 * `readActionParameters`, so both sides agree on one list.
 */
export const actionParameters = {
  home: z.object({}),
  'open-volunteer': z.object({ cohortId: Id }),
  volunteer: z.object({ cohortId: Id }),
  'open-pair': z.object({ pairId: Id }),
  'accept-charter': z.object({ pairId: Id }),
  'open-sessions': z.object({ pairId: Id }),
  'open-session': z.object({ sessionId: Id }),
  'open-move': z.object({ sessionId: Id }),
  'move-session': z.object({ sessionId: Id }),
  'open-note': z.object({ sessionId: Id }),
  'save-note': z.object({ sessionId: Id }),
  'open-feedback': z.object({ sessionId: Id }),
  'send-feedback': z.object({ sessionId: Id }),
  'open-library': z.object({ page: PageNumber.optional() }),
  'open-reader': z.object({ documentId: Id, page: PageNumber }),
} as const;
export type ActionName = keyof typeof actionParameters;
export type ActionParameters<N extends ActionName> = z.infer<(typeof actionParameters)[N]>;
export const actionNames = Object.keys(actionParameters) as ActionName[];

/** The triggers the deployment descriptor names, under the same base. */
export const triggerPaths = { home: 'home', eventOpen: 'event-open' } as const;

export function actionUrl(base: AddOnBaseUrl, name: ActionName): string {
  return `${base}/actions/${name}`;
}

export function triggerUrl(base: AddOnBaseUrl, trigger: keyof typeof triggerPaths): string {
  return `${base}/${triggerPaths[trigger]}`;
}

export function callAction<N extends ActionName>(base: AddOnBaseUrl, name: N, parameters: ActionParameters<N>): OnClick {
  const list: ActionParameter[] = Object.entries(parameters as Record<string, string | undefined>).flatMap(([key, value]) =>
    value === undefined ? [] : [{ key, value }],
  );
  return { action: { function: actionUrl(base, name), parameters: list, loadIndicator: 'SPINNER' } };
}

export function actionButton<N extends ActionName>(base: AddOnBaseUrl, text: string, name: N, parameters: ActionParameters<N>): Button {
  return { text, onClick: callAction(base, name, parameters) };
}
