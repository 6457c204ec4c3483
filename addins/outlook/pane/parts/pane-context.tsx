import { createContext, useContext, type ReactNode } from 'react';
import type { MeClient } from '../../../shared/api/me-client.ts';
import type { Language } from '../../../shared/i18n.ts';

/** What every screen needs from the app: the participant API, and the viewer's language and zone from the host. */
export interface PaneEnvironment {
  api: MeClient;
  language: Language;
  /** IANA zone the host shows the calendar in: every time on screen is written in it. */
  timeZone: string;
}

const PaneContext = createContext<PaneEnvironment | null>(null);

export function PaneProvider({ value, children }: { value: PaneEnvironment; children: ReactNode }) {
  return <PaneContext.Provider value={value}>{children}</PaneContext.Provider>;
}

export function usePane(): PaneEnvironment {
  const value = useContext(PaneContext);
  if (value === null) throw new Error('usePane is used outside PaneProvider');
  return value;
}
