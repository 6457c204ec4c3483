/**
 * `binome check-tenant [--write]`: reads the tenants configuration the way
 * `npm start` does and tries each permission Binome needs once per tenant, saying
 * in plain words which one is missing and where to grant it. Without `--write` it
 * only reads. Exit 0 when every step passed, 1 otherwise, 2 when there is nothing
 * to check (no configuration, or a bad command line).
 */
import { readFile } from 'node:fs/promises';
import { readTenantsConfig } from '../config/tenants.ts';
import { createConnector, type TenantConfig } from '../providers/registry.ts';
import { probeDelegation, type DelegationProbe } from '../tenant-check/google-delegation.ts';
import { checkTenant, type StepResult } from '../tenant-check/run.ts';

const usage = 'usage: binome check-tenant [--write]';

/** The Google probe runs at most once per tenant, and only when a token was refused. */
function delegationProber(tenant: TenantConfig): () => Promise<DelegationProbe> {
  let probe: Promise<DelegationProbe> | null = null;
  return () => {
    if (tenant.platform !== 'google') return Promise.resolve({ clientId: null, ungranted: [] });
    probe ??= (async () => probeDelegation(tenant, tenant.caCertPath === undefined ? null : await readFile(tenant.caCertPath, 'utf8')))();
    return probe;
  };
}

function printStep(result: StepResult): void {
  process.stdout.write(`  ${result.ok ? '✓' : '✗'} ${result.summary}\n`);
  if (result.remedy !== null) process.stdout.write(`    → ${result.remedy}\n`);
}

async function checkOne(tenant: TenantConfig, write: boolean): Promise<boolean> {
  process.stdout.write(`${tenant.name} (${tenant.id}, ${tenant.platform === 'microsoft' ? 'Microsoft 365' : 'Google Workspace'}):\n`);
  let connector;
  try {
    connector = await createConnector(tenant);
  } catch (error) {
    process.stdout.write(`  ✗ cannot build the connector: ${error instanceof Error ? error.message : String(error)}\n`);
    return false;
  }
  try {
    const results = await checkTenant(tenant, connector, { write, now: new Date(), probeDelegation: delegationProber(tenant) });
    results.forEach(printStep);
    if (!write) process.stdout.write('  (read only: add --write to also book and cancel one event and send one mail as the first HR person)\n');
    return results.every((r) => r.ok);
  } finally {
    await connector.close();
  }
}

export async function runCheckTenantCommand(args: string[]): Promise<number> {
  const unknown = args.filter((a) => a !== '--write');
  if (unknown.length > 0) {
    process.stderr.write(`unknown argument ${unknown.join(' ')}\n${usage}\n`);
    return 2;
  }
  const tenants = readTenantsConfig(process.env);
  if (tenants === null) {
    process.stderr.write('no tenant is configured: set BINOME_TENANTS_FILE to the tenants file (or BINOME_TENANTS to its JSON), as for npm start\n');
    return 2;
  }
  let allPassed = true;
  for (const tenant of tenants) {
    if (!(await checkOne(tenant, args.includes('--write')))) allPassed = false;
  }
  return allPassed ? 0 : 1;
}
