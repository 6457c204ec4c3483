import { describe, expect, it } from 'vitest';
import { cachedMembership } from '../../server/auth/membership-cache.ts';
import { personRoles, type GroupMembership } from '../../server/auth/roles.ts';

/** A directory that answers from a table and counts the questions it was asked. */
function directory(answers: Record<string, boolean | 'unknown' | Error>): GroupMembership & { asked: string[] } {
  const asked: string[] = [];
  const read = async (personId: string, groupId: string) => {
    asked.push(`${personId}@${groupId}`);
    const answer = answers[personId] ?? false;
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return Object.assign(read, { asked });
}

describe('who is HR', () => {
  it('names HR by directory id, and by membership of the HR group', async () => {
    const group = { id: 'g-hr', isMember: directory({ julie: true }) };
    expect(await personRoles({ people: ['helene'], group }, 'helene')).toEqual(['hr', 'participant']);
    expect(await personRoles({ people: ['helene'], group }, 'julie')).toEqual(['hr', 'participant']);
    expect(await personRoles({ people: ['helene'], group }, 'chloe')).toEqual(['participant']);
  });

  it('never makes anyone HR when the directory cannot say or fails', async () => {
    const group = { id: 'g-hr', isMember: directory({ julie: 'unknown', marc: new Error('Graph answered 503') }) };
    expect(await personRoles({ people: [], group }, 'julie')).toEqual(['participant']);
    expect(await personRoles({ people: [], group }, 'marc')).toEqual(['participant']);
  });
});

describe('group answers kept for a few minutes', () => {
  it('asks the directory once per person while the answer is fresh, then again', async () => {
    let now = Date.UTC(2027, 0, 4, 8);
    const read = directory({ julie: true });
    const cached = cachedMembership(read, { ttlMs: 5 * 60_000, maxEntries: 100, now: () => now });
    expect(await cached('julie', 'g-hr')).toBe(true);
    expect(await cached('chloe', 'g-hr')).toBe(false);
    now += 4 * 60_000;
    expect(await cached('julie', 'g-hr')).toBe(true);
    expect(await cached('chloe', 'g-hr')).toBe(false);
    expect(read.asked).toEqual(['julie@g-hr', 'chloe@g-hr']);
    now += 2 * 60_000;
    await cached('julie', 'g-hr');
    expect(read.asked).toEqual(['julie@g-hr', 'chloe@g-hr', 'julie@g-hr']);
  });

  it('does not keep "unknown": the next request asks again', async () => {
    const read = directory({ julie: 'unknown' });
    const cached = cachedMembership(read, { ttlMs: 60_000, maxEntries: 100, now: () => 0 });
    expect(await cached('julie', 'g-hr')).toBe('unknown');
    expect(await cached('julie', 'g-hr')).toBe('unknown');
    expect(read.asked).toHaveLength(2);
  });

  it('keeps at most maxEntries people, forgetting the oldest first', async () => {
    const read = directory({});
    const cached = cachedMembership(read, { ttlMs: 60_000, maxEntries: 2, now: () => 0 });
    for (const person of ['a', 'b', 'c', 'a']) await cached(person, 'g');
    expect(read.asked).toEqual(['a@g', 'b@g', 'c@g', 'a@g']);
  });
});
