import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Field, Input, Radio, RadioGroup, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { VolunteerBody, type MyCohort } from '../../../../contract/me.ts';
import { meetingFormats, weekdays, type MeetingFormat, type Role, type Weekday } from '../../../../src/model/schema.ts';
import { ApiError } from '../../../shared/api/client.ts';
import { ErrorBar } from '../parts/status.tsx';
import { usePane } from '../parts/pane-context.tsx';
import { useLayout } from '../parts/layout.ts';
import { useVolunteer } from './hooks.ts';

const useStyles = makeStyles({
  choices: { display: 'flex', flexDirection: 'column' },
  days: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalXS },
  hours: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalS },
});

/** Languages offered beside the ones the person already chose: the tenants' usual ones. */
const usualLanguages = ['fr', 'en', 'es', 'de', 'it', 'pt'];
const fieldNames = ['role', 'themes', 'languages', 'format', 'workingHours'] as const;
type FieldName = (typeof fieldNames)[number];
type FieldErrors = Partial<Record<FieldName, string>>;

function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
}

export interface VolunteerFormProps {
  cohort: MyCohort;
  onDone: () => void;
  onCancel: () => void;
}

/** Volunteering for an open cohort, or changing one's answers: checked by the API's own schema before it is sent. */
export function VolunteerForm({ cohort, onDone, onCancel }: VolunteerFormProps) {
  const { t } = useTranslation();
  const { language } = usePane();
  const layout = useLayout();
  const styles = useStyles();
  const given = cohort.volunteering;
  const [role, setRole] = useState<Role | null>(given?.role ?? null);
  const [themes, setThemes] = useState<string[]>(given?.themes ?? []);
  const [languages, setLanguages] = useState<string[]>(given?.languages ?? [language]);
  const [format, setFormat] = useState<MeetingFormat>(given?.format ?? 'either');
  const [declareHours, setDeclareHours] = useState(given?.workingHours != null);
  const [days, setDays] = useState<Weekday[]>(given?.workingHours?.days ?? ['mon', 'tue', 'wed', 'thu', 'fri']);
  const [start, setStart] = useState(given?.workingHours?.start ?? '09:00');
  const [end, setEnd] = useState(given?.workingHours?.end ?? '18:00');
  const [errors, setErrors] = useState<FieldErrors>({});
  const volunteer = useVolunteer(cohort.cohortId);
  const languageChoices = [...new Set([...usualLanguages, ...languages])];
  const id = `volunteer-${cohort.cohortId}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = VolunteerBody.safeParse({ role, themes, languages, format, workingHours: declareHours ? { days, start, end } : null });
    if (!parsed.success) {
      const found: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const name = fieldNames.find((f) => f === issue.path[0]);
        if (name !== undefined && found[name] === undefined) found[name] = t(`home.form.errors.${name}`);
      }
      setErrors(found);
      return;
    }
    setErrors({});
    try {
      await volunteer.mutateAsync(parsed.data);
      onDone();
    } catch (error) {
      const name = error instanceof ApiError ? fieldNames.find((f) => error.field?.startsWith(f)) : undefined;
      if (name !== undefined && error instanceof ApiError) setErrors({ [name]: error.message });
    }
  };
  const state = (name: FieldName) => (errors[name] === undefined ? 'none' : 'error');

  return (
    <form className={layout.screen} onSubmit={(event) => void submit(event)} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className={layout.subheading}>
        {given === null ? t('home.form.title') : t('home.form.changeTitle')}
      </h3>
      <p className={layout.small}>{t('home.form.intro')}</p>
      <Field label={t('home.form.role')} validationMessage={errors.role} validationState={state('role')} required>
        <RadioGroup value={role ?? ''} onChange={(_, data) => setRole(data.value === 'mentor' ? 'mentor' : 'mentee')}>
          <Radio value="mentor" label={t('home.form.roleMentor')} />
          <Radio value="mentee" label={t('home.form.roleMentee')} />
        </RadioGroup>
      </Field>
      <Field
        label={role === 'mentee' ? t('home.form.themesWanted') : role === 'mentor' ? t('home.form.themesOffered') : t('home.form.themes')}
        hint={t('home.form.atLeastOne')}
        validationMessage={errors.themes}
        validationState={state('themes')}
      >
        <div className={styles.choices} role="group" aria-label={t('home.form.themes')}>
          {cohort.themes.map((theme) => (
            <Checkbox
              key={theme}
              label={t(`parts.themes.${theme}`, { defaultValue: theme })}
              checked={themes.includes(theme)}
              onChange={(_, data) => setThemes(toggle(themes, theme, data.checked === true))}
            />
          ))}
        </div>
      </Field>
      {/* Not `required`: Fluent would star every checkbox of the group; the hint says what is needed. */}
      <Field label={t('home.form.languages')} hint={t('home.form.atLeastOne')} validationMessage={errors.languages} validationState={state('languages')}>
        <div className={styles.choices} role="group" aria-label={t('home.form.languages')}>
          {languageChoices.map((code) => (
            <Checkbox
              key={code}
              label={t(`parts.languages.${code}`, { defaultValue: code })}
              checked={languages.includes(code)}
              onChange={(_, data) => setLanguages(toggle(languages, code, data.checked === true))}
            />
          ))}
        </div>
      </Field>
      <Field label={t('home.form.format')} validationMessage={errors.format} validationState={state('format')}>
        <RadioGroup value={format} onChange={(_, data) => setFormat(meetingFormats.find((f) => f === data.value) ?? 'either')}>
          {meetingFormats.map((f) => (
            <Radio key={f} value={f} label={t(`parts.formats.${f}`)} />
          ))}
        </RadioGroup>
      </Field>
      <Checkbox label={t('home.form.declareHours')} checked={declareHours} onChange={(_, data) => setDeclareHours(data.checked === true)} />
      {declareHours && (
        <Field label={t('home.form.hours')} hint={t('home.form.hoursHint')} validationMessage={errors.workingHours} validationState={state('workingHours')}>
          <div className={layout.screen}>
            <div className={styles.days} role="group" aria-label={t('home.form.days')}>
              {weekdays.map((day) => (
                <Checkbox key={day} label={t(`parts.days.${day}`)} checked={days.includes(day)} onChange={(_, data) => setDays(toggle(days, day, data.checked === true))} />
              ))}
            </div>
            <div className={styles.hours}>
              <Field label={t('home.form.from')}>
                <Input type="time" value={start} onChange={(_, data) => setStart(data.value)} />
              </Field>
              <Field label={t('home.form.to')}>
                <Input type="time" value={end} onChange={(_, data) => setEnd(data.value)} />
              </Field>
            </div>
          </div>
        </Field>
      )}
      <p className={layout.small}>{t('home.form.consent')}</p>
      <ErrorBar error={volunteer.error instanceof ApiError && fieldNames.some((f) => volunteer.error instanceof ApiError && volunteer.error.field?.startsWith(f)) ? null : volunteer.error} />
      <div className={layout.actions}>
        <Button type="submit" appearance="primary" disabled={volunteer.isPending}>
          {given === null ? t('home.form.submit') : t('home.form.save')}
        </Button>
        <Button onClick={onCancel}>{t('home.form.cancel')}</Button>
      </div>
    </form>
  );
}
