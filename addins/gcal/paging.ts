import { actionButton, type ActionName, type AddOnBaseUrl } from './actions.ts';
import type { Button } from './card.ts';
import type { Viewer } from './viewer.ts';

/**
 * Lists that could outgrow a card (a long document, a big catalogue) are cut into
 * pages instead of being cut short: the 100-widget limit is never reached by data.
 */
export interface Page<T> {
  items: T[];
  /** 1-based, clamped into [1, pages]. */
  page: number;
  pages: number;
}

export function pageOf<T>(items: readonly T[], requested: number, perPage: number): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const page = Number.isInteger(requested) ? Math.min(Math.max(requested, 1), pages) : 1;
  return { items: items.slice((page - 1) * perPage, page * perPage), page, pages };
}

/** "Previous page" / "Next page" buttons that call the same action with the page changed. */
export function pageButtons(
  viewer: Viewer,
  base: AddOnBaseUrl,
  page: Page<unknown>,
  action: ActionName,
  parameters: Record<string, string>,
): Button[] {
  const out: Button[] = [];
  if (page.page > 1) out.push(actionButton(base, viewer.plain('reader.previous'), action, { ...parameters, page: String(page.page - 1) }));
  if (page.page < page.pages) out.push(actionButton(base, viewer.plain('reader.next'), action, { ...parameters, page: String(page.page + 1) }));
  return out;
}
