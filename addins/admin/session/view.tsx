import { Button, Link, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useSignInState, useSignOut } from './hooks.ts';

const useStyles = makeStyles({ root: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS } });

const loginHref = '/auth/login?returnTo=%2Fadmin%2F';

/** Who is signed in, or how to sign in. */
export function SessionStatus() {
  const { t } = useTranslation('translation', { keyPrefix: 'session' });
  const styles = useStyles();
  const state = useSignInState();
  const signOut = useSignOut();
  switch (state.kind) {
    case 'loading':
      return <Spinner size="tiny" label={t('loading')} />;
    case 'signed-in':
      return (
        <div className={styles.root} data-testid="session">
          <Text>{t('signedInAs', { name: state.name ?? t('unnamed') })}</Text>
          {state.via === 'session' && (
            <Button size="small" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
              {t('signOut')}
            </Button>
          )}
        </div>
      );
    case 'signed-out':
      return (
        <div className={styles.root} data-testid="session">
          <Text>{t('signedOut')}</Text>
          <Link href={loginHref}>{t('signIn')}</Link>
        </div>
      );
    case 'no-sign-in':
      return (
        <div className={styles.root} data-testid="session">
          <Text>{t('noSignIn')}</Text>
        </div>
      );
    case 'error':
      return (
        <div className={styles.root} data-testid="session">
          <Text>{t('error', { message: state.message })}</Text>
          <Link href={loginHref}>{t('signIn')}</Link>
        </div>
      );
  }
}
