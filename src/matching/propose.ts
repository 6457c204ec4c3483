import type { CohortPlan, Enrolment, Interval, Person, Reason, Role, WorkingHours } from '../model/schema.ts';
import { cohortWindow, freeTime, type FreeTime } from '../planning/free-time.ts';
import { planSessions } from '../planning/sessions.ts';
import { buildOrgChart } from './org-chart.ts';
import { pairBlocker, type Candidate } from './rules.ts';
import { pairScore, scorePair } from './score.ts';
import { solveAssignment } from './solver.ts';

/** What the calendar provider told us about one volunteer. */
export interface PersonAvailability {
  timeZone: string | null;
  workingHours: WorkingHours | null;
  busy: Interval[];
  error: string | null;
}

export interface ProposalInput {
  plan: CohortPlan;
  /** Epoch ms; no session is planned before it. */
  now: number;
  people: readonly Person[];
  enrolments: readonly Enrolment[];
  availability: ReadonlyMap<string, PersonAvailability>;
}

export interface ProposedPair {
  mentorEmail: string;
  menteeEmail: string;
  score: number;
  reasons: Reason[];
  sessions: Interval[];
}

export interface Proposal {
  pairs: ProposedPair[];
  unmatched: { email: string; role: Role; reason: Reason }[];
}

interface Volunteer {
  candidate: Candidate;
  free: FreeTime | null;
  unavailable: Reason | null;
  /** Why candidate partners were refused, by rule code, to explain an unmatched person. */
  refusals: Map<string, number>;
  feasible: number;
}

/** How many candidate partners each rule ruled out, in words: "12 share no theme", "1 shares no theme". */
const refusalWords: Record<string, [one: string, many: string]> = {
  SAME_PERSON: ['is the same person', 'are the same person'],
  WRONG_ROLE: ['did not volunteer in the other role', 'did not volunteer in the other role'],
  SAME_REPORTING_LINE: ['is in the same reporting line', 'are in the same reporting line'],
  NO_COMMON_LANGUAGE: ['shares no language', 'share no language'],
  NO_THEME_MATCH: ['shares no theme (offered and wanted)', 'share no theme (offered and wanted)'],
  NO_COMMON_SLOT: ['has too little common free time for every session', 'have too little common free time for every session'],
  NO_CALENDAR: ['has a calendar that could not be read', 'have a calendar that could not be read'],
};

const refusalPhrase = (code: string, n: number): string => {
  const words = refusalWords[code];
  return `${n} ${words === undefined ? code : n === 1 ? words[0] : words[1]}`;
};

/**
 * Forms the pairs of a cohort: every mentor/mentee pair that passes the hard
 * rules and can hold every session of the cohort in both calendars is an edge;
 * the solver then picks the most pairs, and among those the highest total score.
 */
export function proposePairs(input: ProposalInput): Proposal {
  const byEmail = new Map(input.people.map((p) => [p.email, p]));
  const chart = buildOrgChart(input.people);
  const window = cohortWindow(input.plan);
  const unmatched: Proposal['unmatched'] = [];
  const mentors: Volunteer[] = [];
  const mentees: Volunteer[] = [];

  for (const enrolment of input.enrolments) {
    const person = byEmail.get(enrolment.email);
    if (person === undefined) {
      unmatched.push({
        email: enrolment.email,
        role: enrolment.role,
        reason: { code: 'NOT_IN_DIRECTORY', message: `${enrolment.email} is no longer in the directory` },
      });
      continue;
    }
    const volunteer = prepareVolunteer({ person, enrolment }, input.availability.get(enrolment.email), input.plan, window);
    (enrolment.role === 'mentor' ? mentors : mentees).push(volunteer);
  }

  const edgeMentor: number[] = [];
  const edgeMentee: number[] = [];
  const edgeScore: number[] = [];
  mentors.forEach((mentor, i) => {
    mentees.forEach((mentee, j) => {
      const refusal = refusalOf(mentor, mentee, chart, input);
      if (refusal !== null) {
        mentor.refusals.set(refusal, (mentor.refusals.get(refusal) ?? 0) + 1);
        mentee.refusals.set(refusal, (mentee.refusals.get(refusal) ?? 0) + 1);
        return;
      }
      mentor.feasible++;
      mentee.feasible++;
      edgeMentor.push(i);
      edgeMentee.push(j);
      edgeScore.push(pairScore(mentor.candidate, mentee.candidate, chart));
    });
  });

  const solution = solveAssignment({
    mentors: mentors.length,
    mentees: mentees.length,
    edgeMentor: Int32Array.from(edgeMentor),
    edgeMentee: Int32Array.from(edgeMentee),
    edgeScore: Int32Array.from(edgeScore),
  });

  const pairs: ProposedPair[] = [];
  const matchedMentees = new Set<number>();
  mentors.forEach((mentor, i) => {
    const j = solution.menteeOfMentor[i] ?? -1;
    const mentee = j >= 0 ? mentees[j] : undefined;
    if (mentee === undefined || mentor.free === null || mentee.free === null) {
      unmatched.push(explainUnmatched(mentor, 'mentor'));
      return;
    }
    matchedMentees.add(j);
    const planned = planSessions(mentor.free, mentee.free, input.plan, { notBefore: input.now });
    if (!planned.ok) throw new Error(`planning is not deterministic: ${mentor.candidate.person.email} lost a plan it had`);
    const scored = scorePair(mentor.candidate, mentee.candidate, chart);
    pairs.push({
      mentorEmail: mentor.candidate.person.email,
      menteeEmail: mentee.candidate.person.email,
      score: scored.score,
      reasons: scored.reasons,
      sessions: planned.sessions,
    });
  });
  mentees.forEach((mentee, j) => {
    if (!matchedMentees.has(j)) unmatched.push(explainUnmatched(mentee, 'mentee'));
  });

  return { pairs, unmatched };
}

function prepareVolunteer(
  candidate: Candidate,
  availability: PersonAvailability | undefined,
  plan: CohortPlan,
  window: Interval,
): Volunteer {
  const volunteer: Volunteer = { candidate, free: null, unavailable: null, refusals: new Map(), feasible: 0 };
  const hours = availability?.workingHours ?? candidate.person.workingHours;
  if (availability === undefined || availability.error !== null) {
    volunteer.unavailable = {
      code: 'NO_CALENDAR',
      message: `the calendar of ${candidate.person.name} could not be read${availability?.error ? `: ${availability.error}` : ''}`,
    };
  } else if (hours === null) {
    volunteer.unavailable = { code: 'NO_WORKING_HOURS', message: `${candidate.person.name} has no working hours in their calendar settings` };
  } else {
    volunteer.free = freeTime({ workingHours: hours, busy: availability.busy }, plan, window);
  }
  return volunteer;
}

/** The first hard rule a pair breaks (cheap rules first, the calendar last), or null. */
function refusalOf(mentor: Volunteer, mentee: Volunteer, chart: ReturnType<typeof buildOrgChart>, input: ProposalInput): string | null {
  const blocker = pairBlocker(mentor.candidate, mentee.candidate, chart);
  if (blocker !== null) return blocker.code;
  if (mentor.free === null || mentee.free === null) return 'NO_CALENDAR';
  const planned = planSessions(mentor.free, mentee.free, input.plan, { notBefore: input.now });
  return planned.ok ? null : 'NO_COMMON_SLOT';
}

function explainUnmatched(volunteer: Volunteer, role: Role): Proposal['unmatched'][number] {
  const email = volunteer.candidate.person.email;
  if (volunteer.unavailable !== null) return { email, role, reason: volunteer.unavailable };
  const other = role === 'mentor' ? 'mentee' : 'mentor';
  if (volunteer.feasible > 0) {
    return {
      email,
      role,
      reason: {
        code: 'PARTNERS_TAKEN',
        message: `${volunteer.feasible} possible ${other}${volunteer.feasible > 1 ? 's' : ''}, all paired with someone else so that the cohort has as many pairs as possible`,
      },
    };
  }
  const counts = [...volunteer.refusals.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
  if (counts.length === 0) {
    return { email, role, reason: { code: 'NO_VOLUNTEER_OPPOSITE', message: `no ${other} volunteered in this cohort` } };
  }
  const detail = counts.map(([code, n]) => refusalPhrase(code, n)).join(', ');
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  return {
    email,
    role,
    reason: { code: counts[0]?.[0] ?? 'NO_PARTNER', message: `${total === 1 ? `the only ${other}` : `none of the ${total} ${other}s`} fits: ${detail}` },
  };
}
