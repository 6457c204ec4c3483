import { actionButton } from '../actions.ts';
import { assembleCard, escapeCardText, type Card, type Widget } from '../card.ts';
import { viewerFor, type CardContext } from '../viewer.ts';
import type { MoveView } from '../view-models.ts';
import { buttons, decorated, paragraph, sessionLabel } from '../widgets.ts';

export const moveFields = { slot: 'slot' } as const;

/** Enough choices to find one that suits, few enough to read on a phone. */
export const maxSlotChoices = 10;

/** Move a session: the next common free slots the service proposes; the person picks one. */
export function buildMoveCard(view: MoveView, context: CardContext): Card {
  const viewer = viewerFor(context);
  const { session } = view;
  const widgets: Widget[] = [
    decorated({ topLabel: viewer.plain('move.current'), text: escapeCardText(viewer.range(session.start, session.end)), startIcon: { knownIcon: 'CLOCK' } }),
  ];
  const slots = view.slots.slice(0, maxSlotChoices);
  const back = actionButton(viewer.base, viewer.plain('move.backToSession'), 'open-session', { sessionId: session.id });
  if (slots.length === 0) {
    widgets.push(paragraph(viewer.html('move.noSlot', { name: view.partnerName })), buttons(back));
  } else {
    const found = view.note?.code === 'FEWER_SLOTS' ? view.note.params['found'] : undefined;
    widgets.push(
      paragraph(viewer.html('move.intro', { name: view.partnerName })),
      ...(typeof found === 'number' ? [paragraph(viewer.html('move.fewerSlots', { count: found, asked: view.note?.params['asked'] ?? found }))] : []),
      {
        selectionInput: {
          name: moveFields.slot,
          label: viewer.plain('move.slot'),
          type: 'RADIO_BUTTON',
          items: slots.map((slot, i) => ({ text: viewer.range(slot.start, slot.end), value: slot.start, selected: i === 0 })),
        },
      },
      buttons(actionButton(viewer.base, viewer.plain('move.confirm'), 'move-session', { sessionId: session.id }), back),
    );
  }
  return assembleCard('move', { title: viewer.plain('move.title'), subtitle: sessionLabel(viewer, session) }, [{ widgets }]);
}
