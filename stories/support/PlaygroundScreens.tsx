/**
 * The pre-built screens the theme playground shows, each in the light and the dark variant of the
 * theme being shaped, side by side. Every copy is a browser of its own (its own client, session,
 * router and query cache) on the story's live backend (seed S2: a password, then an app or an email
 * code), so a screen that creates something (a TOTP device, a code) does it once per copy.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import type { AuthScreens } from '../../src/react/index.ts';
import { AccessDeniedScreen, LoadingScreen, type MessageKey } from '../../src/ui/index.ts';
import { storyClient, type LiveContext } from './backend.ts';
import { KitRoot, useStoryKit, useStoryLive, type StoryTheme } from './kit.tsx';
import { ScreenHost, signedInWithEmailCode, signUp } from './screenStory.tsx';

/** One screen of the playground. */
interface PlaygroundScreen {
  /** The component's name, as an app imports it. */
  label: string;
  /** Its heading (the loading screen: its label), for the story's checks. */
  title: MessageKey;
  /** Where the kit's routes show it (with {@link ScreenHost}), or the element itself. */
  route?: string;
  host?: keyof AuthScreens;
  element?: () => ReactNode;
  /** Puts a fresh client in the state the screen shows. */
  prepare?: (live: LiveContext, client: LiveContext['client']) => Promise<unknown>;
}

/** Every screen the playground can show, in the order of a sign-in. */
export const PLAYGROUND_SCREENS = {
  'sign-in': { label: 'SignInScreen', title: 'signIn.title', route: '/auth', host: 'SignIn' },
  chooser: { label: 'FactorChooserScreen', title: 'chooser.title', route: '/auth/mfa', host: 'FactorChooser', prepare: (live, client) => signUp(live, 'playground', client) },
  'email-code': { label: 'OtpEmailScreen', title: 'otp.email.title', route: '/auth/mfa/otp-email', host: 'OtpEmail', prepare: (live, client) => signUp(live, 'playground', client) },
  'totp-setup': { label: 'TotpScreen', title: 'totp.setup.title', route: '/auth/mfa/totp', host: 'Totp', prepare: (live, client) => signUp(live, 'playground', client) },
  'verify-email': { label: 'EmailVerificationScreen', title: 'ev.link.title', route: '/auth/verify-email?token=playground-token', host: 'VerifyEmail' },
  'reset-password': { label: 'ResetPasswordScreen', title: 'reset.request.title', route: '/auth/reset-password', host: 'ResetPassword' },
  security: { label: 'SecurityScreen', title: 'security.title', route: '/auth/security', host: 'Security', prepare: (live, client) => signedInWithEmailCode(live, 'playground', client) },
  'access-denied': { label: 'AccessDeniedScreen', title: 'accessDenied.title', element: () => <AccessDeniedScreen reason="NO_FACTOR_POSSIBLE" /> },
  loading: { label: 'LoadingScreen', title: 'common.loading', element: () => <LoadingScreen delayMs={0} /> },
} satisfies Record<string, PlaygroundScreen>;
/** A screen of {@link PLAYGROUND_SCREENS}. */
export type PlaygroundScreenId = keyof typeof PLAYGROUND_SCREENS;
const screens: Record<PlaygroundScreenId, PlaygroundScreen> = PLAYGROUND_SCREENS;

/** The two variants of the theme being shaped. */
export const VARIANTS = ['light', 'dark'] as const;

/** `parameters.backend.prepare` of the playground: a client per screen that needs a session and variant, in its screen's state. */
export async function preparePlaygroundScreens(live: LiveContext): Promise<void> {
  for (const [id, screen] of Object.entries(screens)) {
    if (!screen.prepare) continue; // no session: the copy's KitRoot makes a client of its own
    for (const variant of VARIANTS) {
      const client = storyClient();
      await screen.prepare(live, client);
      live.sessions[`${id}/${variant}`] = client;
    }
  }
}

/** Props of {@link PlaygroundScreens}. */
export interface PlaygroundScreensProps {
  /** Which screens, in their order in {@link PLAYGROUND_SCREENS}. */
  show: readonly PlaygroundScreenId[];
  /** The built-in theme each variant's `data-fk-theme` names (the playground's stylesheet styles those). */
  themeOf: Record<(typeof VARIANTS)[number], StoryTheme>;
}

/**
 * A screen moves focus to its first field when it appears or changes step, as it should in an app;
 * with eighteen on one page the canvas would jump to whichever loaded last. Until the person clicks,
 * types, scrolls or touches the page, focus that lands in the screens is let go (after React has
 * seen it arrive, so the parts' own focus state stays true) and the scroll it caused is undone.
 */
function useQuietFocus() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const area = ref.current;
    const doc = area?.ownerDocument;
    const win = doc?.defaultView;
    if (!area || !doc || !win) return;
    let acted = false;
    const act = () => void (acted = true);
    const acts = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
    // Where the canvas rests: its top at first, then wherever something other than a focus move
    // (a scroll bar dragged, a tool) puts it. Chrome scrolls before focusin fires, so the position
    // cannot be read there; a focus move's own scroll event arrives while its undo is pending.
    let rest: [number, number] = [0, 0];
    let pending = 0;
    const onScroll = () => {
      if (pending === 0) rest = [win.scrollX, win.scrollY];
    };
    const letGo = (target: Element | null) => {
      pending += 1;
      win.setTimeout(() => {
        if (target instanceof HTMLElement && doc.activeElement === target) target.blur();
        if (win.scrollX !== rest[0] || win.scrollY !== rest[1]) win.scrollTo(...rest);
        pending -= 1;
      }, 0);
    };
    const onFocusIn = (event: FocusEvent) => {
      if (!acted) letGo(event.target as Element);
    };
    // The first screens focus as they mount, before this effect (children's effects run first).
    if (area.contains(doc.activeElement)) letGo(doc.activeElement);
    win.addEventListener('scroll', onScroll);
    for (const type of acts) doc.addEventListener(type, act, { capture: true, passive: true });
    area.addEventListener('focusin', onFocusIn);
    return () => {
      for (const type of acts) doc.removeEventListener(type, act, { capture: true });
      win.removeEventListener('scroll', onScroll);
      area.removeEventListener('focusin', onFocusIn);
    };
  }, []);
  return ref;
}

/** Each chosen screen, once per variant, side by side (stacked on a narrow canvas). */
export function PlaygroundScreens({ show, themeOf }: PlaygroundScreensProps) {
  const area = useQuietFocus();
  const live = useStoryLive();
  const { locale, dir } = useStoryKit();
  const ids = (Object.keys(screens) as PlaygroundScreenId[]).filter((id) => show.includes(id));
  return (
    <div ref={area}>
      {ids.map((id) => {
        const screen = screens[id];
        return (
          <section key={id} aria-label={screen.label} data-playground-screen={id} style={{ marginBlockStart: '1.5rem' }}>
            <h2 style={{ font: '600 1rem system-ui, sans-serif', margin: '0 0 0.5rem' }}>{screen.label}</h2>
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 24rem), 1fr))', gap: '1rem' }}>
              {VARIANTS.map((variant) => (
                <div key={variant} role="group" aria-label={`${screen.label}, ${variant}`} data-variant-of-theme={variant} style={{ border: '1px solid #94a3b8', overflow: 'auto' }}>
                  <KitRoot kit={{ theme: themeOf[variant], locale, dir }} client={live?.sessions[`${id}/${variant}`]} live={live} route={screen.route} inDocs>
                    {screen.element ? screen.element() : <ScreenHost name={screen.host!} />}
                  </KitRoot>
                </div>
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
