import { useState } from 'react';
import { Button, Field, MessageBar, MessageBarBody, Radio, RadioGroup, Spinner } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { MySession, Worded } from '../../../../contract/me.ts';
import { renderMessage } from '../../../../contract/messages.ts';
import { useLayout } from '../parts/layout.ts';
import { usePane } from '../parts/pane-context.tsx';
import { ErrorBar, QueryState } from '../parts/status.tsx';
import { formatSlot, wordedText } from '../parts/words.ts';
import { useMove, useSlots } from './hooks.ts';

/** FEWER_SLOTS counts what was found: the pane's words pick their plural from it. */
function noteWords(note: Worded): Worded {
  return note.code === 'FEWER_SLOTS' && typeof note.params['found'] === 'number' ? { ...note, params: { ...note.params, count: note.params['found'] } } : note;
}

/** Moving a session: the service proposes common free slots; the chosen one updates the same event in both calendars. */
export function Move({ session }: { session: MySession }) {
  return (
    <>
      <FailedMove session={session} />
      <MoveSlots session={session} />
    </>
  );
}

/** The last move did not go through: the session keeps its slot, in words from the message catalogue. */
function FailedMove({ session }: { session: MySession }) {
  const { t } = useTranslation();
  const { language, timeZone } = usePane();
  const layout = useLayout();
  const failed = session.lastMove;
  if (failed === null || failed === undefined || session.state === 'moving') return null;
  const reason = renderMessage('failure', failed.reason, language, { timeZone, fallback: t('session.move.failedReason') });
  return (
    <MessageBar intent="warning" layout="multiline" className={layout.block} data-testid="move-failed">
      <MessageBarBody>{t('session.move.failed', { reason, when: formatSlot(session.start, session.end, language, timeZone) })}</MessageBarBody>
    </MessageBar>
  );
}

function MoveSlots({ session }: { session: MySession }) {
  const { t } = useTranslation();
  const { language, timeZone } = usePane();
  const layout = useLayout();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  const ref = { pairId: session.pairId, session: session.session };
  const slots = useSlots(ref, open);
  const move = useMove(ref);

  if (session.state === 'moving' && session.movingTo !== null) {
    return (
      <article className={layout.block} aria-labelledby="move-title" data-testid="move">
        <h3 id="move-title" className={layout.subheading}>
          {t('session.move.title')}
        </h3>
        <Spinner size="tiny" label={t('session.move.moving', { when: formatSlot(session.movingTo.start, session.movingTo.end, language, timeZone) })} />
      </article>
    );
  }
  if (session.ended || session.state !== 'booked') return null;

  const confirm = async () => {
    if (chosen === null) return;
    await move.mutateAsync(chosen);
    setOpen(false);
    setChosen(null);
  };

  return (
    <article className={layout.block} aria-labelledby="move-title" data-testid="move">
      <h3 id="move-title" className={layout.subheading}>
        {t('session.move.title')}
      </h3>
      {!open ? (
        <div className={layout.actions}>
          <Button onClick={() => setOpen(true)}>{t('session.move.open')}</Button>
        </div>
      ) : slots.data === undefined ? (
        <QueryState error={slots.error} onRetry={() => void slots.refetch()} />
      ) : (
        <>
          <p className={layout.small}>{t('session.move.intro', { name: session.partnerName })}</p>
          {slots.data.note !== null && <p className={layout.text}>{wordedText(t, 'session.move.notes', noteWords(slots.data.note))}</p>}
          {slots.data.slots.length > 0 && (
            <Field label={t('session.move.slots')}>
              <RadioGroup value={chosen ?? ''} onChange={(_, data) => setChosen(data.value)}>
                {slots.data.slots.map((slot) => (
                  <Radio key={slot.start} value={slot.start} label={formatSlot(slot.start, slot.end, language, timeZone)} />
                ))}
              </RadioGroup>
            </Field>
          )}
          <div className={layout.actions}>
            <Button appearance="primary" disabled={chosen === null || move.isPending} onClick={() => void confirm().catch(() => undefined)}>
              {t('session.move.confirm')}
            </Button>
            <Button onClick={() => setOpen(false)}>{t('session.cancel')}</Button>
          </div>
        </>
      )}
      <ErrorBar error={move.error} />
    </article>
  );
}
