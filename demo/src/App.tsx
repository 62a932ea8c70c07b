import { useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import type { CreateAuthClientConfig } from '../../src/core/index.ts';
import { AuthProvider, SessionAuth, authRouteElements, prebuiltScreens, renderStepUpDialog } from '../../src/index.ts';
import { API_URL, type ScenarioInfo } from './api.ts';
import { Layout } from './Layout.tsx';
import { MyTotpScreen } from './MyTotpScreen.tsx';
import { Home } from './pages/Home.tsx';
import { Orders, OrdersExport } from './pages/Orders.tsx';
import { Outbox } from './pages/Outbox.tsx';
import { Settings } from './pages/Settings.tsx';
import { savePreferences, type Preferences } from './preferences.ts';

const queryClient = new QueryClient();

/**
 * The demo app: the kit's provider, the kit's routes (sign-in, factor chooser, factor screens,
 * email verification) and three pages of "the app": a home page, a protected orders page and a
 * settings page where the user manages their second factors.
 */
export function App({ scenario, initialPreferences }: { scenario: ScenarioInfo; initialPreferences: Preferences }) {
  const [preferences, setPreferences] = useState(initialPreferences);
  // Read once by the provider: the tenant changes with a reload (see Layout).
  const [config] = useState<CreateAuthClientConfig>(() => ({
    apiDomain: API_URL,
    tenantId: preferences.tenantId,
    claims: {
      emailVerification: scenario.emailVerificationOrder === null ? false : { mode: 'REQUIRED', order: scenario.emailVerificationOrder },
    },
  }));
  const changePreferences = (next: Preferences) => {
    savePreferences(next);
    setPreferences(next);
  };

  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <AuthProvider config={config} theme={preferences.theme} locale={preferences.locale} stepUpDialog={renderStepUpDialog}>
          <Routes>
            <Route element={<Layout scenario={scenario} preferences={preferences} onPreferencesChange={changePreferences} />}>
              {authRouteElements({ screens: preferences.totpScreen === 'custom' ? { ...prebuiltScreens, Totp: MyTotpScreen } : prebuiltScreens })}
              <Route path="/" element={<Home scenario={scenario} />} />
              <Route
                path="/orders"
                element={
                  <SessionAuth>
                    <Orders />
                  </SessionAuth>
                }
              />
              <Route
                path="/orders/export"
                element={
                  <SessionAuth requireFactors={['otp-email']} stepUp="dialog">
                    <OrdersExport />
                  </SessionAuth>
                }
              />
              <Route
                path="/settings"
                element={
                  <SessionAuth>
                    <Settings />
                  </SessionAuth>
                }
              />
              <Route path="/outbox" element={<Outbox />} />
            </Route>
          </Routes>
        </AuthProvider>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
