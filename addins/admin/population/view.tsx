import { useMemo, useRef, useState } from 'react';
import {
  Badge,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { everyone, facetKeys, type FacetKey, type PopulationFilter } from '../../../src/model/population.ts';
import { populationCounts, selectPopulation } from '../../../src/population/facets.ts';
import type { InvitationRun, MemberWithInvitation, PopulationView } from '../../../contract/population.ts';
import { formatDay, formatNumber } from '../../shared/ui/format.ts';
import { usePopulation, useSavePopulation, useSendInvitations } from './hooks.ts';

const useStyles = makeStyles({
  layout: { display: 'grid', gridTemplateColumns: 'minmax(240px, 320px) 1fr', gap: tokens.spacingHorizontalXXL, alignItems: 'start' },
  facets: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  facet: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalS, margin: 0 },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  values: { display: 'flex', flexDirection: 'column', maxHeight: '220px', overflowY: 'auto' },
  summary: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, marginBottom: tokens.spacingVerticalM },
  total: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', margin: `${tokens.spacingVerticalM} 0` },
  list: {
    height: '420px',
    overflowY: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  row: {
    position: 'absolute',
    left: 0,
    right: 0,
    display: 'grid',
    gridTemplateColumns: '2fr 2fr 1.5fr 1fr auto',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    padding: `0 ${tokens.spacingHorizontalS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    boxSizing: 'border-box',
  },
  person: { display: 'flex', flexDirection: 'column', overflow: 'hidden' },
  muted: { color: tokens.colorNeutralForeground3 },
  failures: { margin: `${tokens.spacingVerticalS} 0`, paddingLeft: tokens.spacingHorizontalL },
});

/** Choose who is invited from the org chart, with live counts, and invite them to volunteer. */
export function PopulationStep({ cohortId }: { cohortId: string }) {
  const { t } = useTranslation('translation', { keyPrefix: 'population' });
  const view = usePopulation(cohortId);
  return (
    <section aria-labelledby="population-title">
      <h3 id="population-title">{t('title')}</h3>
      <Text block>{t('intro')}</Text>
      {view.isPending && <Spinner label={t('loading')} />}
      {view.isError && (
        <MessageBar intent="error">
          <MessageBarBody>{view.error.message}</MessageBarBody>
        </MessageBar>
      )}
      {view.isSuccess && <PopulationEditor cohortId={cohortId} view={view.data} />}
    </section>
  );
}

function toggled(filter: PopulationFilter, facet: FacetKey, value: string | null, on: boolean): PopulationFilter {
  const current: readonly (string | null)[] = filter[facet];
  const next = on ? [...current, value] : current.filter((v) => v !== value);
  return { ...filter, [facet]: next } as PopulationFilter;
}

function PopulationEditor({ cohortId, view }: { cohortId: string; view: PopulationView }) {
  const { t, i18n } = useTranslation('translation', { keyPrefix: 'population' });
  const styles = useStyles();
  const lang = i18n.language;
  const [filter, setFilter] = useState<PopulationFilter>(view.filter ?? everyone);
  const save = useSavePopulation(cohortId);
  const send = useSendInvitations(cohortId);
  const counts = useMemo(() => populationCounts(view.members, filter), [view.members, filter]);
  const chosen = useMemo(() => selectPopulation(view.members, filter), [view.members, filter]);
  const toInvite = chosen.filter((m) => m.invitation !== 'sent');
  const invited = chosen.length - toInvite.length;
  const french = toInvite.filter((m) => m.language === 'fr').length;
  const number = (n: number) => formatNumber(n, lang);
  const valueLabel = (facet: FacetKey, value: string | null) =>
    value === null ? t('notGiven') : facet === 'seniority' || facet === 'management' ? t(`${facet}.${value}`) : value;
  const changed = JSON.stringify(filter) !== JSON.stringify(view.filter ?? null);

  return (
    <div className={styles.layout}>
      <div className={styles.facets} data-testid="facets">
        {facetKeys.map((facet) => (
          <fieldset key={facet} className={styles.facet}>
            <legend className={styles.legend}>{t(`facets.${facet}`)}</legend>
            <div className={styles.values}>
              {counts.facets[facet].map(({ value, count }) => {
                const checked = (filter[facet] as readonly (string | null)[]).includes(value);
                return (
                  <Checkbox
                    key={value ?? '\u0000'}
                    checked={checked}
                    disabled={!view.editable}
                    label={t('valueCount', { value: valueLabel(facet, value), count: number(count) })}
                    onChange={(_, data) => setFilter((f) => toggled(f, facet, value, data.checked === true))}
                  />
                );
              })}
            </div>
          </fieldset>
        ))}
        <Button appearance="subtle" disabled={!view.editable} onClick={() => setFilter(everyone)}>
          {t('clear')}
        </Button>
      </div>

      <div>
        <div className={styles.summary} role="status" data-testid="population-summary">
          <Text className={styles.total}>{t('chosen', { count: chosen.length, value: number(chosen.length) })}</Text>
          <Text>
            {t('toInvite', { count: toInvite.length, value: number(toInvite.length), fr: number(french), en: number(toInvite.length - french) })}
            {invited > 0 && ` · ${t('alreadyInvited', { count: invited, value: number(invited) })}`}
          </Text>
          <Text className={styles.muted}>{t('asOf', { day: formatDay(view.asOf, lang) })}</Text>
        </div>
        {!view.editable && (
          <MessageBar intent="info">
            <MessageBarBody>{t('frozen')}</MessageBarBody>
          </MessageBar>
        )}
        {view.editable && (
          <div className={styles.actions}>
            <Button disabled={!changed || save.isPending} onClick={() => save.mutate(filter)}>
              {save.isPending ? t('saving') : t('save')}
            </Button>
            <Dialog>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="primary" disabled={toInvite.length === 0 || send.isPending}>
                  {send.isPending ? t('sending') : t('send')}
                </Button>
              </DialogTrigger>
              <DialogSurface>
                <DialogBody>
                  <DialogTitle>{t('confirmTitle')}</DialogTitle>
                  <DialogContent>
                    <Text block>{t('confirmText', { count: toInvite.length, value: number(toInvite.length), fr: number(french), en: number(toInvite.length - french) })}</Text>
                    <Text block>{t('confirmOnce')}</Text>
                  </DialogContent>
                  <DialogActions>
                    <DialogTrigger disableButtonEnhancement>
                      <Button appearance="secondary">{t('cancel')}</Button>
                    </DialogTrigger>
                    <DialogTrigger disableButtonEnhancement>
                      <Button appearance="primary" onClick={() => send.mutate(filter)}>
                        {t('confirmSend')}
                      </Button>
                    </DialogTrigger>
                  </DialogActions>
                </DialogBody>
              </DialogSurface>
            </Dialog>
          </div>
        )}
        {save.isSuccess && !changed && (
          <Text block role="status">
            {t('saved')}
          </Text>
        )}
        {(save.error ?? send.error) !== null && (
          <MessageBar intent="error">
            <MessageBarBody>{t('refused', { message: (save.error ?? send.error)?.message ?? '' })}</MessageBarBody>
          </MessageBar>
        )}
        {send.data !== undefined && <RunResult run={send.data} />}
        <PeopleList people={chosen} />
      </div>
    </div>
  );
}

function RunResult({ run }: { run: InvitationRun }) {
  const { t, i18n } = useTranslation('translation', { keyPrefix: 'population' });
  const styles = useStyles();
  const number = (n: number) => formatNumber(n, i18n.language);
  return (
    <MessageBar intent={run.failed.length > 0 ? 'warning' : 'success'} data-testid="invitation-result">
      <MessageBarBody>
        <Text block>
          {t('result', { sent: number(run.sent), already: number(run.alreadyInvited), failed: number(run.failed.length), sender: run.sender })}
        </Text>
        {run.failed.length > 0 && (
          <ul className={styles.failures} aria-label={t('failedList')}>
            {run.failed.map((f) => (
              <li key={f.email}>{t('failure', { email: f.email, reason: t(`mailCodes.${f.code}`, { defaultValue: f.code }), detail: f.message })}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}

const rowHeight = 48;

/** The people chosen, virtualised: only the rows in view are in the page, so 5,000 people scroll as smoothly as 50. */
function PeopleList({ people }: { people: MemberWithInvitation[] }) {
  const { t } = useTranslation('translation', { keyPrefix: 'population' });
  const styles = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: people.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 8 });
  const badge = (m: MemberWithInvitation) =>
    m.invitation === null ? null : (
      <Badge appearance="tint" color={m.invitation === 'sent' ? 'success' : m.invitation === 'failed' ? 'danger' : 'informative'}>
        {t(`invitation.${m.invitation}`)}
      </Badge>
    );
  return (
    <div>
      <h4 id="population-people">{t('people')}</h4>
      <div ref={scroller} className={styles.list} tabIndex={0} role="region" aria-labelledby="population-people" data-testid="population-people">
        <div role="list" aria-label={t('people')} style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const m = people[item.index];
            if (m === undefined) return null;
            return (
              <div
                key={m.email}
                role="listitem"
                aria-setsize={people.length}
                aria-posinset={item.index + 1}
                className={styles.row}
                style={{ top: `${item.start}px`, height: `${rowHeight}px` }}
              >
                <span className={styles.person}>
                  <Text weight="semibold" truncate wrap={false}>
                    {m.name}
                  </Text>
                  <Text size={200} className={styles.muted} truncate wrap={false}>
                    {m.email}
                  </Text>
                </span>
                <Text truncate wrap={false}>
                  {m.jobTitle ?? ''}
                </Text>
                <Text truncate wrap={false}>
                  {[m.department ?? t('notGiven'), m.office ?? t('notGiven')].join(' · ')}
                </Text>
                <Text>{t(`seniority.${m.seniority}`)}</Text>
                <span>{badge(m)}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
