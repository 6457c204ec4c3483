import type { Card } from './card.ts';
import { errorMessage } from './cards/error.ts';
import type { Viewer } from './viewer.ts';
import type { ErrorView } from './view-models.ts';

/**
 * The reply bodies an add-on over HTTP sends back (the callback contract's
 * RenderActions, in the two shapes Google's own HTTP samples use).
 */

/** Answer to a trigger (homepage, event open): the card to show. */
export interface TriggerReply {
  action: { navigations: [{ pushCard: Card }] };
}

export function triggerReply(card: Card): TriggerReply {
  return { action: { navigations: [{ pushCard: card }] } };
}

/** Answer to a button or form: replace the current card, or push one on top of it. */
export interface CallbackReply {
  renderActions: { action: { navigations: [{ updateCard: Card } | { pushCard: Card }] } };
}

export function updateCardReply(card: Card): CallbackReply {
  return { renderActions: { action: { navigations: [{ updateCard: card }] } } };
}

export function pushCardReply(card: Card): CallbackReply {
  return { renderActions: { action: { navigations: [{ pushCard: card }] } } };
}

/** A short message at the bottom of the add-on, the card left as it was. */
export interface NotificationReply {
  renderActions: { action: { notification: { text: string } } };
}

export function notificationReply(text: string): NotificationReply {
  return { renderActions: { action: { notification: { text } } } };
}

/** A failed button or form: the person keeps what they typed and reads why. */
export function errorNotificationReply(viewer: Viewer, error: ErrorView): NotificationReply {
  return notificationReply(errorMessage(viewer, error));
}

/** A notification with the card changed too (e.g. "Notes saved." over the session). */
export interface UpdateWithNotificationReply {
  renderActions: { action: { navigations: [{ updateCard: Card }]; notification: { text: string } } };
}

export function updateWithNotificationReply(card: Card, text: string): UpdateWithNotificationReply {
  return { renderActions: { action: { navigations: [{ updateCard: card }], notification: { text } } } };
}
