import { describe, expect, it } from 'vitest';
import { formValue, formValues, parameter, parseEventObject, viewerPlace } from '../../addins/gcal/event-object.ts';

/**
 * A button callback from Google Calendar as the event-object reference describes it
 * (developers.google.com/workspace/add-ons/reference/event-object), with the extra
 * fields Google sends that Binome does not read.
 */
function calendarCallback(): Record<string, unknown> {
  return {
    commonEventObject: {
      hostApp: 'CALENDAR',
      platform: 'WEB',
      userLocale: 'fr-FR',
      timeZone: { id: 'Europe/Paris', offset: 3_600_000 },
      invokedFunction: 'https://binome.example/gcal/actions/save-note',
      formInputs: {
        note: { stringInputs: { value: ['Premier essai de Gemini pour résumer un fil de mails.'] } },
        shared: { stringInputs: { value: ['yes'] } },
        languages: { stringInputs: { value: ['fr', 'en'] } },
      },
      parameters: { sessionId: 's2' },
    },
    authorizationEventObject: {
      systemIdToken: 'eyJhbGciOiJSUzI1NiJ9.system.signature',
      userIdToken: 'eyJhbGciOiJSUzI1NiJ9.user.signature',
      userOAuthToken: 'ya29.token',
    },
    calendar: {
      calendarId: 'bernard.leroy@contoso.example',
      id: '7kq3r0binome0s2',
      organizer: { email: 'bernard.leroy@contoso.example' },
      capabilities: { canSeeAttendees: true },
    },
  };
}

function refusal(body: unknown): { field: string; message: string } {
  const result = parseEventObject(body);
  if (result.ok) throw new Error('expected a refusal');
  expect(result.error.code).toBe('EVENT_OBJECT_INVALID');
  return result.error;
}

describe('the add-on event object', () => {
  it('reads a realistic Calendar callback: locale, zone, form values, parameters, tokens, the open event', () => {
    const result = parseEventObject(calendarCallback());
    if (!result.ok) throw new Error(result.error.message);
    const { event } = result;
    expect(viewerPlace(event)).toEqual({ locale: 'fr-FR', timeZone: 'Europe/Paris' });
    expect(formValue(event, 'note')).toBe('Premier essai de Gemini pour résumer un fil de mails.');
    expect(formValues(event, 'languages')).toEqual(['fr', 'en']);
    expect(formValues(event, 'offers')).toEqual([]);
    expect(formValue(event, 'offers')).toBeUndefined();
    expect(parameter(event, 'sessionId')).toBe('s2');
    expect(event.authorizationEventObject.systemIdToken).toBe('eyJhbGciOiJSUzI1NiJ9.system.signature');
    expect(event.authorizationEventObject.userIdToken).toBe('eyJhbGciOiJSUzI1NiJ9.user.signature');
    expect(event.calendar?.id).toBe('7kq3r0binome0s2');
    expect(event.calendar?.organizer?.email).toBe('bernard.leroy@contoso.example');
  });

  it('reads a homepage trigger with no form, no parameters, no open event and no locale', () => {
    const result = parseEventObject({
      commonEventObject: { hostApp: 'CALENDAR', platform: 'ANDROID' },
      authorizationEventObject: { systemIdToken: 'eyJ.s.t' },
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(viewerPlace(result.event)).toEqual({ locale: undefined, timeZone: 'UTC' });
    expect(result.event.calendar).toBeUndefined();
  });

  it('refuses a request without the system ID token, naming the field', () => {
    const body = calendarCallback();
    body.authorizationEventObject = { userIdToken: 'eyJ.u.t' };
    expect(refusal(body).field).toBe('authorizationEventObject.systemIdToken');
  });

  it('refuses a time zone Intl does not know, naming the field', () => {
    const body = calendarCallback();
    body.commonEventObject = { ...(body.commonEventObject as object), timeZone: { id: 'Mars/Olympus_Mons', offset: 0 } };
    const error = refusal(body);
    expect(error.field).toBe('commonEventObject.timeZone.id');
    expect(error.message).toBe('commonEventObject.timeZone.id: not a time zone Intl knows');
  });

  it('refuses an unknown host and a form value that is not a list of strings', () => {
    const wrongHost = calendarCallback();
    wrongHost.commonEventObject = { ...(wrongHost.commonEventObject as object), hostApp: 'OUTLOOK' };
    expect(refusal(wrongHost).field).toBe('commonEventObject.hostApp');

    const wrongForm = calendarCallback();
    wrongForm.commonEventObject = {
      ...(wrongForm.commonEventObject as object),
      formInputs: { note: { stringInputs: { value: 'not a list' } } },
    };
    expect(refusal(wrongForm).field).toBe('commonEventObject.formInputs.note.stringInputs.value');
  });

  it('refuses a body that is not an object at all', () => {
    expect(refusal('hello').field).toBe('(body)');
    expect(refusal({}).field).toBe('commonEventObject');
  });
});
