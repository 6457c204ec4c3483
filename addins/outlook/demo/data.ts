import { z } from 'zod';
import { MySession } from '../../../contract/me.ts';
import type { Appointment } from '../host/host.ts';

/** What the service tells the demo page (`/outlook/demo/config.json`): the sandbox tenant's people and the demo's two personas. */
export const DemoPerson = z.object({
  email: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  department: z.string().nullable(),
  timeZone: z.string(),
});
export type DemoPerson = z.infer<typeof DemoPerson>;

export const DemoConfig = z.object({
  tenantId: z.string(),
  tenantName: z.string(),
  people: z.array(DemoPerson),
  /** The demo seed's pair: a junior mentor and a senior mentee, when the seed names them. */
  juniorMentor: z.string().nullable(),
  seniorMentee: z.string().nullable(),
});
export type DemoConfig = z.infer<typeof DemoConfig>;

const DemoToken = z.object({ token: z.string() });

async function json(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as unknown;
}

export async function readDemoConfig(): Promise<DemoConfig | { unavailable: string }> {
  const response = await fetch('/outlook/demo/config.json');
  if (response.status === 404) return { unavailable: await response.text() };
  return DemoConfig.parse(await json(response));
}

/** The sandbox identity emulator's token for a person: what the mocked Office SSO hands the pane. */
export async function demoToken(tenantId: string, email: string): Promise<string> {
  const response = await fetch('/auth/demo-token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: tenantId, as: email }) });
  return DemoToken.parse(await json(response)).token;
}

/** The person's Binome sessions, as the meetings their calendar shows. */
export async function demoSessions(token: string): Promise<MySession[]> {
  const response = await fetch('/api/me/sessions', { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  return z.array(MySession).parse(await json(response));
}

/** A Binome session as the meeting Outlook would show it, tag included (the demo host can read it). */
export function appointmentFor(session: MySession, person: DemoPerson): Appointment {
  return {
    role: session.myRole === 'mentor' ? 'organizer' : 'attendee',
    itemId: `demo-${session.pairId}-${session.session}`,
    restItemId: null,
    iCalUId: null,
    binomeTag: session.tag,
    subject: `Binôme · ${session.cohortName} · ${session.session}`,
    start: session.start,
    end: session.end,
    location: session.meetingUrl ?? '',
    organizer: null,
    requiredAttendees: [{ email: person.email, name: person.name, response: 'accepted' }],
    optionalAttendees: [],
  };
}
