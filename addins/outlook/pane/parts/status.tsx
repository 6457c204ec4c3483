import { Button, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { errorText } from './words.ts';

/** What a screen shows while its data loads or when it could not: the words, and a way to try again. */
export function QueryState({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return <Spinner size="small" label={t('parts.loading')} />;
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        {errorText(t, error)}{' '}
        <Button size="small" onClick={onRetry}>
          {t('parts.retry')}
        </Button>
      </MessageBarBody>
    </MessageBar>
  );
}

export function ErrorBar({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>{errorText(t, error)}</MessageBarBody>
    </MessageBar>
  );
}

export function DoneBar({ text }: { text: string | null }) {
  if (text === null) return null;
  return (
    <MessageBar intent="success" layout="multiline" role="status">
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}
