import { render } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import axe from 'axe-core';
import { createMemoryRouter, Link, Outlet, RouterProvider, useLocation } from 'react-router-dom';
import { AuthProvider, SessionAuth, type AuthProviderProps } from '../../../src/react/index.ts';
import { getPrebuiltAuthRoutes, MFASettingsScreen } from '../../../src/ui/index.ts';
import type { testClient } from '../../react/helpers.tsx';

// jsdom has no canvas; axe probes it and copes with null, but jsdom logs "Not implemented".
HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;

function Layout() {
  const location = useLocation();
  return (
    <>
      <output aria-label="location">{`${location.pathname}${location.search}${location.hash}`}</output>
      <Outlet />
    </>
  );
}

/**
 * The app: the kit's pre-built routes (the settings screen is their `Settings`,
 * `/auth/settings`), plus an app page (`/account`) that mounts the screen as a component.
 */
export function renderSettingsApp(options: { client: ReturnType<typeof testClient>; path: string; provider?: Partial<AuthProviderProps> }) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const router = createMemoryRouter(
    [
      {
        element: <Layout />,
        children: [
          ...getPrebuiltAuthRoutes(),
          { path: '/', element: <h1>Home</h1> },
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
      },
    ],
    { initialEntries: [options.path] },
  );
  const result = render(
    <AuthProvider client={options.client} queryClient={queryClient} {...(options.provider as object)}>
      <RouterProvider router={router} />
    </AuthProvider>,
  );
  return { ...result, router, queryClient };
}

/** The location the app shows. */
export function location(): string {
  return document.querySelector('output[aria-label="location"]')?.textContent ?? '';
}

/** axe violations of the document (colour contrast is checked in a real browser, not in jsdom). */
export async function axeViolations(): Promise<{ id: string; nodes: string[] }[]> {
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.html) }));
}
