import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Link,
  MessageBar,
  MessageBarBody,
  Select,
  Field,
  Spinner,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { supportedLanguages, type Language } from '../../shared/i18n.ts';
import { useApi } from '../../shared/ui/api-context.tsx';
import { CohortStatus } from '../../shared/ui/cohort-status.tsx';
import { formatDay } from '../../shared/ui/format.ts';
import { SessionStatus, SignInGate } from '../session/view.tsx';
import { CohortList } from '../cohorts/view.tsx';
import { CohortActions } from '../cohorts/actions.tsx';
import { CreateCohort } from '../create-cohort/view.tsx';
import { EnrolmentImport } from '../enrolments/view.tsx';
import { MatchingReview } from '../matching/view.tsx';
import { Rollout } from '../rollout/view.tsx';
import { ParticipationFigures } from '../participation/view.tsx';
import { PopulationStep } from '../population/view.tsx';
import { cohortSteps, go, hrefs, useRoute, type CohortStep } from './route.ts';

const useStyles = makeStyles({
  page: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalL,
    flexWrap: 'wrap',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500 },
  tools: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalL },
  // Fluent gives a horizontal label a third of the field: too narrow for "Language" beside a short list.
  language: { gridTemplateColumns: 'auto auto', columnGap: tokens.spacingHorizontalS },
  main: { padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`, maxWidth: '1200px' },
  panel: { backgroundColor: tokens.colorNeutralBackground1, padding: tokens.spacingHorizontalL, borderRadius: tokens.borderRadiusMedium },
});

/** The HR pane: the features, composed. */
export function App({ onLanguage }: { onLanguage: (language: Language) => void }) {
  const { t, i18n } = useTranslation('translation', { keyPrefix: 'app' });
  const styles = useStyles();
  const route = useRoute();
  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = t('title');
  }, [i18n.language, t]);
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <h1 className={styles.title}>
          <Link href={hrefs.cohorts} appearance="subtle">
            {t('title')}
          </Link>
        </h1>
        <div className={styles.tools}>
          <SessionStatus />
          <Field label={t('language')} orientation="horizontal" className={styles.language}>
            <Select value={i18n.language} onChange={(_, data) => onLanguage(data.value === 'en' ? 'en' : 'fr')}>
              {supportedLanguages.map((l) => (
                <option key={l} value={l} lang={l}>
                  {t(`languages.${l}`)}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      </header>
      <main className={styles.main}>
        <SignInGate>
          <div className={styles.panel}>
            {route.screen === 'cohorts' && <CohortList cohortHref={(id) => hrefs.cohort(id)} newCohortHref={hrefs.newCohort} />}
            {route.screen === 'new' && <CreateCohort onCreated={(id) => go(hrefs.cohort(id))} cancelHref={hrefs.cohorts} />}
            {route.screen === 'cohort' && <CohortScreen cohortId={route.cohortId} step={route.step} />}
          </div>
        </SignInGate>
      </main>
    </div>
  );
}

function CohortScreen({ cohortId, step }: { cohortId: string; step: CohortStep }) {
  const { t, i18n } = useTranslation('translation', { keyPrefix: 'app' });
  const { t: tc } = useTranslation('translation', { keyPrefix: 'cohorts' });
  const api = useApi();
  const cohort = useQuery({ queryKey: ['cohort', cohortId], queryFn: () => api.getCohort(cohortId) });
  if (cohort.isPending) return <Spinner label={t('loadingCohort')} />;
  if (cohort.isError)
    return (
      <MessageBar intent="error">
        <MessageBarBody>{cohort.error.message}</MessageBarBody>
      </MessageBar>
    );
  const c = cohort.data;
  return (
    <section aria-labelledby="cohort-title">
      <Link href={hrefs.cohorts}>{t('back')}</Link>
      <h2 id="cohort-title">
        {c.name} <CohortStatus status={c.status} />
      </h2>
      <CohortActions cohort={c} inviteHref={step === 'population' ? null : hrefs.cohort(cohortId, 'population')} />
      <Text block>
        {t('cohortSummary', {
          format: tc(`formats.${c.format}`),
          start: formatDay(c.start, i18n.language),
          sessions: c.sessions,
          minutes: c.sessionMinutes,
          weeks: c.weeks,
        })}
      </Text>
      <TabList selectedValue={step} onTabSelect={(_, data) => go(hrefs.cohort(cohortId, data.value as CohortStep))} aria-label={t('stepsLabel')}>
        {cohortSteps.map((s) => (
          <Tab key={s} value={s}>
            {t(`steps.${s}`)}
          </Tab>
        ))}
      </TabList>
      <div role="tabpanel" aria-label={t(`steps.${step}`)}>
        {step === 'population' && <PopulationStep cohortId={cohortId} />}
        {step === 'enrolments' && <EnrolmentImport cohortId={cohortId} />}
        {step === 'matching' && <MatchingReview cohortId={cohortId} matched={c.status !== 'draft' && c.status !== 'open'} canMatch={c.status === 'draft' || c.status === 'open' || c.status === 'matched'} />}
        {step === 'rollout' && <Rollout cohortId={cohortId} status={c.status} />}
        {step === 'participation' && <ParticipationFigures cohortId={cohortId} status={c.status} />}
      </div>
    </section>
  );
}
