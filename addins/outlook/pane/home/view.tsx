import { useState } from 'react';
import { Badge, Button } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { MyCohort } from '../../../../contract/me.ts';
import { formatDay } from '../../../shared/ui/format.ts';
import { useLayout } from '../parts/layout.ts';
import { usePane } from '../parts/pane-context.tsx';
import { DoneBar, ErrorBar, QueryState } from '../parts/status.tsx';
import { useMyCohorts, useWithdraw } from './hooks.ts';
import { VolunteerForm } from './volunteer-form.tsx';

export interface HomeProps {
  userName: string;
  onOpenPair: (pairId: string) => void;
}

/** My cohorts: volunteer for an open one, change or withdraw my answers, reach my pair. */
export function Home({ userName, onOpenPair }: HomeProps) {
  const { t } = useTranslation();
  const layout = useLayout();
  const cohorts = useMyCohorts();
  const [done, setDone] = useState<string | null>(null);

  return (
    <section className={layout.screen} aria-labelledby="home-title">
      <h2 id="home-title" className={layout.heading}>
        {t('home.greeting', { name: userName })}
      </h2>
      <p className={layout.text}>{t('home.intro')}</p>
      <DoneBar text={done} />
      {cohorts.data === undefined ? (
        <QueryState error={cohorts.error} onRetry={() => void cohorts.refetch()} />
      ) : cohorts.data.length === 0 ? (
        <p className={layout.text}>{t('home.none')}</p>
      ) : (
        cohorts.data.map((cohort) => <CohortCard key={cohort.cohortId} cohort={cohort} onOpenPair={onOpenPair} onDone={setDone} />)
      )}
    </section>
  );
}

function CohortCard({ cohort, onOpenPair, onDone }: { cohort: MyCohort; onOpenPair: (pairId: string) => void; onDone: (text: string | null) => void }) {
  const { t } = useTranslation();
  const { language } = usePane();
  const layout = useLayout();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const withdraw = useWithdraw(cohort.cohortId);
  const given = cohort.volunteering;
  const titleId = `cohort-${cohort.cohortId}`;
  const open = cohort.canChange;

  return (
    <article className={layout.block} aria-labelledby={titleId} data-testid="cohort">
      <h3 id={titleId} className={layout.subheading}>
        {cohort.name}
      </h3>
      <div className={layout.tags}>
        <Badge appearance="tint" color={open ? 'brand' : 'informative'}>
          {open ? t('home.openBadge') : t(`shared.status.${cohort.status}`, { defaultValue: cohort.status })}
        </Badge>
      </div>
      <p className={layout.small}>
        {t('home.facts', { sessions: cohort.sessions, minutes: cohort.sessionMinutes, start: formatDay(cohort.start, language), weeks: cohort.weeks })}
      </p>
      {given !== null && !editing && (
        <div>
          <p className={layout.text}>{t('home.youVolunteered', { role: t(`parts.roleWords.${given.role}`) })}</p>
          <p className={layout.small}>
            {t(given.role === 'mentor' ? 'home.offers' : 'home.wants', { themes: given.themes.map((theme) => t(`parts.themes.${theme}`, { defaultValue: theme })).join(', ') })}
          </p>
          <p className={layout.small}>
            {t('home.languagesAndFormat', {
              languages: given.languages.map((code) => t(`parts.languages.${code}`, { defaultValue: code })).join(', '),
              format: t(`parts.formats.${given.format}`),
            })}
          </p>
        </div>
      )}
      {editing ? (
        <VolunteerForm
          cohort={cohort}
          onCancel={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            onDone(given === null ? t('home.volunteered') : t('home.changed'));
          }}
        />
      ) : (
        <div className={layout.actions}>
          {cohort.pairId !== null && (
            <Button appearance="primary" onClick={() => cohort.pairId !== null && onOpenPair(cohort.pairId)}>
              {t('home.seePair')}
            </Button>
          )}
          {open && given === null && (
            <Button appearance="primary" onClick={() => setEditing(true)}>
              {t('home.volunteer')}
            </Button>
          )}
          {open && given !== null && !confirming && (
            <>
              <Button onClick={() => setEditing(true)}>{t('home.change')}</Button>
              <Button onClick={() => setConfirming(true)}>{t('home.withdraw')}</Button>
            </>
          )}
          {!open && given !== null && cohort.pairId === null && <p className={layout.small}>{t('home.waiting')}</p>}
        </div>
      )}
      {confirming && (
        <div className={layout.screen} role="group" aria-label={t('home.withdraw')}>
          <p className={layout.text}>{t('home.withdrawConfirm')}</p>
          <div className={layout.actions}>
            <Button
              appearance="primary"
              disabled={withdraw.isPending}
              onClick={() =>
                void withdraw.mutateAsync().then(() => {
                  setConfirming(false);
                  onDone(t('home.withdrawn'));
                })
              }
            >
              {t('home.withdrawYes')}
            </Button>
            <Button onClick={() => setConfirming(false)}>{t('home.form.cancel')}</Button>
          </div>
        </div>
      )}
      <ErrorBar error={withdraw.error} />
    </article>
  );
}
