import { useMemo } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Field,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Progress } from '../../../contract/admin.ts';
import { PagedGrid, type GridColumn } from '../../shared/ui/paged-grid.tsx';
import { formatInstant, formatNumber } from '../../shared/ui/format.ts';
import { renderMessage } from '../../../contract/messages.ts';
import { rolloutCounts, rolloutSettled, rolloutTotal } from '../../../contract/rollout-events.ts';
import { usePoliteAnnouncement, usePublish, useRetryFailed, useRolloutProgress, useStartRollout } from './hooks.ts';

type Failure = Progress['failures'][number];

const useStyles = makeStyles({
  figures: { display: 'flex', gap: tokens.spacingHorizontalXXL, margin: `${tokens.spacingVerticalM} 0` },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, margin: `${tokens.spacingVerticalM} 0` },
  // Read by screen readers, not shown: the figures are on screen already.
  spoken: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
});

/** What HR can do about a failed session, in the viewer's language and zone. */
const advice = (f: Failure, lang: string): string => renderMessage('failure', f, lang, { fallback: f.action });

export interface RolloutProps {
  cohortId: string;
  status: string;
}

/** Publish the pairs, book every session in both calendars, and follow it: booked, pending, failed and what to do. */
export function Rollout({ cohortId, status }: RolloutProps) {
  const { t, i18n } = useTranslation('translation', { keyPrefix: 'rollout' });
  const styles = useStyles();
  const published = status === 'published' || status === 'rolling_out' || status === 'running' || status === 'closed';
  const progress = useRolloutProgress(cohortId, published, status);
  const publish = usePublish(cohortId);
  const start = useStartRollout(cohortId);
  const retry = useRetryFailed(cohortId);
  const lang = i18n.language;
  const failureColumns = useMemo<GridColumn<Failure>[]>(
    () => [
      { id: 'pair', header: t('people'), text: (f) => `${f.mentorEmail} ${f.menteeEmail}`, cell: (f) => `${f.mentorEmail} · ${f.menteeEmail}` },
      { id: 'session', header: t('session'), text: (f) => String(f.session), cell: (f) => formatNumber(f.session, lang) },
      { id: 'start', header: t('startsAt'), text: (f) => f.startsAt, cell: (f) => formatInstant(f.startsAt, lang) },
      { id: 'code', header: t('code'), text: (f) => `${f.code} ${t(`codes.${f.code}`)}`, cell: (f) => t(`codes.${f.code}`) },
      { id: 'action', header: t('action'), text: (f) => advice(f, lang), cell: (f) => advice(f, lang) },
    ],
    [t, lang],
  );
  const error = publish.error ?? start.error ?? retry.error;
  const data = progress.data;
  const counts = data === undefined ? null : rolloutCounts(data);
  const total = counts === null ? 0 : rolloutTotal(counts);
  const settled = counts !== null && rolloutSettled(counts);
  const figures = counts === null ? null : { ...counts, booked: formatNumber(counts.booked, lang), pending: formatNumber(counts.pending, lang), moving: formatNumber(counts.moving, lang), failed: formatNumber(counts.failed, lang), total: formatNumber(total, lang) };
  const spoken = usePoliteAnnouncement(figures === null || total === 0 ? '' : t(settled ? 'announceDone' : 'announce', figures), settled);
  return (
    <section aria-labelledby="rollout-title">
      <h3 id="rollout-title">{t('title')}</h3>
      <Text block>{t('intro')}</Text>
      <div className={styles.actions}>
        {status === 'matched' && (
          <Dialog>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="primary">{t('publish')}</Button>
            </DialogTrigger>
            <DialogSurface>
              <DialogBody>
                <DialogTitle>{t('confirmTitle')}</DialogTitle>
                <DialogContent>{t('confirmText')}</DialogContent>
                <DialogActions>
                  <DialogTrigger disableButtonEnhancement>
                    <Button appearance="secondary">{t('cancel')}</Button>
                  </DialogTrigger>
                  <DialogTrigger disableButtonEnhancement>
                    <Button appearance="primary" onClick={() => publish.mutate()}>
                      {t('confirm')}
                    </Button>
                  </DialogTrigger>
                </DialogActions>
              </DialogBody>
            </DialogSurface>
          </Dialog>
        )}
        {status === 'published' && (
          <Button appearance="primary" onClick={() => start.mutate()} disabled={start.isPending}>
            {t('start')}
          </Button>
        )}
        {status === 'rolling_out' && data !== undefined && data.byState.failed > 0 && (
          <Button onClick={() => retry.mutate()} disabled={retry.isPending}>
            {t('retry', { count: data.byState.failed })}
          </Button>
        )}
      </div>
      {(status === 'draft' || status === 'open') && <Text block>{t('notMatched')}</Text>}
      {error !== null && (
        <MessageBar intent="error">
          <MessageBarBody>{t('refused', { message: error.message })}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.spoken} aria-live="polite" data-testid="rollout-announcement">
        {spoken}
      </div>
      {data !== undefined && counts !== null && total > 0 && (
        <div data-testid="rollout-progress">
          <Field label={t('progressLabel')} validationMessage={settled ? t('done') : t('inProgress')} validationState={settled ? (counts.failed > 0 ? 'warning' : 'success') : 'none'}>
            <ProgressBar value={counts.booked + counts.failed} max={total} />
          </Field>
          <div className={styles.figures} data-testid="rollout-figures">
            <Text>{t('booked', { value: formatNumber(counts.booked, lang), total: formatNumber(total, lang) })}</Text>
            <Text>{t('pending', { value: formatNumber(counts.pending, lang) })}</Text>
            <Text>{t('moving', { value: formatNumber(counts.moving, lang) })}</Text>
            <Text>{t('failed', { value: formatNumber(counts.failed, lang) })}</Text>
          </div>
          {data.failures.length > 0 && (
            <PagedGrid
              items={data.failures}
              columns={failureColumns}
              rowKey={(f) => `${f.pairId}:${f.session}`}
              label={t('failures')}
              filterLabel={t('filterFailures')}
              testId="failures"
            />
          )}
        </div>
      )}
    </section>
  );
}
