import { actionButton } from '../actions.ts';
import { assembleCard, escapeCardText, type Card, type Widget } from '../card.ts';
import { viewerFor, type CardContext, type Viewer } from '../viewer.ts';
import type { ErrorView } from '../view-models.ts';
import { buttons, decorated, paragraph } from '../widgets.ts';

/**
 * What a person reads for an expected failure: our own sentence for its code (the
 * API's English message is for logs and developers), the field it concerns, the code
 * to quote to HR, and a way back.
 */
export function errorMessage(viewer: Viewer, error: ErrorView): string {
  const key = `errors.${error.code}`;
  return viewer.plain(viewer.has(key) ? key : 'errors.UNKNOWN');
}

export function buildErrorCard(error: ErrorView, context: CardContext): Card {
  const viewer = viewerFor(context);
  const key = `errors.${error.code}`;
  const widgets: Widget[] = [paragraph(viewer.html(viewer.has(key) ? key : 'errors.UNKNOWN'))];
  if (error.field !== undefined) widgets.push(paragraph(viewer.html('error.field', { field: error.field })));
  widgets.push(decorated({ topLabel: viewer.plain('error.code'), text: escapeCardText(error.code) }));
  widgets.push(buttons(actionButton(viewer.base, viewer.plain('common.home'), 'home', {})));
  return assembleCard('error', { title: viewer.plain('error.title') }, [{ widgets }]);
}
