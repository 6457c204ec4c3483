import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import type { Session } from '../../contract/session.ts';
import { createI18n, languageFor, type Language } from '../shared/i18n.ts';
import { volunteerApi } from './api.ts';
import { VolunteerPage } from './page.tsx';
import fr from './fr.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import catalogueFr from '../../contract/messages/fr.json' with { type: 'json' };
import catalogueEn from '../../contract/messages/en.json' with { type: 'json' };

const languageKey = 'binome.volunteer.language';
const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false, retry: false } } });
const api = volunteerApi(() => queryClient.getQueryData<Session>(['session'])?.csrfToken ?? null);
// Theme labels are the message catalogue's, shared by every surface.
const i18n = createI18n({ fr: { ...fr, themes: catalogueFr.theme }, en: { ...en, themes: catalogueEn.theme } }, localStorage.getItem(languageKey) ?? navigator.language);
/** /volunteer/{cohortId}: the cohort is the page's address, as the invitation mail links to it. */
const cohortId = decodeURIComponent(location.pathname.replace(/^\/volunteer\/?/, '').split('/')[0] ?? '');

function Root() {
  const [language, setLanguage] = useState<Language>(languageFor(i18n.language));
  const choose = (next: Language) => {
    localStorage.setItem(languageKey, next);
    document.documentElement.lang = next;
    void i18n.changeLanguage(next).then(() => setLanguage(next));
  };
  document.documentElement.lang = language;
  return (
    <FluentProvider theme={webLightTheme} lang={language}>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={queryClient}>
          <VolunteerPage api={api} cohortId={cohortId} language={language} onLanguage={choose} />
        </QueryClientProvider>
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
