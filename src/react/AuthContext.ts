import { createContext, useContext, type ReactNode } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { AuthClient, FactorScreen, RedirectDecision } from '../core/index.ts';
import type { GuardHold } from './guardHold.ts';

/** What a step-up dialog is given: the factors that would do, and what to call when done or given up. */
export interface StepUpDialogRenderProps {
  factorIds: readonly string[];
  onVerified: () => void;
  onCancel: () => void;
}

/** A factor screen the app enables, with what the chooser shows for it. */
export interface FactorScreenInfo extends FactorScreen {
  /** What the chooser calls it. The UI layer falls back to its message catalogue. */
  label?: string;
  /** One line under the label in the chooser. */
  description?: string;
}

/** A decision that ends on an access-denied screen instead of a navigation. */
export type AccessDeniedDecision = Extract<RedirectDecision, { type: 'ACCESS_DENIED' }>;

/**
 * Where the kit is about to send the user, given to `getRedirectionURL`. `redirectToPath` is the
 * page the user asked for, when known.
 */
export type RedirectionContext = (Exclude<RedirectDecision, { type: 'ACCESS_DENIED' }> | { type: 'SIGN_OUT'; to: string }) & {
  redirectToPath?: string;
};

/**
 * Overrides a destination: return a path or URL to go there, `undefined` for the kit's default,
 * `null` to stay where the user is.
 */
export type GetRedirectionURL = (context: RedirectionContext) => string | null | undefined;

/**
 * The types of `<AuthProvider>`'s `theme`, `locale` and `messages`, which only the UI layer knows: it
 * fills this interface in by declaration merging (as TanStack Router's `Register`), so with the kit's
 * screens installed `theme="sytem"` or a misspelt message key is a compile error.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the UI layer
export interface AuthUiTypes {}

type Registered<K extends string, Fallback> = AuthUiTypes extends { [P in K]: infer T } ? T : Fallback;

/** Presentation settings the UI layer reads through {@link useAuthUiSettings}. */
export interface AuthUiSettings {
  theme?: Registered<'theme', unknown>;
  locale?: Registered<'locale', string>;
  messages?: Registered<'messages', unknown>;
  brand?: Registered<'brand', unknown>;
}

/** What {@link AuthProvider} shares with the hooks. */
export interface AuthContextValue {
  client: AuthClient;
  queryClient: QueryClient;
  factors: readonly FactorScreenInfo[];
  basePath: string;
  defaultRedirectPath: string;
  getRedirectionURL?: GetRedirectionURL;
  accessDenied?: (decision: AccessDeniedDecision) => ReactNode;
  /** What `<SessionAuth stepUp="dialog">` shows over the page (the UI layer's `renderStepUpDialog`). */
  stepUpDialog?: (props: StepUpDialogRenderProps) => ReactNode;
  /** Set by `useSignOut` until the next session starts, so guards leave the navigation to it. */
  signOutRequested: { current: boolean };
  /** Held by a screen that asks for a missing factor in place (the guards wait). */
  guardHold: GuardHold;
  /** The address last typed into one of the kit's email fields, until a sign-out ({@link useTypedEmail}). */
  typedEmail: { current: string };
  ui: AuthUiSettings;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

/** The provider's value; throws a message naming the hook when used outside `<AuthProvider>`. */
export function useAuthContext(caller: string): AuthContextValue {
  const value = useContext(AuthContext);
  if (value === null) throw new Error(`${caller} must be used inside <AuthProvider>: wrap your app (or this part of it) in <AuthProvider client={...}> from factorkit.`);
  return value;
}

/** The theme, locale and messages given to `<AuthProvider>`, for the UI layer. */
export function useAuthUiSettings(): AuthUiSettings {
  return useAuthContext('useAuthUiSettings').ui;
}
