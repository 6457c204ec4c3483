import { useMemo, useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Enrolment } from '../../../src/model/schema.ts';
import type { RejectedRow } from '../../../contract/admin.ts';
import { ApiError, enrolmentTemplatePath } from '../../shared/api/client.ts';
import { PagedGrid, type GridColumn } from '../../shared/ui/paged-grid.tsx';
import { formatNumber } from '../../shared/ui/format.ts';
import { refusalMessage, renderMessage } from '../../../contract/messages.ts';
import { useCohort, useEnrolments, useImportEnrolments, useTemplatesOffered, useWithdraw } from './hooks.ts';

const useStyles = makeStyles({
  form: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', marginBottom: tokens.spacingVerticalM },
  templates: { display: 'flex', gap: tokens.spacingHorizontalM, marginBottom: tokens.spacingVerticalM },
  figures: { display: 'flex', gap: tokens.spacingHorizontalXXL, margin: `${tokens.spacingVerticalM} 0` },
});

/** Why a row was refused, in the viewer's language (line and field have their own columns). */
const refusal = (r: RejectedRow, lang: string): string => renderMessage('rejection', r, lang, { fallback: r.reason });

/** What the API refused, in the viewer's language (its English words for a code the catalogue lacks). */
const refusedWords = (error: Error, lang: string): string => (error instanceof ApiError ? refusalMessage(error, lang) : error.message);

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
          <MessageBarBody>{t('refused', { message: refusedWords(upload.error, lang) })}</MessageBarBody>
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
      <Enrolled cohortId={cohortId} />
    </section>
  );
}

/** A volunteer may leave while the pairs are not published: draft, open or matched (server/programme/rules.ts). */
const withdrawable = new Set(['draft', 'open', 'matched']);

/** Who is enrolled, and a way to withdraw each one (with a confirmation) while the cohort allows it. */
function Enrolled({ cohortId }: { cohortId: string }) {
  const { t, i18n } = useTranslation('translation', { keyPrefix: 'enrolments' });
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  const cohort = useCohort(cohortId);
  const enrolled = useEnrolments(cohortId);
  const withdraw = useWithdraw(cohortId);
  const [asked, setAsked] = useState<Enrolment | null>(null);
  const [done, setDone] = useState<{ email: string; discarded: boolean } | { email: string; error: Error } | null>(null);
  const status = cohort.data?.status;
  const open = status !== undefined && withdrawable.has(status);
  const columns = useMemo<GridColumn<Enrolment>[]>(() => {
    const themes = (e: Enrolment) => (e.role === 'mentor' ? t('offers', { themes: e.offers.join(', ') }) : t('wants', { themes: e.wants.join(', ') }));
    return [
      { id: 'email', header: t('email'), text: (e) => e.email, cell: (e) => e.email },
      { id: 'role', header: t('role'), text: (e) => t(`roles.${e.role}`), cell: (e) => t(`roles.${e.role}`) },
      { id: 'themes', header: t('themes'), text: themes, cell: themes },
      { id: 'languages', header: t('languages'), text: (e) => e.languages.join(', '), cell: (e) => e.languages.join(', ') },
      { id: 'format', header: t('format'), text: (e) => t(`formats.${e.format}`), cell: (e) => t(`formats.${e.format}`) },
      ...(open
        ? [
            {
              id: 'actions',
              header: t('actions'),
              text: () => '',
              cell: (e: Enrolment) => (
                <Button size="small" onClick={() => setAsked(e)} aria-label={t('withdrawPerson', { email: e.email })} disabled={withdraw.isPending}>
                  {t('withdraw')}
                </Button>
              ),
              interactive: true,
            },
          ]
        : []),
    ];
  }, [t, open, withdraw.isPending]);
  const confirm = (person: Enrolment) => {
    setAsked(null);
    withdraw.mutate(person.email, {
      onSuccess: (answer) => setDone({ email: answer.email, discarded: answer.proposalDiscarded }),
      onError: (error) => setDone({ email: person.email, error }),
    });
  };
  const list = enrolled.data ?? [];
  return (
    <section aria-labelledby="enrolled-title" data-testid="enrolled">
      <h4 id="enrolled-title">
        {t('enrolledTitle')} ({formatNumber(list.length, lang)})
      </h4>
      <div role="status">
        {done !== null && 'error' in done && (
          <MessageBar intent="error">
            <MessageBarBody>{t('withdrawRefused', { email: done.email, message: refusedWords(done.error, lang) })}</MessageBarBody>
          </MessageBar>
        )}
        {done !== null && !('error' in done) && (
          <MessageBar intent={done.discarded ? 'warning' : 'success'}>
            <MessageBarBody>{t(done.discarded ? 'withdrawnDiscarded' : 'withdrawn', { email: done.email })}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {status !== undefined && !open && list.length > 0 && <Text block>{t('withdrawClosed')}</Text>}
      {enrolled.isSuccess && list.length === 0 && <Text block>{t('enrolledNone')}</Text>}
      {list.length > 0 && (
        <PagedGrid items={list} columns={columns} rowKey={(e) => e.email} label={t('enrolledTable')} filterLabel={t('filterEnrolled')} testId="enrolled-grid" />
      )}
      <Dialog open={asked !== null} onOpenChange={(_, data) => (data.open ? undefined : setAsked(null))}>
        <DialogSurface>
          {asked !== null && (
            <DialogBody>
              <DialogTitle>{t('withdrawTitle', { email: asked.email })}</DialogTitle>
              <DialogContent>
                <Text block>{t('withdrawText', { email: asked.email })}</Text>
                {status === 'matched' && <Text block>{t('withdrawDiscards')}</Text>}
              </DialogContent>
              <DialogActions>
                <Button appearance="secondary" onClick={() => setAsked(null)}>
                  {t('cancel')}
                </Button>
                <Button appearance="primary" onClick={() => confirm(asked)}>
                  {t('confirmWithdraw')}
                </Button>
              </DialogActions>
            </DialogBody>
          )}
        </DialogSurface>
      </Dialog>
    </section>
  );
}
