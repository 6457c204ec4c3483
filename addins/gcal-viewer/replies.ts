import { z } from 'zod';

/**
 * What the add-on answered, read the way Google Calendar reads it: a trigger pushes a
 * card; a button updates or pushes one, or shows a notification. Cards are kept as
 * loose objects and drawn field by field (card-view.tsx).
 */

const Parameter = z.object({ key: z.string(), value: z.string() });
export const OnClick = z.union([
  z.object({ action: z.object({ function: z.string(), parameters: z.array(Parameter).default([]) }) }),
  z.object({ openLink: z.object({ url: z.string() }) }),
]);
export type OnClick = z.infer<typeof OnClick>;

const Button = z.object({ text: z.string(), onClick: OnClick, disabled: z.boolean().optional() });
export type Button = z.infer<typeof Button>;

export const Widget = z.union([
  z.object({ textParagraph: z.object({ text: z.string() }) }),
  z.object({
    decoratedText: z.object({ topLabel: z.string().optional(), text: z.string(), bottomLabel: z.string().optional(), button: Button.optional() }),
  }),
  z.object({ textInput: z.object({ name: z.string(), label: z.string(), type: z.enum(['SINGLE_LINE', 'MULTIPLE_LINE']), hintText: z.string().optional(), value: z.string().optional() }) }),
  z.object({
    selectionInput: z.object({
      name: z.string(),
      label: z.string(),
      type: z.enum(['CHECK_BOX', 'RADIO_BUTTON', 'SWITCH', 'DROPDOWN']),
      items: z.array(z.object({ text: z.string(), value: z.string(), selected: z.boolean() })),
    }),
  }),
  z.object({ buttonList: z.object({ buttons: z.array(Button) }) }),
  z.object({ divider: z.object({}) }),
]);
export type Widget = z.infer<typeof Widget>;

export const Card = z.object({
  name: z.string(),
  header: z.object({ title: z.string(), subtitle: z.string().optional() }),
  sections: z.array(z.object({ header: z.string().optional(), widgets: z.array(Widget) })),
});
export type Card = z.infer<typeof Card>;

const Navigation = z.union([z.object({ pushCard: Card }), z.object({ updateCard: Card })]);

export const Reply = z.union([
  z.object({ action: z.object({ navigations: z.array(Navigation) }) }),
  z.object({ renderActions: z.object({ action: z.object({ navigations: z.array(Navigation).optional(), notification: z.object({ text: z.string() }).optional() }) }) }),
]);

export type Step = { kind: 'push'; card: Card } | { kind: 'update'; card: Card };

/** The navigations and the notification of a reply, or null when it is not one Google would accept. */
export function readReply(body: unknown): { steps: Step[]; notification: string | null } | null {
  const parsed = Reply.safeParse(body);
  if (!parsed.success) return null;
  const action = 'action' in parsed.data ? { navigations: parsed.data.action.navigations, notification: undefined } : parsed.data.renderActions.action;
  const steps: Step[] = (action.navigations ?? []).map((navigation) => ('pushCard' in navigation ? { kind: 'push', card: navigation.pushCard } : { kind: 'update', card: navigation.updateCard }));
  return { steps, notification: action.notification?.text ?? null };
}
