/// <reference types="office-js" />
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { nestedAppAuthToken, signIn } from './auth/sign-in.ts';
import { officeHost, officeSsoToken } from './host/office-host.ts';
import { Pane } from './pane/app/app.tsx';

/** What the service tells the pane about its app registration (`/outlook/config.json`). */
const PaneConfig = z.object({ clientId: z.string().min(1), authority: z.string().url(), scopes: z.array(z.string()).min(1) });

async function start(): Promise<void> {
  await Office.onReady();
  const container = document.getElementById('root');
  if (container === null) throw new Error('taskpane.html has no #root');
  const config = PaneConfig.parse(await (await fetch('config.json', { credentials: 'same-origin' })).json());
  const host = officeHost();
  const naa = nestedAppAuthToken(config);
  const sso = officeSsoToken();
  const tokens = async () => {
    const context = await host.context();
    return signIn({ nestedAppAuth: context.ok && context.value.nestedAppAuth, nestedAppAuthToken: naa, officeSsoToken: sso });
  };
  createRoot(container).render(
    <StrictMode>
      <Pane host={host} signIn={tokens} />
    </StrictMode>,
  );
}

void start();
