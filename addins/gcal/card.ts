/**
 * The subset of the Google Workspace add-on card JSON (google.apps.card.v1, the same
 * shape as googleapis' chat_v1 `Schema$GoogleAppsCardV1Card`) that Binome's cards use.
 *
 * Fields the host renders as formatted text (a small HTML subset: <b>, <i>, <u>, <font>,
 * <a>, <br>) are typed `CardHtml`: a string that can only come from `escapeCardText` or
 * from our own locale files, so a name like `<script>` or `Dupont & fils` can never be
 * read as markup. Plain-text fields (header title, labels, button text, choices) take
 * `string`: the host shows them as typed, so they get our own words, dates, numbers and
 * catalogue labels, never escaped (an escaped `&amp;` would show as such). Names, notes
 * and goals go into formatted fields only.
 */

declare const cardHtmlBrand: unique symbol;
export type CardHtml = string & { readonly [cardHtmlBrand]: true };

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text from people or the directory, made safe for a formatted-text field. */
export function escapeCardText(raw: string): CardHtml {
  return raw.replace(/[&<>"']/g, (c) => entities[c] ?? c) as CardHtml;
}

/** Like escapeCardText, keeping the writer's line breaks (notes, goals, free text). */
export function escapeMultiline(raw: string): CardHtml {
  return escapeCardText(raw.replace(/\r\n?/g, '\n')).replace(/\n/g, '<br>') as CardHtml;
}

/**
 * Markup we wrote ourselves (locale strings whose interpolated values were escaped,
 * or pieces joined from other CardHtml). Never call it on text from a person.
 */
export function trustedHtml(markup: string): CardHtml {
  return markup as CardHtml;
}

export function joinHtml(parts: readonly CardHtml[], separator: '<br>' | ' · ' | ', '): CardHtml {
  return parts.join(separator) as CardHtml;
}

export interface ActionParameter {
  key: string;
  value: string;
}

export interface CardAction {
  /** For an add-on over HTTP, the absolute URL of the endpoint to call. */
  function: string;
  parameters: ActionParameter[];
  loadIndicator?: 'SPINNER' | 'NONE';
}

export type OnClick = { action: CardAction } | { openLink: { url: string } };

export interface Button {
  text: string;
  onClick: OnClick;
  disabled?: boolean;
}

/** The host's built-in icons we use (google.apps.card.v1 Icon.known_icon). */
export type KnownIcon =
  | 'PERSON'
  | 'MULTIPLE_PEOPLE'
  | 'CLOCK'
  | 'DESCRIPTION'
  | 'BOOKMARK'
  | 'STAR'
  | 'EMAIL'
  | 'INVITE'
  | 'VIDEO_CAMERA'
  | 'MAP_PIN';

export interface DecoratedText {
  topLabel?: string;
  text: CardHtml;
  bottomLabel?: string;
  wrapText?: boolean;
  startIcon?: { knownIcon: KnownIcon };
  button?: Button;
}

export interface TextParagraph {
  text: CardHtml;
}

export interface TextInput {
  name: string;
  label: string;
  type: 'SINGLE_LINE' | 'MULTIPLE_LINE';
  hintText?: string;
  /** What the field holds when shown: the person's own text, raw (an input value is never markup). */
  value?: string;
}

export interface SelectionItem {
  text: string;
  value: string;
  selected: boolean;
}

export interface SelectionInput {
  name: string;
  label: string;
  type: 'CHECK_BOX' | 'RADIO_BUTTON' | 'SWITCH' | 'DROPDOWN';
  items: SelectionItem[];
}

export interface ButtonList {
  buttons: Button[];
}

export type Widget =
  | { textParagraph: TextParagraph }
  | { decoratedText: DecoratedText }
  | { textInput: TextInput }
  | { selectionInput: SelectionInput }
  | { buttonList: ButtonList }
  | { divider: Record<string, never> };

export interface CardSection {
  header?: CardHtml;
  collapsible?: boolean;
  uncollapsibleWidgetsCount?: number;
  widgets: Widget[];
}

export interface CardHeader {
  title: string;
  subtitle?: string;
}

export interface Card {
  /** The card's identifier in the host's navigation stack; also what a refusal names. */
  name: string;
  header: CardHeader;
  sections: CardSection[];
}

/**
 * "You can add up to 100 widgets per card. Any widgets beyond this limit are ignored"
 * (google.apps.card.v1 Card). Widgets silently dropped would be worse than a refusal.
 */
export const maxWidgetsPerCard = 100;

/** A builder produced more widgets than a card can hold: a bug in the builder, not in the data. */
export class CardTooLargeError extends Error {
  constructor(
    readonly cardName: string,
    readonly widgets: number,
  ) {
    super(`card "${cardName}" has ${widgets} widgets; a card holds at most ${maxWidgetsPerCard}`);
    this.name = 'CardTooLargeError';
  }
}

export function countWidgets(sections: readonly CardSection[]): number {
  return sections.reduce((sum, section) => sum + section.widgets.length, 0);
}

/**
 * The one way builders finish a card: sections left empty are dropped (a section must
 * hold at least one widget) and the widget limit is enforced.
 */
export function assembleCard(name: string, header: CardHeader, sections: readonly CardSection[]): Card {
  const kept = sections.filter((section) => section.widgets.length > 0);
  const widgets = countWidgets(kept);
  if (widgets > maxWidgetsPerCard) throw new CardTooLargeError(name, widgets);
  return { name, header, sections: kept };
}
