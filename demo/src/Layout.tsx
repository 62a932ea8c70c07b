import { Link, Outlet } from 'react-router-dom';
import { useSession, useSignOut } from '../../src/index.ts';
import { switchScenario, type ScenarioInfo } from './api.ts';
import { LOCALES, THEMES, savePreferences, type Locale, type Preferences, type Theme } from './preferences.ts';

interface LayoutProps {
  scenario: ScenarioInfo;
  preferences: Preferences;
  onPreferencesChange(next: Preferences): void;
}

/** The demo's frame: navigation, the scenario and tenant switches, theme and language. */
export function Layout({ scenario, preferences, onPreferencesChange }: LayoutProps) {
  const session = useSession();
  const signOutQuietly = useSignOut({ redirect: false });
  const signOut = useSignOut();

  // A session belongs to one backend: sign out before changing scenario or tenant, then start afresh.
  const restart = async (change: () => Promise<void> | void) => {
    if (session.exists) await signOutQuietly.mutateAsync().catch(() => undefined);
    await change();
    window.location.assign('/');
  };

  return (
    <div className="demo">
      <header className="demo-header">
        <p className="demo-brand">
          <Link to="/">factorkit demo</Link> <span className="demo-badge">{scenario.id}</span>
        </p>
        <nav aria-label="Demo">
          <ul>
            <li>
              <Link to="/orders?status=open">Orders</Link>
            </li>
            <li>
              <Link to="/settings">Settings</Link>
            </li>
            <li>
              <Link to="/auth/security">Security</Link>
            </li>
            <li>
              <Link to="/outbox">Dev outbox</Link>
            </li>
          </ul>
        </nav>
        <form className="demo-controls" onSubmit={(e) => e.preventDefault()}>
          <label>
            Scenario{' '}
            <select
              value={scenario.id}
              onChange={(e) => {
                // Read now: after the sign-out awaits, React has put the controlled select back.
                const id = e.target.value;
                void restart(() => switchScenario(id));
              }}
            >
              {scenario.scenarios.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.id}: {s.title}
                </option>
              ))}
            </select>
          </label>
          {scenario.tenants.length > 0 && (
            <label>
              Tenant{' '}
              <select
                value={preferences.tenantId}
                onChange={(e) => {
                  const tenantId = e.target.value;
                  void restart(() => savePreferences({ ...preferences, tenantId }));
                }}
              >
                {scenario.tenants.map((t) => (
                  <option key={t.tenantId} value={t.tenantId}>
                    {t.label}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            Theme{' '}
            <select value={preferences.theme} onChange={(e) => onPreferencesChange({ ...preferences, theme: e.target.value as Theme })}>
              {THEMES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <label>
            Language{' '}
            <select value={preferences.locale} onChange={(e) => onPreferencesChange({ ...preferences, locale: e.target.value as Locale })}>
              {Object.entries(LOCALES).map(([code, name]) => (
                <option key={code} value={code} lang={code}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label>
            TOTP screen{' '}
            <select value={preferences.totpScreen} onChange={(e) => onPreferencesChange({ ...preferences, totpScreen: e.target.value === 'custom' ? 'custom' : 'prebuilt' })}>
              <option value="prebuilt">pre-built</option>
              <option value="custom">custom (README)</option>
            </select>
          </label>
          {session.exists && (
            <button type="button" onClick={() => signOut.mutate()}>
              Sign out
            </button>
          )}
        </form>
      </header>
      <main className="demo-main">
        <Outlet />
      </main>
    </div>
  );
}
