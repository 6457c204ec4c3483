import { useMemo, useState } from 'react';
import { Button, Field, Link, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { RejectedRow } from '../../../contract/admin.ts';
import { enrolmentTemplatePath } from '../../shared/api/client.ts';
import { PagedGrid, type GridColumn } from '../../shared/ui/paged-grid.tsx';
import { formatNumber } from '../../shared/ui/format.ts';
import { renderMessage } from '../../../contract/messages.ts';
import { useImportEnrolments, useTemplatesOffered } from './hooks.ts';

const useStyles = makeStyles({
  form: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', marginBottom: tokens.spacingVerticalM },
  templates: { display: 'flex', gap: tokens.spacingHorizontalM, marginBottom: tokens.spacingVerticalM },
  figures: { display: 'flex', gap: tokens.spacingHorizontalXXL, margin: `${tokens.spacingVerticalM} 0` },
});

/** Why a row was refused, in the viewer's language (line and field have their own columns). */
const refusal = (r: RejectedRow, lang: string): string => renderMessage('rejection', r, lang, { fallback: r.reason });

/** Import who volunteered (CSV or XLSX) and read, line by line, what was refused and why. */
export function EnrolmentImport({ cohortId }: { cohortId: string }) {
  const { t, i18n } = useTranslation('translation', { keyPrefix: 'enrolments' });
  const styles = useStyles();
  const [file, setFile] = useState<File | null>(null);
  const upload = useImportEnrolments(cohortId);
  const templates = useTemplatesOffered();
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  const columns = useMemo<GridColumn<RejectedRow>[]>(
    () => [
      { id: 'line', header: t('line'), text: (r) => String(r.line), cell: (r) => formatNumber(r.line, lang) },
      { id: 'field', header: t('field'), text: (r) => r.field ?? '', cell: (r) => r.field ?? t('wholeRow') },
      { id: 'reason', header: t('reason'), text: (r) => `${r.code} ${refusal(r, lang)}`, cell: (r) => refusal(r, lang) },
    ],
    [t, lang],
  );
  const report = upload.data;
  return (
    <section aria-labelledby="enrolments-title">
      <h3 id="enrolments-title">{t('title')}</h3>
      <Text block>{t('intro')}</Text>
      {templates.data === true && (
        <div className={styles.templates}>
          <Link href={enrolmentTemplatePath('csv', lang)}>{t('templateCsv')}</Link>
          <Link href={enrolmentTemplatePath('xlsx', lang)}>{t('templateXlsx')}</Link>
        </div>
      )}
      <form
        className={styles.form}
        onSubmit={(event) => {
          event.preventDefault();
          if (file !== null) upload.mutate(file);
        }}
      >
        <Field label={t('file')} hint={t('fileRule')}>
          {(props) => (
            <input
              {...props}
              type="file"
              name="enrolments"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
            />
          )}
        </Field>
        <Button type="submit" appearance="primary" disabled={file === null || upload.isPending}>
          {upload.isPending ? t('importing') : t('import')}
        </Button>
      </form>
      {upload.isError && (
        <MessageBar intent="error">
          <MessageBarBody>{t('refused', { message: upload.error.message })}</MessageBarBody>
        </MessageBar>
      )}
      {report !== undefined && (
        <div data-testid="import-report">
          <div className={styles.figures} role="status">
            <Text>{t('loaded', { count: report.loaded, value: formatNumber(report.loaded, lang) })}</Text>
            <Text>{t('enrolled', { mentors: formatNumber(report.enrolled.mentors, lang), mentees: formatNumber(report.enrolled.mentees, lang) })}</Text>
            <Text>{t('rejectedCount', { count: report.rejectedTotal, value: formatNumber(report.rejectedTotal, lang) })}</Text>
          </div>
          {report.proposalDiscarded && (
            <MessageBar intent="warning">
              <MessageBarBody>{t('proposalDiscarded')}</MessageBarBody>
            </MessageBar>
          )}
          {report.rejectedTotal > report.rejected.length && <Text block>{t('firstRejected', { shown: formatNumber(report.rejected.length, lang) })}</Text>}
          {report.rejected.length > 0 && (
            <PagedGrid
              items={report.rejected}
              columns={columns}
              rowKey={(r) => `${r.line}:${r.field ?? ''}:${r.code}`}
              label={t('rejectedTable')}
              filterLabel={t('filter')}
              testId="rejected"
            />
          )}
        </div>
      )}
    </section>
  );
}
