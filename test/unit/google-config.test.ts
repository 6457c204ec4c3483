import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GoogleConfig, loadServiceAccountKey } from '../../server/connectors/google/config.ts';

const key = { type: 'service_account', client_email: 'binome@project.iam.gserviceaccount.com', private_key: '-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----\n', private_key_id: 'k1' };
const dir = mkdtempSync(join(tmpdir(), 'binome-gconfig-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Google connector configuration', () => {
  it('needs a domain or a customer id, and names the field', () => {
    const result = GoogleConfig.safeParse({ serviceAccountKey: key, adminEmail: 'admin@contoso.example' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['domain'], message: 'domain or customerId is required' });
    expect(GoogleConfig.safeParse({ serviceAccountKey: key, adminEmail: 'admin@contoso.example', customerId: 'my_customer' }).success).toBe(true);
  });

  it('refuses plain-HTTP API and token URLs', () => {
    const result = GoogleConfig.safeParse({ serviceAccountKey: key, adminEmail: 'admin@contoso.example', domain: 'contoso.example', tokenUrl: 'http://127.0.0.1/token' });
    expect(result.error?.issues[0]).toMatchObject({ path: ['tokenUrl'], message: 'tokenUrl must be an https URL' });
  });

  it('reads a key file, and says which file is not a service-account key', () => {
    const good = join(dir, 'key.json');
    writeFileSync(good, JSON.stringify(key));
    expect(loadServiceAccountKey(good)).toMatchObject({ client_email: key.client_email });
    const user = join(dir, 'user.json');
    writeFileSync(user, JSON.stringify({ type: 'authorized_user', client_id: 'x' }));
    expect(() => loadServiceAccountKey(user)).toThrow(/user\.json is not a service-account key/);
    expect(() => loadServiceAccountKey(join(dir, 'missing.json'))).toThrow(/cannot read .*missing\.json/);
  });
});
