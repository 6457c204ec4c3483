import type { CohortPlan, Enrolment, Interval, Person, Reason, Role, WorkingHours } from '../model/schema.ts';
import { cohortWindow, freeTime, type FreeTime } from '../planning/free-time.ts';
import { planSessions, sessionsFit } from '../planning/sessions.ts';
import { slotMap, slotVerdict, type SlotMap } from '../planning/slot-map.ts';
import { buildOrgChart } from './org-chart.ts';
import { pairRuleBroken, pairRuleCodes, type Candidate } from './rules.ts';
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
  /** Coarse free time, for a quick verdict on most pairs before the exact test. */
  slots: SlotMap | null;
  unavailable: Reason | null;
  /** Why candidate partners were refused, by rule code, to explain an unmatched person. */
  refusals: Map<string, number>;
  feasible: number;
}

/** What rules a candidate partner out, counted per volunteer to explain who is left unmatched. */
export const refusalCodes = [...pairRuleCodes, 'NO_COMMON_SLOT', 'NO_CALENDAR'] as const;

/**
 * Why a volunteer is left unmatched: their own situation, or the rule that ruled out
 * most of their candidate partners (then params count the partners each rule ruled out).
 */
export const unmatchedReasonCodes = ['NOT_IN_DIRECTORY', 'NO_CALENDAR', 'NO_WORKING_HOURS', 'PARTNERS_TAKEN', 'NO_VOLUNTEER_OPPOSITE', ...refusalCodes] as const;

/**
 * How candidate pairs are tested for time: "filtered" settles most pairs from slot
 * maps and tests the rest exactly; "exact" tests every pair with `sessionsFit`;
 * "planned" plans every pair's sessions. All three accept exactly the same pairs
 * (a test compares them); the last two are kept as baselines for that test and the bench.
 */
export type Feasibility = 'filtered' | 'exact' | 'planned';

/** The volunteers of a cohort, ready for pairing, and those who cannot be paired at all. */
export interface Volunteers {
  mentors: Volunteer[];
  mentees: Volunteer[];
  unmatched: Proposal['unmatched'];
  chart: ReturnType<typeof buildOrgChart>;
}

/** The mentor/mentee pairs that pass every hard rule, with their scores: the solver's edges. */
export interface CandidateEdges {
  edgeMentor: Int32Array;
  edgeMentee: Int32Array;
  edgeScore: Int32Array;
}

/**
 * Forms the pairs of a cohort: every mentor/mentee pair that passes the hard
 * rules and can hold every session of the cohort in both calendars is an edge;
 * the solver then picks the most pairs, and among those the highest total score.
 */
export function proposePairs(input: ProposalInput, feasibility: Feasibility = 'filtered', onStep?: ProposalProgress): Proposal {
  const volunteers = volunteersOf(input);
  const edges = candidateEdges(volunteers, input, feasibility, onStep);
  const mentors = volunteers.mentors.length;
  const mentees = volunteers.mentees.length;
  onStep?.({ phase: 'solve', mentors, mentees, candidatePairs: edges.edgeMentor.length });
  const solution = solveAssignment({ mentors, mentees, ...edges });
  onStep?.({ phase: 'reasons', pairs: solution.menteeOfMentor.reduce((n, j) => (j >= 0 ? n + 1 : n), 0) });
  return pairsOf(volunteers, solution.menteeOfMentor, input);
}

/** Where a proposal stands, for whoever waits for it: counts only. */
export type ProposalStep =
  | { phase: 'feasibility'; mentors: number; mentees: number; checkedMentors: number }
  | { phase: 'solve'; mentors: number; mentees: number; candidatePairs: number }
  | { phase: 'reasons'; pairs: number };
export type ProposalProgress = (step: ProposalStep) => void;

/** Steps told during the hard-rule checks, the long phase of a large cohort. */
const feasibilitySteps = 20;

/** Free time for every volunteer once; the pair tests only intersect it. */
export function volunteersOf(input: ProposalInput): Volunteers {
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
        reason: { code: 'NOT_IN_DIRECTORY', params: { email: enrolment.email } },
      });
      continue;
    }
    const volunteer = prepareVolunteer({ person, enrolment }, input.availability.get(enrolment.email), input.plan, window);
    (enrolment.role === 'mentor' ? mentors : mentees).push(volunteer);
  }
  return { mentors, mentees, unmatched, chart };
}

/** Tests every mentor/mentee pair against the hard rules, counting refusals per volunteer to explain the unmatched. */
export function candidateEdges(volunteers: Volunteers, input: ProposalInput, feasibility: Feasibility, onStep?: ProposalProgress): CandidateEdges {
  const { mentors, mentees, chart } = volunteers;
  const edgeMentor: number[] = [];
  const edgeMentee: number[] = [];
  const edgeScore: number[] = [];
  const every = Math.max(1, Math.ceil(mentors.length / feasibilitySteps));
  mentors.forEach((mentor, i) => {
    if (i % every === 0) onStep?.({ phase: 'feasibility', mentors: mentors.length, mentees: mentees.length, checkedMentors: i });
    mentees.forEach((mentee, j) => {
      const refusal = refusalOf(mentor, mentee, chart, input, feasibility);
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
  return { edgeMentor: Int32Array.from(edgeMentor), edgeMentee: Int32Array.from(edgeMentee), edgeScore: Int32Array.from(edgeScore) };
}

/** The solved pairs with their reasons and sessions, and why everyone else is unmatched. */
export function pairsOf(volunteers: Volunteers, menteeOfMentor: Int32Array, input: ProposalInput): Proposal {
  const { mentors, mentees, chart } = volunteers;
  const unmatched = [...volunteers.unmatched];
  const pairs: ProposedPair[] = [];
  const matchedMentees = new Set<number>();
  mentors.forEach((mentor, i) => {
    const j = menteeOfMentor[i] ?? -1;
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
  const volunteer: Volunteer = { candidate, free: null, slots: null, unavailable: null, refusals: new Map(), feasible: 0 };
  const hours = availability?.workingHours ?? candidate.person.workingHours;
  if (availability === undefined || availability.error !== null) {
    const detail = availability?.error ?? '';
    volunteer.unavailable = {
      code: 'NO_CALENDAR',
      params: detail === '' ? { name: candidate.person.name } : { context: 'detail', name: candidate.person.name, detail },
    };
  } else if (hours === null) {
    volunteer.unavailable = { code: 'NO_WORKING_HOURS', params: { name: candidate.person.name } };
  } else {
    volunteer.free = freeTime({ workingHours: hours, busy: availability.busy }, plan, window);
    volunteer.slots = slotMap(volunteer.free, window);
  }
  return volunteer;
}

/** The first hard rule a pair breaks (cheap rules first, the calendar last), or null. */
function refusalOf(mentor: Volunteer, mentee: Volunteer, chart: ReturnType<typeof buildOrgChart>, input: ProposalInput, feasibility: Feasibility): string | null {
  const broken = pairRuleBroken(mentor.candidate, mentee.candidate, chart);
  if (broken !== null) return broken;
  if (mentor.free === null || mentee.free === null) return 'NO_CALENDAR';
  const options = { notBefore: input.now };
  let fits: boolean;
  if (feasibility === 'planned') {
    fits = planSessions(mentor.free, mentee.free, input.plan, options).ok;
  } else {
    const verdict = feasibility === 'filtered' && mentor.slots !== null && mentee.slots !== null ? slotVerdict(mentor.slots, mentee.slots, input.plan, options) : 'unknown';
    fits = verdict === 'unknown' ? sessionsFit(mentor.free, mentee.free, input.plan, options) : verdict === 'fits';
  }
  return fits ? null : 'NO_COMMON_SLOT';
}

function explainUnmatched(volunteer: Volunteer, role: Role): Proposal['unmatched'][number] {
  const email = volunteer.candidate.person.email;
  if (volunteer.unavailable !== null) return { email, role, reason: volunteer.unavailable };
  const other = role === 'mentor' ? 'mentee' : 'mentor';
  if (volunteer.feasible > 0) {
    return { email, role, reason: { code: 'PARTNERS_TAKEN', params: { count: volunteer.feasible, other } } };
  }
  const counts = [...volunteer.refusals.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
  if (counts.length === 0) {
    return { email, role, reason: { code: 'NO_VOLUNTEER_OPPOSITE', params: { other } } };
  }
  // One count per rule code, beside the total: each edge words "none of the N … fits: …" from them.
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  return { email, role, reason: { code: counts[0]?.[0] ?? 'NO_PARTNER', params: { other, total, ...Object.fromEntries(counts) } } };
}
