import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { z } from 'zod';
import { MySession } from '../../../contract/me.ts';
import { triggerUrl, AddOnBaseUrl } from '../../../addins/gcal/actions.ts';
import { ownOrigin } from '../auth/identity.ts';
import { participantApi } from './participant.ts';
import { addOnPath } from './routes.ts';

/** Where `npm run build:ui` writes the card viewer. */
export const viewerDir = fileURLToPath(new URL('../../../addins/dist/gcal-viewer/', import.meta.url));

/**
 * What the card viewer needs from a sandbox: Google's signatures, played by the
 * sandbox's identity emulator. Only a demo stack over a Google sandbox gives one.
 */
export interface AddOnDemo {
  tenantId: string;
  /** The system ID token Google would send to `audience` (an endpoint URL). */
  systemToken(audience: string): Promise<string>;
  /** The ID token of a person of the demo domain, as the add-on receives it. */
  userToken(email: string): Promise<string>;
  people: readonly { email: string; name: string; jobTitle: string | null }[];
}

const SendBody = z
  .object({
    as: z.email(),
    /** The endpoint to call: a trigger's URL or a button's `action.function`. */
    url: z.url(),
    parameters: z.record(z.string(), z.string()).default({}),
    formInputs: z.record(z.string(), z.array(z.string())).default({}),
    locale: z.string().min(2).max(35),
    timeZone: z.string().min(1).max(64),
    /** The id of the calendar event the person "opened" (event-open trigger). */
    eventId: z.string().min(1).max(1024).optional(),
  })
  .strict();

function offsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at);
  const name = parts.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (match === null) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/**
 * The card viewer's back end (demo stacks only): it posts to the add-on's own
 * endpoints exactly what Google would (the event object, a system ID token for the
 * URL called, the person's ID token), so the cards a person clicks through are the
 * ones Google Calendar would draw.
 */
export async function addOnViewerRoutes(app: FastifyInstance, options: { demo: AddOnDemo | null; publicOrigin: string | null }): Promise<void> {
  const { demo } = options;
  const baseFor = (request: FastifyRequest, tenantId: string) => AddOnBaseUrl.parse(`${ownOrigin(request, options.publicOrigin)}${addOnPath(tenantId)}`);

  app.get('/gcal-viewer/api/config', { schema: { hide: true } }, async (request, reply) => {
    if (demo === null) return reply.code(404).send({ code: 'VIEWER_NOT_AVAILABLE', message: 'the card viewer runs only on the Google sandbox demo', field: null });
    const base = baseFor(request, demo.tenantId);
    return {
      tenantId: demo.tenantId,
      people: [...demo.people].sort((a, b) => a.name.localeCompare(b.name)),
      triggers: { home: triggerUrl(base, 'home'), eventOpen: triggerUrl(base, 'eventOpen') },
      deployment: `${base}/deployment.json`,
    };
  });

  /** The person's booked sessions, as events they could open in Google Calendar. */
  app.get('/gcal-viewer/api/events', { schema: { hide: true } }, async (request, reply) => {
    const query = z.object({ as: z.email() }).safeParse(request.query);
    if (demo === null) return reply.code(404).send({ code: 'VIEWER_NOT_AVAILABLE', message: 'the card viewer runs only on the Google sandbox demo', field: null });
    if (!query.success || !demo.people.some((person) => person.email === query.data.as)) {
      return reply.code(400).send({ code: 'VIEWER_REQUEST_INVALID', message: 'as: a person of the demo domain', field: 'as' });
    }
    const sessions = await participantApi(app, await demo.userToken(query.data.as)).read('/api/me/sessions', z.array(MySession));
    if (!sessions.ok) return [];
    return sessions.value.flatMap((session) =>
      session.eventId === undefined || session.eventId === null ? [] : [{ eventId: session.eventId, start: session.start, end: session.end, title: `Binôme · ${session.partnerName}` }],
    );
  });

  app.post('/gcal-viewer/api/send', { schema: { hide: true } }, async (request, reply) => {
    if (demo === null) return reply.code(404).send({ code: 'VIEWER_NOT_AVAILABLE', message: 'the card viewer runs only on the Google sandbox demo', field: null });
    const parsed = SendBody.safeParse(request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return reply.code(400).send({ code: 'VIEWER_REQUEST_INVALID', message: issue?.message ?? 'invalid', field: issue?.path.join('.') ?? null });
    }
    const body = parsed.data;
    const base = baseFor(request, demo.tenantId);
    if (!body.url.startsWith(`${base}/`)) return reply.code(400).send({ code: 'VIEWER_REQUEST_INVALID', message: `the viewer only calls this demo's add-on (${base}/…)`, field: 'url' });
    if (!demo.people.some((person) => person.email === body.as)) return reply.code(400).send({ code: 'VIEWER_REQUEST_INVALID', message: `${body.as} is not in the demo domain`, field: 'as' });
    const eventObject = {
      commonEventObject: {
        hostApp: 'CALENDAR',
        platform: 'WEB',
        userLocale: body.locale,
        timeZone: { id: body.timeZone, offset: offsetMinutes(body.timeZone, new Date()) * 60_000 },
        parameters: body.parameters,
        formInputs: Object.fromEntries(Object.entries(body.formInputs).map(([name, value]) => [name, { stringInputs: { value } }])),
      },
      authorizationEventObject: { systemIdToken: await demo.systemToken(body.url), userIdToken: await demo.userToken(body.as) },
      ...(body.eventId === undefined ? {} : { calendar: { id: body.eventId, calendarId: body.as } }),
    };
    const target = new URL(body.url);
    const answer = await app.inject({
      method: 'POST',
      url: target.pathname,
      headers: { host: target.host, authorization: `Bearer ${eventObject.authorizationEventObject.systemIdToken}`, 'content-type': 'application/json' },
      payload: JSON.stringify(eventObject),
    });
    return { status: answer.statusCode, body: answer.json<unknown>() };
  });

  if (demo !== null && existsSync(`${viewerDir}/index.html`)) {
    app.get('/gcal-viewer', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/gcal-viewer/', 301));
    await app.register(fastifyStatic, { root: viewerDir, prefix: '/gcal-viewer/', index: ['index.html'], decorateReply: false });
  }
}
