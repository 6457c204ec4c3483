import { describe, expect, it } from 'vitest';
import { AddOnBaseUrl } from '../../addins/gcal/actions.ts';
import { Deployment, endpointsOf, renderDeployment } from '../../addins/gcal/deployment.ts';
import template from '../../manifests/google/deployment.json' with { type: 'json' };

const base = AddOnBaseUrl.parse('https://binome.example/gcal');

describe('the Google add-on deployment descriptor', () => {
  it('renders for a base URL into a descriptor the published types accept', () => {
    const deployment = renderDeployment(template, base);
    expect(Deployment.safeParse(deployment).success).toBe(true);
    expect(deployment.addOns.common).toMatchObject({
      name: 'Binôme',
      logoUrl: 'https://binome.example/gcal/logo.png',
      useLocaleFromApp: true,
      homepageTrigger: { runFunction: 'https://binome.example/gcal/home' },
    });
    expect(deployment.addOns.calendar).toEqual({
      homepageTrigger: { runFunction: 'https://binome.example/gcal/home' },
      eventOpenTrigger: { runFunction: 'https://binome.example/gcal/event-open' },
      currentEventAccess: 'READ',
    });
    expect(deployment.addOns.httpOptions).toEqual({ authorizationHeader: 'SYSTEM_ID_TOKEN' });
  });

  it('calls nothing outside the base URL', () => {
    const deployment = renderDeployment(template, base);
    const endpoints = endpointsOf(deployment);
    expect(endpoints.length).toBeGreaterThanOrEqual(3);
    for (const { url } of endpoints) expect(url.startsWith('https://binome.example/gcal/')).toBe(true);
  });

  it('asks for the locale scope it needs to receive the viewer locale and time zone, and only add-on scopes', () => {
    const { oauthScopes } = renderDeployment(template, base);
    expect(oauthScopes).toContain('https://www.googleapis.com/auth/script.locale');
    expect(oauthScopes).toContain('https://www.googleapis.com/auth/calendar.addons.execute');
    expect(oauthScopes.some((scope) => scope === 'https://www.googleapis.com/auth/calendar')).toBe(false);
  });

  it('renders for the demo on a loopback port, trailing slash or not', () => {
    const local = AddOnBaseUrl.parse('http://127.0.0.1:41234/gcal/');
    expect(local).toBe('http://127.0.0.1:41234/gcal');
    expect(renderDeployment(template, local).addOns.calendar.eventOpenTrigger?.runFunction).toBe('http://127.0.0.1:41234/gcal/event-open');
  });

  it('refuses a base URL Google could not call', () => {
    expect(AddOnBaseUrl.safeParse('http://binome.example/gcal').success).toBe(false);
    expect(AddOnBaseUrl.safeParse('https://binome.example/gcal?x=1').success).toBe(false);
    expect(AddOnBaseUrl.safeParse('/gcal').success).toBe(false);
  });

  it('refuses a template with a misspelt field, a foreign endpoint or a leftover placeholder, naming it', () => {
    const misspelt = structuredClone(template) as { addOns: { calendar: Record<string, unknown> } };
    misspelt.addOns.calendar.currentEventAcess = 'READ';
    expect(() => renderDeployment(misspelt, base)).toThrow(/addOns\.calendar/);

    const foreign = structuredClone(template);
    foreign.addOns.calendar.eventOpenTrigger.runFunction = 'https://elsewhere.example/open';
    expect(() => renderDeployment(foreign, base)).toThrow(
      'deployment template: addOns.calendar.eventOpenTrigger.runFunction (https://elsewhere.example/open) is not under https://binome.example/gcal',
    );

    const leftover = structuredClone(template);
    leftover.addOns.common.logoUrl = '{{LOGO}}';
    expect(() => renderDeployment(leftover, base)).toThrow('unknown placeholder {{LOGO}}');
  });
});
