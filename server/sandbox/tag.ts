/** Binome's tag on one of its events (cohort, pair, session), as the calendar page and calendars.json show it. */
export interface BinomeTag {
  cohortId: string;
  pairId: string;
  session: number;
}
