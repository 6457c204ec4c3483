import { actionButton } from '../actions.ts';
import { renderMessage } from '../../../contract/messages.ts';
import { assembleCard, escapeCardText, escapeMultiline, joinHtml, type Card, type CardHtml, type CardSection, type Widget } from '../card.ts';
import { viewerFor, type CardContext, type Viewer } from '../viewer.ts';
import type { CharterView, PairView } from '../view-models.ts';
import { buttons, decorated, paragraph, personHtml, themeName } from '../widgets.ts';

/** My pair: who the other person is, and the charter ("contrat moral") we both accept. */
export function buildPairCard(view: PairView, context: CardContext): Card {
  const viewer = viewerFor(context);
  const partnerRole = view.myRole === 'mentor' ? 'mentee' : 'mentor';
  const partner: CardSection = {
    header: escapeCardText(view.cohort.name),
    widgets: [
      decorated({ topLabel: viewer.plain(`role.partnerIs.${partnerRole}`), text: personHtml(view.partner), startIcon: { knownIcon: 'PERSON' } }),
      decorated({ topLabel: viewer.plain('pair.email'), text: escapeCardText(view.partner.email), startIcon: { knownIcon: 'EMAIL' } }),
      decorated({ topLabel: viewer.plain('pair.timeZone'), text: escapeCardText(viewer.zoneName(view.partner.timeZone)), startIcon: { knownIcon: 'MAP_PIN' } }),
      ...(view.reasons.length === 0 ? [] : [decorated({ topLabel: viewer.plain('pair.why'), text: reasonsHtml(viewer, view.reasons), startIcon: { knownIcon: 'STAR' } })]),
    ],
  };
  const navigation: CardSection = {
    widgets: [
      buttons(
        actionButton(viewer.base, viewer.plain('pair.sessions'), 'open-sessions', { pairId: view.pairId }),
        actionButton(viewer.base, viewer.plain('common.home'), 'home', {}),
      ),
    ],
  };
  return assembleCard('pair', { title: viewer.plain('pair.title') }, [partner, charterSection(viewer, view.pairId, view.charter), navigation]);
}

/** Each reason in the viewer's language from the message catalogue (themes by their labels), one per line. */
function reasonsHtml(viewer: Viewer, reasons: PairView['reasons']): CardHtml {
  return joinHtml(
    reasons.map((reason) => escapeCardText(`• ${renderMessage('pair', reason, viewer.language, { fallback: reason.message })}`)),
    '<br>',
  );
}

function charterSection(viewer: Viewer, pairId: string, charter: CharterView): CardSection {
  const goals =
    charter.goals.length === 0
      ? viewer.html('charter.noGoals')
      : joinHtml(charter.goals.map((goal) => escapeMultiline(`• ${goal}`)), '<br>');
  const themes =
    charter.themes.length === 0
      ? viewer.html('charter.noThemes')
      : joinHtml(charter.themes.map((theme) => escapeCardText(themeName(viewer, theme))), ', ');
  const acceptance = joinHtml(
    [
      charter.acceptedByMe === null ? viewer.html('charter.notAcceptedByMe') : viewer.html('charter.acceptedByMe', { date: viewer.day(charter.acceptedByMe) }),
      charter.acceptedByPartner === null
        ? viewer.html('charter.notAcceptedByPartner')
        : viewer.html('charter.acceptedByPartner', { date: viewer.day(charter.acceptedByPartner) }),
    ],
    '<br>',
  );
  const widgets: Widget[] = [
    paragraph(viewer.html('charter.intro')),
    decorated({ topLabel: viewer.plain('charter.goals'), text: goals, startIcon: { knownIcon: 'STAR' } }),
    decorated({ topLabel: viewer.plain('charter.themes'), text: themes, startIcon: { knownIcon: 'BOOKMARK' } }),
    decorated({
      topLabel: viewer.plain('charter.rhythm'),
      text: viewer.html('charter.rhythmText', { sessions: charter.sessions, minutes: charter.sessionMinutes, months: charter.months }),
      startIcon: { knownIcon: 'CLOCK' },
    }),
    paragraph(viewer.html('charter.confidentiality')),
    paragraph(viewer.html('charter.respect')),
    paragraph(viewer.html('charter.rightToStop')),
    decorated({ topLabel: viewer.plain('charter.acceptance'), text: acceptance, startIcon: { knownIcon: 'DESCRIPTION' } }),
  ];
  if (charter.acceptedByMe === null) {
    widgets.push(buttons(actionButton(viewer.base, viewer.plain('charter.accept'), 'accept-charter', { pairId })));
  }
  return { header: viewer.html('charter.title'), widgets };
}
