import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  Body1,
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Subtitle1,
  Title1,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { MyCohort, VolunteerBody } from '../../contract/me.ts';
import type { Language } from '../shared/i18n.ts';
import { Refusal, type VolunteerApi } from './api.ts';

const useStyles = makeStyles({
  page: { maxWidth: '720px', margin: '0 auto', padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalL}`, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  options: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
});

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Weekday = (typeof weekdays)[number];
const offeredLanguages = ['fr', 'en', 'es', 'de', 'it', 'pt'];

interface Draft {
  role: 'mentor' | 'mentee';
  themes: string[];
  languages: string[];
  format: 'video' | 'in-person' | 'either';
  declareHours: boolean;
  days: Weekday[];
  start: string;
  end: string;
}

function draftOf(cohort: MyCohort, language: Language): Draft {
  const v = cohort.volunteering;
  return {
    role: v?.role ?? 'mentor',
    themes: v?.themes ?? [],
    languages: v === null || v.languages.length === 0 ? [language] : v.languages,
    format: v?.format ?? 'either',
    declareHours: v?.workingHours != null,
    days: v?.workingHours?.days ?? ['mon', 'tue', 'wed', 'thu', 'fri'],
    start: v?.workingHours?.start ?? '09:00',
    end: v?.workingHours?.end ?? '18:00',
  };
}

const toggle = <T,>(list: T[], item: T, on: boolean): T[] => (on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item));

type Outcome = { kind: 'saved' | 'updated' | 'withdrawn' } | { kind: 'refused'; refusal: Refusal } | null;

/**
 * The page an invitation mail links to: the signed-in person volunteers for one
 * cohort, changes their answer or withdraws, while the cohort is open. Someone
 * not signed in is sent through the tenant's sign-in and brought back here.
 */
export function VolunteerPage({ api, cohortId, language, onLanguage }: { api: VolunteerApi; cohortId: string; language: Language; onLanguage: (l: Language) => void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const session = useQuery({ queryKey: ['session'], queryFn: api.session });
  const signedOut = session.error instanceof Refusal && session.error.status === 401;
  useEffect(() => {
    if (signedOut) location.assign(`/auth/login?returnTo=${encodeURIComponent(location.pathname)}`);
  }, [signedOut]);
  const cohort = useQuery({ queryKey: ['cohort', cohortId], queryFn: () => api.cohort(cohortId), enabled: session.isSuccess });

  return (
    <main className={styles.page}>
      <header className={styles.header}>
        <Title1 as="h1">{t('title')}</Title1>
        <Field label={t('language')} orientation="horizontal">
          <Select value={language} onChange={(_e, data) => onLanguage(data.value === 'en' ? 'en' : 'fr')}>
            <option value="fr">Français</option>
            <option value="en">English</option>
          </Select>
        </Field>
      </header>
      {session.isSuccess && session.data.name !== null && <Body1 block>{t('signedInAs', { name: session.data.name })}</Body1>}
      {(session.isPending || signedOut) && <Spinner label={signedOut ? t('signingIn') : t('loading')} />}
      {session.isError && !signedOut && <ErrorBar message={session.error.message} />}
      {cohort.isPending && session.isSuccess && <Spinner label={t('loading')} />}
      {cohort.isError &&
        (cohort.error instanceof Refusal && (cohort.error.status === 404 || cohort.error.status === 400) ? (
          <MessageBar intent="warning">
            <MessageBarBody>{t('notFound')}</MessageBarBody>
          </MessageBar>
        ) : (
          <ErrorBar message={cohort.error.message} />
        ))}
      {cohort.isSuccess && <CohortForm api={api} cohort={cohort.data} language={language} />}
    </main>
  );
}

function ErrorBar({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <MessageBar intent="error">
      <MessageBarBody>{t('error', { message })}</MessageBarBody>
    </MessageBar>
  );
}

function CohortForm({ api, cohort, language }: { api: VolunteerApi; cohort: MyCohort; language: Language }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(cohort, language));
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [checked, setChecked] = useState(false);
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const date = (iso: string) => new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso));
  const refresh = (next: MyCohort | null) => {
    if (next !== null) client.setQueryData(['cohort', cohort.cohortId], next);
    else void client.invalidateQueries({ queryKey: ['cohort', cohort.cohortId] });
  };

  const save = useMutation({
    mutationFn: (body: VolunteerBody) => api.volunteer(cohort.cohortId, body),
    onSuccess: (next) => {
      setOutcome({ kind: cohort.volunteering === null ? 'saved' : 'updated' });
      refresh(next);
    },
    onError: (error) => setOutcome(error instanceof Refusal ? { kind: 'refused', refusal: error } : { kind: 'refused', refusal: new Refusal(0, { code: 'NETWORK', message: error.message }) }),
  });
  const withdraw = useMutation({
    mutationFn: () => api.withdraw(cohort.cohortId),
    onSuccess: () => {
      setOutcome({ kind: 'withdrawn' });
      setDraft(draftOf({ ...cohort, volunteering: null }, language));
      refresh(null);
    },
    onError: (error) => setOutcome(error instanceof Refusal ? { kind: 'refused', refusal: error } : null),
  });

  const themesMissing = draft.themes.length === 0;
  const languagesMissing = draft.languages.length === 0;
  const hoursWrong = draft.declareHours && (draft.days.length === 0 || draft.start >= draft.end);
  const refusedField = outcome?.kind === 'refused' ? outcome.refusal.field : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    setOutcome(null);
    if (themesMissing || languagesMissing || hoursWrong) return;
    save.mutate({
      role: draft.role,
      themes: draft.themes,
      languages: draft.languages,
      format: draft.format,
      workingHours: draft.declareHours ? { days: weekdays.filter((d) => draft.days.includes(d)), start: draft.start, end: draft.end } : null,
    });
  };

  const plan = t('cohort.plan', { sessions: cohort.sessions, minutes: cohort.sessionMinutes, weeks: cohort.weeks, start: date(cohort.start) });
  const volunteering = cohort.volunteering;
  return (
    <section aria-labelledby="cohort-name" className={styles.form}>
      <div>
        <Subtitle1 as="h2" block id="cohort-name">
          {cohort.name}
        </Subtitle1>
        <Body1 as="p" block>{plan}</Body1>
        <Body1 as="p" block>{t('cohort.intro')}</Body1>
      </div>
      {volunteering !== null && <Body1 as="p" block>{t('form.volunteered', { date: date(volunteering.volunteeredAt), role: t(`roles.${volunteering.role}`) })}</Body1>}
      <div aria-live="polite">
        {outcome !== null && outcome.kind !== 'refused' && (
          <MessageBar intent="success">
            <MessageBarBody>{t(`form.${outcome.kind}`)}</MessageBarBody>
          </MessageBar>
        )}
        {outcome?.kind === 'refused' && (
          <MessageBar intent="error">
            <MessageBarBody>{t(`errors.${outcome.refusal.code}`, { defaultValue: outcome.refusal.message, message: outcome.refusal.message })}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {!cohort.canChange ? (
        <MessageBar intent="info">
          <MessageBarBody>{volunteering === null ? t('cohort.closedNone') : t('cohort.closed')}</MessageBarBody>
        </MessageBar>
      ) : (
        <form className={styles.form} onSubmit={submit} noValidate>
          <Field label={t('form.role')} required>
            <RadioGroup value={draft.role} onChange={(_e, data) => set({ role: data.value === 'mentee' ? 'mentee' : 'mentor' })}>
              <Radio value="mentor" label={t('form.mentor')} />
              <Radio value="mentee" label={t('form.mentee')} />
            </RadioGroup>
          </Field>
          <fieldset>
            <legend>{draft.role === 'mentor' ? t('form.themesMentor') : t('form.themesMentee')}</legend>
            <div className={styles.options}>
              {cohort.themes.map((theme) => (
                <Checkbox key={theme} label={t(`themes.${theme}`, { defaultValue: theme })} checked={draft.themes.includes(theme)} onChange={(_e, data) => set({ themes: toggle(draft.themes, theme, data.checked === true) })} />
              ))}
            </div>
            {((checked && themesMissing) || (refusedField?.startsWith('themes') ?? false)) && (
              <Body1 role="alert" style={{ color: tokens.colorPaletteRedForeground1 }}>
                {t('errors.themes')}
              </Body1>
            )}
          </fieldset>
          <fieldset>
            <legend>{t('form.languages')}</legend>
            <div className={styles.options}>
              {offeredLanguages.map((code) => (
                <Checkbox key={code} label={t(`languageNames.${code}`)} checked={draft.languages.includes(code)} onChange={(_e, data) => set({ languages: toggle(draft.languages, code, data.checked === true) })} />
              ))}
            </div>
            {checked && languagesMissing && (
              <Body1 role="alert" style={{ color: tokens.colorPaletteRedForeground1 }}>
                {t('errors.languages')}
              </Body1>
            )}
          </fieldset>
          <Field label={t('form.format')} required>
            <RadioGroup value={draft.format} onChange={(_e, data) => set({ format: data.value === 'video' ? 'video' : data.value === 'in-person' ? 'in-person' : 'either' })}>
              <Radio value="video" label={t('form.video')} />
              <Radio value="in-person" label={t('form.in-person')} />
              <Radio value="either" label={t('form.either')} />
            </RadioGroup>
          </Field>
          <Checkbox label={t('form.declareHours')} checked={draft.declareHours} onChange={(_e, data) => set({ declareHours: data.checked === true })} />
          {draft.declareHours && (
            <fieldset>
              <legend>{t('form.days')}</legend>
              <div className={styles.row}>
                {weekdays.map((day) => (
                  <Checkbox key={day} label={t(`days.${day}`)} checked={draft.days.includes(day)} onChange={(_e, data) => set({ days: toggle(draft.days, day, data.checked === true) })} />
                ))}
              </div>
              <div className={styles.row}>
                <Field label={t('form.start')}>
                  <Input type="time" value={draft.start} onChange={(_e, data) => set({ start: data.value })} />
                </Field>
                <Field label={t('form.end')} validationMessage={checked && hoursWrong ? t('errors.hours') : undefined}>
                  <Input type="time" value={draft.end} onChange={(_e, data) => set({ end: data.value })} />
                </Field>
              </div>
            </fieldset>
          )}
          <div className={styles.actions}>
            <Button appearance="primary" type="submit" disabled={save.isPending}>
              {volunteering === null ? t('form.submit') : t('form.update')}
            </Button>
            {volunteering !== null && (
              <Button type="button" disabled={withdraw.isPending} onClick={() => withdraw.mutate()}>
                {t('form.withdraw')}
              </Button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
