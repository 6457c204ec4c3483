import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Link,
  MessageBar,
  MessageBarBody,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Cohort } from '../../../contract/admin.ts';
import { useCohortStep } from './hooks.ts';

const useStyles = makeStyles({
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, margin: `${tokens.spacingVerticalS} 0` },
});

/**
 * The steps of a cohort's life HR takes by hand: invite the population (which opens a
 * draft), open a draft for volunteering without inviting anyone, close the cohort.
 */
export function CohortActions({ cohort, inviteHref }: { cohort: Cohort; inviteHref: string | null }) {
  const { t } = useTranslation('translation', { keyPrefix: 'cohorts.actions' });
  const styles = useStyles();
  const open = useCohortStep(cohort.cohortId, 'open');
  const close = useCohortStep(cohort.cohortId, 'close');
  const error = open.error ?? close.error;
  if (cohort.status === 'closed') return null;
  return (
    <div>
      <div className={styles.actions}>
        {inviteHref !== null && (cohort.status === 'draft' || cohort.status === 'open') && <Link href={inviteHref}>{t('invite')}</Link>}
        {cohort.status === 'draft' && (
          <Button onClick={() => open.mutate()} disabled={open.isPending}>
            {t('open')}
          </Button>
        )}
        <Dialog>
          <DialogTrigger disableButtonEnhancement>
            <Button>{t('close')}</Button>
          </DialogTrigger>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>{t('closeTitle')}</DialogTitle>
              <DialogContent>{t('closeText')}</DialogContent>
              <DialogActions>
                <DialogTrigger disableButtonEnhancement>
                  <Button appearance="secondary">{t('cancel')}</Button>
                </DialogTrigger>
                <DialogTrigger disableButtonEnhancement>
                  <Button appearance="primary" onClick={() => close.mutate()}>
                    {t('confirmClose')}
                  </Button>
                </DialogTrigger>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      </div>
      {error !== null && (
        <MessageBar intent="error">
          <MessageBarBody>{t('refused', { message: error.message })}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
