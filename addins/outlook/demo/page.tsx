import { useEffect, useMemo, useState } from 'react';
import { Button, Field, FluentProvider, MessageBar, MessageBarBody, Radio, RadioGroup, Select, Spinner, makeStyles, tokens, webLightTheme } from '@fluentui/react-components';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { MySession } from '../../../contract/me.ts';
import { createI18n, languageFor, type Language } from '../../shared/i18n.ts';
import { signIn } from '../auth/sign-in.ts';
import { demoHost } from '../host/demo-host.ts';
import { Pane } from '../pane/app/app.tsx';
import { appointmentFor, demoSessions, demoToken, readDemoConfig, type DemoConfig, type DemoPerson } from './data.ts';
import fr from './fr.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const useStyles = makeStyles({
  page: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXXL, padding: tokens.spacingHorizontalL, fontFamily: tokens.fontFamilyBase, alignItems: 'flex-start' },
  controls: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, width: '360px', maxWidth: '100%' },
  select: { width: '100%', minWidth: 0 },
  frame: { width: '320px', minHeight: '600px', outline: `1px solid ${tokens.colorNeutralStroke1}`, boxShadow: tokens.shadow16, overflowY: 'auto', overflowX: 'hidden', backgroundColor: tokens.colorNeutralBackground2 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500 },
});

type Persona = 'junior' | 'senior' | 'other';

interface Opened {
  person: DemoPerson;
  token: string;
  language: Language;
  appointment: MySession | null;
}

/** The Outlook pane outside Outlook: a mocked Office host over the sandbox demo tenant. */
export function DemoPage() {
  const [language, setLanguage] = useState<Language>(languageFor(navigator.language));
  const i18n = useMemo(() => createI18n({ fr: { demo: fr }, en: { demo: en } }, language), [language]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return (
    <FluentProvider theme={webLightTheme} lang={language}>
      <I18nextProvider i18n={i18n}>
        <Demo language={language} onLanguage={setLanguage} />
      </I18nextProvider>
    </FluentProvider>
  );
}

function Demo({ language, onLanguage }: { language: Language; onLanguage: (language: Language) => void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [config, setConfig] = useState<DemoConfig | { unavailable: string } | { failed: string } | null>(null);
  const [persona, setPersona] = useState<Persona>('junior');
  const [other, setOther] = useState('');
  const [token, setToken] = useState<{ email: string; token: string; sessions: MySession[] } | null>(null);
  const [meeting, setMeeting] = useState('');
  const [opened, setOpened] = useState<Opened | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    readDemoConfig().then(setConfig, (e: unknown) => setConfig({ failed: String(e) }));
  }, []);

  const people = config !== null && 'people' in config ? config.people : [];
  const chosenEmail = config === null || !('people' in config) ? null : persona === 'junior' ? config.juniorMentor : persona === 'senior' ? config.seniorMentee : other || null;
  const person = people.find((p) => p.email === chosenEmail) ?? null;

  useEffect(() => {
    setToken(null);
    setMeeting('');
    if (config === null || !('people' in config) || person === null) return;
    let live = true;
    demoToken(config.tenantId, person.email)
      .then(async (got) => ({
        email: person.email,
        token: got,
        // Without sessions the pane still opens, from the calendar: the list only offers meetings to open it on.
        sessions: await demoSessions(got).catch(() => []),
      }))
      .then(
        (got) => live && setToken(got),
        (e: unknown) => live && setError(String(e)),
      );
    return () => {
      live = false;
    };
  }, [config, person]);

  if (config === null) return <Spinner label="…" />;
  if (!('people' in config)) {
    return (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>{'unavailable' in config ? t('demo.unavailable') : config.failed}</MessageBarBody>
      </MessageBar>
    );
  }
  const sessions = token?.email === person?.email ? (token?.sessions ?? []) : [];

  return (
    <div className={styles.page}>
      <div className={styles.controls}>
        <h1 className={styles.heading}>{t('demo.title')}</h1>
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t('demo.notice', { tenant: config.tenantName })}</MessageBarBody>
        </MessageBar>
        <Field label={t('demo.language')}>
          <RadioGroup value={language} onChange={(_, data) => onLanguage(data.value === 'en' ? 'en' : 'fr')} layout="horizontal">
            <Radio value="fr" label="Français" />
            <Radio value="en" label="English" />
          </RadioGroup>
        </Field>
        <Field label={t('demo.who')}>
          <RadioGroup value={persona} onChange={(_, data) => setPersona(data.value === 'senior' ? 'senior' : data.value === 'other' ? 'other' : 'junior')}>
            <Radio value="junior" disabled={config.juniorMentor === null} label={t('demo.junior', { name: people.find((p) => p.email === config.juniorMentor)?.name ?? '—' })} />
            <Radio value="senior" disabled={config.seniorMentee === null} label={t('demo.senior', { name: people.find((p) => p.email === config.seniorMentee)?.name ?? '—' })} />
            <Radio value="other" label={t('demo.other')} />
          </RadioGroup>
        </Field>
        {persona === 'other' && (
          <Field label={t('demo.person')}>
            <Select className={styles.select} value={other} onChange={(_, data) => setOther(data.value)}>
              <option value="">{t('demo.pick')}</option>
              {people.map((p) => (
                <option key={p.email} value={p.email}>
                  {[p.name, p.title, p.department].filter(Boolean).join(' · ')}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Field label={t('demo.meeting')} hint={t('demo.meetingHint')}>
          <Select className={styles.select} value={meeting} onChange={(_, data) => setMeeting(data.value)} disabled={token === null}>
            <option value="">{t('demo.noMeeting')}</option>
            {sessions.map((s) => (
              <option key={s.tag} value={s.tag}>
                {t('demo.session', {
                  number: s.session,
                  name: s.partnerName,
                  when: new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: person?.timeZone }).format(new Date(s.start)),
                })}
              </option>
            ))}
          </Select>
        </Field>
        <div>
          <Button
            appearance="primary"
            disabled={person === null || token === null}
            onClick={() => person !== null && token !== null && setOpened({ person, token: token.token, language, appointment: sessions.find((s) => s.tag === meeting) ?? null })}
          >
            {t('demo.open')}
          </Button>
        </div>
        {error !== null && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {opened !== null && (
        <div className={styles.frame} data-testid="pane-frame" role="region" aria-label={t('demo.frame')}>
          <DemoPane key={`${opened.person.email}-${opened.language}-${opened.appointment?.tag ?? ''}`} opened={opened} />
        </div>
      )}
    </div>
  );
}

function DemoPane({ opened }: { opened: Opened }) {
  const host = useMemo(
    () =>
      demoHost({
        context: {
          user: { email: opened.person.email, displayName: opened.person.name, accountType: 'office365' },
          locale: opened.language === 'fr' ? 'fr-FR' : 'en-GB',
          timeZone: opened.person.timeZone,
          timeZoneSource: 'mailbox',
          nestedAppAuth: false,
        },
        appointment:
          opened.appointment === null
            ? { ok: false, code: 'HOST_NO_ITEM', message: 'The demo opened the pane from the calendar, on no meeting.' }
            : appointmentFor(opened.appointment, opened.person),
      }),
    [opened],
  );
  // The mocked Office SSO: the sandbox identity emulator's token for the chosen person.
  const tokens = useMemo(
    () => () => signIn({ nestedAppAuth: false, nestedAppAuthToken: () => Promise.reject(new Error('no NAA in the demo')), officeSsoToken: () => Promise.resolve(opened.token) }),
    [opened],
  );
  return <Pane host={host} signIn={tokens} />;
}
