/**
 * A bare app mounting the kit's pre-built screens, for scripts/screenshots.ts. Theme, locale and
 * API URL come from `window.__fk` (set by the script before the page loads).
 */
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import '../../src/ui/theme/styles.css';
import { AuthProvider, SessionAuth, authRouteElements, prebuiltScreens, ThemeRoot, type ThemeNames } from '../../src/index.ts';

const settings = (window as unknown as { __fk: { api: string; theme: ThemeNames; locale: string } }).__fk;
// The page around the screens takes the theme's background, as a host app would.
document.documentElement.setAttribute('data-fk-theme', settings.theme);
document.body.style.background = 'var(--fk-color-bg)';

createRoot(document.getElementById('root')!).render(
  <BrowserRouter>
    <AuthProvider config={{ apiDomain: settings.api, tokenTransferMethod: 'header' }} theme={settings.theme} locale={settings.locale}>
      <Routes>
        {authRouteElements({ screens: prebuiltScreens })}
        <Route
          path="/orders"
          element={
            <SessionAuth>
              <ThemeRoot>
                <h1>Orders</h1>
              </ThemeRoot>
            </SessionAuth>
          }
        />
      </Routes>
    </AuthProvider>
  </BrowserRouter>,
);
