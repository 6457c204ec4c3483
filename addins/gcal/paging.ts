import { actionButton, type ActionParameters } from './actions.ts';
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

type PagedAction = 'open-library' | 'open-reader';

/** "Previous page" / "Next page" buttons that call the same action with the page changed. */
export function pageButtons<N extends PagedAction>(
  viewer: Viewer,
  page: Page<unknown>,
  action: N,
  parameters: Omit<ActionParameters<N>, 'page'>,
): Button[] {
  const at = (target: number): ActionParameters<N> => ({ ...parameters, page: String(target) }) as ActionParameters<N>;
  const out: Button[] = [];
  if (page.page > 1) out.push(actionButton(viewer.base, viewer.plain('reader.previous'), action, at(page.page - 1)));
  if (page.page < page.pages) out.push(actionButton(viewer.base, viewer.plain('reader.next'), action, at(page.page + 1)));
  return out;
}
