import { useEffect, useRef, type ReactNode } from 'react';
import { cleanup, render } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { createMemoryRouter, Outlet, RouterProvider, useLocation, type RouteObject } from 'react-router-dom';
import { setupServer } from 'msw/node';
import { createAuthClient, createMemoryStorage, type CreateAuthClientConfig, type KeyValueStorage } from '../../src/core/index.ts';
import {
  AuthProvider,
  SessionAuth,
  createAuthRoutes,
  useAuthParams,
  useContinue,
  useCreateTotpDevice,
  useEmailVerification,
  useFactorChooser,
  useFactorScreen,
  useOtpFlow,
  useSignIn,
  useSignOut,
  useVerifyTotpCode,
  useVerifyTotpDevice,
  type AuthProviderProps,
} from '../../src/react/index.ts';
import type { Backend, BackendConfig, MFAFunctions, MFAOptions, MFARequirementList } from '../../src/server/index.ts';
import { createBackendHandlers } from '../../src/testing/index.ts';
import { API, startBackend } from '../server/helpers.ts';

/** msw answering with the backend in-process, and a log of the auth requests (`METHOD /path`). */
export function mswFor(getBackend: () => Backend) {
  const calls: string[] = [];
  const server = setupServer(...createBackendHandlers({ fetch: (request: Request) => getBackend().fetch(request) } as Backend, API));
  server.events.on('request:start', ({ request }) => {
    calls.push(`${request.method} ${new URL(request.url).pathname}`);
  });
  /** How many times this request (`METHOD /path`) was made since the log was last cleared. */
  const count = (call: string) => calls.filter((c) => c === call).length;
  return { server, calls, count };
}

/**
 * The reference backend in-process behind msw, for one test file: started before its tests (and
 * handed to `onStart` when the file needs it), closed after them. After each test: the DOM is unmounted, handlers a test
 * added are dropped, and the request log and the browser's storage are cleared.
 */
export function inProcessBackend(config: Partial<BackendConfig> = {}, onStart?: (backend: Backend) => void) {
  let backend: Backend | undefined;
  const msw = mswFor(() => backend!);
  beforeAll(async () => {
    backend = await startBackend(config);
    onStart?.(backend);
    msw.server.listen({ onUnhandledRequest: 'error' });
  });
  afterEach(() => {
    cleanup();
    msw.server.resetHandlers();
    msw.calls.length = 0;
    sessionStorage.clear();
    localStorage.clear();
  });
  afterAll(async () => {
    msw.server.close();
    await backend?.close();
  });
  return msw;
}

/**
 * MFA requirements a test can change (`set`), back to `initial` after each test. Pass `mfa` to
 * {@link inProcessBackend}'s config.
 */
export function settableRequirements(initial: MFARequirementList) {
  let current = initial;
  afterEach(() => {
    current = initial;
  });
  return {
    set: (requirements: MFARequirementList) => {
      current = requirements;
    },
    mfa: { override: { functions: (o: MFAFunctions) => ({ ...o, getMFARequirementsForAuth: () => current }) } } satisfies MFAOptions,
  };
}

/** A client in header mode (simplest in jsdom), with its own storage unless one is shared. */
export function testClient(overrides: Partial<CreateAuthClientConfig> & { storage?: KeyValueStorage } = {}) {
  return createAuthClient({ apiDomain: API, tokenTransferMethod: 'header', storage: createMemoryStorage(), channel: null, locks: null, ...overrides });
}

/** Shows where the router is, so tests can assert the URL a user would see ({@link location}). */
export function LocationLayout() {
  const location = useLocation();
  return (
    <>
      <output aria-label="location">{`${location.pathname}${location.search}${location.hash}`}</output>
      <Outlet />
    </>
  );
}

/** The location a {@link LocationLayout} shows. */
export function location(): string {
  return document.querySelector('output[aria-label="location"]')?.textContent ?? '';
}

// Tiny screens built on the hooks, standing in for the UI layer's.

function SignIn() {
  const signIn = useSignIn();
  const next = useContinue();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        signIn.mutate({ email: String(form.get('email')), password: String(form.get('password')) }, { onSuccess: (r) => r.status === 'OK' && next.mutate() });
      }}
    >
      <h1>Sign in</h1>
      <label>
        Email <input name="email" />
      </label>
      <label>
        Password <input name="password" type="password" />
      </label>
      <button type="submit">Sign in</button>
    </form>
  );
}

function Chooser() {
  const chooser = useFactorChooser();
  if (chooser.isPending) return <p>Loading factors</p>;
  return (
    <nav aria-label="factors">
      <h1>Choose a factor</h1>
      {chooser.options.map((o) => (
        <button key={o.id} type="button" onClick={() => chooser.select(o.id)}>
          {o.label ?? o.id}
        </button>
      ))}
    </nav>
  );
}

function CodeForm(props: { onCode: (code: string) => void; error?: string }) {
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        props.onCode(String(new FormData(e.currentTarget).get('code')));
      }}
    >
      <label>
        Code <input name="code" />
      </label>
      <button type="submit">Verify</button>
      {props.error ? <p role="alert">{props.error}</p> : null}
    </form>
  );
}

function Totp() {
  const factor = useFactorScreen('totp');
  const create = useCreateTotpDevice();
  const verifyDevice = useVerifyTotpDevice();
  const verifyCode = useVerifyTotpCode();
  const next = useContinue();
  const setUp = !factor.needsSetup;
  const started = useRef(false);
  useEffect(() => {
    if (factor.info && factor.needsSetup && !started.current) {
      started.current = true;
      create.mutate({ deviceName: 'Phone' });
    }
  }, [factor.info, factor.needsSetup, create]);
  if (factor.isPending) return <p>Loading</p>;
  const device = create.data?.status === 'OK' ? create.data : undefined;
  const result = device ? verifyDevice.data : verifyCode.data;
  const done = (r: { status: string }) => r.status === 'OK' && next.mutate();
  return (
    <section>
      <h1>{setUp ? 'Enter your TOTP code' : 'Set up TOTP'}</h1>
      {device ? <code aria-label="secret">{device.secret}</code> : null}
      {setUp || device ? (
        <CodeForm
          onCode={(totp) => (device ? verifyDevice.mutate({ deviceName: device.deviceName, totp }, { onSuccess: done }) : verifyCode.mutate({ totp }, { onSuccess: done }))}
          error={result && result.status !== 'OK' ? ('attemptsRemaining' in result ? `Wrong code, ${result.attemptsRemaining} attempts left` : result.status) : undefined}
        />
      ) : null}
    </section>
  );
}

/** How long the OTP test screen waits between sends. */
export const otpSettings = { resendCooldownSeconds: 15 };

function OtpEmail() {
  const factor = useFactorScreen('otp-email');
  const otp = useOtpFlow('otp-email', { resendCooldownSeconds: otpSettings.resendCooldownSeconds });
  const next = useContinue();
  if (factor.isPending || otp.status === 'loading' || otp.status === 'sending') return <p>Sending a code</p>;
  if (otp.status === 'contact')
    return (
      <section>
        <h1>Where should we send a code?</h1>
        {otp.state.restarted ? <p role="alert">Start again</p> : null}
        <button type="button" onClick={() => void otp.send(otp.contacts[0]!)}>
          Send a code
        </button>
      </section>
    );
  const outcome = otp.state.outcome;
  return (
    <section>
      <h1>Enter the code sent to {otp.state.attempt?.contact}</h1>
      <button type="button" disabled={!otp.view.canResend} onClick={() => void otp.resend()}>
        Resend
      </button>
      <CodeForm
        onCode={(code) => void otp.verify(code).then((o) => o?.kind === 'ok' && next.mutate())}
        error={outcome?.kind === 'wrong' ? `Wrong code, ${outcome.attemptsLeft} attempts left` : undefined}
      />
    </section>
  );
}

function VerifyEmail() {
  const ev = useEmailVerification();
  const { token } = useAuthParams();
  const next = useContinue();
  const started = useRef(false);
  useEffect(() => {
    if (!token || started.current) return;
    started.current = true;
    ev.verifyToken.mutate({ token }, { onSuccess: (r) => r.status === 'OK' && next.mutate() });
  }, [token, ev.verifyToken, next]);
  if (token) return <p>Verifying</p>;
  return (
    <section>
      <h1>Verify your email</h1>
      <button type="button" onClick={() => void ev.isVerified.refetch().then(() => next.mutate())}>
        I have verified it
      </button>
    </section>
  );
}

function Settings() {
  const signOut = useSignOut();
  return (
    <section>
      <h1>Settings</h1>
      <button type="button" onClick={() => signOut.mutate()}>
        Sign out
      </button>
    </section>
  );
}

function AccessDenied() {
  return <p role="alert">Access denied</p>;
}

/** Every render of the protected page, to prove it never rendered before the decision. */
export const protectedRenders: string[] = [];

function Orders() {
  protectedRenders.push(useLocation().search);
  return <h1>Orders</h1>;
}

/** The app under test: the kit's routes, a guarded page, a step-up page and a home page. */
export function appRoutes(): RouteObject[] {
  return [
    {
      element: <LocationLayout />,
      children: [
        ...createAuthRoutes({ screens: { SignIn, FactorChooser: Chooser, Totp, OtpEmail, VerifyEmail, Settings, AccessDenied } }),
        { path: '/', element: <h1>Home</h1> },
        {
          path: '/orders',
          element: (
            <SessionAuth fallback={<p>Checking your session</p>} accessDenied={() => <p role="alert">Access denied</p>}>
              <Orders />
            </SessionAuth>
          ),
        },
        {
          path: '/admin',
          element: (
            <SessionAuth requireFactors={['totp']} maxAgeInSeconds={300}>
              <h1>Admin</h1>
            </SessionAuth>
          ),
        },
      ],
    },
  ];
}

/** Renders the app at `path` with a fresh QueryClient (no retries) and a memory router. */
export function renderApp(options: { client: ReturnType<typeof testClient>; path: string; provider?: Partial<AuthProviderProps>; wrap?: (app: ReactNode) => ReactNode; inside?: ReactNode }) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const router = createMemoryRouter(appRoutes(), { initialEntries: [options.path] });
  const app = (
    <AuthProvider client={options.client} queryClient={queryClient} {...(options.provider as object)}>
      <RouterProvider router={router} />
      {options.inside}
    </AuthProvider>
  );
  const result = render(options.wrap ? options.wrap(app) : app);
  return { ...result, router, queryClient };
}

