import { useEffect, type ReactNode } from 'react';
import { Button, Link, MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { signInHref, useSignInState, useSignOut } from './hooks.ts';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  page: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalM, maxWidth: '44rem' },
});

const here = () => signInHref(window.location);

/** Who is signed in, and the way out. */
export function SessionStatus() {
  const { t } = useTranslation('translation', { keyPrefix: 'session' });
  const styles = useStyles();
  const state = useSignInState();
  const signOut = useSignOut();
  if (state.kind !== 'hr' && state.kind !== 'not-hr') return null;
  return (
    <div className={styles.root} data-testid="session">
      <Text>{t('signedInAs', { name: state.name ?? t('unnamed') })}</Text>
      <Button size="small" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
        {t('signOut')}
      </Button>
    </div>
  );
}

/**
 * Shows its children to HR only. Nobody signed in: off to the sign-in. Someone who is
 * not HR here: a page that says so. Someone who just signed out: a way back in.
 */
export function SignInGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation('translation', { keyPrefix: 'session' });
  const styles = useStyles();
  const state = useSignInState();
  const signOut = useSignOut();
  const mustSignIn = state.kind === 'signed-out';
  useEffect(() => {
    if (mustSignIn) window.location.assign(here());
  }, [mustSignIn]);
  switch (state.kind) {
    case 'hr':
      return children;
    case 'loading':
      return <Spinner label={t('loading')} />;
    case 'signed-out':
      return (
        <div className={styles.page}>
          <Spinner label={t('redirecting')} />
          <Link href={here()}>{t('signIn')}</Link>
        </div>
      );
    case 'left':
      return (
        <section className={styles.page} aria-labelledby="signed-out-title" data-testid="signed-out">
          <h2 id="signed-out-title">{t('leftTitle')}</h2>
          <Link href={here()}>{t('signInAgain')}</Link>
        </section>
      );
    case 'not-hr':
      return (
        <section className={styles.page} aria-labelledby="not-hr-title" data-testid="not-hr">
          <h2 id="not-hr-title">{t('notHrTitle')}</h2>
          <Text block>{t('notHrBody', { name: state.name ?? t('unnamed') })}</Text>
          <Text block>{t('notHrWhat')}</Text>
          <Button appearance="primary" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
            {t('otherAccount')}
          </Button>
        </section>
      );
    case 'error':
      return (
        <div className={styles.page}>
          <MessageBar intent="error">
            <MessageBarBody>{t('error', { message: state.message })}</MessageBarBody>
          </MessageBar>
          <Link href={here()}>{t('signIn')}</Link>
        </div>
      );
  }
}
