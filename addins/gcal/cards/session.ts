import { actionButton } from '../actions.ts';
import { assembleCard, escapeCardText, escapeMultiline, type Card, type CardSection, type Widget } from '../card.ts';
import { renderMessage } from '../../../contract/messages.ts';
import { viewerFor, type CardContext, type Viewer } from '../viewer.ts';
import type { SessionView } from '../view-models.ts';
import { buttons, decorated, paragraph, personHtml, sessionLabel, themeName } from '../widgets.ts';

/** One session: when and with whom, the agenda from the theme's guide, notes, move, feedback. */
export function buildSessionCard(view: SessionView, context: CardContext): Card {
  const viewer = viewerFor(context);
  const { session } = view;
  const facts: Widget[] = [
    decorated({ topLabel: sessionLabel(viewer, session), text: escapeCardText(viewer.range(session.start, session.end)), startIcon: { knownIcon: 'CLOCK' } }),
    decorated({ topLabel: viewer.plain('session.with'), text: personHtml(view.partner), startIcon: { knownIcon: 'PERSON' } }),
  ];
  if (session.theme !== null) {
    facts.push(decorated({ topLabel: viewer.plain('session.theme'), text: escapeCardText(themeName(viewer, session.theme)), startIcon: { knownIcon: 'BOOKMARK' } }));
  }
  if (session.meetingUrl !== null && session.status !== 'cancelled') {
    facts.push(buttons({ text: viewer.plain('session.join'), onClick: { openLink: { url: session.meetingUrl } } }));
  }
  return assembleCard(
    'session',
    { title: viewer.plain('session.ordinal', { index: session.index, total: session.total }), subtitle: viewer.day(session.start) },
    [{ widgets: facts }, agendaSection(viewer, view), notesSection(viewer, view), actionsSection(viewer, view)],
  );
}

function agendaSection(viewer: Viewer, view: SessionView): CardSection {
  if (view.guide === null) return { widgets: [paragraph(viewer.html('session.noGuide'))] };
  return {
    header: viewer.html('session.agenda', { title: view.guide.title }),
    widgets: view.guide.agenda.map((step) =>
      decorated({ topLabel: viewer.plain('session.minutes', { minutes: step.minutes }), text: escapeMultiline(step.text) }),
    ),
  };
}

function notesSection(viewer: Viewer, view: SessionView): CardSection {
  const widgets: Widget[] = [];
  if (view.myNote === null || view.myNote.text.trim() === '') {
    widgets.push(paragraph(viewer.html('session.noNote')));
  } else {
    widgets.push(
      decorated({
        topLabel: viewer.plain(view.myNote.shared ? 'session.myNoteShared' : 'session.myNotePrivate'),
        text: escapeMultiline(view.myNote.text),
        startIcon: { knownIcon: 'DESCRIPTION' },
      }),
    );
  }
  if (view.partnerNote !== null && view.partnerNote.shared && view.partnerNote.text.trim() !== '') {
    widgets.push(
      decorated({ topLabel: viewer.plain('session.partnerNote'), text: escapeMultiline(view.partnerNote.text), startIcon: { knownIcon: 'DESCRIPTION' } }),
    );
  }
  const label = view.myNote === null ? 'session.writeNote' : 'session.editNote';
  widgets.push(buttons(actionButton(viewer.base, viewer.plain(label), 'open-note', { sessionId: view.session.id })));
  return { header: viewer.html('session.notes'), widgets };
}

function actionsSection(viewer: Viewer, view: SessionView): CardSection {
  const { session } = view;
  const widgets: Widget[] = [];
  if (session.feedback === 'given') widgets.push(paragraph(viewer.html('session.feedbackGiven')));
  if (session.feedback === 'not-yet' && session.status !== 'cancelled') widgets.push(paragraph(viewer.html('session.feedbackLater')));
  if (view.failedMove !== null && view.failedMove !== undefined) {
    const reason = renderMessage('failure', view.failedMove, viewer.language, { timeZone: viewer.timeZone, fallback: viewer.plain('move.failedReason') });
    widgets.push(paragraph(viewer.html('move.failed', { reason, when: viewer.range(session.start, session.end) })));
  }
  const actions = [];
  if (view.canMove) actions.push(actionButton(viewer.base, viewer.plain('session.move'), 'open-move', { sessionId: session.id }));
  if (session.feedback === 'open') actions.push(actionButton(viewer.base, viewer.plain('session.giveFeedback'), 'open-feedback', { sessionId: session.id }));
  actions.push(actionButton(viewer.base, viewer.plain('session.allSessions'), 'open-sessions', { pairId: view.pairId }));
  widgets.push(buttons(...actions));
  return { widgets };
}
