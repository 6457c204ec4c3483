import { useState } from 'react';
import { Field, Select } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ThemeGuide } from '../../../../src/training/schema.ts';
import { useLayout } from '../parts/layout.ts';
import { usePane } from '../parts/pane-context.tsx';
import { isFallback, localized } from '../parts/words.ts';

/**
 * The session's agenda from the theme guide: the pair's themes take turns, session after
 * session, and the person can pick another of the pair's themes.
 */
export function Agenda({ guides, themes, session }: { guides: ThemeGuide[]; themes: string[]; session: number }) {
  const { t } = useTranslation();
  const { language } = usePane();
  const layout = useLayout();
  const usable = themes.filter((theme) => guides.some((g) => g.theme === theme));
  const offered = usable.length > 0 ? usable : guides.map((g) => g.theme);
  const [theme, setTheme] = useState(offered[(session - 1) % Math.max(offered.length, 1)] ?? '');
  const guide = guides.find((g) => g.theme === theme);
  return (
    <article className={layout.block} aria-labelledby="agenda-title" data-testid="agenda">
      <h3 id="agenda-title" className={layout.subheading}>
        {t('session.agenda')}
      </h3>
      {offered.length > 1 && (
        <Field label={t('session.theme')}>
          <Select value={theme} onChange={(_, data) => setTheme(data.value)}>
            {offered.map((key) => (
              <option key={key} value={key}>
                {t(`parts.themes.${key}`, { defaultValue: key })}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {guide === undefined ? (
        <p className={layout.text}>{t('session.noGuide')}</p>
      ) : (
        <>
          <h4 className={layout.subheading}>{localized(guide.title, language)}</h4>
          {isFallback(guide.summary, language) && <p className={layout.small}>{t('parts.inEnglish')}</p>}
          <p className={layout.small}>{localized(guide.summary, language)}</p>
          <ol className={layout.list}>
            {guide.agenda.map((step) => (
              <li key={step.key}>
                <strong>{t('session.minutes', { minutes: step.minutes })}</strong> {localized(step.title, language)} — {localized(step.detail, language)}
              </li>
            ))}
          </ol>
          <h4 className={layout.subheading}>{t('session.questions')}</h4>
          <ul className={layout.list}>
            {guide.questions.map((q) => (
              <li key={q.key}>{localized(q.text, language)}</li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}
