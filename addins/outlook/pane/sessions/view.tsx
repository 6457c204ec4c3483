import { Badge, Button } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useLayout } from '../parts/layout.ts';
import { usePane } from '../parts/pane-context.tsx';
import { QueryState } from '../parts/status.tsx';
import { formatSlot, sessionBadge, zoneName } from '../parts/words.ts';
import { useMySessions } from './hooks.ts';

export interface SessionsProps {
  onOpenSession: (pairId: string, session: number) => void;
  /** The moment the list is shown, for the zone's name (summer or winter time). */
  now: Date;
}

/** My sessions, in the host's time zone, each opening its own screen. */
export function Sessions({ onOpenSession, now }: SessionsProps) {
  const { t } = useTranslation();
  const { language, timeZone } = usePane();
  const layout = useLayout();
  const sessions = useMySessions();
  return (
    <section className={layout.screen} aria-labelledby="sessions-title">
      <h2 id="sessions-title" className={layout.heading}>
        {t('sessions.title')}
      </h2>
      <p className={layout.small}>{t('sessions.zone', { zone: zoneName(timeZone, language, now) })}</p>
      {sessions.data === undefined ? (
        <QueryState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : sessions.data.length === 0 ? (
        <p className={layout.text}>{t('sessions.none')}</p>
      ) : (
        <ul className={layout.list} style={{ listStyle: 'none', paddingInlineStart: 0 }}>
          {sessions.data.map((s) => (
            <li key={`${s.pairId}-${s.session}`} className={layout.block} data-testid="session-item">
              <p className={layout.small}>{s.cohortName}</p>
              <p className={layout.subheading}>{t('sessions.item', { number: s.session, name: s.partnerName })}</p>
              <p className={layout.text}>{formatSlot(s.start, s.end, language, timeZone)}</p>
              <div className={layout.tags}>
                <Badge appearance="tint" color={sessionBadge(t, s).color}>
                  {sessionBadge(t, s).words}
                </Badge>
              </div>
              <div className={layout.actions}>
                <Button onClick={() => onOpenSession(s.pairId, s.session)} aria-label={t('sessions.openLabel', { number: s.session, name: s.partnerName })}>
                  {t('sessions.open')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
