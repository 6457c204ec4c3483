import { useState } from 'react';
import { Button, Field, Radio, RadioGroup, Textarea } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { FeedbackBody, type MySession } from '../../../../contract/me.ts';
import { useLayout } from '../parts/layout.ts';
import { usePane } from '../parts/pane-context.tsx';
import { ErrorBar, QueryState } from '../parts/status.tsx';
import { formatMoment } from '../parts/words.ts';
import { useFeedback, useGiveFeedback } from './hooks.ts';

const scores = ['5', '4', '3', '2', '1'] as const;

/** Feedback once the session has ended: satisfaction, would I recommend it, what I learnt. */
export function FeedbackForm({ session }: { session: MySession }) {
  const { t } = useTranslation();
  const { language, timeZone } = usePane();
  const layout = useLayout();
  const ref = { pairId: session.pairId, session: session.session };
  const given = useFeedback(ref, session.ended);
  const give = useGiveFeedback(ref);
  const [satisfaction, setSatisfaction] = useState<string>('');
  const [recommend, setRecommend] = useState<string>('');
  const [learnt, setLearnt] = useState('');
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState<string[]>([]);

  if (!session.ended) {
    return (
      <article className={layout.block} aria-labelledby="feedback-title">
        <h3 id="feedback-title" className={layout.subheading}>
          {t('session.feedback.title')}
        </h3>
        <p className={layout.small}>{t('session.feedback.later')}</p>
      </article>
    );
  }

  const send = async () => {
    const parsed = FeedbackBody.safeParse({ satisfaction: Number(satisfaction), wouldRecommend: recommend === 'yes', learnt, comment });
    const absent = [...(satisfaction === '' ? ['satisfaction'] : []), ...(recommend === '' ? ['recommend'] : [])];
    setMissing(absent);
    if (!parsed.success || absent.length > 0) return;
    await give.mutateAsync(parsed.data);
  };

  return (
    <article className={layout.block} aria-labelledby="feedback-title" data-testid="feedback">
      <h3 id="feedback-title" className={layout.subheading}>
        {t('session.feedback.title')}
      </h3>
      {given.data === undefined ? (
        <QueryState error={given.error} onRetry={() => void given.refetch()} />
      ) : given.data !== null ? (
        <div role="status">
          <p className={layout.text}>{t('session.feedback.thanks', { when: formatMoment(given.data.givenAt, language, timeZone) })}</p>
          <p className={layout.small}>
            {t('session.feedback.summary', { satisfaction: given.data.satisfaction, recommend: t(given.data.wouldRecommend ? 'session.feedback.yes' : 'session.feedback.no') })}
          </p>
        </div>
      ) : (
        <>
          <p className={layout.small}>{t('session.feedback.intro', { name: session.partnerName })}</p>
          <Field
            label={t('session.feedback.satisfaction')}
            required
            validationMessage={missing.includes('satisfaction') ? t('session.feedback.required') : undefined}
            validationState={missing.includes('satisfaction') ? 'error' : 'none'}
          >
            <RadioGroup value={satisfaction} onChange={(_, data) => setSatisfaction(data.value)}>
              {scores.map((score) => (
                <Radio key={score} value={score} label={t(`session.feedback.scores.${score}`)} />
              ))}
            </RadioGroup>
          </Field>
          <Field
            label={t('session.feedback.recommend')}
            required
            validationMessage={missing.includes('recommend') ? t('session.feedback.required') : undefined}
            validationState={missing.includes('recommend') ? 'error' : 'none'}
          >
            <RadioGroup value={recommend} onChange={(_, data) => setRecommend(data.value)} layout="horizontal">
              <Radio value="yes" label={t('session.feedback.yes')} />
              <Radio value="no" label={t('session.feedback.no')} />
            </RadioGroup>
          </Field>
          <Field label={t('session.feedback.learnt')} hint={t('session.feedback.learntHint')}>
            <Textarea value={learnt} onChange={(_, data) => setLearnt(data.value)} rows={3} maxLength={2000} />
          </Field>
          <Field label={t('session.feedback.comment')}>
            <Textarea value={comment} onChange={(_, data) => setComment(data.value)} rows={3} maxLength={4000} />
          </Field>
          <div className={layout.actions}>
            <Button appearance="primary" disabled={give.isPending} onClick={() => void send().catch(() => undefined)}>
              {t('session.feedback.send')}
            </Button>
          </div>
          <ErrorBar error={give.error} />
        </>
      )}
    </article>
  );
}
