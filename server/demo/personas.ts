import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../store/database.ts';
import { pairs } from '../store/schema.ts';
import { demoCohortId } from './seed.ts';

/**
 * The demo's two people, for the Outlook pane demo's first choices: the mentor and the
 * mentee of the running demo cohort's best-scored pair (every mentor of the demo is a
 * junior, every mentee a senior). Null before the seed has matched that cohort.
 */
export async function demoPersonas(db: Database, tenantId: string): Promise<{ juniorMentor: string | null; seniorMentee: string | null }> {
  const [pair] = await db
    .select({ mentor: pairs.mentorEmail, mentee: pairs.menteeEmail })
    .from(pairs)
    .where(and(eq(pairs.tenantId, tenantId), eq(pairs.cohortId, demoCohortId(tenantId, 'running'))))
    .orderBy(desc(pairs.score), pairs.pairId)
    .limit(1);
  return { juniorMentor: pair?.mentor ?? null, seniorMentee: pair?.mentee ?? null };
}
