import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DemoPage } from './page.tsx';

const container = document.getElementById('root');
if (container === null) throw new Error('demo.html has no #root');
createRoot(container).render(
  <StrictMode>
    <DemoPage />
  </StrictMode>,
);
