import { describe, expect, it } from 'vitest';
import { buildOrgChart } from '../../src/matching/org-chart.ts';
import { pairScore, scorePair, scoreWeights } from '../../src/matching/score.ts';
import type { MeetingFormat, Person } from '../../src/model/schema.ts';
import { candidate, person, sharedThemesRankFirst } from '../support/matching-properties.ts';
import { english, worded } from '../support/words.ts';

const chart = buildOrgChart([]);

describe('pair score', () => {
  it('explains each level that earned points in plain words', () => {
    const ana = person('Ana Martin', { hireDate: '2025-09-01' });
    const paul = person('Paul Durand', { department: 'Ventes', hireDate: '2012-03-01' });
    const result = scorePair(
      candidate(ana, 'mentor', { offers: ['ai', 'data', 'video'], format: 'in-person' }),
      candidate(paul, 'mentee', { wants: ['data', 'ai', 'csr'], format: 'either' }),
      chart,
    );
    expect(result.reasons.map((r) => worded('pair', r))).toEqual([
      { code: 'SHARED_THEMES', message: '2 shared themes: Generative AI, Data' },
      { code: 'DIFFERENT_DEPARTMENTS', message: 'different departments: Finance / Ventes' },
      { code: 'SAME_OFFICE_IN_PERSON', message: 'both in Paris and open to meeting in person' },
      { code: 'FORMAT_AGREED', message: 'in person suits both' },
      { code: 'SENIORITY_GAP', message: 'the mentee joined 10+ years earlier' },
    ]);
    const w = scoreWeights;
    expect(result.score).toBe(1 + 2 * w.theme + w.department + w.office + w.format + 10);
  });

  it('names a format mismatch and gives no office points to a video-only pair', () => {
    const result = scorePair(
      candidate(person('Ana'), 'mentor', { offers: ['ai'], format: 'video' }),
      candidate(person('Paul'), 'mentee', { wants: ['ai'], format: 'in-person' }),
      chart,
    );
    expect(result.reasons.map((r) => r.code)).toEqual(['SHARED_THEMES', 'FORMAT_MISMATCH']);
    expect(english('pair', result.reasons[1])).toBe('Ana prefers video, Paul in person');
    expect(result.score).toBe(1 + scoreWeights.theme);
  });

  it('counts org-chart levels when the mentee sits higher than the mentor', () => {
    const people = [person('ceo'), person('director', { managerId: 'ceo' }), person('junior', { managerId: 'director', department: 'IT' })];
    const tree = buildOrgChart(people);
    const [ceo, , junior] = people as [Person, Person, Person];
    const result = scorePair(candidate(junior, 'mentor', { offers: ['ai'] }), candidate(ceo, 'mentee', { wants: ['ai'] }), tree);
    expect(worded('pair', result.reasons.at(-1))).toEqual({ code: 'SENIORITY_GAP', message: 'the mentee sits 2 levels higher in the org chart' });
  });

  it('always ranks a pair with more shared themes above one with fewer, whatever the lower levels', () => sharedThemesRankFirst.assert(sharedThemesRankFirst));

  it('ranks each level above everything below it', () => {
    const base = (over: { department?: string; office?: string; mf?: MeetingFormat; ef?: MeetingFormat; hire?: string }) =>
      pairScore(
        candidate(person('m', { hireDate: '2026-01-01' }), 'mentor', { offers: ['ai'], format: over.mf ?? 'video' }),
        candidate(person('e', { department: over.department ?? 'Finance', office: over.office ?? 'Lyon', hireDate: over.hire ?? '2026-01-01' }), 'mentee', {
          wants: ['ai'],
          format: over.ef ?? 'in-person',
        }),
        chart,
      );
    const best = { department: 'Finance', office: 'Paris', mf: 'either', ef: 'either', hire: '1990-01-01' } as const;
    expect(base({ department: 'Ventes' })).toBeGreaterThan(base(best));
    expect(base({ office: 'Paris', mf: 'in-person' })).toBeGreaterThan(base({ mf: 'either', ef: 'either', hire: '1990-01-01' }));
    expect(base({ mf: 'video', ef: 'video' })).toBeGreaterThan(base({ hire: '1990-01-01' }));
  });
});
