import { actionButton } from '../actions.ts';
import { assembleCard, escapeCardText, trustedHtml, type Card, type CardSection, type Widget } from '../card.ts';
import { viewerFor, type CardContext, type Viewer } from '../viewer.ts';
import type { HomeView, MyCohort, OpenCohort } from '../view-models.ts';
import { buttons, decorated, paragraph, personHtml } from '../widgets.ts';

/** The add-on's first screen: my cohorts, my pair, my next session, or an invitation to volunteer. */
export function buildHomeCard(view: HomeView, context: CardContext): Card {
  const viewer = viewerFor(context);
  const greeting: CardSection = { widgets: [paragraph(viewer.html('home.greeting', { name: view.me.name }))] };
  const mine = view.cohorts.map((cohort) => cohortSection(viewer, cohort));
  const open = openSection(viewer, view);
  const library: CardSection = { widgets: [buttons(actionButton(viewer.base, viewer.plain('home.library'), 'open-library', {}))] };
  return assembleCard(
    'home',
    { title: viewer.plain('app.name'), subtitle: viewer.plain('app.tagline') },
    [greeting, ...mine, open, library],
  );
}

function cohortSection(viewer: Viewer, cohort: MyCohort): CardSection {
  const widgets: Widget[] = [paragraph(viewer.html(`role.youAre.${cohort.role}`))];
  if (cohort.pair === null) {
    widgets.push(paragraph(viewer.html('home.pairPending')));
  } else {
    widgets.push(
      decorated({ topLabel: viewer.plain('home.pairLabel'), text: personHtml(cohort.pair.partner), startIcon: { knownIcon: 'PERSON' } }),
    );
    const next = cohort.nextSession;
    if (next === null) {
      widgets.push(paragraph(viewer.html('home.noNextSession')));
    } else {
      widgets.push(
        decorated({
          topLabel: viewer.plain('home.nextSession', { index: next.index, total: next.total }),
          text: escapeCardText(viewer.range(next.start, next.end)),
          startIcon: { knownIcon: 'CLOCK' },
          button: actionButton(viewer.base, viewer.plain('common.open'), 'open-session', { sessionId: next.id }),
        }),
      );
    }
    widgets.push(
      buttons(
        actionButton(viewer.base, viewer.plain('home.seePair'), 'open-pair', { pairId: cohort.pair.id }),
        actionButton(viewer.base, viewer.plain('home.allSessions'), 'open-sessions', { pairId: cohort.pair.id }),
      ),
    );
  }
  return { header: escapeCardText(cohort.name), widgets };
}

function openSection(viewer: Viewer, view: HomeView): CardSection {
  const widgets: Widget[] = [];
  if (view.cohorts.length === 0) widgets.push(paragraph(viewer.html('home.invitation')));
  for (const cohort of view.openCohorts) widgets.push(openCohortWidget(viewer, cohort));
  if (view.openCohorts.length === 0 && view.cohorts.length === 0) widgets.push(paragraph(viewer.html('home.nothingOpen')));
  return view.openCohorts.length === 0 ? { widgets } : { header: viewer.html('home.openCohorts'), widgets };
}

function openCohortWidget(viewer: Viewer, cohort: OpenCohort): Widget {
  const facts = viewer.html('home.cohortFacts', {
    sessions: cohort.sessions,
    minutes: cohort.sessionMinutes,
    start: viewer.date(cohort.start),
  });
  const closes = cohort.closes === null ? null : viewer.html('home.closes', { date: viewer.date(cohort.closes) });
  const text = [`<b>${escapeCardText(cohort.name)}</b>`, facts, closes].filter((part) => part !== null).join('<br>');
  return decorated({
    text: trustedHtml(text),
    startIcon: { knownIcon: 'INVITE' },
    button: actionButton(viewer.base, viewer.plain('home.volunteer'), 'open-volunteer', { cohortId: cohort.id }),
  });
}
