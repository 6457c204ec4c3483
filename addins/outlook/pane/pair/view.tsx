import { useState } from 'react';
import { Badge, Button } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { MyPair } from '../../../../contract/me.ts';
import { useLayout } from '../parts/layout.ts';
import { usePane } from '../parts/pane-context.tsx';
import { DoneBar, ErrorBar, QueryState } from '../parts/status.tsx';
import { formatMoment, formatSlot, isFallback, localized, reasonText } from '../parts/words.ts';
import { useAcceptCharter, useMyPairs } from './hooks.ts';

export interface PairProps {
  /** The pair to show first; null shows every pair the person is in. */
  pairId: string | null;
  onOpenSession: (pairId: string, session: number) => void;
}

/** My pair: who my partner is, why we were paired, and the charter we both accept. */
export function Pair({ pairId, onOpenSession }: PairProps) {
  const { t } = useTranslation();
  const layout = useLayout();
  const pairs = useMyPairs();
  if (pairs.data === undefined) return <QueryState error={pairs.error} onRetry={() => void pairs.refetch()} />;
  const shown = pairId === null ? pairs.data : pairs.data.filter((p) => p.pairId === pairId);
  return (
    <section className={layout.screen} aria-labelledby="pair-title">
      <h2 id="pair-title" className={layout.heading}>
        {t('pair.title')}
      </h2>
      {shown.length === 0 ? <p className={layout.text}>{t('pair.none')}</p> : shown.map((pair) => <PairView key={pair.pairId} pair={pair} onOpenSession={onOpenSession} />)}
    </section>
  );
}

function PairView({ pair, onOpenSession }: { pair: MyPair; onOpenSession: (pairId: string, session: number) => void }) {
  const { t } = useTranslation();
  const { language, timeZone } = usePane();
  const layout = useLayout();
  const accept = useAcceptCharter(pair.pairId);
  const [done, setDone] = useState<string | null>(null);
  const { partner, charter } = pair;
  const content = charter.content;
  const next = pair.sessions.find((s) => !s.ended);
  const facts = [partner.title, partner.department, partner.office].filter((part): part is string => part !== null && part !== '');

  return (
    <>
      <article className={layout.block} aria-labelledby={`partner-${pair.pairId}`} data-testid="partner">
        <p className={layout.small}>
          {pair.cohortName} · {t(pair.myRole === 'mentor' ? 'pair.yourMentee' : 'pair.yourMentor')}
        </p>
        <h3 id={`partner-${pair.pairId}`} className={layout.subheading}>
          {partner.name}
        </h3>
        {facts.length > 0 && <p className={layout.text}>{facts.join(' · ')}</p>}
        <p className={layout.small}>
          {t('pair.languages', { languages: partner.languages.map((code) => t(`parts.languages.${code}`, { defaultValue: code })).join(', ') })}
        </p>
        <div className={layout.tags} aria-label={t(partner.role === 'mentor' ? 'pair.partnerOffers' : 'pair.partnerWants')} role="group">
          {partner.themes.map((theme) => (
            <Badge key={theme} appearance="outline">
              {t(`parts.themes.${theme}`, { defaultValue: theme })}
            </Badge>
          ))}
        </div>
        <h4 className={layout.subheading}>{t('pair.why')}</h4>
        {pair.reasons.length === 0 ? (
          <p className={layout.small}>{t('pair.noReasons')}</p>
        ) : (
          <ul className={layout.list} data-testid="reasons">
            {pair.reasons.map((reason) => (
              <li key={`${reason.code}-${reason.message}`}>{reasonText(t, reason)}</li>
            ))}
          </ul>
        )}
        {next !== undefined && (
          <div className={layout.actions}>
            <Button onClick={() => onOpenSession(pair.pairId, next.session)}>
              {t('pair.nextSession', { number: next.session, when: formatSlot(next.start, next.end, language, timeZone) })}
            </Button>
          </div>
        )}
      </article>

      <article className={layout.block} aria-labelledby={`charter-${pair.pairId}`} data-testid="charter">
        <h3 id={`charter-${pair.pairId}`} className={layout.subheading}>
          {localized(content.title, language)}
        </h3>
        {isFallback(content.intro, language) && <p className={layout.small}>{t('parts.inEnglish')}</p>}
        <p className={layout.text}>{localized(content.intro, language)}</p>
        {content.clauses.map((clause) => (
          <div key={clause.key}>
            <h4 className={layout.subheading}>{localized(clause.title, language)}</h4>
            <p className={layout.text}>{localized(clause.text, language)}</p>
            {clause.prompt !== undefined && <p className={layout.small}>{localized(clause.prompt, language)}</p>}
          </div>
        ))}
        <h4 className={layout.subheading}>{t('pair.acceptances')}</h4>
        <ul className={layout.list} data-testid="acceptances">
          {(['mentor', 'mentee'] as const).map((role) => {
            const given = charter.acceptances.find((a) => a.role === role);
            return (
              <li key={role}>
                {given === undefined
                  ? t('pair.notAccepted', { role: t(`parts.roles.${role}`) })
                  : t('pair.accepted', { name: given.name, role: t(`parts.roles.${role}`), when: formatMoment(given.acceptedAt, language, timeZone) })}
              </li>
            );
          })}
        </ul>
        {charter.acceptedByBoth && <p className={layout.text}>{t('pair.bothAccepted')}</p>}
        {!charter.acceptedByMe && (
          <>
            <p className={layout.text}>{localized(content.acceptance, language)}</p>
            <div className={layout.actions}>
              <Button
                appearance="primary"
                disabled={accept.isPending}
                onClick={() => void accept.mutateAsync(content.version).then(() => setDone(t('pair.thanks')))}
              >
                {t('pair.accept')}
              </Button>
            </div>
          </>
        )}
        <DoneBar text={done} />
        <ErrorBar error={accept.error} />
      </article>
    </>
  );
}
