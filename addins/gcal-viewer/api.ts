import { z } from 'zod';

/** The card viewer's calls to its demo back end (/gcal-viewer/api/…). */

export const ViewerConfig = z.object({
  tenantId: z.string(),
  people: z.array(z.object({ email: z.string(), name: z.string(), jobTitle: z.string().nullable() })),
  triggers: z.object({ home: z.string(), eventOpen: z.string() }),
  deployment: z.string(),
});
export type ViewerConfig = z.infer<typeof ViewerConfig>;

export const ViewerEvent = z.object({ eventId: z.string(), start: z.string(), end: z.string(), title: z.string() });
export type ViewerEvent = z.infer<typeof ViewerEvent>;

export interface SendRequest {
  as: string;
  url: string;
  parameters: Record<string, string>;
  formInputs: Record<string, string[]>;
  locale: string;
  timeZone: string;
  eventId?: string;
}

const Answer = z.object({ status: z.number(), body: z.unknown() });

async function json(response: Response): Promise<unknown> {
  const text = await response.text();
  return text === '' ? null : (JSON.parse(text) as unknown);
}

export async function readConfig(): Promise<ViewerConfig> {
  const response = await fetch('/gcal-viewer/api/config');
  if (!response.ok) throw new Error(`config: HTTP ${response.status}`);
  return ViewerConfig.parse(await json(response));
}

export async function readEvents(as: string): Promise<ViewerEvent[]> {
  const response = await fetch(`/gcal-viewer/api/events?as=${encodeURIComponent(as)}`);
  if (!response.ok) throw new Error(`events: HTTP ${response.status}`);
  return z.array(ViewerEvent).parse(await json(response));
}

export async function send(request: SendRequest): Promise<{ status: number; body: unknown }> {
  const response = await fetch('/gcal-viewer/api/send', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
  return Answer.parse(await json(response));
}
