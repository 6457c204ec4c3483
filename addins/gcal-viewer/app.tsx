import { useEffect, useState } from 'react';
import {
  Button,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { supportedLanguages, type Language } from '../shared/i18n.ts';
import { readConfig, readEvents, send, type ViewerConfig, type ViewerEvent } from './api.ts';
import { CardView, initialValues, type FormValues } from './card-view.tsx';
import { readReply, type Card, type OnClick } from './replies.ts';

const useStyles = makeStyles({
  page: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2, padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}` },
  layout: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXXL, alignItems: 'flex-start' },
  controls: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, flex: '0 0 320px', minWidth: 0 },
  // A long name in the list must not widen the field past the column.
  field: { gridTemplateColumns: 'minmax(0, 1fr)' },
  title: { margin: `0 0 ${tokens.spacingVerticalM} 0`, fontSize: tokens.fontSizeBase500 },
  panel: {
    width: '360px',
    minHeight: '480px',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  events: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

const timeZones = ['Europe/Paris', 'Europe/London', 'America/New_York', 'Asia/Singapore'];
const locales: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

/** The card viewer: be a person of the demo domain, open the add-on, click through its cards. */
export function App({ onLanguage }: { onLanguage: (language: Language) => void }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const language = i18n.language as Language;
  const [config, setConfig] = useState<ViewerConfig | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [as, setAs] = useState('');
  const [timeZone, setTimeZone] = useState('Europe/Paris');
  const [events, setEvents] = useState<ViewerEvent[]>([]);
  const [cards, setCards] = useState<Card[]>([]);
  const [values, setValues] = useState<FormValues>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('title');
  }, [language, t]);
  useEffect(() => {
    readConfig().then(
      (read) => {
        setConfig(read);
        setAs(read.people[0]?.email ?? '');
      },
      (error: unknown) => setFailure(String(error)),
    );
  }, []);
  useEffect(() => {
    setCards([]);
    setEvents([]);
    if (as === '') return;
    readEvents(as).then(setEvents, () => setEvents([]));
  }, [as]);

  const show = (card: Card, replace: boolean) => {
    setCards((stack) => (replace && stack.length > 0 ? [...stack.slice(0, -1), card] : [...stack, card]));
    setValues(initialValues(card));
  };

  const call = async (url: string, parameters: Record<string, string>, formInputs: FormValues, eventId?: string, fresh = false) => {
    setBusy(true);
    setNotice(null);
    try {
      const answer = await send({ as, url, parameters, formInputs, locale: locales[language], timeZone, ...(eventId === undefined ? {} : { eventId }) });
      const reply = readReply(answer.body);
      if (reply === null) {
        setNotice(t('unexpected', { status: answer.status }));
        return;
      }
      if (fresh) setCards([]);
      for (const step of reply.steps) show(step.card, step.kind === 'update');
      if (reply.notification !== null) setNotice(reply.notification);
    } finally {
      setBusy(false);
    }
  };

  const click = (onClick: OnClick) => {
    if (!('action' in onClick)) return;
    const parameters = Object.fromEntries(onClick.action.parameters.map((p) => [p.key, p.value]));
    void call(onClick.action.function, parameters, values);
  };

  if (failure !== null) {
    return (
      <main className={styles.page}>
        <MessageBar intent="error"><MessageBarBody>{t('noViewer')}</MessageBarBody></MessageBar>
      </main>
    );
  }
  if (config === null) return <Spinner label={t('loading')} />;
  const top = cards.at(-1);
  return (
    <main className={styles.page}>
      <h1 className={styles.title}>{t('title')}</h1>
      <MessageBar intent="info">
        <MessageBarBody>{t('demo')}</MessageBarBody>
      </MessageBar>
      <div className={styles.layout}>
        <section className={styles.controls} aria-label={t('controls')}>
          <Field className={styles.field} label={t('language')}>
            <Select value={language} onChange={(_, data) => onLanguage(data.value as Language)}>
              {supportedLanguages.map((code) => <option key={code} value={code}>{t(`languages.${code}`)}</option>)}
            </Select>
          </Field>
          <Field className={styles.field} label={t('person')}>
            <Select value={as} onChange={(_, data) => setAs(data.value)}>
              {config.people.map((person) => (
                <option key={person.email} value={person.email}>
                  {person.jobTitle === null ? person.name : `${person.name} · ${person.jobTitle}`}
                </option>
              ))}
            </Select>
          </Field>
          <Field className={styles.field} label={t('timeZone')}>
            <Select value={timeZone} onChange={(_, data) => setTimeZone(data.value)}>
              {timeZones.map((zone) => <option key={zone} value={zone}>{zone}</option>)}
            </Select>
          </Field>
          <Button appearance="primary" disabled={busy || as === ''} onClick={() => void call(config.triggers.home, {}, {}, undefined, true)}>
            {t('openHome')}
          </Button>
          <div className={styles.events}>
            <Text weight="semibold">{t('events')}</Text>
            {events.length === 0 ? <Text>{t('noEvents')}</Text> : null}
            {events.map((event) => (
              <Button key={event.eventId} disabled={busy} onClick={() => void call(config.triggers.eventOpen, {}, {}, event.eventId, true)}>
                {t('openEvent', { title: event.title, when: new Intl.DateTimeFormat(locales[language], { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(event.start)) })}
              </Button>
            ))}
          </div>
          <Link href={config.deployment} target="_blank">{t('deployment')}</Link>
        </section>
        <section className={styles.panel} aria-label={t('panel')} aria-busy={busy}>
          {cards.length > 1 ? (
            <div>
              <Button appearance="subtle" disabled={busy} onClick={() => setCards((stack) => stack.slice(0, -1))}>{t('back')}</Button>
            </div>
          ) : null}
          {notice === null ? null : (
            <MessageBar intent="success" role="status">
              <MessageBarBody>{notice}</MessageBarBody>
            </MessageBar>
          )}
          {top === undefined ? (
            <Text>{t('empty')}</Text>
          ) : (
            <CardView card={top} values={values} busy={busy} onChange={(name, next) => setValues((old) => ({ ...old, [name]: next }))} onClick={click} />
          )}
        </section>
      </div>
    </main>
  );
}
