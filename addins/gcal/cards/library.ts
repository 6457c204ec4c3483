import { actionButton } from '../actions.ts';
import { assembleCard, escapeCardText, type Card, type CardSection, type Widget } from '../card.ts';
import { pageButtons, pageOf } from '../paging.ts';
import { viewerFor, type CardContext } from '../viewer.ts';
import type { LibraryView } from '../view-models.ts';
import { buttons, decorated, paragraph, themeName } from '../widgets.ts';

/** Entries per page: a screenful, far under the card's widget limit. */
export const libraryEntriesPerPage = 40;

type Entry = { kind: 'training'; module: LibraryView['training'][number] } | { kind: 'guide'; guide: LibraryView['guides'][number] };

/** Mentor training and per-theme session guides, each opening in the reader; long catalogues page. */
export function buildLibraryCard(view: LibraryView, context: CardContext, requestedPage = 1): Card {
  const viewer = viewerFor(context);
  const entries: Entry[] = [
    ...view.training.map((module): Entry => ({ kind: 'training', module })),
    ...view.guides.map((guide): Entry => ({ kind: 'guide', guide })),
  ];
  const page = pageOf(entries, requestedPage, libraryEntriesPerPage);
  const read = (documentId: string) => actionButton(viewer.base, viewer.plain('library.read'), 'open-reader', { documentId, page: '1' });
  const training: Widget[] = [];
  const guides: Widget[] = [];
  for (const entry of page.items) {
    if (entry.kind === 'training') {
      training.push(
        decorated({
          text: escapeCardText(entry.module.title),
          bottomLabel: viewer.plain('library.minutes', { minutes: entry.module.minutes }),
          startIcon: { knownIcon: 'DESCRIPTION' },
          button: read(entry.module.id),
        }),
      );
    } else {
      guides.push(
        decorated({
          topLabel: themeName(viewer, entry.guide.theme),
          text: escapeCardText(entry.guide.title),
          startIcon: { knownIcon: 'BOOKMARK' },
          button: read(entry.guide.id),
        }),
      );
    }
  }
  const sections: CardSection[] = [];
  if (training.length > 0 || view.training.length === 0) {
    sections.push({ header: viewer.html('library.training'), widgets: training.length > 0 ? training : [paragraph(viewer.html('library.noTraining'))] });
  }
  if (guides.length > 0 || view.guides.length === 0) {
    sections.push({ header: viewer.html('library.guides'), widgets: guides.length > 0 ? guides : [paragraph(viewer.html('library.noGuides'))] });
  }
  sections.push({
    widgets: [buttons(...pageButtons(viewer, page, 'open-library', {}), actionButton(viewer.base, viewer.plain('common.home'), 'home', {}))],
  });
  const subtitle = page.pages > 1 ? viewer.plain('reader.page', { page: page.page, pages: page.pages }) : undefined;
  return assembleCard('library', { title: viewer.plain('library.title'), ...(subtitle === undefined ? {} : { subtitle }) }, sections);
}
