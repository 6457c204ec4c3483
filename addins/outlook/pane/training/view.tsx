import { Accordion, AccordionHeader, AccordionItem, AccordionPanel } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useLayout } from '../parts/layout.ts';
import { usePane } from '../parts/pane-context.tsx';
import { QueryState } from '../parts/status.tsx';
import { isFallback, localized } from '../parts/words.ts';
import { useMyTraining } from './hooks.ts';

/** Mentor training or mentee preparation for my role, and a session guide per theme. */
export function Training() {
  const { t } = useTranslation();
  const { language } = usePane();
  const layout = useLayout();
  const training = useMyTraining();
  if (training.data === undefined) return <QueryState error={training.error} onRetry={() => void training.refetch()} />;
  const { documents, guides } = training.data;
  return (
    <section className={layout.screen} aria-labelledby="training-title">
      <h2 id="training-title" className={layout.heading}>
        {t('training.title')}
      </h2>
      {documents.map((doc) => (
        <article key={doc.key} className={layout.block} aria-labelledby={`doc-${doc.key}`} data-testid="training-document">
          <h3 id={`doc-${doc.key}`} className={layout.subheading}>
            {localized(doc.title, language)}
          </h3>
          {isFallback(doc.summary, language) && <p className={layout.small}>{t('parts.inEnglish')}</p>}
          <p className={layout.small}>{localized(doc.summary, language)}</p>
          <Accordion collapsible multiple>
            {doc.sections.map((section) => (
              <AccordionItem key={section.key} value={section.key}>
                <AccordionHeader as="h4">{localized(section.title, language)}</AccordionHeader>
                <AccordionPanel>
                  {section.paragraphs.map((p, i) => (
                    <p key={i} className={layout.text}>
                      {localized(p, language)}
                    </p>
                  ))}
                  {section.points.length > 0 && (
                    <ul className={layout.list}>
                      {section.points.map((point, i) => (
                        <li key={i}>{localized(point, language)}</li>
                      ))}
                    </ul>
                  )}
                </AccordionPanel>
              </AccordionItem>
            ))}
          </Accordion>
        </article>
      ))}
      <article className={layout.block} aria-labelledby="guides-title">
        <h3 id="guides-title" className={layout.subheading}>
          {t('training.guides')}
        </h3>
        <Accordion collapsible>
          {guides.map((guide) => (
            <AccordionItem key={guide.key} value={guide.key}>
              <AccordionHeader as="h4">{localized(guide.title, language)}</AccordionHeader>
              <AccordionPanel>
                <p className={layout.small}>{localized(guide.summary, language)}</p>
                <ol className={layout.list}>
                  {guide.agenda.map((step) => (
                    <li key={step.key}>
                      <strong>{t('training.minutes', { minutes: step.minutes })}</strong> {localized(step.title, language)} — {localized(step.detail, language)}
                    </li>
                  ))}
                </ol>
                <h5 className={layout.subheading}>{t('training.exercises')}</h5>
                <ul className={layout.list}>
                  {guide.exercises.map((exercise) => (
                    <li key={exercise.key}>
                      <strong>{localized(exercise.title, language)}</strong> — {localized(exercise.text, language)}
                    </li>
                  ))}
                </ul>
                <h5 className={layout.subheading}>{t('training.questions')}</h5>
                <ul className={layout.list}>
                  {guide.questions.map((q) => (
                    <li key={q.key}>
                      {t(`training.askedBy.${q.askedBy}`)} {localized(q.text, language)}
                    </li>
                  ))}
                </ul>
              </AccordionPanel>
            </AccordionItem>
          ))}
        </Accordion>
      </article>
    </section>
  );
}
