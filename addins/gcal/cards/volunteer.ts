import { actionButton } from '../actions.ts';
import { assembleCard, escapeCardText, joinHtml, type Card, type SelectionItem, type Widget } from '../card.ts';
import { viewerFor, type CardContext, type Viewer } from '../viewer.ts';
import type { ThemeView, VolunteerFormView } from '../view-models.ts';
import { buttons, paragraph, themeName } from '../widgets.ts';
import { meetingFormats, roles } from '../../../src/model/schema.ts';

/** Form field names, read back by the volunteer action (they match the enrolment CSV's columns). */
export const volunteerFields = { role: 'role', offers: 'offers', wants: 'wants', languages: 'languages', format: 'format' } as const;

/** The form to volunteer for an open cohort: role, themes offered and wanted, languages, format. */
export function buildVolunteerCard(view: VolunteerFormView, context: CardContext): Card {
  const viewer = viewerFor(context);
  const { cohort, answers } = view;
  const facts = viewer.html('volunteer.facts', {
    sessions: cohort.sessions,
    minutes: cohort.sessionMinutes,
    start: viewer.date(cohort.start),
  });
  const widgets: Widget[] = [
    paragraph(joinHtml([facts, viewer.html('volunteer.intro')], '<br>')),
    {
      selectionInput: {
        name: volunteerFields.role,
        label: viewer.plain('volunteer.role'),
        type: 'RADIO_BUTTON',
        items: roles.map((role) => ({
          text: viewer.plain(role === 'mentor' ? 'volunteer.roleMentor' : 'volunteer.roleMentee'),
          value: role,
          selected: answers.role === role,
        })),
      },
    },
    themeChoice(viewer, volunteerFields.offers, viewer.plain('volunteer.offers'), view.themes, answers.offers),
    themeChoice(viewer, volunteerFields.wants, viewer.plain('volunteer.wants'), view.themes, answers.wants),
    {
      selectionInput: {
        name: volunteerFields.languages,
        label: viewer.plain('volunteer.languages'),
        type: 'CHECK_BOX',
        items: view.languages.map((code) => ({
          text: viewer.languageName(code),
          value: code,
          selected: answers.languages.includes(code),
        })),
      },
    },
    {
      selectionInput: {
        name: volunteerFields.format,
        label: viewer.plain('volunteer.format'),
        type: 'RADIO_BUTTON',
        items: meetingFormats.map((format) => ({
          text: viewer.plain(`format.${format}`),
          value: format,
          selected: (answers.format ?? 'either') === format,
        })),
      },
    },
    paragraph(viewer.html('volunteer.consent')),
    buttons(
      actionButton(viewer.base, viewer.plain('volunteer.submit'), 'volunteer', { cohortId: cohort.id }),
      actionButton(viewer.base, viewer.plain('common.cancel'), 'home', {}),
    ),
  ];
  return assembleCard('volunteer', { title: viewer.plain('volunteer.title') }, [{ header: escapeCardText(cohort.name), widgets }]);
}

function themeChoice(viewer: Viewer, name: string, label: string, themes: ThemeView[], chosen: string[]): Widget {
  const items: SelectionItem[] = themes.map((theme) => ({
    text: themeName(viewer, theme),
    value: theme.key,
    selected: chosen.includes(theme.key),
  }));
  return { selectionInput: { name, label, type: 'CHECK_BOX', items } };
}
