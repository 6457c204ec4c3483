import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { I18nextProvider } from 'react-i18next';
import { createI18n, languageFor, type Language } from '../shared/i18n.ts';
import { App } from './app.tsx';
import en from './en.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

const languageKey = 'binome.gcal-viewer.language';
const i18n = createI18n({ fr, en }, localStorage.getItem(languageKey) ?? navigator.language);

function Root() {
  const [language, setLanguage] = useState(i18n.language);
  const choose = (next: Language) => {
    localStorage.setItem(languageKey, next);
    void i18n.changeLanguage(languageFor(next)).then(() => setLanguage(next));
  };
  return (
    <FluentProvider theme={webLightTheme} lang={language}>
      <I18nextProvider i18n={i18n}>
        <App onLanguage={choose} />
      </I18nextProvider>
    </FluentProvider>
  );
}

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root');
createRoot(container).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
