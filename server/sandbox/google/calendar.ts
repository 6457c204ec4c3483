import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { weekdays } from '../../../src/model/schema.ts';
import type { SandboxContext } from '../context.ts';
import type { SandboxUser } from '../state.ts';
import { calendarNotFound, domainCalendar, ownCalendar } from './calendars.ts';
import { etagOf } from './directory-user.ts';
import { googleErrors, invalid, required, sendGoogleError } from './errors.ts';
import { isBusy } from './event-shape.ts';
import { callerOf } from './pipeline.ts';
import { routeScopes } from './scopes.ts';
import { parseInstant, utcStamp } from './time.ts';

/** freeBusy's documented `calendarExpansionMax` maximum, read as the limit on `items` too. */
export const maxFreeBusyCalendars = 50;
/**
 * The longest freeBusy window the sandbox answers. Google documents none but refuses
 * long ones ("The requested time range is too long."); 90 days is the longest window
 * known to pass (cal.com splits there in production), so anything longer is refused.
 */
export const maxFreeBusyDays = 90;

const FreeBusyRequest = z.object({
  timeMin: z.string().optional(),
  timeMax: z.string().optional(),
  timeZone: z.string().optional(),
  groupExpansionMax: z.number().int().optional(),
  calendarExpansionMax: z.number().int().optional(),
  items: z.array(z.object({ id: z.string() })).optional(),
});

const dayNames = { mon: 'monday', tue: 'tuesday', wed: 'wednesday', thu: 'thursday', fri: 'friday', sat: 'saturday', sun: 'sunday' } as const;

/**
 * The Calendar resource's `workingHours`: one `availableTimes` entry per block of each
 * day, as Google serves a week whose days differ or split (absent when the person has none).
 */
function workingHours(user: SandboxUser) {
  const week = user.workingHours;
  if (week === null) return {};
  return {
    workingHours: {
      workingHoursEnabled: true,
      availableTimes: weekdays.flatMap((day) => week[day].map(([start, end]) => ({ dayOfWeek: dayNames[day], periodStart: start, periodEnd: end }))),
    },
  };
}

/** Busy blocks of one calendar over [from, to): clipped to the window, overlapping ones merged. */
function busyBlocks(context: SandboxContext, user: SandboxUser, from: number, to: number): { start: string; end: string }[] {
  const spans = context.state
    .events(user.id)
    .filter((e) => e.start < to && e.end > from && isBusy(e, user))
    .map((e) => [Math.max(e.start, from), Math.min(e.end, to)] as const)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of spans) {
    const last = merged.at(-1);
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged.map(([start, end]) => ({ start: utcStamp(start).replace('.000Z', 'Z'), end: utcStamp(end).replace('.000Z', 'Z') }));
}

/** Calendar v3: freeBusy.query, calendars.get and settings.get (timezone). */
export function registerCalendarRoutes(app: FastifyInstance, context: SandboxContext): void {
  app.post('/calendar/v3/freeBusy', { config: { googleRoute: 'api', googleScopes: routeScopes.freeBusy } }, async (request, reply) => {
    const parsed = FreeBusyRequest.safeParse(request.body ?? {});
    if (!parsed.success) return sendGoogleError(reply, 400, googleErrors.badRequest);
    const body = parsed.data;
    if (body.timeMin === undefined) return sendGoogleError(reply, 400, required('Missing timeMin parameter.', 'timeMin'));
    if (body.timeMax === undefined) return sendGoogleError(reply, 400, required('Missing timeMax parameter.', 'timeMax'));
    const from = parseInstant(body.timeMin);
    if (from === null) return sendGoogleError(reply, 400, invalid(`Invalid value for: ${body.timeMin} is not a valid RFC 3339 date-time`, 'timeMin'));
    const to = parseInstant(body.timeMax);
    if (to === null) return sendGoogleError(reply, 400, invalid(`Invalid value for: ${body.timeMax} is not a valid RFC 3339 date-time`, 'timeMax'));
    if (to <= from) return sendGoogleError(reply, 400, googleErrors.timeRangeEmpty);
    if (to - from > maxFreeBusyDays * 24 * 3600 * 1000) {
      return sendGoogleError(reply, 400, { domain: 'calendar', reason: 'timeRangeTooLong', message: 'The requested time range is too long.', locationType: 'parameter', location: 'timeMax' });
    }
    const items = body.items ?? [];
    if (items.length > maxFreeBusyCalendars || (body.calendarExpansionMax ?? 0) > maxFreeBusyCalendars) {
      return sendGoogleError(reply, 400, { domain: 'calendar', reason: 'tooManyCalendarsRequested', message: `The number of calendars requested is too large: at most ${maxFreeBusyCalendars}.` });
    }
    if ((body.groupExpansionMax ?? 0) > 100) return sendGoogleError(reply, 400, invalid('groupExpansionMax is at most 100.', 'groupExpansionMax'));
    const caller = callerOf(request).user;
    const calendars: Record<string, unknown> = {};
    for (const { id } of items) {
      const user = domainCalendar(context, id, caller);
      calendars[id] = user === undefined ? { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] } : { busy: busyBlocks(context, user, from, to) };
    }
    return { kind: 'calendar#freeBusy', timeMin: utcStamp(from), timeMax: utcStamp(to), calendars };
  });

  app.get<{ Params: { calendarId: string } }>('/calendar/v3/calendars/:calendarId', { config: { googleRoute: 'api', googleScopes: routeScopes.calendarRead } }, async (request, reply) => {
    const owner = ownCalendar(reply, request.params.calendarId);
    if (owner === null) return calendarNotFound(reply);
    return {
      kind: 'calendar#calendar',
      etag: etagOf('calendar', owner.id, owner.timeZone, String(owner.version)),
      id: owner.email,
      summary: owner.email,
      timeZone: owner.timeZone,
      conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
      ...workingHours(owner),
    };
  });

  app.get<{ Params: { setting: string } }>('/calendar/v3/users/me/settings/:setting', { config: { googleRoute: 'api', googleScopes: routeScopes.settingsRead } }, async (request, reply) => {
    const me = callerOf(request).user;
    if (me === null || request.params.setting !== 'timezone') return calendarNotFound(reply);
    return { kind: 'calendar#setting', etag: etagOf('timezone', me.id, me.timeZone), id: 'timezone', value: me.timeZone };
  });
}
