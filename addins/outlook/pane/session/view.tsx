import { Badge, Link } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { SessionRef } from '../../../shared/api/me-client.ts';
import { useLayout } from '../parts/layout.ts';
import { usePane } from '../parts/pane-context.tsx';
import { QueryState } from '../parts/status.tsx';
import { formatSlot, sessionBadge } from '../parts/words.ts';
import { Agenda } from './agenda.tsx';
import { FeedbackForm } from './feedback.tsx';
import { Move } from './move.tsx';
import { Notes } from './notes.tsx';
import { usePairs, useSession, useTraining } from './hooks.ts';

/** One session: when, the agenda from the theme guide, notes, moving it, and feedback once it has ended. */
export function SessionScreen({ sessionRef }: { sessionRef: SessionRef }) {
  const { t } = useTranslation();
  const { language, timeZone } = usePane();
  const layout = useLayout();
  const session = useSession(sessionRef);
  const pairs = usePairs();
  const training = useTraining();
  if (session.data === undefined) return <QueryState error={session.error} onRetry={() => void session.refetch()} />;
  const s = session.data;
  const pair = pairs.data?.find((p) => p.pairId === s.pairId);

  return (
    <section className={layout.screen} aria-labelledby="session-title">
      <article className={layout.block} data-testid="session">
        <p className={layout.small}>{s.cohortName}</p>
        <h2 id="session-title" className={layout.heading}>
          {t('session.title', { number: s.session, name: s.partnerName })}
        </h2>
        <p className={layout.text} data-testid="slot">
          {formatSlot(s.start, s.end, language, timeZone)}
        </p>
        <div className={layout.tags}>
          <Badge appearance="tint" color={sessionBadge(t, s).color}>
            {sessionBadge(t, s).words}
          </Badge>
          <Badge appearance="outline">{t(s.online ? 'session.online' : 'session.inPerson')}</Badge>
        </div>
        {s.meetingUrl !== null && (
          <Link href={s.meetingUrl} target="_blank" rel="noreferrer">
            {t('session.join')}
          </Link>
        )}
      </article>
      {training.data !== undefined && <Agenda key={`${s.pairId}-${s.session}`} guides={training.data.guides} themes={pair?.partner.themes ?? []} session={s.session} />}
      <Move session={s} />
      <Notes sessionRef={sessionRef} />
      <FeedbackForm session={s} />
    </section>
  );
}
