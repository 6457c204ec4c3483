import { Badge } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';

const colours: Record<string, 'informative' | 'brand' | 'success' | 'warning' | 'important'> = {
  draft: 'informative',
  open: 'warning',
  matched: 'brand',
  published: 'brand',
  rolling_out: 'warning',
  running: 'success',
  closed: 'informative',
};

/** A cohort's state as the API gives it; a state this pane does not know yet is shown as sent. */
export function CohortStatus({ status }: { status: string }) {
  const { t, i18n } = useTranslation();
  const key = `shared.status.${status}`;
  return (
    <Badge appearance="tint" color={colours[status] ?? 'informative'}>
      {i18n.exists(key) ? t(key) : status}
    </Badge>
  );
}
