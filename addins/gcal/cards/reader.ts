import { actionButton } from '../actions.ts';
import { assembleCard, escapeCardText, escapeMultiline, trustedHtml, type Card, type CardHtml, type CardSection } from '../card.ts';
import { pageButtons, pageOf } from '../paging.ts';
import { viewerFor, type CardContext } from '../viewer.ts';
import type { DocumentView } from '../view-models.ts';
import { buttons, paragraph } from '../widgets.ts';

/** Paragraphs per page: a comfortable read, well under the card's widget limit with the buttons. */
export const readerParagraphsPerPage = 30;

interface Block {
  heading: CardHtml | undefined;
  text: CardHtml;
}

/** A training module or a session guide, page by page. */
export function buildReaderCard(view: DocumentView, context: CardContext, requestedPage = 1): Card {
  const viewer = viewerFor(context);
  const blocks: Block[] = view.sections.flatMap((section) => {
    const heading = section.heading === null || section.heading === '' ? undefined : escapeCardText(section.heading);
    return section.paragraphs.map((text) => ({ heading, text: escapeMultiline(text) }));
  });
  const page = pageOf(blocks, requestedPage, readerParagraphsPerPage);
  const sections: CardSection[] = [];
  if (page.page === 1) sections.push({ widgets: [paragraph(trustedHtml(`<b>${escapeCardText(view.title)}</b>`))] });
  for (const block of page.items) {
    const last = sections.at(-1);
    // A document section cut by a page break keeps its heading on the next page.
    if (last !== undefined && last.header === block.heading) {
      last.widgets.push(paragraph(block.text));
    } else {
      sections.push({ ...(block.heading === undefined ? {} : { header: block.heading }), widgets: [paragraph(block.text)] });
    }
  }
  sections.push({
    widgets: [
      buttons(
        ...pageButtons(viewer, page, 'open-reader', { documentId: view.id }),
        actionButton(viewer.base, viewer.plain('reader.backToLibrary'), 'open-library', {}),
      ),
    ],
  });
  const subtitle = page.pages > 1 ? viewer.plain('reader.page', { page: page.page, pages: page.pages }) : undefined;
  return assembleCard('reader', { title: viewer.plain(`reader.${view.kind}`), ...(subtitle === undefined ? {} : { subtitle }) }, sections);
}
