import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Checkbox, Field, Input, MessageBar, MessageBarBody, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { CreateCohortBody } from '../../../contract/admin.ts';
import { cohortFormats, defaultThemes } from '../../../src/model/schema.ts';
import { ApiError } from '../../shared/api/client.ts';
import { suggestedStart, useCreateCohort } from './hooks.ts';

const useStyles = makeStyles({
  form: { display: 'grid', gap: tokens.spacingVerticalM, maxWidth: '520px' },
  row: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalM, alignItems: 'start' },
  themes: { border: 'none', margin: 0, padding: 0, display: 'grid', gridTemplateColumns: '1fr 1fr' },
  legend: { padding: 0, fontWeight: tokens.fontWeightSemibold, marginBottom: tokens.spacingVerticalXS },
  hint: { gridColumn: '1 / -1', color: tokens.colorNeutralForeground3 },
  themeError: { gridColumn: '1 / -1', color: tokens.colorPaletteRedForeground1 },
});

const fields = ['name', 'format', 'sessions', 'sessionMinutes', 'start', 'weeks', 'themes'] as const;
type FieldName = (typeof fields)[number];
const isField = (name: string | null): name is FieldName => name !== null && (fields as readonly string[]).includes(name);

export interface CreateCohortProps {
  onCreated: (cohortId: string) => void;
  cancelHref: string;
}

/** The cohort form, checked by the same schema as the API, each rule written beside its field. */
export function CreateCohort({ onCreated, cancelHref }: CreateCohortProps) {
  const { t } = useTranslation('translation', { keyPrefix: 'createCohort' });
  const styles = useStyles();
  const [defaults] = useState<CreateCohortBody>(() => ({ name: '', format: 'classic', sessions: 6, sessionMinutes: 60, start: suggestedStart(new Date()), weeks: 26, themes: [...defaultThemes] }));
  const form = useForm({ resolver: zodResolver(CreateCohortBody), defaultValues: defaults });
  const create = useCreateCohort(onCreated);
  const { errors } = form.formState;
  const refusal = create.error;

  const submit = form.handleSubmit(async (body) => {
    try {
      await create.mutateAsync(body);
    } catch (error) {
      if (error instanceof ApiError && isField(error.field)) {
        form.setError(error.field, { type: 'server', message: error.message }, { shouldFocus: true });
      }
    }
  });

  const messageFor = (name: FieldName): string | undefined => {
    const error = errors[name];
    if (error === undefined) return undefined;
    return error.type === 'server' ? t('serverError', { message: error.message }) : t(`errors.${name}`);
  };
  const stateFor = (name: FieldName) => (errors[name] === undefined ? 'none' : 'error');

  return (
    <section aria-labelledby="create-title">
      <h2 id="create-title">{t('title')}</h2>
      <form className={styles.form} onSubmit={(event) => void submit(event)} noValidate>
        <Field label={t('name')} hint={t('rules.name')} validationMessage={messageFor('name')} validationState={stateFor('name')} required>
          <Input defaultValue={defaults.name} {...form.register('name')} />
        </Field>
        <Field label={t('format')} hint={t('rules.format')} validationMessage={messageFor('format')} validationState={stateFor('format')}>
          <Select defaultValue={defaults.format} {...form.register('format')}>
            {cohortFormats.map((f) => (
              <option key={f} value={f}>
                {t(`formats.${f}`)}
              </option>
            ))}
          </Select>
        </Field>
        <div className={styles.row}>
          <Field label={t('sessions')} hint={t('rules.sessions')} validationMessage={messageFor('sessions')} validationState={stateFor('sessions')}>
            <Input type="number" min={1} max={12} defaultValue={String(defaults.sessions)} {...form.register('sessions', { valueAsNumber: true })} />
          </Field>
          <Field label={t('sessionMinutes')} hint={t('rules.sessionMinutes')} validationMessage={messageFor('sessionMinutes')} validationState={stateFor('sessionMinutes')}>
            <Input type="number" min={15} max={240} step={15} defaultValue={String(defaults.sessionMinutes)} {...form.register('sessionMinutes', { valueAsNumber: true })} />
          </Field>
        </div>
        <div className={styles.row}>
          <Field label={t('start')} hint={t('rules.start')} validationMessage={messageFor('start')} validationState={stateFor('start')}>
            <Input type="date" defaultValue={defaults.start} {...form.register('start')} />
          </Field>
          <Field label={t('weeks')} hint={t('rules.weeks')} validationMessage={messageFor('weeks')} validationState={stateFor('weeks')}>
            <Input type="number" min={1} max={104} defaultValue={String(defaults.weeks)} {...form.register('weeks', { valueAsNumber: true })} />
          </Field>
        </div>
        <fieldset className={styles.themes} aria-describedby="themes-hint">
          <legend className={styles.legend}>{t('themes')}</legend>
          <Text id="themes-hint" className={styles.hint}>
            {t('rules.themes')}
          </Text>
          {defaultThemes.map((theme) => (
            <Checkbox key={theme} value={theme} label={t(`themeNames.${theme}`)} defaultChecked {...form.register('themes')} />
          ))}
          {errors.themes !== undefined && (
            <Text role="alert" className={styles.themeError}>
              {messageFor('themes')}
            </Text>
          )}
        </fieldset>
        {refusal !== null && !(refusal instanceof ApiError && isField(refusal.field)) && (
          <MessageBar intent="error">
            <MessageBarBody>{t('refused', { message: refusal.message })}</MessageBarBody>
          </MessageBar>
        )}
        <div>
          <Button type="submit" appearance="primary" disabled={create.isPending}>
            {create.isPending ? t('creating') : t('create')}
          </Button>{' '}
          <Button as="a" href={cancelHref}>
            {t('cancel')}
          </Button>
        </div>
      </form>
    </section>
  );
}
