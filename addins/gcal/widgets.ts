import { escapeCardText, joinHtml, trustedHtml, type Button, type CardHtml, type DecoratedText, type Widget } from './card.ts';
import type { Viewer } from './viewer.ts';
import type { PersonView, SessionSummary, ThemeView } from './view-models.ts';

/** Small widget constructors shared by the card builders, so each builder reads as its screen. */

export function paragraph(text: CardHtml): Widget {
  return { textParagraph: { text } };
}

export function decorated(fields: DecoratedText): Widget {
  return { decoratedText: { wrapText: true, ...fields } };
}

export function buttons(...list: Button[]): Widget {
  return { buttonList: { buttons: list } };
}

export function divider(): Widget {
  return { divider: {} };
}

/** Our name for a catalogue theme, else the label HR gave it, else its key. */
export function themeName(viewer: Viewer, theme: ThemeView): string {
  const key = `themes.${theme.key}`;
  if (viewer.has(key)) return viewer.plain(key);
  return theme.label ?? theme.key;
}

/** "<b>Ana Martin</b><br>Data analyst · Finance", every part escaped. */
export function personHtml(person: PersonView): CardHtml {
  const name = trustedHtml(`<b>${escapeCardText(person.name)}</b>`);
  const details = [person.jobTitle, person.department].filter((part): part is string => part !== null && part !== '');
  if (details.length === 0) return name;
  return joinHtml([name, joinHtml(details.map(escapeCardText), ' · ')], '<br>');
}

/** "Séance 2 sur 6 · Réservée" */
export function sessionLabel(viewer: Viewer, session: SessionSummary): string {
  return `${viewer.plain('session.ordinal', { index: session.index, total: session.total })} · ${viewer.plain(`session.status.${session.status}`)}`;
}
