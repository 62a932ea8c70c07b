import { Link } from 'react-router-dom';
import { SessionAuth } from '../../../src/react/index.ts';
import { MFASettingsScreen } from '../../../src/ui/index.ts';
import { renderKit } from '../screens/helpers.tsx';

export { axeViolations, location } from '../screens/helpers.tsx';

/**
 * The app: the kit's pre-built routes (the settings screen is their `Settings`,
 * `/auth/settings`), plus an app page (`/account`) that mounts the screen as a component.
 */
export function renderSettingsApp(options: Parameters<typeof renderKit>[0]) {
  return renderKit({
    ...options,
    routes: [
      {
        path: '/account',
        element: (
          <SessionAuth>
            <main>
              <h1>Your account</h1>
              <Link to="/">Home</Link>
              <MFASettingsScreen headingLevel={2} />
            </main>
          </SessionAuth>
        ),
      },
    ],
  });
}
