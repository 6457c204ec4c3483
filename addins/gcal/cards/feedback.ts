import { actionButton } from '../actions.ts';
import { assembleCard, type Card, type Widget } from '../card.ts';
import { viewerFor, type CardContext } from '../viewer.ts';
import type { FeedbackFormView } from '../view-models.ts';
import { buttons, paragraph, sessionLabel } from '../widgets.ts';

export const feedbackFields = { satisfaction: 'satisfaction', recommend: 'recommend', learnt: 'learnt', comment: 'comment' } as const;
/** Best first: the eye lands on the top answer. */
export const satisfactionScores = [5, 4, 3, 2, 1] as const;
export const recommendValues = { yes: 'yes', no: 'no' } as const;

/** After a session: satisfaction 1-5, would I recommend it, what I learnt, anything else. */
export function buildFeedbackCard(view: FeedbackFormView, context: CardContext): Card {
  const viewer = viewerFor(context);
  const { session } = view;
  const widgets: Widget[] = [
    paragraph(viewer.html('feedback.intro', { name: view.partnerName })),
    {
      selectionInput: {
        name: feedbackFields.satisfaction,
        label: viewer.plain('feedback.satisfaction'),
        type: 'RADIO_BUTTON',
        items: satisfactionScores.map((score) => ({ text: viewer.plain(`feedback.score.${score}`), value: String(score), selected: false })),
      },
    },
    {
      selectionInput: {
        name: feedbackFields.recommend,
        label: viewer.plain('feedback.recommend'),
        type: 'RADIO_BUTTON',
        items: [
          { text: viewer.plain('common.yes'), value: recommendValues.yes, selected: false },
          { text: viewer.plain('common.no'), value: recommendValues.no, selected: false },
        ],
      },
    },
    { textInput: { name: feedbackFields.learnt, label: viewer.plain('feedback.learnt'), type: 'MULTIPLE_LINE', hintText: viewer.plain('feedback.learntHint') } },
    { textInput: { name: feedbackFields.comment, label: viewer.plain('feedback.comment'), type: 'MULTIPLE_LINE' } },
    buttons(
      actionButton(viewer.base, viewer.plain('feedback.submit'), 'send-feedback', { sessionId: session.id }),
      actionButton(viewer.base, viewer.plain('common.cancel'), 'open-session', { sessionId: session.id }),
    ),
  ];
  return assembleCard('feedback', { title: viewer.plain('feedback.title'), subtitle: sessionLabel(viewer, session) }, [{ widgets }]);
}
