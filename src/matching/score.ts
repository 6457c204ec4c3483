import type { MeetingFormat, MessageParams, Reason } from '../model/schema.ts';
import type { OrgChart } from './org-chart.ts';
import { overlap, prepareCandidate } from './rules.ts';
import type { Candidate } from './rules.ts';

/**
 * The pair score ranks pairs lexicographically: shared themes first, then a
 * different department (breaking silos), then a shared office for two people
 * open to meeting in person, then agreement on the meeting format, then the
 * seniority gap. Each level's weight is one more than the most all lower
 * levels can add together, so no amount of a lower level makes up for one
 * unit of a higher one:
 *
 *   seniority   0..15 points (years of hire-date gap, capped at 10, plus
 *               org-chart levels, capped at 5)          weight 1,   max 15
 *   format      0/1                                     weight 16   (> 15)
 *   office      0/1                                     weight 32   (> 16 + 15)
 *   department  0/1                                     weight 64   (> 32 + 16 + 15)
 *   themes      shared themes, uncapped (top level)     weight 128  (> 64 + 32 + 16 + 15)
 *
 * plus 1, so that every pair scores at least 1 (the solver's edges need it).
 * Scores stay small (a few thousand at most) so the solver's totals are exact.
 */
export const scoreWeights = { seniority: 1, format: 16, office: 32, department: 64, theme: 128 } as const;
export const maxHireGapYears = 10;
export const maxLevelGap = 5;

interface Levels {
  themes: string[];
  department: boolean;
  office: boolean;
  format: boolean;
  hireGapYears: number;
  levelGap: number;
}

/** The score alone: what the solver needs for every feasible pair. */
export function pairScore(mentor: Candidate, mentee: Candidate, chart: OrgChart): number {
  return weigh(levels(mentor, mentee, chart));
}

/** The codes of the reasons a pair can show, for the edges that word them. */
export const pairReasonCodes = ['SHARED_THEMES', 'DIFFERENT_DEPARTMENTS', 'SAME_OFFICE_IN_PERSON', 'FORMAT_AGREED', 'FORMAT_MISMATCH', 'SENIORITY_GAP'] as const;

/** The score and what earned it, as codes and facts that each edge words for its reader: what HR reads beside a proposed pair. */
export function scorePair(mentor: Candidate, mentee: Candidate, chart: OrgChart): { score: number; reasons: Reason[] } {
  const l = levels(mentor, mentee, chart);
  const m = mentor.person;
  const e = mentee.person;
  const reasons: Reason[] = [];
  if (l.themes.length > 0) {
    reasons.push({ code: 'SHARED_THEMES', params: { count: l.themes.length, themes: l.themes.join(', ') } });
  }
  if (l.department) {
    reasons.push({ code: 'DIFFERENT_DEPARTMENTS', params: { mentorDepartment: m.department ?? '', menteeDepartment: e.department ?? '' } });
  }
  if (l.office) {
    reasons.push({ code: 'SAME_OFFICE_IN_PERSON', params: { office: m.office ?? '' } });
  }
  const mf = mentor.enrolment.format;
  const ef = mentee.enrolment.format;
  if (l.format) {
    reasons.push({ code: 'FORMAT_AGREED', params: formatAgreement(mf, ef) });
  } else {
    reasons.push({ code: 'FORMAT_MISMATCH', params: { mentor: m.name, mentorFormat: mf, mentee: e.name, menteeFormat: ef } });
  }
  if (l.hireGapYears > 0 || l.levelGap > 0) {
    const years = { years: l.hireGapYears, yearsPlus: l.hireGapYears === maxHireGapYears ? '+' : '' };
    const levelsUp = { levels: l.levelGap, levelsPlus: l.levelGap === maxLevelGap ? '+' : '' };
    const params: MessageParams =
      l.hireGapYears > 0 && l.levelGap > 0
        ? { context: 'both', ...years, ...levelsUp }
        : l.hireGapYears > 0
          ? { context: 'years', ...years }
          : { context: 'levels', ...levelsUp };
    reasons.push({ code: 'SENIORITY_GAP', params });
  }
  return { score: weigh(l), reasons };
}

/** Both chose the same format, one is open to either (the other's choice suits both), or both are open to either. */
function formatAgreement(a: MeetingFormat, b: MeetingFormat): MessageParams {
  if (a === b) return a === 'either' ? { context: 'either' } : { context: 'same', format: a };
  return { context: 'single', format: a === 'either' ? b : a };
}

function weigh(l: Levels): number {
  const w = scoreWeights;
  return (
    1 +
    w.theme * l.themes.length +
    w.department * Number(l.department) +
    w.office * Number(l.office) +
    w.format * Number(l.format) +
    w.seniority * (l.hireGapYears + l.levelGap)
  );
}

function levels(mentor: Candidate, mentee: Candidate, chart: OrgChart): Levels {
  const pm = prepareCandidate(mentor);
  const pe = prepareCandidate(mentee);
  const m = mentor.person;
  const e = mentee.person;
  const mf = mentor.enrolment.format;
  const ef = mentee.enrolment.format;
  const inPerson = mf !== 'video' && ef !== 'video';
  const hireGapDays = pm.hireDay !== null && pe.hireDay !== null ? pm.hireDay - pe.hireDay : 0;
  const mentorDepth = chart.depth(m.id);
  const menteeDepth = chart.depth(e.id);
  const levelGap = mentorDepth !== null && menteeDepth !== null ? mentorDepth - menteeDepth : 0;
  return {
    themes: overlap(pm.offers, pe.wants),
    department: m.department !== null && e.department !== null && m.department !== e.department,
    office: inPerson && m.office !== null && m.office === e.office,
    format: mf === ef || mf === 'either' || ef === 'either',
    hireGapYears: clamp(Math.floor(hireGapDays / 365.25), 0, maxHireGapYears),
    levelGap: clamp(levelGap, 0, maxLevelGap),
  };
}

function clamp(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, x));
}
