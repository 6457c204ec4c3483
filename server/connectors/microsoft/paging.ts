/**
 * Follows `@odata.nextLink` until the last page (which may carry a
 * `@odata.deltaLink` instead). Links are opaque: fetched as given.
 */

export interface Page<T> {
  value: T[];
  '@odata.nextLink'?: string | undefined;
  '@odata.deltaLink'?: string | undefined;
}

/** 10,000 pages of 999 users is ten million people: past this a link loops. */
export const maxPages = 10_000;

export async function collectPages<T>(
  first: string,
  fetchPage: (link: string) => Promise<Page<T>>,
  pageCap: number = maxPages,
): Promise<{ items: T[]; deltaLink: string | null; pages: number }> {
  const items: T[] = [];
  const seen = new Set<string>();
  let link: string | undefined = first;
  let pages = 0;
  let deltaLink: string | null = null;
  while (link !== undefined) {
    if (pages >= pageCap) throw new RangeError(`paging stopped after ${pageCap} pages at ${link}`);
    if (seen.has(link)) throw new RangeError(`paging loops: ${link} came back twice`);
    seen.add(link);
    const page = await fetchPage(link);
    pages += 1;
    items.push(...page.value);
    deltaLink = page['@odata.deltaLink'] ?? deltaLink;
    link = page['@odata.nextLink'];
  }
  return { items, deltaLink, pages };
}
