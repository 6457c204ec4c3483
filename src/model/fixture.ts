import { z } from 'zod';
import { Instant, IsoDate, Tenant, WrittenHours } from './schema.ts';

/** The directory keeps an address as written; Binome compares addresses without case. */
const EmailAsWritten = z.string().trim().pipe(z.email({ message: 'not a valid email address' }));

/** The tenant fixture that seeds the sandboxes (docs/design.md §8). */
export const FixturePerson = z.object({
  id: z.string().min(1),
  email: EmailAsWritten,
  name: z.string().min(1),
  jobTitle: z.string().optional(),
  department: z.string().optional(),
  office: z.string().optional(),
  hireDate: IsoDate.optional(),
  managerId: z.string().optional(),
  timeZone: z.string().min(1),
  languages: z.array(z.string()).default([]),
  /** Absent: the provider reports no working hours for this person (see docs/design.md §8). */
  workingHours: WrittenHours.optional(),
  busy: z
    .array(z.object({ start: Instant, end: Instant, subject: z.string().default('Busy') }))
    .default([]),
});
export type FixturePerson = z.infer<typeof FixturePerson>;

/** A directory group (Google groups, or a Graph group later): its members are person ids. */
export const FixtureGroup = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  members: z.array(z.string().min(1)),
});
export type FixtureGroup = z.infer<typeof FixtureGroup>;

export const TenantFixture = z
  .object({ tenant: Tenant, people: z.array(FixturePerson), groups: z.array(FixtureGroup).optional() })
  .superRefine((fixture, ctx) => {
    const ids = new Set<string>();
    const emails = new Set<string>();
    fixture.people.forEach((p, i) => {
      if (ids.has(p.id)) ctx.addIssue({ code: 'custom', path: ['people', i, 'id'], message: `duplicate id ${p.id}` });
      const email = p.email.toLowerCase();
      if (emails.has(email))
        ctx.addIssue({ code: 'custom', path: ['people', i, 'email'], message: `duplicate email ${p.email}` });
      ids.add(p.id);
      emails.add(email);
    });
    const groupIds = new Set<string>();
    (fixture.groups ?? []).forEach((g, i) => {
      if (groupIds.has(g.id)) ctx.addIssue({ code: 'custom', path: ['groups', i, 'id'], message: `duplicate group id ${g.id}` });
      groupIds.add(g.id);
      g.members.forEach((member, j) => {
        if (!ids.has(member)) ctx.addIssue({ code: 'custom', path: ['groups', i, 'members', j], message: `unknown person ${member}` });
      });
    });
    fixture.people.forEach((p, i) => {
      if (p.managerId !== undefined && !ids.has(p.managerId))
        ctx.addIssue({ code: 'custom', path: ['people', i, 'managerId'], message: `unknown manager ${p.managerId}` });
    });
  });
export type TenantFixture = z.infer<typeof TenantFixture>;
