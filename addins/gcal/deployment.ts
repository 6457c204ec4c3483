import { z } from 'zod';
import { triggerUrl, type AddOnBaseUrl } from './actions.ts';

/**
 * The add-on's HTTP deployment descriptor, checked against the published types. npm has
 * no typed client for the Google Workspace Add-ons API, so the schema follows the protos
 * (github.com/googleapis/googleapis):
 * - google/cloud/gsuiteaddons/v1/gsuiteaddons.proto: `Deployment { name, oauth_scopes,
 *   add_ons, etag }`, `AddOns { common, gmail, drive, calendar, docs, sheets, slides,
 *   http_options }`;
 * - google/apps/script/type/script_manifest.proto: `CommonAddOnManifest { name, logo_url,
 *   layout_properties, add_on_widget_set, use_locale_from_app, homepage_trigger,
 *   universal_actions, open_link_url_prefixes }`, `LayoutProperties { primary_color,
 *   secondary_color }`, `HttpOptions { authorization_header }`,
 *   `HttpAuthorizationHeader { SYSTEM_ID_TOKEN, USER_ID_TOKEN, NONE }`;
 * - google/apps/script/type/extension_point.proto: `HomepageExtensionPoint { run_function,
 *   enabled }`, `UniversalActionExtensionPoint { label, open_link | run_function }`;
 * - google/apps/script/type/calendar/calendar_addon_manifest.proto: `CalendarAddOnManifest
 *   { homepage_trigger, conference_solution, create_settings_url_function,
 *   event_open_trigger, event_update_trigger, current_event_access }`,
 *   `CalendarExtensionPoint { run_function }`, `ConferenceSolution { on_create_function,
 *   id, name, logo_url }`, `EventAccess { METADATA, READ, WRITE, READ_WRITE }`.
 * JSON names are the protos' lowerCamelCase. Objects are strict: a misspelt field is
 * refused here instead of being ignored by Google. Binome is a Calendar add-on only, so
 * the other hosts' manifests are not modelled (and refused).
 */

/** For an HTTP deployment every function is an endpoint URL. */
const Endpoint = z.url({ protocol: /^https?$/ });

const HomepageExtensionPoint = z.strictObject({ runFunction: Endpoint, enabled: z.boolean().optional() });
const CalendarExtensionPoint = z.strictObject({ runFunction: Endpoint });

const CommonAddOnManifest = z.strictObject({
  name: z.string().min(1),
  logoUrl: z.url(),
  layoutProperties: z.strictObject({ primaryColor: z.string().optional(), secondaryColor: z.string().optional() }).optional(),
  useLocaleFromApp: z.boolean().optional(),
  homepageTrigger: HomepageExtensionPoint.optional(),
  universalActions: z
    .array(
      z.union([
        z.strictObject({ label: z.string().min(1), openLink: z.url() }),
        z.strictObject({ label: z.string().min(1), runFunction: Endpoint }),
      ]),
    )
    .optional(),
  openLinkUrlPrefixes: z.array(z.string()).optional(),
});

const CalendarAddOnManifest = z.strictObject({
  homepageTrigger: HomepageExtensionPoint.optional(),
  conferenceSolution: z
    .array(z.strictObject({ onCreateFunction: Endpoint, id: z.string().min(1), name: z.string().min(1), logoUrl: z.url() }))
    .optional(),
  createSettingsUrlFunction: Endpoint.optional(),
  eventOpenTrigger: CalendarExtensionPoint.optional(),
  eventUpdateTrigger: CalendarExtensionPoint.optional(),
  currentEventAccess: z.enum(['METADATA', 'READ', 'WRITE', 'READ_WRITE']).optional(),
});

export const Deployment = z.strictObject({
  name: z.string().optional(),
  oauthScopes: z.array(z.string().min(1)).min(1),
  addOns: z.strictObject({
    common: CommonAddOnManifest,
    calendar: CalendarAddOnManifest,
    httpOptions: z.strictObject({ authorizationHeader: z.enum(['SYSTEM_ID_TOKEN', 'USER_ID_TOKEN', 'NONE']) }).optional(),
  }),
  etag: z.string().optional(),
});
export type Deployment = z.infer<typeof Deployment>;

export const baseUrlPlaceholder = '{{BASE_URL}}';

function fillIn(value: unknown, base: string): unknown {
  if (typeof value === 'string') return value.split(baseUrlPlaceholder).join(base);
  if (Array.isArray(value)) return value.map((item) => fillIn(item, base));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillIn(item, base)]));
  }
  return value;
}

/** Every endpoint the host will call, with where it sits in the descriptor. */
export function endpointsOf(deployment: Deployment): { field: string; url: string }[] {
  const { common, calendar } = deployment.addOns;
  const out: { field: string; url: string }[] = [];
  if (common.homepageTrigger) out.push({ field: 'addOns.common.homepageTrigger.runFunction', url: common.homepageTrigger.runFunction });
  common.universalActions?.forEach((action, i) => {
    if ('runFunction' in action) out.push({ field: `addOns.common.universalActions.${i}.runFunction`, url: action.runFunction });
  });
  if (calendar.homepageTrigger) out.push({ field: 'addOns.calendar.homepageTrigger.runFunction', url: calendar.homepageTrigger.runFunction });
  if (calendar.eventOpenTrigger) out.push({ field: 'addOns.calendar.eventOpenTrigger.runFunction', url: calendar.eventOpenTrigger.runFunction });
  if (calendar.eventUpdateTrigger) out.push({ field: 'addOns.calendar.eventUpdateTrigger.runFunction', url: calendar.eventUpdateTrigger.runFunction });
  if (calendar.createSettingsUrlFunction) out.push({ field: 'addOns.calendar.createSettingsUrlFunction', url: calendar.createSettingsUrlFunction });
  calendar.conferenceSolution?.forEach((solution, i) => {
    out.push({ field: `addOns.calendar.conferenceSolution.${i}.onCreateFunction`, url: solution.onCreateFunction });
  });
  return out;
}

/**
 * The descriptor for a service answering at `base`: placeholders filled in, the result
 * checked against the schema, every endpoint under the base, and the triggers pointing at
 * the paths the service serves. Throws on a broken template (ours, so a bug), naming the field.
 */
export function renderDeployment(template: unknown, base: AddOnBaseUrl): Deployment {
  const filled = fillIn(template, base);
  const leftover = JSON.stringify(filled).match(/\{\{[^}]*\}\}/);
  if (leftover !== null) throw new Error(`deployment template: unknown placeholder ${leftover[0]}`);
  const parsed = Deployment.safeParse(filled);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`deployment template: ${issue?.path.join('.') ?? '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const outside = endpointsOf(parsed.data).find((endpoint) => !endpoint.url.startsWith(`${base}/`));
  if (outside !== undefined) throw new Error(`deployment template: ${outside.field} (${outside.url}) is not under ${base}`);
  const { common, calendar } = parsed.data.addOns;
  const expected: [string, string | undefined, string][] = [
    ['addOns.common.homepageTrigger.runFunction', common.homepageTrigger?.runFunction, triggerUrl(base, 'home')],
    ['addOns.calendar.eventOpenTrigger.runFunction', calendar.eventOpenTrigger?.runFunction, triggerUrl(base, 'eventOpen')],
  ];
  for (const [field, actual, wanted] of expected) {
    if (actual !== wanted) throw new Error(`deployment template: ${field} is ${actual ?? 'missing'}, the service answers at ${wanted}`);
  }
  return parsed.data;
}
