import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import type { Session } from '../../contract/session.ts';
import { ApiError, createApiClient } from '../shared/api/client.ts';
import { createI18n, languageFor, type Language } from '../shared/i18n.ts';
import { ApiProvider } from '../shared/ui/api-context.tsx';
import { App } from './app/app.tsx';
import { paneStrings } from './app/strings.ts';

const languageKey = 'binome.admin.language';
/** A session that ran out mid-work (401 on another call): read it again, and the pane sends the person to sign in. */
const onApiError = (error: Error) => {
  if (error instanceof ApiError && error.status === 401) void queryClient.invalidateQueries({ queryKey: ['session'] });
};
const queryClient: QueryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false } },
  queryCache: new QueryCache({ onError: (error, query) => (query.queryKey[0] === 'session' ? undefined : onApiError(error)) }),
  mutationCache: new MutationCache({ onError: onApiError }),
});
const api = createApiClient({ csrfToken: () => queryClient.getQueryData<Session | null>(['session'])?.csrfToken ?? null });
const i18n = createI18n(paneStrings, localStorage.getItem(languageKey) ?? navigator.language);

function Root() {
  const [language, setLanguage] = useState(i18n.language);
  const choose = (next: Language) => {
    localStorage.setItem(languageKey, next);
    void i18n.changeLanguage(languageFor(next)).then(() => setLanguage(next));
  };
  return (
    <FluentProvider theme={webLightTheme} lang={language}>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={queryClient}>
          <ApiProvider client={api}>
            <App onLanguage={choose} />
          </ApiProvider>
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
