import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SandboxContext } from '../context.ts';
import type { ShowAs } from '../state.ts';
import { formatGraphDateTime, preferredZone, resolveZone, parseGraphDateTime } from '../zones.ts';
import { invalidUser, sendGraphError } from './errors.ts';
import { readActionParameters } from './odata.ts';
import { workingHoursRecord } from './mailbox-settings.ts';

export const maxSchedulesPerCall = 20;
export const maxWindowDays = 62;

const DateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string() });
const ScheduleRequest = z.object({
  schedules: z.array(z.string()),
  startTime: DateTimeTimeZone,
  endTime: DateTimeTimeZone,
  // Graph's OData reader also takes an Int32 written as a JSON string ("60").
  availabilityViewInterval: z.union([z.number().int(), z.string().regex(/^\d+$/, 'must be a whole number of minutes').transform(Number)]).optional(),
});

const viewDigit: Record<ShowAs, string> = { free: '0', tentative: '1', busy: '2', oof: '3', workingElsewhere: '4', unknown: '0' };
const severity: Record<ShowAs, number> = { free: 0, unknown: 0, workingElsewhere: 1, tentative: 2, busy: 3, oof: 4 };

/** POST /users/{id}/calendar/getSchedule: free/busy of up to 20 mailboxes over less than 62 days. */
export function registerScheduleRoutes(app: FastifyInstance, context: SandboxContext): void {
  const handler = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const caller = context.state.findUser(request.params.id);
    if (caller === undefined) return invalidUser(reply, request.params.id);
    const parameters = readActionParameters(request.body, 'getSchedule', ['schedules', 'startTime', 'endTime', 'availabilityViewInterval']);
    if ('code' in parameters) return sendGraphError(reply, 400, parameters.code, parameters.message);
    const parsed = ScheduleRequest.safeParse(parameters.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return sendGraphError(reply, 400, 'ErrorInvalidRequest', `Invalid getSchedule request: '${issue?.path.join('.') || 'body'}' ${issue?.message ?? 'is invalid'}.`);
    }
    const body = parsed.data;
    if (body.schedules.length === 0) return sendGraphError(reply, 400, 'ErrorInvalidRequest', "The 'schedules' parameter must name at least one mailbox.");
    if (body.schedules.length > maxSchedulesPerCall) {
      return sendGraphError(reply, 400, 'ErrorInvalidRequest', `Too many schedules: ${body.schedules.length} were requested, the maximum is ${maxSchedulesPerCall} per call.`);
    }
    const interval = body.availabilityViewInterval ?? 30;
    if (interval < 5 || interval > 1440) {
      return sendGraphError(reply, 400, 'ErrorInvalidParameter', `availabilityViewInterval must be between 5 and 1440 minutes; got ${interval}.`);
    }
    const times: number[] = [];
    for (const [field, value] of [['startTime', body.startTime], ['endTime', body.endTime]] as const) {
      const zone = resolveZone(value.timeZone);
      if (zone === null) {
        return sendGraphError(reply, 400, 'TimeZoneNotSupportedException', `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${value.timeZone}'.`);
      }
      const ms = parseGraphDateTime(value.dateTime, zone);
      if (ms === null) return sendGraphError(reply, 400, 'ErrorInvalidRequest', `${field}.dateTime '${value.dateTime}' is not a valid date and time.`);
      times.push(ms);
    }
    const [start = 0, end = 0] = times;
    if (end <= start) return sendGraphError(reply, 400, 'ErrorInvalidRequest', 'The endTime must be after the startTime.');
    if (end - start >= maxWindowDays * 24 * 3600 * 1000) {
      return sendGraphError(reply, 400, 'ErrorInvalidRequest', `The requested time window is too long: it must be less than ${maxWindowDays} days (got ${Math.round(((end - start) / 86_400_000) * 10) / 10} days).`);
    }
    const zone = preferredZone(request.headers.prefer);
    const out = (ms: number) => (zone === null ? { dateTime: formatGraphDateTime(ms, 'UTC'), timeZone: 'UTC' } : { dateTime: formatGraphDateTime(ms, zone.iana), timeZone: zone.name });
    const slotMs = interval * 60_000;
    const slots = Math.ceil((end - start) / slotMs);

    const value = body.schedules.map((address) => {
      const user = context.state.findUser(address);
      if (user === undefined || !address.includes('@')) {
        return { scheduleId: address, error: { message: `Unable to resolve e-mail address ${address} to an Active Directory object.`, responseCode: '5009' } };
      }
      const items = context.state
        .events(user.id)
        .filter((e) => e.start < end && e.end > start && e.showAs !== 'free' && e.showAs !== 'unknown')
        .sort((a, b) => a.start - b.start);
      let view = '';
      for (let i = 0; i < slots; i += 1) {
        const from = start + i * slotMs;
        const to = Math.min(end, from + slotMs);
        let worst: ShowAs = 'free';
        for (const e of items) if (e.start < to && e.end > from && severity[e.showAs] > severity[worst]) worst = e.showAs;
        view += viewDigit[worst];
      }
      const hours = workingHoursRecord(user);
      return {
        scheduleId: address,
        availabilityView: view,
        scheduleItems: items.map((e) => ({ isPrivate: false, status: e.showAs, start: out(e.start), end: out(e.end) })),
        // Graph leaves working hours out of some schedules; the sandbox does for people without any.
        ...(hours === null ? {} : { workingHours: hours }),
      };
    });
    return { '@odata.context': `${context.urls.graph}/$metadata#Collection(microsoft.graph.scheduleInformation)`, value };
  };
  app.post<{ Params: { id: string } }>('/v1.0/users/:id/calendar/getSchedule', { config: { access: 'schedule' } }, handler);
}
