import type { Resources } from '../../shared/i18n.ts';
import sharedFr from '../../shared/ui/fr.json' with { type: 'json' };
import sharedEn from '../../shared/ui/en.json' with { type: 'json' };
import appFr from './fr.json' with { type: 'json' };
import appEn from './en.json' with { type: 'json' };
import sessionFr from '../session/fr.json' with { type: 'json' };
import sessionEn from '../session/en.json' with { type: 'json' };
import cohortsFr from '../cohorts/fr.json' with { type: 'json' };
import cohortsEn from '../cohorts/en.json' with { type: 'json' };
import createFr from '../create-cohort/fr.json' with { type: 'json' };
import createEn from '../create-cohort/en.json' with { type: 'json' };
import enrolmentsFr from '../enrolments/fr.json' with { type: 'json' };
import enrolmentsEn from '../enrolments/en.json' with { type: 'json' };
import matchingFr from '../matching/fr.json' with { type: 'json' };
import matchingEn from '../matching/en.json' with { type: 'json' };
import rolloutFr from '../rollout/fr.json' with { type: 'json' };
import rolloutEn from '../rollout/en.json' with { type: 'json' };
import participationFr from '../participation/fr.json' with { type: 'json' };
import participationEn from '../participation/en.json' with { type: 'json' };
import populationFr from '../population/fr.json' with { type: 'json' };
import populationEn from '../population/en.json' with { type: 'json' };

/** Each feature's words under its own key; the features' folders hold the files. */
export const paneStrings: Resources = {
  fr: {
    shared: sharedFr,
    app: appFr,
    session: sessionFr,
    cohorts: cohortsFr,
    createCohort: createFr,
    enrolments: enrolmentsFr,
    matching: matchingFr,
    rollout: rolloutFr,
    participation: participationFr,
    population: populationFr,
  },
  en: {
    shared: sharedEn,
    app: appEn,
    session: sessionEn,
    cohorts: cohortsEn,
    createCohort: createEn,
    enrolments: enrolmentsEn,
    matching: matchingEn,
    rollout: rolloutEn,
    participation: participationEn,
    population: populationEn,
  },
};
