import { readFile } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actionNames, actionUrl, AddOnBaseUrl, triggerUrl, type ActionName } from '../../../addins/gcal/actions.ts';
import { renderDeployment } from '../../../addins/gcal/deployment.ts';
import { parseEventObject, viewerPlace, type AddOnEvent } from '../../../addins/gcal/event-object.ts';
import { verifyAddOnSystemToken, verifyToken, type GoogleTrust } from '../../auth/verify.ts';
import type { TenantAuth } from '../../auth/tenant-auth.ts';
import type { TenantRegistry } from '../../runtime/tenants.ts';
import type { Clock } from '../../runtime/clock.ts';
import { ownOrigin, refuseAuth } from '../auth/identity.ts';
import { participantApi } from './participant.ts';
import { answerAction, answerTrigger, type Screens } from './screens.ts';

export interface AddOnRouteOptions {
  tenants: readonly TenantAuth[];
  registry: TenantRegistry;
  clock: Clock;
  publicOrigin: string | null;
}

/** Where the service serves a tenant's add-on, under its own origin. */
export const addOnPath = (tenantId: string) => `/gcal/${encodeURIComponent(tenantId)}`;

interface AddOnTenant {
  trust: GoogleTrust;
  serviceAccountEmail: string;
  base: AddOnBaseUrl;
}

const TenantParams = z.object({ tenantId: z.string().min(1).max(100) });
const ActionParams = TenantParams.extend({ action: z.enum(actionNames as [ActionName, ...ActionName[]]) });

/**
 * The Google Workspace add-on's HTTP endpoints, one set per Google tenant with an
 * add-on: the homepage and event-open triggers and every card button. Each request
 * carries a Google-signed system ID token whose audience is the URL Google called
 * (checked against the add-on's service account), and the person's ID token, which
 * the participant API verifies as it would any bearer token of the tenant.
 */
export async function addOnRoutes(app: FastifyInstance, options: AddOnRouteOptions): Promise<void> {
  const tenantOf = (request: FastifyRequest, tenantId: string): AddOnTenant | null => {
    const config = options.registry.get(tenantId)?.config;
    const auth = options.tenants.find((candidate) => candidate.tenantId === tenantId);
    if (config?.platform !== 'google' || config.addOn === undefined || auth?.trust.platform !== 'google') return null;
    const base = AddOnBaseUrl.parse(config.addOn.endpointBaseUrl ?? `${ownOrigin(request, options.publicOrigin)}${addOnPath(tenantId)}`);
    return { trust: auth.trust, serviceAccountEmail: config.addOn.serviceAccountEmail, base };
  };

  /** Checks both tokens, then answers with the participant API as the person. */
  const handle = async (
    request: FastifyRequest,
    reply: FastifyReply,
    tenantId: string,
    audience: (base: AddOnBaseUrl) => string,
    answer: (event: AddOnEvent, screens: Screens) => Promise<unknown>,
  ) => {
    const tenant = tenantOf(request, tenantId);
    if (tenant === null) return notFound(reply, tenantId);
    const header = /^Bearer +(\S+)$/i.exec(request.headers.authorization?.trim() ?? '')?.[1];
    if (header === undefined) return refuseAuth(reply, { code: 'TOKEN_MISSING', message: 'the add-on request carries no system ID token (Authorization: Bearer)' });
    const system = await verifyAddOnSystemToken(header, { issuers: tenant.trust.issuers, keys: tenant.trust.keys, audience: audience(tenant.base), serviceAccountEmail: tenant.serviceAccountEmail });
    if (!system.ok) return refuseAuth(reply, system.failure);
    const event = parseEventObject(request.body);
    if (!event.ok) return reply.code(400).send({ code: event.error.code, message: event.error.message, field: event.error.field });
    const userToken = event.event.authorizationEventObject.userIdToken;
    if (userToken === undefined) return refuseAuth(reply, { code: 'TOKEN_MISSING', message: 'the add-on request carries no user ID token: the deployment must ask for the openid and email scopes' });
    const user = await verifyToken(userToken, [tenant.trust], { use: 'id' });
    if (!user.ok) return refuseAuth(reply, user.failure);
    const context = { baseUrl: tenant.base, ...viewerPlace(event.event) };
    return reply.send(await answer(event.event, { api: participantApi(app, userToken), context, now: options.clock().getTime() }));
  };

  const deploymentTemplate: unknown = JSON.parse(await readFile(new URL('../../../manifests/google/deployment.json', import.meta.url), 'utf8'));
  const logo = await readFile(new URL('../../../addins/outlook/assets/icon-128.png', import.meta.url));
  const notFound = (reply: FastifyReply, tenantId: string) =>
    reply.code(404).send({ code: 'ADDON_NOT_FOUND', message: `tenant ${tenantId} has no Google Workspace add-on here`, field: 'tenantId' });

  /** The deployment descriptor for this tenant's add-on, with the URLs where this service answers it. */
  app.get('/gcal/:tenantId/deployment.json', { schema: { hide: true } }, async (request, reply) => {
    const { tenantId } = TenantParams.parse(request.params);
    const tenant = tenantOf(request, tenantId);
    return tenant === null ? notFound(reply, tenantId) : renderDeployment(deploymentTemplate, tenant.base);
  });
  app.get('/gcal/:tenantId/logo.png', { schema: { hide: true } }, async (request, reply) => {
    const { tenantId } = TenantParams.parse(request.params);
    return tenantOf(request, tenantId) === null ? notFound(reply, tenantId) : reply.type('image/png').header('cache-control', 'public, max-age=86400').send(logo);
  });

  for (const trigger of ['home', 'event-open'] as const) {
    app.post(`/gcal/:tenantId/${trigger}`, { schema: { hide: true } }, async (request, reply) => {
      const { tenantId } = TenantParams.parse(request.params);
      const audience = (base: AddOnBaseUrl) => triggerUrl(base, trigger === 'home' ? 'home' : 'eventOpen');
      return handle(request, reply, tenantId, audience, (event, screens) => answerTrigger(trigger, event, screens));
    });
  }
  app.post('/gcal/:tenantId/actions/:action', { schema: { hide: true } }, async (request, reply) => {
    const params = ActionParams.safeParse(request.params);
    if (!params.success) return reply.code(404).send({ code: 'ADDON_ACTION_NOT_FOUND', message: 'no such add-on action', field: 'action' });
    const { tenantId, action } = params.data;
    return handle(request, reply, tenantId, (base) => actionUrl(base, action), (event, screens) => answerAction(action, event, screens));
  });
}
