/**
 * What the screen stories (stories/ui/screens) share: a host that mounts the kit's routes with the
 * pre-built screens (the story's own screen with its args), `prepare` helpers that sign a user in
 * on the live backend, and the messages of the story's locale for `play`.
 */
import { useMemo, type ComponentType } from 'react';
import { Route, Routes } from 'react-router-dom';
import type { AuthClient } from '../../src/core/index.ts';
import { authRouteElements, type AuthScreens } from '../../src/react/index.ts';
import { createMessages, prebuiltScreens, type Messages } from '../../src/ui/index.ts';
import { SEED_PASSWORD } from '../../src/testing/index.ts';
import { storyClient, uniqueEmail, type LiveContext } from './backend.ts';
import { kitFromGlobals } from './kit.tsx';

/** The story's messages in `play`, for the locale of the pass or the toolbar: `messagesOf(context.globals)`. */
export function messagesOf(globals: Record<string, unknown>): Messages {
  return createMessages(kitFromGlobals(globals).locale);
}

/** Props of {@link ScreenHost}. */
export interface ScreenHostProps {
  /** Which route of `createAuthRoutes` shows the screen (the story starts there with `parameters.route`). */
  name: keyof AuthScreens;
  /** The screen with the story's args. */
  screen?: ComponentType;
}

/**
 * The kit's routes with the pre-built screens (the one named rendered as `screen`, so its args
 * apply), guarded as in an app, and a protected `/` where a screen goes once it is done.
 */
export function ScreenHost({ name, screen }: ScreenHostProps) {
  const screens = useMemo<AuthScreens>(() => ({ ...prebuiltScreens, ...(screen ? { [name]: screen } : {}) }), [name, screen]);
  return (
    <Routes>
      {authRouteElements({ screens })}
      <Route path="/" element={<h1>Protected page</h1>} />
    </Routes>
  );
}

/** Props of {@link ScreenWithArgs}. */
export interface ScreenWithArgsProps<P extends object> {
  name: keyof AuthScreens;
  Screen: ComponentType<P>;
  args: P;
}

/** {@link ScreenHost} with the story's screen rendered with the story's args (Controls change them). */
export function ScreenWithArgs<P extends object>({ name, Screen, args }: ScreenWithArgsProps<P>) {
  const screen = useMemo(() => {
    const WithArgs = () => <Screen {...args} />;
    return WithArgs;
  }, [Screen, args]);
  return <ScreenHost name={name} screen={screen} />;
}

/** `render` of a screen story: the screen at its route, with the args. */
export function renderScreen<P extends object>(name: keyof AuthScreens, Screen: ComponentType<P>) {
  const render = (args: P) => <ScreenWithArgs name={name} Screen={Screen} args={args} />;
  return render;
}

/** A client of its own (another browser), for setting up a user the story's client then signs in as. */
export function otherClient(overrides: Parameters<typeof storyClient>[0] = {}): AuthClient {
  return storyClient(overrides);
}

/** Signs up a new user in the story's client, or in `client` (signed in with the first factor). Returns the address. */
export async function signUp(live: LiveContext, prefix?: string, client: AuthClient = live.client): Promise<string> {
  const email = uniqueEmail(prefix);
  const result = await client.emailPassword.signUp({ email, password: SEED_PASSWORD });
  if (result.status !== 'OK') throw new Error(`sign-up: ${result.status}`);
  return email;
}

/** Sends an email code to `email` and types it, as the second factor of the client's session. */
export async function completeEmailCode(live: LiveContext, email: string, client: AuthClient = live.client): Promise<void> {
  const code = await client.passwordless.createCode({ email, asSecondFactor: true });
  if (code.status !== 'OK') throw new Error(code.status);
  const userInputCode = (await latestMessage(live, email)).userInputCode ?? '';
  const consumed = await client.passwordless.consumeCode({ deviceId: code.deviceId, preAuthSessionId: code.preAuthSessionId, userInputCode, asSecondFactor: true });
  if (consumed.status !== 'OK') throw new Error(`email code: ${consumed.status}`);
}

/** Signs up a new user and completes an email code as the second factor (seed S2 is then satisfied). */
export async function signedInWithEmailCode(live: LiveContext, prefix?: string, client: AuthClient = live.client): Promise<string> {
  const email = await signUp(live, prefix, client);
  await completeEmailCode(live, email, client);
  return email;
}

/** The latest code or link the backend "sent" to `to`. */
export async function latestMessage(live: LiveContext, to: string) {
  const [latest] = await live.backend.outbox.list({ to, limit: 1 });
  if (!latest) throw new Error(`nothing sent to ${to}`);
  return latest;
}
