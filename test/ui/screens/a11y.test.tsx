// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { createMemoryStorage } from '../../../src/core/index.ts';
import { AuthProvider } from '../../../src/react/index.ts';
import { mfaInfo, totp } from '../../../src/testing/index.ts';
import { AccessDeniedScreen, Button, FactorKitProvider, LoadingScreen, ThemeRoot, createMessages, loadLocale, type ButtonProps } from '../../../src/ui/index.ts';
import { inProcessBackend, settableRequirements, testClient } from '../../react/helpers.tsx';
import { axeViolations, renderKit } from './helpers.tsx';

// French, German, Arabic and the English of the screens after sign-in are chunks of their own: loaded before the tests render them.
await Promise.all(['fr', 'de', 'ar', 'en'].map(loadLocale));

const required = settableRequirements([{ oneOf: ['totp', 'otp-email'] }]);
const msw = inProcessBackend({ emailVerification: { mode: 'OPTIONAL' }, mfa: required.mfa });

let n = 0;
async function signedUp() {
  const storage = createMemoryStorage();
  await testClient({ storage }).emailPassword.signUp({ email: `a11y${++n}-${Date.now()}@example.com`, password: 'password123' });
  return storage;
}

const variants = [
  { locale: 'en', theme: 'light' },
  { locale: 'en', theme: 'dark' },
  { locale: 'en', theme: 'high-contrast' },
  { locale: 'ar', theme: 'light' },
] as const;

/** Each screen in its main states: how to reach it, and the heading that shows it is there. */
const states: { name: string; path: string; signedIn: boolean; heading: Record<'en' | 'ar', string>; before?: () => void; act?: (user: ReturnType<typeof userEvent.setup>) => Promise<void> }[] = [
  { name: 'sign in', path: '/auth', signedIn: false, heading: { en: 'Sign in', ar: 'تسجيل الدخول' } },
  {
    name: 'sign up with field errors',
    path: '/auth',
    signedIn: false,
    heading: { en: 'Create an account', ar: 'إنشاء حساب' },
    act: async (user) => {
      await user.click(screen.getAllByRole('button')[0]!.closest('section')!.querySelector('[data-fk="switch-mode"] button')!);
      await user.click(document.querySelector('button[type="submit"]')!);
      await screen.findAllByRole('alert');
    },
  },
  { name: 'factor chooser', path: '/auth/mfa', signedIn: true, heading: { en: 'Choose how to verify', ar: createMessages('ar').format('chooser.title') } },
  { name: 'otp code entry', path: '/auth/mfa/otp-email', signedIn: true, heading: { en: 'Check your email', ar: createMessages('ar').format('otp.email.title') } },
  { name: 'otp contact form', path: '/auth/mfa/otp-phone?setup=true&stepUp=true', signedIn: true, heading: { en: 'Get a code by text message', ar: createMessages('ar').format('otp.phone.askTitle') } },
  { name: 'totp set-up', path: '/auth/mfa/totp', signedIn: true, heading: { en: 'Set up an authenticator app', ar: createMessages('ar').format('totp.setup.title') } },
  {
    name: 'totp locked',
    path: '/auth/mfa/totp',
    signedIn: true,
    // The lockout pauses the code field of the screen, under an alert: the heading stays.
    heading: { en: 'Set up an authenticator app', ar: createMessages('ar').format('totp.setup.title') },
    act: async (user) => {
      await screen.findByRole('img');
      msw.server.use(...totp.limitReached());
      await user.type(document.querySelector('input[name="totp"]')!, '123456');
      await screen.findByRole('alert');
    },
  },
  { name: 'check inbox', path: '/auth/verify-email', signedIn: true, heading: { en: 'Check your inbox', ar: createMessages('ar').format('ev.checkInbox.title') } },
  { name: 'link confirm', path: '/auth/verify-email?token=abc', signedIn: false, heading: { en: 'Confirm your email address', ar: createMessages('ar').format('ev.link.title') } },
  { name: 'access denied', path: '/auth/mfa', signedIn: true, heading: { en: 'Access denied', ar: createMessages('ar').format('accessDenied.title') }, before: () => msw.server.use(mfaInfo.noFactorPossible()) },
];

describe.each(variants)('axe on every screen: $locale, $theme', ({ locale, theme }) => {
  it.each(states)('$name', async (state) => {
    const storage = state.signedIn ? await signedUp() : createMemoryStorage();
    state.before?.();
    const user = userEvent.setup();
    renderKit({ client: testClient({ storage }), path: state.path, provider: { theme, locale } });
    if (state.act) {
      await screen.findByRole('heading', { level: 1 });
      await state.act(user);
    }
    const heading = await screen.findByRole('heading', { name: state.heading[locale] });
    const root = heading.closest('[data-fk="screen"]')!;
    expect(root.getAttribute('data-fk-theme')).toBe(theme);
    expect(root.getAttribute('dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
    expect(root.getAttribute('lang')).toBe(locale);
    expect(await axeViolations()).toEqual([]);
  });
});

function bare(ui: React.ReactNode) {
  const router = createMemoryRouter([{ path: '*', element: ui }]);
  return render(
    <AuthProvider client={testClient()} queryClient={new QueryClient()}>
      <RouterProvider router={router} />
    </AuthProvider>,
  );
}

describe('LoadingScreen, AccessDeniedScreen, FactorKitProvider', () => {
  it('LoadingScreen: an empty live region first, the spinner only after the delay', async () => {
    bare(<LoadingScreen delayMs={50} />);
    const region = screen.getByRole('status');
    expect(region.textContent).toBe('');
    expect(await screen.findByText('Loading…')).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
  });

  it.each([
    ['NO_FACTOR_POSSIBLE', 'There is no verification method you can use to finish signing in. Contact support for help.'],
    ['NO_FACTOR_AVAILABLE', 'There is no verification method available for your account.'],
    ['CLAIM_FAILED', 'You do not have permission to view this page.'],
  ] as const)('AccessDeniedScreen says why: %s', async (reason, text) => {
    bare(<AccessDeniedScreen reason={reason} />);
    expect(screen.getByRole('heading', { name: 'Access denied' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe(text);
    // Signed out: no sign-out button, a way back.
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Go back' })).toBeTruthy();
  });

  it('FactorKitProvider: theme, locale, wording and parts for every screen below; ThemeRoot applies them', async () => {
    const Loud = ({ children, ...props }: ButtonProps) => (
      <Button {...props} data-custom="">
        {children}!
      </Button>
    );
    bare(
      <FactorKitProvider theme="dark" locale="fr" messages={{ fr: { 'common.back': 'Retour arrière' } }} components={{ Button: Loud }}>
        <ThemeRoot data-testid-free="">
          <AccessDeniedScreen reason="CLAIM_FAILED" />
        </ThemeRoot>
      </FactorKitProvider>,
    );
    const back = screen.getByRole('button', { name: 'Retour arrière!' });
    expect(back.hasAttribute('data-custom')).toBe(true);
    const root = screen.getByRole('heading', { name: 'Accès refusé' }).closest('[data-fk="screen"]')!;
    expect(root.getAttribute('data-fk-theme')).toBe('dark');
    expect(root.getAttribute('lang')).toBe('fr');
    expect(root.parentElement?.getAttribute('data-fk-theme')).toBe('dark');
  });

  it('a screen’s own props and components win', async () => {
    bare(<AccessDeniedScreen reason="CLAIM_FAILED" aria-describedby="x" data-extra="1" className="mine" />);
    const root = screen.getByRole('heading', { name: 'Access denied' }).closest('[data-fk="screen"]')!;
    expect(root.getAttribute('class')).toBe('mine');
    expect(root.getAttribute('data-extra')).toBe('1');
  });
});
