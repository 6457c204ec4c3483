import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context.ts';
import type { SandboxUser } from '../state.ts';
import { windowsZoneOf } from '../zones.ts';
import { spanOfWeek, timeOfMinutes } from '../../../src/model/working-hours.ts';
import { invalidUser, sendGraphError } from './errors.ts';
import { parseSelect, pick, queryString, refuseUnsupported } from './odata.ts';

const locales: Record<string, string> = {
  fr: 'fr-FR', en: 'en-US', de: 'de-DE', es: 'es-ES', it: 'it-IT', pt: 'pt-PT', nl: 'nl-NL', pl: 'pl-PL',
  sv: 'sv-SE', da: 'da-DK', fi: 'fi-FI', no: 'nb-NO', nb: 'nb-NO', ja: 'ja-JP', zh: 'zh-CN', ko: 'ko-KR',
  ar: 'ar-SA', hi: 'hi-IN', ru: 'ru-RU', tr: 'tr-TR', cs: 'cs-CZ', ro: 'ro-RO', el: 'el-GR', he: 'he-IL',
};

export function localeOf(language: string | undefined): string | null {
  if (language === undefined) return null;
  return locales[language.toLowerCase()] ?? language;
}

const weekdayNames = { mon: 'monday', tue: 'tuesday', wed: 'wednesday', thu: 'thursday', fri: 'friday', sat: 'saturday', sun: 'sunday' } as const;

/** "HH:MM:SS.0000000" of minutes after midnight; the next midnight is written 00:00, as Outlook does. */
const graphTime = (minutes: number): string => `${timeOfMinutes(minutes % 1440)}:00.0000000`;

/**
 * Graph's workingHours: day names, times with seven fractional digits, the zone by its
 * Windows name; null when the person has none. Outlook holds one span for all working
 * days, so a week whose days differ or split is shown as the span that covers it (the
 * days with any block, earliest start to latest end).
 */
export function workingHoursRecord(user: SandboxUser) {
  const span = user.workingHours === null ? null : spanOfWeek(user.workingHours);
  if (span === null) return null;
  return {
    daysOfWeek: span.days.map((d) => weekdayNames[d]),
    startTime: graphTime(span.start),
    endTime: graphTime(span.end),
    timeZone: { name: windowsZoneOf(user.timeZone) ?? 'UTC' },
  };
}

/**
 * A mailbox's settings as Graph writes microsoft.graph.mailboxSettings
 * (learn.microsoft.com/graph/api/user-get-mailboxsettings): the zone by its Windows
 * name, formats following the first language's locale.
 */
export function mailboxSettingsRecord(user: SandboxUser): Record<string, unknown> {
  const locale = localeOf(user.languages[0]) ?? 'en-US';
  const american = locale.startsWith('en-US');
  return {
    archiveFolder: 'AQMkAD' + user.id.replace(/-/g, ''),
    timeZone: windowsZoneOf(user.timeZone) ?? 'UTC',
    delegateMeetingMessageDeliveryOptions: 'sendToDelegateOnly',
    dateFormat: american ? 'M/d/yyyy' : 'dd/MM/yyyy',
    timeFormat: american ? 'h:mm tt' : 'HH:mm',
    userPurpose: 'user',
    automaticRepliesSetting: {
      status: 'disabled',
      externalAudience: 'all',
      internalReplyMessage: '',
      externalReplyMessage: '',
      scheduledStartDateTime: { dateTime: '2026-01-01T00:00:00.0000000', timeZone: 'UTC' },
      scheduledEndDateTime: { dateTime: '2026-01-02T00:00:00.0000000', timeZone: 'UTC' },
    },
    language: { locale, displayName: locale },
    workingHours: workingHoursRecord(user),
  };
}

const settingNames = [
  'archiveFolder', 'timeZone', 'delegateMeetingMessageDeliveryOptions', 'dateFormat', 'timeFormat', 'userPurpose',
  'automaticRepliesSetting', 'language', 'workingHours',
];
const outlookCode = 'ErrorInvalidUrlQuery';

function unknownSetting(name: string) {
  return { code: 'RequestBroker--ParseUri', message: `Could not find a property named '${name}' on type 'microsoft.graph.mailboxSettings'.` };
}

/** GET /users/{id}/mailboxSettings (with `$select`) and each setting on its own path (`/mailboxSettings/timeZone`…). */
export function registerMailboxSettingsRoutes(app: FastifyInstance, context: SandboxContext): void {
  const contextUrl = (user: SandboxUser, suffix: string) => `${context.urls.graph}/$metadata#users('${user.id}')/mailboxSettings${suffix}`;

  app.get<{ Params: { id: string } }>('/v1.0/users/:id/mailboxSettings', { config: { access: 'mailbox' } }, async (request, reply) => {
    const user = context.state.findUser(request.params.id);
    if (user === undefined) return invalidUser(reply, request.params.id);
    const query = queryString(request.query);
    const refused = refuseUnsupported(query, ['$select'], outlookCode);
    if (refused !== null) return sendGraphError(reply, refused.status, refused.code, refused.message);
    const select = parseSelect(query['$select']);
    const unknown = select?.find((name) => !settingNames.includes(name));
    if (unknown !== undefined) {
      const error = unknownSetting(unknown);
      return sendGraphError(reply, 400, error.code, error.message);
    }
    const record = mailboxSettingsRecord(user);
    if (select === null) return { '@odata.context': contextUrl(user, ''), ...record };
    return { '@odata.context': contextUrl(user, `(${select.join(',')})`), ...pick(record, select) };
  });

  app.get<{ Params: { id: string; setting: string } }>('/v1.0/users/:id/mailboxSettings/:setting', { config: { access: 'mailbox' } }, async (request, reply) => {
    const user = context.state.findUser(request.params.id);
    if (user === undefined) return invalidUser(reply, request.params.id);
    const query = queryString(request.query);
    const refused = refuseUnsupported(query, [], outlookCode);
    if (refused !== null) return sendGraphError(reply, refused.status, refused.code, refused.message);
    // Path segments resolve without regard to case, like the rest of the URL.
    const name = settingNames.find((n) => n.toLowerCase() === request.params.setting.toLowerCase());
    if (name === undefined) return sendGraphError(reply, 400, 'BadRequest', `Resource not found for the segment '${request.params.setting}'.`);
    const value = mailboxSettingsRecord(user)[name];
    const odataContext = contextUrl(user, `/${name}`);
    // A complex setting comes back as the object; a primitive one wrapped in `value`, as OData writes a property.
    return typeof value === 'object' && value !== null ? { '@odata.context': odataContext, ...value } : { '@odata.context': odataContext, value };
  });
}
