import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readTenantsConfig } from '../../server/config/tenants.ts';

const microsoft = {
  id: 'contoso',
  name: 'Contoso',
  domain: 'contoso.example',
  platform: 'microsoft',
  entra: { tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', clientId: '1b2c3d4e-0000-4000-8000-000000000001', clientSecret: 'abc~very-secret-value' },
  hr: { people: ['9a8b7c6d-0000-4000-8000-00000000000a'] },
};

const google = {
  id: 'fabrikam',
  name: 'Fabrikam',
  domain: 'fabrikam.example',
  platform: 'google',
  serviceAccountKeyPath: '/etc/binome/fabrikam-sa.json',
  adminUser: 'admin@fabrikam.example',
};

const env = (tenants: unknown): NodeJS.ProcessEnv => ({ BINOME_TENANTS: JSON.stringify({ tenants }) });

describe('tenant configuration', () => {
  it('is absent when neither variable is set, and the service then runs the sandbox demo', () => {
    expect(readTenantsConfig({})).toBeNull();
    expect(readTenantsConfig({ BINOME_TENANTS: '', BINOME_TENANTS_FILE: '' })).toBeNull();
  });

  it('reads a Microsoft and a Google tenant with the providers’ real endpoints as defaults', () => {
    const tenants = readTenantsConfig(env([microsoft, google])) ?? [];
    expect(tenants.map((t) => [t.id, t.platform, t.sandbox])).toEqual([
      ['contoso', 'microsoft', false],
      ['fabrikam', 'google', false],
    ]);
    const [ms, gg] = tenants;
    if (ms?.platform !== 'microsoft' || gg?.platform !== 'google') throw new Error('platforms out of order');
    expect(ms.graphBaseUrl).toBe('https://graph.microsoft.com/v1.0');
    expect(ms.workingHours).toEqual({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' });
    expect(gg.tokenUrl).toBe('https://oauth2.googleapis.com/token');
    expect(gg.customerId).toBe('my_customer');
  });

  it('never shows a secret when the configuration is logged or serialised', () => {
    const [ms] = readTenantsConfig(env([microsoft])) ?? [];
    if (ms?.platform !== 'microsoft') throw new Error('expected a Microsoft tenant');
    const shown = [JSON.stringify(ms), inspect(ms, { depth: 10 }), `${String(ms.entra.clientSecret)}`].join('\n');
    expect(shown).not.toContain('very-secret-value');
    expect(shown).toContain('[redacted]');
    expect(ms.entra.clientSecret?.reveal()).toBe('abc~very-secret-value');
  });

  it('refuses the whole configuration, naming every bad field', () => {
    const broken = [
      { ...microsoft, entra: { ...microsoft.entra, clientSecret: undefined } },
      { ...google, platform: 'google', adminUser: 'not-an-address', apiRootUrl: 'http://www.googleapis.com/' },
      { ...microsoft, id: 'Contoso Corp' },
    ];
    expect(() => readTenantsConfig(env(broken))).toThrow(
      /tenants\.0\.entra\.clientSecret: give exactly one app credential[\s\S]*tenants\.1\.adminUser[\s\S]*tenants\.1\.apiRootUrl: apiRootUrl must be an https URL[\s\S]*tenants\.2\.id/,
    );
  });

  it('refuses a platform it does not know and a tenant named twice', () => {
    expect(() => readTenantsConfig(env([{ ...microsoft, platform: 'zoho' }]))).toThrow(/tenants\.0\.platform/);
    expect(() => readTenantsConfig(env([microsoft, microsoft]))).toThrow(/tenants\.1\.id: tenant id contoso is given twice/);
  });

  it('says which source is wrong: an unreadable file, bad JSON, or both variables at once', () => {
    expect(() => readTenantsConfig({ BINOME_TENANTS_FILE: '/nonexistent/tenants.json' })).toThrow(/BINOME_TENANTS_FILE \(\/nonexistent\/tenants\.json\): cannot read/);
    expect(() => readTenantsConfig({ BINOME_TENANTS: '{"tenants": [' })).toThrow(/BINOME_TENANTS is not valid JSON/);
    expect(() => readTenantsConfig({ BINOME_TENANTS: '{}', BINOME_TENANTS_FILE: 'x.json' })).toThrow(/not both/);
  });
});
