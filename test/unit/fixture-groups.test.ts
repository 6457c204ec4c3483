import { describe, expect, it } from 'vitest';
import { TenantFixture } from '../../src/model/fixture.ts';

const person = (id: string) => ({ id, email: `${id}@contoso.example`, name: `Person ${id}`, timeZone: 'Europe/Paris', workingHours: { days: ['mon'], start: '09:00', end: '17:00' } });
const tenant = { id: 'contoso', name: 'Contoso', domain: 'contoso.example', platform: 'microsoft' };

describe('tenant fixture groups', () => {
  it('accepts a fixture without groups, and groups whose members are people of the fixture', () => {
    expect(TenantFixture.safeParse({ tenant, people: [person('a')] }).success).toBe(true);
    expect(TenantFixture.safeParse({ tenant, people: [person('a')], groups: [{ id: 'g', name: 'Mentors', members: ['a'] }] }).success).toBe(true);
  });

  it('names a group id given twice and a member who is not in the fixture', () => {
    const parsed = TenantFixture.safeParse({
      tenant,
      people: [person('a')],
      groups: [{ id: 'g', name: 'Mentors', members: ['a'] }, { id: 'g', name: 'Mentees', members: ['zz'] }],
    });
    expect(parsed.success).toBe(false);
    const issues = parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toEqual(expect.arrayContaining(['groups.1.id: duplicate group id g', 'groups.1.members.0: unknown person zz']));
  });
});
