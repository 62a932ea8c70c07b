// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { createRoot, type Root } from 'react-dom/client';
import { QueryClient } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { createMemoryStorage } from '../../../src/core/index.ts';
import { AuthProvider } from '../../../src/react/index.ts';
import { getPrebuiltAuthRoutes, prebuiltScreens } from '../../../src/ui/index.ts';
import { inProcessBackend, testClient } from '../../react/helpers.tsx';

// A real root, as in an app (no act): what a person sees while a screen's code is on its way.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
inProcessBackend();

let root: Root | undefined;
afterEach(() => {
  root?.unmount();
  document.body.innerHTML = '';
});

const until = async (check: () => boolean) => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  return check();
};

function show(path: string): HTMLElement {
  const element = document.createElement('div');
  document.body.append(element);
  root = createRoot(element);
  const router = createMemoryRouter(getPrebuiltAuthRoutes(), { initialEntries: [path] });
  root.render(
    <AuthProvider client={testClient({ storage: createMemoryStorage() })} queryClient={new QueryClient()}>
      <RouterProvider router={router} />
    </AuthProvider>,
  );
  return element;
}

/** Only sign-in is in the main bundle; the other pre-built screens load when first shown (this file starts with none loaded). */
describe('screens on demand', () => {
  it('a link landing shows the loading screen while its code loads, then the screen', async () => {
    const element = show('/auth/reset-password');
    expect(await until(() => element.querySelector('[data-fk="screen"][data-state="loading"]') !== null)).toBe(true);
    expect(await until(() => element.querySelector('h1')?.textContent === 'Reset your password')).toBe(true);
  });

  it('sign-in fetches the second step once the browser is idle, so it then renders without waiting', async () => {
    const { FactorChooser, Totp, OtpEmail, OtpPhone, RecoveryCode, Passkey, Settings } = prebuiltScreens;
    const secondStep = [FactorChooser, Totp, OtpEmail, OtpPhone, RecoveryCode, Passkey];
    expect(secondStep.some((screen) => screen.isLoaded())).toBe(false);
    show('/auth');
    expect(await until(() => secondStep.every((screen) => screen.isLoaded()))).toBe(true);
    // The account pages are not fetched for a sign-in.
    expect(Settings.isLoaded()).toBe(false);
  });
});
