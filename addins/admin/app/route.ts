import { useEffect, useState } from 'react';

export const cohortSteps = ['population', 'enrolments', 'matching', 'rollout', 'participation'] as const;
export type CohortStep = (typeof cohortSteps)[number];

export type Route = { screen: 'cohorts' } | { screen: 'new' } | { screen: 'cohort'; cohortId: string; step: CohortStep };

/** Screens live in the URL's fragment, so the pane is one static page and the back button works. */
export function routeOf(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter((p) => p !== '');
  if (parts[0] === 'new') return { screen: 'new' };
  if (parts[0] === 'cohorts' && parts[1] !== undefined) {
    const step = cohortSteps.find((s) => s === parts[2]) ?? 'enrolments';
    return { screen: 'cohort', cohortId: decodeURIComponent(parts[1]), step };
  }
  return { screen: 'cohorts' };
}

export const hrefs = {
  cohorts: '#/',
  newCohort: '#/new',
  cohort: (cohortId: string, step: CohortStep = 'enrolments') => `#/cohorts/${encodeURIComponent(cohortId)}/${step}`,
};

export function useRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(window.location.hash));
  useEffect(() => {
    const follow = () => setRoute(routeOf(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return route;
}

export function go(href: string): void {
  window.location.hash = href;
}
