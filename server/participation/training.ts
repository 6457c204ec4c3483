import { randomUUID } from 'node:crypto';
import type { Database } from '../store/database.ts';
import { builtInContent, type TrainingContent } from '../../src/training/catalogue.ts';
import { applyOverrides, TrainingOverride } from '../../src/training/overrides.ts';
import { canonicalLanguage } from '../../src/model/language.ts';
import type { Role } from '../../src/model/schema.ts';
import type { MyTraining, StoredTrainingOverride, TrainingOverrideBody } from '../../contract/me.ts';
import { ok, refuse, type Result } from './errors.ts';
import { overridesOf, insertOverride, type OverrideRow } from './repository.ts';

const stored = (row: OverrideRow): StoredTrainingOverride => ({
  overrideId: row.overrideId,
  createdAt: new Date(row.createdAt).toISOString(),
  override: TrainingOverride.parse({ kind: row.kind, item: row.item }),
});

/** The built-in content with the tenant's HR edits laid over it. */
export async function currentContent(db: Database, tenantId: string): Promise<TrainingContent> {
  const rows = await overridesOf(db, tenantId);
  return applyOverrides(
    builtInContent,
    rows.map((row) => stored(row).override),
  ).content;
}

/**
 * Training for a role, in the asked language (else the person's, else French: the
 * programme's first language). Documents for the other role only are left out;
 * a person in no cohort yet (role null) gets both sides.
 */
export async function trainingFor(db: Database, tenantId: string, role: Role | null, asked: string | undefined, personLanguages: string[]): Promise<MyTraining> {
  const content = await currentContent(db, tenantId);
  const spoken = [asked, ...personLanguages].map((l) => (l === undefined ? null : canonicalLanguage(l))).find((l) => l === 'fr' || l === 'en');
  return {
    language: spoken === 'en' ? 'en' : 'fr',
    documents: content.documents.filter((d) => role === null || d.audience === 'both' || d.audience === role),
    guides: content.guides,
    charter: content.charter,
  };
}

export async function listOverrides(db: Database, tenantId: string): Promise<StoredTrainingOverride[]> {
  return (await overridesOf(db, tenantId)).map(stored);
}

/**
 * Stores HR's edit when it applies over what is in force: a version not newer than
 * the one in use, or a second guide for a theme, is refused by name.
 */
export async function addOverride(db: Database, tenantId: string, body: TrainingOverrideBody, at: Date): Promise<Result<StoredTrainingOverride>> {
  const existing = (await overridesOf(db, tenantId)).map((row) => stored(row).override);
  const { rejected } = applyOverrides(builtInContent, [...existing, body]);
  const mine = rejected.find((r) => r.index === existing.length);
  if (mine !== undefined) return refuse(mine.code, mine.message, mine.field);
  const row: OverrideRow = {
    tenantId,
    overrideId: randomUUID(),
    kind: body.kind,
    key: body.item.key,
    version: body.item.version,
    item: body.item,
    createdAt: at.toISOString(),
  };
  if (!(await insertOverride(db, row))) {
    return refuse('TRAINING_STALE_VERSION', `${body.kind} "${body.item.key}": version ${body.item.version} was saved meanwhile`, 'item.version');
  }
  return ok(stored(row));
}
