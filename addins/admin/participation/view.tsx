import { Card, CardHeader, MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../shared/ui/format.ts';
import { useParticipation } from './hooks.ts';

const useStyles = makeStyles({
  cards: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: tokens.spacingHorizontalM },
  figure: { fontSize: tokens.fontSizeHero800, fontWeight: tokens.fontWeightSemibold },
});

/** The cohort in figures: who volunteered on each side, how many pairs, how many sessions are in calendars. */
export function ParticipationFigures({ cohortId, status }: { cohortId: string; status: string }) {
  const { t, i18n } = useTranslation('translation', { keyPrefix: 'participation' });
  const styles = useStyles();
  const figures = useParticipation(cohortId, status);
  const lang = i18n.language;
  const shown = (value: number | null) => (value === null ? '—' : formatNumber(value, lang));
  return (
    <section aria-labelledby="participation-title">
      <h3 id="participation-title">{t('title')}</h3>
      {figures.isPending && <Spinner label={t('loading')} />}
      {figures.isError && (
        <MessageBar intent="error">
          <MessageBarBody>{figures.error.message}</MessageBarBody>
        </MessageBar>
      )}
      {figures.isSuccess && (
        <div className={styles.cards} data-testid="participation">
          {(
            [
              ['mentors', figures.data.mentors],
              ['mentees', figures.data.mentees],
              ['pairs', figures.data.pairs],
              ['booked', figures.data.booked],
            ] as const
          ).map(([key, value]) => (
            <Card key={key}>
              <CardHeader header={<Text weight="semibold">{t(key)}</Text>} />
              <Text className={styles.figure}>{shown(value)}</Text>
              {key === 'booked' && figures.data.planned !== null && <Text>{t('ofPlanned', { total: formatNumber(figures.data.planned, lang) })}</Text>}
            </Card>
          ))}
        </div>
      )}
    </section>
  );
}
