import { useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { QueryClient, QueryClientContext } from '@tanstack/react-query';
import { createAuthClient, DEFAULT_FACTOR_SCREENS, type AuthClient, type CreateAuthClientConfig, type SessionEvent } from '../core/index.ts';
import { AuthContext, type AccessDeniedDecision, type AuthContextValue, type AuthUiSettings, type FactorScreenInfo, type GetRedirectionURL, type StepUpDialogRenderProps } from './AuthContext.ts';
import { fkKeys } from './fkKeys.ts';
import { createGuardHold } from './guardHold.ts';

interface CommonProps {
  /**
   * The app's QueryClient. @default the one of the surrounding `QueryClientProvider`, else one
   * the provider creates
   */
  queryClient?: QueryClient;
  /** The screens' theme: `light`, `dark`, `high-contrast` or `system`. @default 'light' */
  theme?: AuthUiSettings['theme'];
  /** The screens' language, a BCP 47 tag (`fr`, `fr-CA`); built in: en, fr, de, ar. @default 'en' */
  locale?: AuthUiSettings['locale'];
  /** Your own wording, per locale: `{ en: { 'totp.setup.title': '…' } }`. A key the kit does not have is a compile error. */
  messages?: AuthUiSettings['messages'];
  /** Your app's name and logo, shown at the top of every pre-built screen: `{ name: 'Acme', logo: <img src="/logo.svg" alt="" /> }`. @default none */
  brand?: AuthUiSettings['brand'];
  /**
   * The secondary-factor screens the app enables, in the order the chooser lists them. Register
   * custom factors here. @default the built-in totp, otp-email and otp-phone screens
   */
  factors?: readonly FactorScreenInfo[];
  /** Overrides any destination the kit picks; see {@link GetRedirectionURL}. */
  getRedirectionURL?: GetRedirectionURL;
  /** Every session event, from this tab and others. */
  onEvent?: (event: SessionEvent) => void;
  /** Where to go after signing in when no page was asked for. @default '/' */
  defaultRedirectPath?: string;
  /** What `<SessionAuth>` renders when access is denied and it has no `accessDenied` of its own. @default nothing */
  accessDenied?: (decision: AccessDeniedDecision) => ReactNode;
  /**
   * The dialog `<SessionAuth stepUp="dialog">` opens over the page to re-verify a factor
   * (`renderStepUpDialog` from `factorkit`). Without it, step-up goes to the factor's page. @default none
   */
  stepUpDialog?: (props: StepUpDialogRenderProps) => ReactNode;
  children?: ReactNode;
}

/** Props of {@link AuthProvider}: a `client`, or a `config` to make one. */
export type AuthProviderProps = CommonProps & ({ client: AuthClient; config?: never } | { config: CreateAuthClientConfig; client?: never });

/**
 * Shares the auth client, the query client and the app's choices with the kit's hooks, guards
 * and screens. Keeps the kit's queries in step with session events.
 */
export function AuthProvider(props: AuthProviderProps) {
  const { theme, locale, messages, brand, getRedirectionURL, onEvent, accessDenied, stepUpDialog, children } = props;
  // A config is read once: the client owns the session and must outlive re-renders.
  const [ownClient] = useState(() => (props.client ? undefined : createAuthClient(props.config!)));
  const client = props.client ?? ownClient!;
  const outerQueryClient = useContext(QueryClientContext);
  const [ownQueryClient] = useState(() => (props.queryClient || outerQueryClient ? undefined : new QueryClient()));
  const queryClient = props.queryClient ?? outerQueryClient ?? ownQueryClient!;
  const factors = props.factors ?? DEFAULT_FACTOR_SCREENS;
  const defaultRedirectPath = props.defaultRedirectPath ?? '/';
  const signOutRequested = useRef(false);
  const typedEmail = useRef('');
  const [guardHold] = useState(createGuardHold);
  const onEventRef = useRef(onEvent);
  useEffect(() => {
    onEventRef.current = onEvent;
  });

  useEffect(() => {
    if (ownQueryClient === undefined) return;
    ownQueryClient.mount();
    return () => ownQueryClient.unmount();
  }, [ownQueryClient]);

  const lastClaims = useRef<string | undefined>(undefined);
  useEffect(
    () =>
      client.session.onEvent((event) => {
        if (!event.fromOtherTab) lastClaims.current = claimsSeen(client);
        switch (event.type) {
          case 'SESSION_CREATED':
            signOutRequested.current = false;
            queryClient.removeQueries({ queryKey: fkKeys.session() });
            break;
          case 'SIGN_OUT':
          case 'UNAUTHORISED':
            // The next person at this browser does not find the last one's address in the form.
            typedEmail.current = '';
            queryClient.removeQueries({ queryKey: fkKeys.session() });
            break;
          default:
            // Another tab completed a factor or verified the address: this tab's screens move on
            // too (refetched only when those claims changed, so two tabs never answer each other).
            if (event.fromOtherTab && event.type !== 'API_INVALID_CLAIM') {
              const seen = claimsSeen(client);
              if (seen !== lastClaims.current) {
                lastClaims.current = seen;
                void queryClient.invalidateQueries({ queryKey: fkKeys.session() });
                break;
              }
            }
            // Marked stale, not refetched. A new payload comes from PUT /mfa/info itself, and
            // refetching on it would answer every fetch with another. A 403 claim failure
            // (API_INVALID_CLAIM) makes the guards re-check and move the user on; refetching would
            // repeat the request the server just refused, whose 403 raises this event again.
            void queryClient.invalidateQueries({ queryKey: fkKeys.session(), refetchType: 'none' });
        }
        onEventRef.current?.(event);
      }),
    [client, queryClient],
  );

  const value = useMemo<AuthContextValue>(
    () => ({
      client,
      queryClient,
      factors,
      basePath: client.config.websiteBasePath,
      defaultRedirectPath,
      getRedirectionURL,
      accessDenied,
      stepUpDialog,
      signOutRequested,
      guardHold,
      typedEmail,
      ui: { theme, locale, messages, brand },
    }),
    [client, queryClient, factors, defaultRedirectPath, getRedirectionURL, accessDenied, stepUpDialog, guardHold, theme, locale, messages, brand],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** What of the session's claims moves a screen on: MFA's completed factors and the address's state. */
function claimsSeen(client: AuthClient): string {
  const snapshot = client.session.getSnapshot();
  if (snapshot.status !== 'signedIn') return '';
  const ev = snapshot.payload['st-ev'] as { v?: unknown } | undefined;
  return JSON.stringify([snapshot.payload['st-mfa'] ?? null, ev?.v ?? null]);
}
