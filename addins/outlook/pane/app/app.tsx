import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button, FluentProvider, MessageBar, MessageBarBody, Spinner, Tab, TabList, makeStyles, tokens, webLightTheme } from '@fluentui/react-components';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { createMeClient, type SessionRef } from '../../../shared/api/me-client.ts';
import { createI18n, languageFor } from '../../../shared/i18n.ts';
import type { SignInResult } from '../../auth/sign-in.ts';
import type { Host, HostContext } from '../../host/host.ts';
import { Home } from '../home/view.tsx';
import { useLayout } from '../parts/layout.ts';
import { PaneProvider, usePane, type PaneEnvironment } from '../parts/pane-context.tsx';
import { Pair } from '../pair/view.tsx';
import { SessionScreen } from '../session/view.tsx';
import { Sessions } from '../sessions/view.tsx';
import { Training } from '../training/view.tsx';
import { sessionForAppointment } from './opening.ts';
import { paneStrings } from './strings.ts';

const useStyles = makeStyles({
  pane: {
    boxSizing: 'border-box',
    width: '100%',
    maxWidth: '100%',
    minHeight: '100%',
    padding: tokens.spacingHorizontalS,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground2,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
  },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  brand: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightBold, color: tokens.colorBrandForeground1 },
  tabs: { flexWrap: 'wrap' },
});

export interface PaneProps {
  host: Host;
  /** A bearer token for the service: NAA or Office SSO in Outlook, the emulator's token in the demo. */
  signIn: () => Promise<SignInResult>;
  /** Where the service is; the pane is served by it, so usually ''. */
  baseUrl?: string;
  /** Shown above the pane (the demo says it is a demo). */
  notice?: ReactNode;
}

type Screen =
  | { name: 'home' }
  | { name: 'pair'; pairId: string | null }
  | { name: 'sessions' }
  | { name: 'session'; ref: SessionRef }
  | { name: 'training' };

const tabNames = ['home', 'pair', 'sessions', 'training'] as const;
type TabName = (typeof tabNames)[number];

/** The task pane: reads the host, signs in, then opens on the meeting's session or on the home screen. */
export function Pane({ host, signIn, baseUrl = '', notice }: PaneProps) {
  const [context, setContext] = useState<HostContext | { error: string } | null>(null);
  useEffect(() => {
    let live = true;
    void host.context().then((got) => {
      if (live) setContext(got.ok ? got.value : { error: got.code });
    });
    return () => {
      live = false;
    };
  }, [host]);
  const i18n = useMemo(() => createI18n(paneStrings, context !== null && 'user' in context ? (context.locale ?? undefined) : undefined), [context]);
  const language = languageFor(i18n.language);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  return (
    <FluentProvider theme={webLightTheme} lang={language}>
      <I18nextProvider i18n={i18n}>
        {notice}
        {context === null ? (
          <Spinner size="small" />
        ) : 'error' in context ? (
          <HostFailure code={context.error} />
        ) : (
          <SignedIn key={context.user.email} host={host} context={context} signIn={signIn} baseUrl={baseUrl} />
        )}
      </I18nextProvider>
    </FluentProvider>
  );
}

function HostFailure({ code }: { code: string }) {
  const { t } = useTranslation();
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>{t('app.hostError', { code })}</MessageBarBody>
    </MessageBar>
  );
}

function SignedIn({ host, context, signIn, baseUrl }: { host: Host; context: HostContext; signIn: PaneProps['signIn']; baseUrl: string }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [token, setToken] = useState<SignInResult | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    void signIn().then((result) => {
      if (live) setToken(result);
    });
    return () => {
      live = false;
    };
  }, [signIn, attempt]);
  const language = languageFor(context.locale ?? undefined);

  const environment = useMemo<PaneEnvironment | null>(() => {
    if (token === null || !token.ok) return null;
    const bearer = token.token;
    const api = createMeClient({
      baseUrl,
      fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string> | undefined), authorization: `Bearer ${bearer}` } }),
    });
    return { api, language, timeZone: context.timeZone };
  }, [token, baseUrl, language, context.timeZone]);
  const queryClient = useMemo(() => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 1 } } }), [environment]);

  return (
    <main className={styles.pane}>
      <header className={styles.header}>
        <p className={styles.brand}>
          {t('app.name')} · {t('app.tagline')}
        </p>
      </header>
      {token === null ? (
        <Spinner size="small" label={t('app.signingIn')} />
      ) : !token.ok ? (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            {t(`app.signInErrors.${token.code}`)}{' '}
            <Button size="small" onClick={() => setAttempt((n) => n + 1)}>
              {t('app.signIn')}
            </Button>
          </MessageBarBody>
        </MessageBar>
      ) : environment === null ? null : (
        <QueryClientProvider client={queryClient}>
          <PaneProvider value={environment}>
            <Screens host={host} userName={context.user.displayName} />
          </PaneProvider>
        </QueryClientProvider>
      )}
    </main>
  );
}

function tabOf(screen: Screen): TabName {
  return screen.name === 'session' ? 'sessions' : screen.name;
}

function Screens({ host, userName }: { host: Host; userName: string }) {
  const { t } = useTranslation();
  const layout = useLayout();
  const styles = useStyles();
  const [screen, setScreen] = useState<Screen | null>(null);
  const [openedOn, setOpenedOn] = useState(false);
  const { api } = usePane();

  useEffect(() => {
    let live = true;
    void host
      .appointment()
      .then((appointment) => sessionForAppointment(appointment, api))
      .catch(() => null)
      .then((ref) => {
        if (!live) return;
        setOpenedOn(ref !== null);
        setScreen(ref === null ? { name: 'home' } : { name: 'session', ref });
      });
    return () => {
      live = false;
    };
  }, [host, api]);

  if (screen === null) return <Spinner size="small" label={t('parts.loading')} />;
  const openSession = (pairId: string, session: number) => {
    setOpenedOn(false);
    setScreen({ name: 'session', ref: { pairId, session } });
  };
  const choose = (tab: TabName) => {
    setOpenedOn(false);
    const screens: Record<TabName, Screen> = { home: { name: 'home' }, pair: { name: 'pair', pairId: null }, sessions: { name: 'sessions' }, training: { name: 'training' } };
    setScreen(screens[tab]);
  };

  return (
    <>
      <nav aria-label={t('app.nav.label')}>
        <TabList className={styles.tabs} size="small" selectedValue={tabOf(screen)} onTabSelect={(_, data) => {
            const tab = tabNames.find((name) => name === data.value);
            if (tab !== undefined) choose(tab);
          }}>
          <Tab value="home">{t('app.nav.home')}</Tab>
          <Tab value="pair">{t('app.nav.pair')}</Tab>
          <Tab value="sessions">{t('app.nav.sessions')}</Tab>
          <Tab value="training">{t('app.nav.training')}</Tab>
        </TabList>
      </nav>
      {openedOn && <p className={layout.small}>{t('app.openedOn')}</p>}
      {screen.name === 'home' && <Home userName={userName} onOpenPair={(pairId) => setScreen({ name: 'pair', pairId })} />}
      {screen.name === 'pair' && <Pair pairId={screen.pairId} onOpenSession={openSession} />}
      {screen.name === 'sessions' && <Sessions onOpenSession={openSession} now={new Date()} />}
      {screen.name === 'session' && (
        <>
          <div className={layout.actions}>
            <Button appearance="subtle" size="small" onClick={() => choose('sessions')}>
              ← {t('app.back')}
            </Button>
          </div>
          <SessionScreen key={`${screen.ref.pairId}-${screen.ref.session}`} sessionRef={screen.ref} />
        </>
      )}
      {screen.name === 'training' && <Training />}
    </>
  );
}
