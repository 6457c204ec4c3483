import { describe, expect, it } from 'vitest';
import { AddOnBaseUrl } from '../../addins/gcal/actions.ts';
import { buildErrorCard } from '../../addins/gcal/cards/error.ts';
import {
  errorNotificationReply,
  notificationReply,
  pushCardReply,
  triggerReply,
  updateCardReply,
  updateWithNotificationReply,
} from '../../addins/gcal/replies.ts';
import { viewerFor } from '../../addins/gcal/viewer.ts';

const context = { baseUrl: AddOnBaseUrl.parse('https://binome.example/gcal'), locale: 'fr-FR', timeZone: 'Europe/Paris' };
const card = buildErrorCard({ code: 'SESSION_NOT_FOUND', message: 'no session s9' }, context);

describe('the add-on replies', () => {
  it('answers a trigger with the card pushed', () => {
    expect(triggerReply(card)).toEqual({ action: { navigations: [{ pushCard: card }] } });
  });

  it('answers a button or form with the card updated or pushed under renderActions', () => {
    expect(updateCardReply(card)).toEqual({ renderActions: { action: { navigations: [{ updateCard: card }] } } });
    expect(pushCardReply(card)).toEqual({ renderActions: { action: { navigations: [{ pushCard: card }] } } });
  });

  it('tells of a failed action in a notification in the viewer language, leaving the form as it was', () => {
    const reply = errorNotificationReply(viewerFor(context), { code: 'SLOT_TAKEN', message: 'taken' });
    expect(reply).toEqual({ renderActions: { action: { notification: { text: 'Ce créneau vient d\'être pris. Choisissez-en un autre.' } } } });
    const english = errorNotificationReply(viewerFor({ ...context, locale: 'en-US' }), { code: 'NEW_CODE', message: 'x' });
    expect(english.renderActions.action.notification.text).toBe('Something did not work. Try again in a moment; if it keeps happening, contact your HR team.');
  });

  it('can confirm with a notification while showing the updated card', () => {
    expect(notificationReply('Notes enregistrées.')).toEqual({ renderActions: { action: { notification: { text: 'Notes enregistrées.' } } } });
    expect(updateWithNotificationReply(card, 'Notes enregistrées.')).toEqual({
      renderActions: { action: { navigations: [{ updateCard: card }], notification: { text: 'Notes enregistrées.' } } },
    });
  });
});
