import { createContext, useContext, useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Radio,
  RadioGroup,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Pair, Unmatched } from '../../../contract/admin.ts';
import { useApi } from '../../shared/ui/api-context.tsx';
import { ApiError } from '../../shared/api/client.ts';
import { refusalMessage } from '../../../contract/messages.ts';
import { useProposal, useProposalChange } from './hooks.ts';

const useStyles = makeStyles({
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  refusal: { display: 'block', marginTop: tokens.spacingVerticalXS, color: tokens.colorPaletteRedForeground1 },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

type Role = Unmatched['role'];

type Open =
  | { kind: 'break'; pair: Pair }
  | { kind: 'swap-pair'; pair: Pair }
  | { kind: 'swap-unmatched'; person: Unmatched }
  | null;

const pairRow = (pair: Pair) => `pair:${pair.pairId}`;
const personRow = (person: Unmatched) => `person:${person.role}:${person.email}`;

interface Editing {
  editable: boolean;
  pending: string | null;
  /** The last refusal of each row's change, worded when shown (in the language of the moment). */
  refusals: ReadonlyMap<string, Error>;
  /** Who may take whose place, by side: everyone paired, and everyone. */
  sides: { paired: Record<Role, string[]>; all: Record<Role, string[]> };
  run: (row: string, change: () => Promise<unknown>) => Promise<void>;
  lock: (pair: Pair) => void;
  setOpen: (open: Open) => void;
}

const EditingContext = createContext<Editing | null>(null);

function useEditing(): Editing {
  const editing = useContext(EditingContext);
  if (editing === null) throw new Error('the row actions are used outside ProposalEditing');
  return editing;
}

/**
 * HR's hand on the proposal: lock, break and swap from each row. A change the API
 * refuses keeps the proposal as it was and shows the rule it would break beside the
 * row. The grids' columns stay the same objects (their filter text is computed once);
 * the rows' actions read the state from here.
 */
export function ProposalEditing({ cohortId, matched, editable, children }: { cohortId: string; matched: boolean; editable: boolean; children: ReactNode }) {
  const { t } = useTranslation('translation', { keyPrefix: 'matching.changes' });
  const api = useApi();
  const view = useProposal(cohortId, matched).data;
  const [open, setOpen] = useState<Open>(null);
  const [refusals, setRefusals] = useState<ReadonlyMap<string, Error>>(new Map());
  const [pending, setPending] = useState<string | null>(null);
  const lock = useProposalChange(cohortId, (a: { pair: Pair; locked: boolean }) => api.lockPair(cohortId, a.pair.pairId, a.locked));
  const breakPair = useProposalChange(cohortId, (a: { pair: Pair; reason: string }) => api.breakPair(cohortId, a.pair.pairId, { reason: a.reason }));
  const swap = useProposalChange(cohortId, (a: { first: string; second: string }) => api.swapPeople(cohortId, a));

  const sides = useMemo(() => {
    const paired: Record<Role, string[]> = { mentor: [], mentee: [] };
    const all: Record<Role, string[]> = { mentor: [], mentee: [] };
    for (const p of view?.pairs ?? []) {
      paired.mentor.push(p.mentorEmail);
      paired.mentee.push(p.menteeEmail);
    }
    for (const r of ['mentor', 'mentee'] as const) all[r].push(...paired[r]);
    for (const u of view?.unmatched ?? []) all[u.role].push(u.email);
    return { paired, all };
  }, [view]);

  const editing = useMemo<Editing>(() => {
    /** Runs one change for one row: its refusal lands beside that row, a success clears every refusal. */
    const run = async (row: string, change: () => Promise<unknown>) => {
      setPending(row);
      try {
        await change();
        setRefusals(new Map());
      } catch (error) {
        const refusal = error instanceof Error ? error : new Error(String(error));
        setRefusals((current) => new Map(current).set(row, refusal));
      } finally {
        setPending(null);
      }
    };
    return {
      editable,
      pending,
      refusals,
      sides,
      run,
      lock: (pair) => void run(pairRow(pair), () => lock.mutateAsync({ pair, locked: !pair.locked })),
      setOpen,
    };
  }, [editable, pending, refusals, sides, lock]);

  const close = () => setOpen(null);
  return (
    <EditingContext.Provider value={editing}>
      {children}
      <Dialog open={open !== null} onOpenChange={(_, data) => (data.open ? undefined : close())}>
        <DialogSurface>
          {open?.kind === 'break' && (
            <BreakForm
              pair={open.pair}
              onCancel={close}
              onConfirm={(reason) => {
                close();
                void editing.run(pairRow(open.pair), () => breakPair.mutateAsync({ pair: open.pair, reason }));
              }}
            />
          )}
          {open?.kind === 'swap-pair' && (
            <SwapForm
              title={t('swapTitle')}
              movers={[
                { email: open.pair.mentorEmail, role: 'mentor' },
                { email: open.pair.menteeEmail, role: 'mentee' },
              ]}
              choices={(role) => sides.all[role].filter((e) => e !== open.pair.mentorEmail && e !== open.pair.menteeEmail)}
              onCancel={close}
              onConfirm={(first, second) => {
                close();
                void editing.run(pairRow(open.pair), () => swap.mutateAsync({ first, second }));
              }}
            />
          )}
          {open?.kind === 'swap-unmatched' && (
            <SwapForm
              title={t('givePlaceTitle', { email: open.person.email })}
              movers={[{ email: open.person.email, role: open.person.role }]}
              choices={(role) => sides.paired[role]}
              onCancel={close}
              onConfirm={(first, second) => {
                close();
                void editing.run(personRow(open.person), () => swap.mutateAsync({ first, second }));
              }}
            />
          )}
        </DialogSurface>
      </Dialog>
    </EditingContext.Provider>
  );
}

/** The rule a refused change would break, with the people it names, in the viewer's language. */
function Refusal({ row }: { row: string }) {
  const { t, i18n } = useTranslation('translation', { keyPrefix: 'matching.changes' });
  const styles = useStyles();
  const refusal = useEditing().refusals.get(row);
  if (refusal === undefined) return null;
  const message = refusal instanceof ApiError ? refusalMessage(refusal, i18n.language) : refusal.message;
  return (
    <Text role="alert" className={styles.refusal} data-testid="refusal">
      {t('refused', { message })}
    </Text>
  );
}

/** Lock, break, swap: the buttons of one proposed pair, and the refusal of its last change. */
export function PairActions({ pair }: { pair: Pair }) {
  const { t } = useTranslation('translation', { keyPrefix: 'matching.changes' });
  const styles = useStyles();
  const { editable, pending, lock, setOpen } = useEditing();
  const row = pairRow(pair);
  const who = { mentor: pair.mentorEmail, mentee: pair.menteeEmail };
  return (
    <div>
      {editable ? (
        <div className={styles.actions}>
          <Button size="small" aria-pressed={pair.locked} disabled={pending === row} onClick={() => lock(pair)} aria-label={t(pair.locked ? 'unlockPair' : 'lockPair', who)}>
            {t(pair.locked ? 'unlock' : 'lock')}
          </Button>
          <Button size="small" disabled={pair.locked || pending === row} onClick={() => setOpen({ kind: 'break', pair })} aria-label={t('breakPair', who)}>
            {t('break')}
          </Button>
          <Button size="small" disabled={pair.locked || pending === row} onClick={() => setOpen({ kind: 'swap-pair', pair })} aria-label={t('swapPair', who)}>
            {t('swap')}
          </Button>
        </div>
      ) : (
        pair.locked && <Text>{t('locked')}</Text>
      )}
      <Refusal row={row} />
    </div>
  );
}

/** Someone left out may take a paired person's place. */
export function UnmatchedActions({ person }: { person: Unmatched }) {
  const { t } = useTranslation('translation', { keyPrefix: 'matching.changes' });
  const { editable, pending, sides, setOpen } = useEditing();
  const row = personRow(person);
  return (
    <div>
      {editable && sides.paired[person.role].length > 0 && (
        <Button size="small" disabled={pending === row} onClick={() => setOpen({ kind: 'swap-unmatched', person })} aria-label={t('givePlaceTo', { email: person.email })}>
          {t('givePlace')}
        </Button>
      )}
      <Refusal row={row} />
    </div>
  );
}

function BreakForm({ pair, onCancel, onConfirm }: { pair: Pair; onCancel: () => void; onConfirm: (reason: string) => void }) {
  const { t } = useTranslation('translation', { keyPrefix: 'matching.changes' });
  const styles = useStyles();
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onConfirm(reason.trim());
  };
  return (
    <form onSubmit={submit}>
      <DialogBody>
        <DialogTitle>{t('breakTitle')}</DialogTitle>
        <DialogContent className={styles.form}>
          <Text>{t('breakText', { mentor: pair.mentorEmail, mentee: pair.menteeEmail })}</Text>
          <Field label={t('breakReason')} hint={t('breakReasonHint')}>
            <Input value={reason} maxLength={300} onChange={(_, data) => setReason(data.value)} />
          </Field>
        </DialogContent>
        <DialogActions>
          <Button appearance="secondary" onClick={onCancel}>
            {t('cancel')}
          </Button>
          <Button appearance="primary" type="submit">
            {t('confirmBreak')}
          </Button>
        </DialogActions>
      </DialogBody>
    </form>
  );
}

function SwapForm({
  title,
  movers,
  choices,
  onCancel,
  onConfirm,
}: {
  title: string;
  movers: { email: string; role: Role }[];
  choices: (role: Role) => string[];
  onCancel: () => void;
  onConfirm: (first: string, second: string) => void;
}) {
  const { t } = useTranslation('translation', { keyPrefix: 'matching.changes' });
  const styles = useStyles();
  const listId = useId();
  const [moverEmail, setMoverEmail] = useState(movers[0]?.email ?? '');
  const [other, setOther] = useState('');
  const [missing, setMissing] = useState(false);
  const mover = movers.find((m) => m.email === moverEmail) ?? movers[0];
  const options = mover === undefined ? [] : choices(mover.role).filter((e) => e !== mover.email);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mover === undefined || other.trim() === '') {
      setMissing(true);
      return;
    }
    onConfirm(mover.email, other.trim().toLowerCase());
  };
  return (
    <form onSubmit={submit}>
      <DialogBody>
        <DialogTitle>{title}</DialogTitle>
        <DialogContent className={styles.form}>
          <Text>{t('swapText')}</Text>
          {movers.length > 1 && (
            <Field label={t('whoMoves')}>
              <RadioGroup value={moverEmail} onChange={(_, data) => setMoverEmail(data.value)}>
                {movers.map((m) => (
                  <Radio key={m.email} value={m.email} label={t(`mover.${m.role}`, { email: m.email })} />
                ))}
              </RadioGroup>
            </Field>
          )}
          <Field label={t('withWhom')} hint={t('withWhomHint', { count: options.length })} validationMessage={missing ? t('withWhomMissing') : undefined}>
            <Input type="email" list={listId} value={other} onChange={(_, data) => setOther(data.value)} />
          </Field>
          <datalist id={listId}>
            {options.map((email) => (
              <option key={email} value={email} />
            ))}
          </datalist>
        </DialogContent>
        <DialogActions>
          <Button appearance="secondary" onClick={onCancel}>
            {t('cancel')}
          </Button>
          <Button appearance="primary" type="submit">
            {t('confirmSwap')}
          </Button>
        </DialogActions>
      </DialogBody>
    </form>
  );
}
