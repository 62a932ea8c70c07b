import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { fetchScenario } from './api.ts';
import { App } from './App.tsx';
import { applyPreferences, loadPreferences } from './preferences.ts';
import '../../src/ui/theme/styles.css';
import './demo.css';

// The client's config depends on the backend's scenario (is email verification required, and
// where?), so the demo asks the server before rendering. A real app knows this at build time.
const scenario = await fetchScenario();
const preferences = loadPreferences();
if (scenario.tenants.length === 0) preferences.tenantId = 'public';
else if (!scenario.tenants.some((t) => t.tenantId === preferences.tenantId)) preferences.tenantId = scenario.tenants[0]!.tenantId;
applyPreferences(preferences);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App scenario={scenario} initialPreferences={preferences} />
  </StrictMode>,
);
