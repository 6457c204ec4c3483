import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { TenantConfig } from '../providers/registry.ts';

/** The tenants file: every organisation this service serves, each on its platform. */
export const TenantsFile = z
  .object({ tenants: z.array(TenantConfig).min(1, 'name at least one tenant') })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.tenants.forEach((tenant, i) => {
      if (seen.has(tenant.id)) ctx.addIssue({ code: 'custom', path: ['tenants', i, 'id'], message: `tenant id ${tenant.id} is given twice` });
      seen.add(tenant.id);
    });
  });

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `  ${i.path.length === 0 ? '(root)' : i.path.join('.')}: ${i.message}`).join('\n');
}

/**
 * The tenants configured for this service, read once at start: from the JSON file
 * named by `BINOME_TENANTS_FILE`, or from the JSON in `BINOME_TENANTS`. Null when
 * neither is set: the service then runs the sandbox demo. Refuses the whole
 * configuration, naming each bad field, rather than starting with part of it.
 */
export function readTenantsConfig(env: NodeJS.ProcessEnv): TenantConfig[] | null {
  const file = env.BINOME_TENANTS_FILE;
  const inline = env.BINOME_TENANTS;
  if ((file === undefined || file === '') && (inline === undefined || inline === '')) return null;
  if (file !== undefined && file !== '' && inline !== undefined && inline !== '') {
    throw new Error('set BINOME_TENANTS_FILE or BINOME_TENANTS, not both');
  }
  const source = file !== undefined && file !== '' ? `BINOME_TENANTS_FILE (${file})` : 'BINOME_TENANTS';
  let text: string;
  if (file !== undefined && file !== '') {
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`${source}: cannot read the file (${error instanceof Error ? error.message : String(error)})`);
    }
  } else {
    text = inline ?? '';
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = TenantsFile.safeParse(json);
  if (!parsed.success) throw new Error(`${source} is not a valid tenant configuration:\n${describeIssues(parsed.error)}`);
  return parsed.data.tenants;
}
