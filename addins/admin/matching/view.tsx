import { useMemo } from 'react';
import { Button, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Pair, Unmatched } from '../../../contract/admin.ts';
import { PagedGrid, type GridColumn } from '../../shared/ui/paged-grid.tsx';
import { formatInstant, formatNumber } from '../../shared/ui/format.ts';
import { renderMessage } from '../../../contract/messages.ts';
import { useProposal, useRunMatching } from './hooks.ts';
import { PairActions, ProposalEditing, UnmatchedActions } from './changes.tsx';
import { MatchingRunProgress } from './progress.tsx';

const useStyles = makeStyles({
  figures: { display: 'flex', gap: tokens.spacingHorizontalXXL, margin: `${tokens.spacingVerticalM} 0` },
});

export interface MatchingProps {
  cohortId: string;
  /** The cohort has a proposal to show. */
  matched: boolean;
  /** Matching may (still) run: the cohort is not published. */
  canMatch: boolean;
}

/** A pair's reasons in the viewer's language, from their codes (the API's English words for proposals stored before params). */
const reasonsOf = (p: Pair, lang: string): string[] => p.reasons.map((r) => renderMessage('pair', r, lang, { fallback: r.message }));
const unmatchedReason = (u: Unmatched, lang: string): string => renderMessage('unmatched', u, lang, { fallback: u.reason });

/** Form the pairs, review them, and change them by hand while the cohort is not published. */
export function MatchingReview(props: MatchingProps) {
  return (
    <ProposalEditing cohortId={props.cohortId} matched={props.matched} editable={props.canMatch}>
      <Review {...props} />
    </ProposalEditing>
  );
}

/** Score and reasons for each pair, a reason for each person left out. */
function Review({ cohortId, matched, canMatch }: MatchingProps) {
  const { t, i18n } = useTranslation('translation', { keyPrefix: 'matching' });
  const styles = useStyles();
  const proposal = useProposal(cohortId, matched);
  const run = useRunMatching(cohortId);
  const lang = i18n.language;
  const pairColumns = useMemo<GridColumn<Pair>[]>(
    () => [
      { id: 'mentor', header: t('mentor'), text: (p) => p.mentorEmail, cell: (p) => p.mentorEmail },
      { id: 'mentee', header: t('mentee'), text: (p) => p.menteeEmail, cell: (p) => p.menteeEmail },
      { id: 'score', header: t('score'), text: (p) => String(p.score), cell: (p) => formatNumber(p.score, lang) },
      { id: 'reasons', header: t('reasons'), text: (p) => reasonsOf(p, lang).join(' '), cell: (p) => reasonsOf(p, lang).join(' · ') },
      {
        id: 'first',
        header: t('firstSession'),
        text: (p) => p.sessions[0]?.start ?? '',
        cell: (p) => (p.sessions[0] === undefined ? '—' : formatInstant(p.sessions[0].start, lang)),
      },
      { id: 'changes', header: t('changes.header'), text: (p) => (p.locked ? t('changes.locked') : ''), cell: (p) => <PairActions pair={p} />, interactive: true },
    ],
    [t, lang],
  );
  const unmatchedColumns = useMemo<GridColumn<Unmatched>[]>(
    () => [
      { id: 'email', header: t('person'), text: (u) => u.email, cell: (u) => u.email },
      { id: 'role', header: t('role'), text: (u) => t(`roles.${u.role}`), cell: (u) => t(`roles.${u.role}`) },
      { id: 'reason', header: t('reason'), text: (u) => `${u.code} ${unmatchedReason(u, lang)}`, cell: (u) => unmatchedReason(u, lang) },
      { id: 'changes', header: t('changes.header'), text: () => '', cell: (u) => <UnmatchedActions person={u} />, interactive: true },
    ],
    [t, lang],
  );
  const view = proposal.data ?? run.data;
  return (
    <section aria-labelledby="matching-title">
      <h3 id="matching-title">{t('title')}</h3>
      <Text block>{t('intro')}</Text>
      {canMatch && (
        <p>
          <Button appearance="primary" onClick={() => run.mutate()} disabled={run.isPending}>
            {run.isPending ? t('running') : matched ? t('runAgain') : t('run')}
          </Button>
        </p>
      )}
      {run.isPending && <MatchingRunProgress cohortId={cohortId} />}
      {run.isError && (
        <MessageBar intent="error">
          <MessageBarBody>{t('refused', { message: run.error.message })}</MessageBarBody>
        </MessageBar>
      )}
      {proposal.isError && run.data === undefined && (
        <MessageBar intent="error">
          <MessageBarBody>{proposal.error.message}</MessageBarBody>
        </MessageBar>
      )}
      {view !== undefined && (
        <div data-testid="proposal">
          <div className={styles.figures} role="status">
            <Text>{t('pairsCount', { count: view.pairs.length, value: formatNumber(view.pairs.length, lang) })}</Text>
            <Text>{t('unmatchedCount', { count: view.unmatched.length, value: formatNumber(view.unmatched.length, lang) })}</Text>
          </div>
          <h4>{t('pairs')}</h4>
          <PagedGrid items={view.pairs} columns={pairColumns} rowKey={(p) => p.pairId} label={t('pairs')} filterLabel={t('filterPairs')} testId="pairs" />
          {view.unmatched.length > 0 && (
            <>
              <h4>{t('unmatched')}</h4>
              <PagedGrid
                items={view.unmatched}
                columns={unmatchedColumns}
                rowKey={(u) => `${u.role}:${u.email}`}
                label={t('unmatched')}
                filterLabel={t('filterUnmatched')}
                testId="unmatched"
              />
            </>
          )}
        </div>
      )}
    </section>
  );
}
