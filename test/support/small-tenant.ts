import type { TenantFixture } from '../../src/model/fixture.ts';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as ('mon' | 'tue' | 'wed' | 'thu' | 'fri')[];

/**
 * A small Microsoft tenant: a CEO, two directors and their teams, in Paris and
 * Montréal. Chloé reports (through Marc) to Hélène, so they may never pair.
 */
export function smallTenant(): TenantFixture {
  const person = (
    id: string,
    name: string,
    extra: Partial<TenantFixture['people'][number]> & { department: string; office: string; timeZone: string },
  ): TenantFixture['people'][number] => ({
    id,
    email: `${name.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(' ', '.')}@acme.example`,
    name,
    jobTitle: 'Employee',
    hireDate: '2020-01-06',
    languages: ['fr', 'en'],
    workingHours: { days: weekdays, start: '09:00', end: '18:00' },
    busy: [],
    ...extra,
  });
  return {
    tenant: { id: 'acme', name: 'Acme', domain: 'acme.example', platform: 'microsoft' },
    people: [
      person('u1', 'Hélène Roux', { department: 'Direction', office: 'Paris', timeZone: 'Europe/Paris', jobTitle: 'CEO', hireDate: '2005-03-01' }),
      person('u2', 'Marc Petit', { department: 'Finance', office: 'Paris', timeZone: 'Europe/Paris', managerId: 'u1', jobTitle: 'CFO', hireDate: '2010-05-03' }),
      person('u3', 'Julie Moreau', { department: 'Sales', office: 'Montréal', timeZone: 'America/Toronto', managerId: 'u1', jobTitle: 'Sales director', hireDate: '2012-09-03' }),
      person('u4', 'Chloé Martin', { department: 'Finance', office: 'Paris', timeZone: 'Europe/Paris', managerId: 'u2', hireDate: '2025-09-01' }),
      person('u5', 'Lucas Bernard', { department: 'Sales', office: 'Montréal', timeZone: 'America/Toronto', managerId: 'u3', hireDate: '2025-02-03' }),
      person('u6', 'Inès Garcia', { department: 'Finance', office: 'Paris', timeZone: 'Europe/Paris', managerId: 'u2', hireDate: '2024-10-01',
        busy: [{ start: '2027-01-11T08:00:00Z', end: '2027-01-11T17:00:00Z', subject: 'Offsite' }] }),
      person('u7', 'Noah Dubois', { department: 'Sales', office: 'Montréal', timeZone: 'America/Toronto', managerId: 'u3', hireDate: '2025-06-02', languages: ['en'] }),
    ],
  };
}

/** Volunteers of the small tenant, with one bad row of each common kind. */
export const smallEnrolments = [
  'email,role,offers,wants,languages,format',
  'chloe.martin@acme.example,mentor,ai;data,,fr;en,video',
  'lucas.bernard@acme.example,mentor,social-networks;ai,,fr;en,either',
  'ines.garcia@acme.example,mentor,collaboration-tools,,fr,video',
  'Helene.Roux@Acme.example ,mentee,,ai;collaboration-tools,fr;en,either',
  'marc.petit@acme.example,mentee,,data;social-networks,fr,video',
  'julie.moreau@acme.example,mentee,,social-networks;ai,fr;en,in-person',
  'nobody@acme.example,mentor,ai,,fr,video',
  'noah.dubois@acme.example,mentor,blockchain,,en,video',
  'noah.dubois@acme.example,boss,ai,,en,video',
].join('\n');
