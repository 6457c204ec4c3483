import { describe, expect, it } from 'vitest';
import { parseEventObject, type AddOnEvent } from '../../addins/gcal/event-object.ts';
import { readFeedbackForm, readMoveForm, readNoteForm, readActionParameters, readVolunteerForm } from '../../addins/gcal/forms.ts';

/** A form submission as Google posts it: every field a list of strings; a field left empty is absent. */
function submitted(fields: Record<string, string[]>, parameters: Record<string, string> = {}): AddOnEvent {
  const formInputs = Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, { stringInputs: { value } }]));
  const result = parseEventObject({
    commonEventObject: { hostApp: 'CALENDAR', platform: 'WEB', userLocale: 'fr-FR', formInputs, parameters },
    authorizationEventObject: { systemIdToken: 'eyJ.s.t' },
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.event;
}

describe('reading the add-on forms', () => {
  it('reads a mentor volunteering, the format defaulting to either', () => {
    const result = readVolunteerForm(submitted({ role: ['mentor'], offers: ['ai', 'video'], languages: ['fr', 'en'] }));
    expect(result).toEqual({ ok: true, value: { role: 'mentor', offers: ['ai', 'video'], wants: [], languages: ['fr', 'en'], format: 'either' } });
  });

  it('refuses a mentee who wants nothing, or someone without a role or a language, naming the field', () => {
    const noWants = readVolunteerForm(submitted({ role: ['mentee'], offers: ['ai'], languages: ['fr'] }));
    expect(noWants).toEqual({ ok: false, error: { code: 'FORM_INVALID', field: 'wants', message: 'wants: a mentee wants at least one theme' } });
    const noRole = readVolunteerForm(submitted({ offers: ['ai'], languages: ['fr'] }));
    expect(noRole.ok ? null : noRole.error.field).toBe('role');
    const noLanguage = readVolunteerForm(submitted({ role: ['mentor'], offers: ['ai'] }));
    expect(noLanguage.ok ? null : noLanguage.error.message).toBe('languages: choose at least one language');
  });

  it('reads a note as written, shared only when the box is ticked', () => {
    const note = 'Ligne 1\n<b>pas du HTML</b> & co';
    expect(readNoteForm(submitted({ note: [note], shared: ['yes'] }))).toEqual({ ok: true, value: { text: note, shared: true } });
    expect(readNoteForm(submitted({ note: [note] }))).toEqual({ ok: true, value: { text: note, shared: false } });
    expect(readNoteForm(submitted({}))).toEqual({ ok: true, value: { text: '', shared: false } });
  });

  it('reads feedback: a score from 1 to 5, a yes or no, optional free text', () => {
    expect(readFeedbackForm(submitted({ satisfaction: ['4'], recommend: ['yes'], learnt: ['  Les raccourcis Gemini  '], comment: [''] }))).toEqual({
      ok: true,
      value: { satisfaction: 4, wouldRecommend: true, learnt: 'Les raccourcis Gemini', comment: null },
    });
  });

  it('refuses feedback without a score or with a score out of range, naming the field', () => {
    const missing = readFeedbackForm(submitted({ recommend: ['no'] }));
    expect(missing.ok ? null : missing.error.field).toBe('satisfaction');
    const outOfRange = readFeedbackForm(submitted({ satisfaction: ['9'], recommend: ['no'] }));
    expect(outOfRange.ok ? null : outOfRange.error.field).toBe('satisfaction');
    const noAnswer = readFeedbackForm(submitted({ satisfaction: ['3'] }));
    expect(noAnswer.ok ? null : noAnswer.error.field).toBe('wouldRecommend');
  });

  it('reads the chosen slot and refuses a move without one', () => {
    expect(readMoveForm(submitted({ slot: ['2027-02-09T13:00:00.000Z'] }))).toEqual({ ok: true, value: { start: '2027-02-09T13:00:00.000Z' } });
    const none = readMoveForm(submitted({}));
    expect(none.ok ? null : none.error.field).toBe('start');
  });

  it('reads the parameters each action takes and names a missing or malformed one', () => {
    expect(readActionParameters(submitted({}, { sessionId: 's2' }), 'save-note')).toEqual({ ok: true, value: { sessionId: 's2' } });
    expect(readActionParameters(submitted({}, { documentId: 'g-ai', page: '3' }), 'open-reader')).toEqual({
      ok: true,
      value: { documentId: 'g-ai', page: '3' },
    });
    expect(readActionParameters(submitted({}), 'open-library')).toEqual({ ok: true, value: {} });
    const missing = readActionParameters(submitted({}, { sessionId: 's2' }), 'accept-charter');
    expect(missing.ok ? null : missing.error.field).toBe('parameters.pairId');
    const badPage = readActionParameters(submitted({}, { documentId: 'g-ai', page: '0' }), 'open-reader');
    expect(badPage.ok ? null : badPage.error.message).toBe('parameters.page: a page number from 1');
  });
});
