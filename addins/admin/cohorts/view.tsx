import { useMemo } from 'react';
import { Button, Link, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Cohort } from '../../../contract/admin.ts';
import { CohortStatus } from '../../shared/ui/cohort-status.tsx';
import { PagedGrid, type GridColumn } from '../../shared/ui/paged-grid.tsx';
import { formatDay } from '../../shared/ui/format.ts';
import { useCohorts } from './hooks.ts';

const useStyles = makeStyles({ actions: { marginBottom: tokens.spacingVerticalM } });

export interface CohortListProps {
  cohortHref: (cohortId: string) => string;
  newCohortHref: string;
}

/** Every cohort of the tenant with its state. */
export function CohortList({ cohortHref, newCohortHref }: CohortListProps) {
  const { t, i18n } = useTranslation('translation', { keyPrefix: 'cohorts' });
  const styles = useStyles();
  const cohorts = useCohorts();
  const lang = i18n.language;
  const columns = useMemo<GridColumn<Cohort>[]>(
    () => [
      { id: 'name', header: t('name'), text: (c) => c.name, cell: (c) => <Link href={cohortHref(c.cohortId)}>{c.name}</Link> },
      { id: 'status', header: t('status'), text: (c) => c.status, cell: (c) => <CohortStatus status={c.status} /> },
      { id: 'format', header: t('format'), text: (c) => t(`formats.${c.format}`), cell: (c) => t(`formats.${c.format}`) },
      { id: 'start', header: t('start'), text: (c) => c.start, cell: (c) => formatDay(c.start, lang) },
      { id: 'sessions', header: t('sessions'), text: (c) => String(c.sessions), cell: (c) => t('sessionsValue', { count: c.sessions, minutes: c.sessionMinutes }) },
    ],
    [t, lang, cohortHref],
  );
  return (
    <section aria-labelledby="cohorts-title">
      <h2 id="cohorts-title">{t('title')}</h2>
      <div className={styles.actions}>
        <Button as="a" href={newCohortHref} appearance="primary">
          {t('new')}
        </Button>
      </div>
      {cohorts.isPending && <Spinner label={t('loading')} />}
      {cohorts.isError && (
        <MessageBar intent="error">
          <MessageBarBody>{cohorts.error.message}</MessageBarBody>
        </MessageBar>
      )}
      {cohorts.isSuccess && (
        <PagedGrid items={cohorts.data} columns={columns} rowKey={(c) => c.cohortId} label={t('title')} filterLabel={t('filter')} testId="cohorts" />
      )}
    </section>
  );
}
