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

/** Every endpoint a card button can call, under `${base}/actions/`. */
export const actionNames = [
  'home',
  'open-volunteer',
  'volunteer',
  'open-pair',
  'accept-charter',
  'open-sessions',
  'open-session',
  'open-move',
  'move-session',
  'open-note',
  'save-note',
  'open-feedback',
  'send-feedback',
  'open-library',
  'open-reader',
] as const;
export type ActionName = (typeof actionNames)[number];

/** The triggers the deployment descriptor names, under the same base. */
export const triggerPaths = { home: 'home', eventOpen: 'event-open' } as const;

export function actionUrl(base: AddOnBaseUrl, name: ActionName): string {
  return `${base}/actions/${name}`;
}

export function triggerUrl(base: AddOnBaseUrl, trigger: keyof typeof triggerPaths): string {
  return `${base}/${triggerPaths[trigger]}`;
}

export function callAction(base: AddOnBaseUrl, name: ActionName, parameters: Record<string, string> = {}): OnClick {
  const list: ActionParameter[] = Object.entries(parameters).map(([key, value]) => ({ key, value }));
  return { action: { function: actionUrl(base, name), parameters: list, loadIndicator: 'SPINNER' } };
}

export function actionButton(
  base: AddOnBaseUrl,
  text: string,
  name: ActionName,
  parameters: Record<string, string> = {},
): Button {
  return { text, onClick: callAction(base, name, parameters) };
}
