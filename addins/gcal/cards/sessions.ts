import { actionButton } from '../actions.ts';
import { assembleCard, escapeCardText, type Card, type Widget } from '../card.ts';
import { viewerFor, type CardContext } from '../viewer.ts';
import type { SessionsView } from '../view-models.ts';
import { buttons, decorated, paragraph, sessionLabel } from '../widgets.ts';

/** Every session of my pair, in my time zone, each one a tap away. */
export function buildSessionsCard(view: SessionsView, context: CardContext): Card {
  const viewer = viewerFor(context);
  const widgets: Widget[] = [paragraph(viewer.html('sessions.timeZoneNote', { zone: viewer.zoneName(viewer.timeZone) }))];
  if (view.sessions.length === 0) widgets.push(paragraph(viewer.html('sessions.none')));
  for (const session of view.sessions) {
    widgets.push(
      decorated({
        topLabel: sessionLabel(viewer, session),
        text: escapeCardText(viewer.range(session.start, session.end)),
        startIcon: { knownIcon: 'CLOCK' },
        button: actionButton(viewer.base, viewer.plain('common.open'), 'open-session', { sessionId: session.id }),
      }),
    );
  }
  widgets.push(buttons(actionButton(viewer.base, viewer.plain('common.home'), 'home', {})));
  return assembleCard('sessions', { title: viewer.plain('sessions.title') }, [
    { header: viewer.html('sessions.with', { name: view.partnerName }), widgets },
  ]);
}
