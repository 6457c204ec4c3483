import { Field, ProgressBar, Spinner } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { matchingPhases, type MatchingProgress } from '../../../contract/matching-progress.ts';
import { formatNumber } from '../../shared/ui/format.ts';
import { useMatchingProgress } from './hooks.ts';

/** How far the proposal is, from 0 to 1: each phase a fifth, the rule checks (the long one for a large cohort) by mentor. */
function fraction(p: MatchingProgress): number {
  if (p.phase === null) return 0;
  const within = p.phase === 'feasibility' && p.counts.mentors !== undefined && p.counts.mentors > 0 ? (p.counts.checkedMentors ?? 0) / p.counts.mentors : 0;
  return (matchingPhases.indexOf(p.phase) + within) / matchingPhases.length;
}

/** While the pairs are being formed: the phase, its counts and a bar (a plain spinner if the service cannot say). */
export function MatchingRunProgress({ cohortId }: { cohortId: string }) {
  const { t, i18n } = useTranslation('translation', { keyPrefix: 'matching.progress' });
  const progress = useMatchingProgress(cohortId, true).data;
  if (progress === undefined || !progress.running || progress.phase === null) return <Spinner label={t('starting')} />;
  const n = (value: number | undefined) => formatNumber(value ?? 0, i18n.language);
  const c = progress.counts;
  const detail = t(`detail.${progress.phase}`, {
    volunteers: n(c.volunteers),
    checked: n(c.checkedMentors),
    mentors: n(c.mentors),
    mentees: n(c.mentees),
    candidatePairs: n(c.candidatePairs),
    pairs: n(c.pairs),
  });
  return (
    <div data-testid="matching-progress">
      <Field label={t('label')} validationMessage={detail} validationState="none">
        <ProgressBar value={fraction(progress)} />
      </Field>
      {/* Said once per phase, not on every read. */}
      <p role="status">{t('step', { n: matchingPhases.indexOf(progress.phase) + 1, of: matchingPhases.length, phase: t(`phases.${progress.phase}`) })}</p>
    </div>
  );
}
