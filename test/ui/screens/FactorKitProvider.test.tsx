// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { AuthProvider } from '../../../src/react/index.ts';
import { AccessDeniedScreen, FactorKitProvider, LoadingScreen, ThemeRoot, loadLocale, useFactorKit } from '../../../src/ui/index.ts';
import { testClient } from '../../react/helpers.tsx';

// French, German, Arabic and the English of the screens after sign-in are chunks of their own: loaded before the tests render them.
await Promise.all(['fr', 'de', 'ar', 'en'].map(loadLocale));

afterEach(cleanup);

/** The `dir` and `lang` of the screen whose heading (or live region) is given. */
function screenRoot(element: HTMLElement) {
  const root = element.closest('[data-fk="screen"]')!;
  return { dir: root.getAttribute('dir'), lang: root.getAttribute('lang') };
}

function Direction() {
  return <p>{`Direction: ${useFactorKit().dir}`}</p>;
}

describe('FactorKitProvider dir', () => {
  it.each([
    ['en', 'ltr'],
    ['fr', 'ltr'],
    ['ar', 'rtl'],
  ] as const)('by default the direction follows the locale: %s is %s', (locale, dir) => {
    render(
      <FactorKitProvider locale={locale}>
        <LoadingScreen />
        <ThemeRoot>root</ThemeRoot>
        <Direction />
      </FactorKitProvider>,
    );
    expect(screenRoot(screen.getByRole('status'))).toEqual({ dir, lang: locale });
    expect(screen.getByText('root').getAttribute('dir')).toBe(dir);
    expect(screen.getByText(`Direction: ${dir}`)).toBeTruthy();
  });

  it('dir="rtl" lays out an English screen right to left, in English', () => {
    render(
      <AuthProvider client={testClient()} queryClient={new QueryClient()} locale="en">
        <RouterProvider
          router={createMemoryRouter([
            {
              path: '*',
              element: (
                <FactorKitProvider dir="rtl">
                  <AccessDeniedScreen reason="CLAIM_FAILED" />
                  <ThemeRoot>beside the screen</ThemeRoot>
                </FactorKitProvider>
              ),
            },
          ])}
        />
      </AuthProvider>,
    );
    expect(screenRoot(screen.getByRole('heading', { name: 'Access denied' }))).toEqual({ dir: 'rtl', lang: 'en' });
    expect(screen.getByText('beside the screen').getAttribute('dir')).toBe('rtl');
  });

  it('dir="ltr" lays out an Arabic screen left to right, still in Arabic', () => {
    render(
      <FactorKitProvider locale="ar" dir="ltr">
        <LoadingScreen />
      </FactorKitProvider>,
    );
    expect(screenRoot(screen.getByRole('status'))).toEqual({ dir: 'ltr', lang: 'ar' });
  });

  it('a nested provider keeps the outer dir unless it sets its own', () => {
    render(
      <FactorKitProvider locale="en" dir="rtl">
        <FactorKitProvider theme="dark">
          <ThemeRoot>inherits</ThemeRoot>
        </FactorKitProvider>
        <FactorKitProvider dir="ltr">
          <ThemeRoot>own</ThemeRoot>
        </FactorKitProvider>
      </FactorKitProvider>,
    );
    expect(screen.getByText('inherits').getAttribute('dir')).toBe('rtl');
    expect(screen.getByText('inherits').getAttribute('data-fk-theme')).toBe('dark');
    expect(screen.getByText('own').getAttribute('dir')).toBe('ltr');
  });
});

describe('brand', () => {
  const denied = (provider: { brand?: { name?: string; logo?: React.ReactNode } }, kit?: { name?: string }) =>
    render(
      <AuthProvider client={testClient()} queryClient={new QueryClient()} {...provider}>
        <RouterProvider
          router={createMemoryRouter([
            {
              path: '*',
              element: kit ? (
                <FactorKitProvider brand={kit}>
                  <AccessDeniedScreen reason="CLAIM_FAILED" />
                </FactorKitProvider>
              ) : (
                <AccessDeniedScreen reason="CLAIM_FAILED" />
              ),
            },
          ])}
        />
      </AuthProvider>,
    );

  it('set once on AuthProvider, the app name and logo head every screen, above the heading', async () => {
    denied({ brand: { name: 'Acme', logo: <img src="/logo.svg" alt="" /> } });
    const heading = await screen.findByRole('heading', { name: 'Access denied' });
    const brand = heading.closest('[data-fk="card"]')!.querySelector('[data-fk="brand"]')!;
    expect(brand.textContent).toBe('Acme');
    expect(brand.querySelector('img')!.getAttribute('src')).toBe('/logo.svg');
    expect(brand.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('a FactorKitProvider brand wins; without one there is no brand element', async () => {
    denied({ brand: { name: 'Acme' } }, { name: 'Acme Admin' });
    expect((await screen.findByRole('heading', { name: 'Access denied' })).closest('[data-fk="card"]')!.querySelector('[data-fk="brand"]')!.textContent).toBe('Acme Admin');
    cleanup();
    denied({});
    expect((await screen.findByRole('heading', { name: 'Access denied' })).closest('[data-fk="card"]')!.querySelector('[data-fk="brand"]')).toBeNull();
  });
});
