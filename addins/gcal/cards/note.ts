import { actionButton } from '../actions.ts';
import { assembleCard, type Card, type Widget } from '../card.ts';
import { viewerFor, type CardContext } from '../viewer.ts';
import type { NoteEditorView } from '../view-models.ts';
import { buttons, paragraph } from '../widgets.ts';

export const noteFields = { note: 'note', shared: 'shared' } as const;
/** The value the "share with my pair" box sends when ticked. */
export const sharedValue = 'yes';

/** Edit my private notes for one session, and choose whether my pair partner sees them. */
export function buildNoteCard(view: NoteEditorView, context: CardContext): Card {
  const viewer = viewerFor(context);
  const { session, note } = view;
  const widgets: Widget[] = [
    paragraph(viewer.html('note.privacy')),
    {
      textInput: {
        name: noteFields.note,
        label: viewer.plain('note.label'),
        type: 'MULTIPLE_LINE',
        hintText: viewer.plain('note.hint'),
        // The person's own words go back into the field as they wrote them: an input
        // value is not markup, and escaping it would corrupt the note on every save.
        ...(note === null ? {} : { value: note.text }),
      },
    },
    {
      selectionInput: {
        name: noteFields.shared,
        label: viewer.plain('note.share'),
        type: 'CHECK_BOX',
        items: [{ text: viewer.plain('note.shareWithPair'), value: sharedValue, selected: note?.shared ?? false }],
      },
    },
    buttons(
      actionButton(viewer.base, viewer.plain('note.save'), 'save-note', { sessionId: session.id }),
      actionButton(viewer.base, viewer.plain('common.cancel'), 'open-session', { sessionId: session.id }),
    ),
  ];
  const subtitle = `${viewer.plain('session.ordinal', { index: session.index, total: session.total })} · ${viewer.day(session.start)}`;
  return assembleCard('note', { title: viewer.plain('note.title'), subtitle }, [{ widgets }]);
}
