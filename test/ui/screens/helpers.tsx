import { render } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import axe from 'axe-core';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router-dom';
import { AuthProvider, SessionAuth, type AuthProviderProps } from '../../../src/react/index.ts';
import { getPrebuiltAuthRoutes, preloadPrebuiltScreens } from '../../../src/ui/index.ts';
import { LocationLayout, type testClient } from '../../react/helpers.tsx';

export { location } from '../../react/helpers.tsx';

// The on-demand screens compiled once before the tests (the first import of a chunk in jsdom can
// outlast a findBy*); each route still renders through React.lazy and its loading screen.
await preloadPrebuiltScreens();

// jsdom has no canvas; axe probes it and copes with null, but jsdom logs "Not implemented".
HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;

/** The app: the kit's routes with the pre-built screens, a protected page, a home page and the test's own `routes`. */
export function renderKit(options: { client: ReturnType<typeof testClient>; path: string; provider?: Partial<AuthProviderProps>; routes?: RouteObject[] }) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const router = createMemoryRouter(
    [
      {
        element: <LocationLayout />,
        children: [
          ...getPrebuiltAuthRoutes(),
          { path: '/', element: <h1>Home</h1> },
          {
            path: '/orders',
            element: (
              <SessionAuth>
                <h1>Orders</h1>
              </SessionAuth>
            ),
          },
          ...(options.routes ?? []),
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

/** axe violations of the document (colour contrast is checked in a real browser, not in jsdom). */
export async function axeViolations(): Promise<{ id: string; nodes: string[] }[]> {
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.html) }));
}
