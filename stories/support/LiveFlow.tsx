/**
 * A whole flow against the reference backend running in the page: the kit's routes in the story's
 * memory router, a protected home page, and two demo helpers a person needs to click through —
 * the dev outbox (codes and links the backend "sent") and an authenticator that turns a TOTP
 * secret into the current code. The helpers are story chrome, not part of the kit.
 */
import { useEffect, useId, useState } from 'react';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { Secret, TOTP } from 'otpauth';
import { SessionAuth, authRouteElements, useSession, useSignOut, type AuthScreens } from '../../src/react/index.ts';
import type { OutboxEntry } from '../../src/server/index.ts';
import { useStoryLive } from './kit.tsx';

function Home() {
  const session = useSession();
  const signOut = useSignOut();
  return (
    <main data-story="home">
      <h1>Protected page</h1>
      <p>Signed in{session.userId ? ` as user ${session.userId}` : ''}. Every factor the policy asks for is done.</p>
      <button type="button" onClick={() => signOut.mutate()}>
        Sign out
      </button>
    </main>
  );
}

function LocationBar() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <nav aria-label="Story location" data-story="location">
      <output aria-label="Current path">{`${location.pathname}${location.search}`}</output>{' '}
      <button type="button" onClick={() => navigate('/')}>
        Go to the protected page
      </button>{' '}
      <button type="button" onClick={() => navigate('/auth/settings')}>
        Go to the MFA settings
      </button>
    </nav>
  );
}

function Outbox({ onOpen }: { onOpen: (path: string) => void }) {
  const live = useStoryLive();
  const [messages, setMessages] = useState<OutboxEntry[]>([]);
  useEffect(() => {
    if (!live) return;
    let stopped = false;
    const load = () => void live.backend.outbox.list({ limit: 5 }).then((list) => !stopped && setMessages(list));
    load();
    const timer = setInterval(load, 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [live]);
  return (
    <section aria-label="Dev outbox" data-story="outbox">
      <h2>Dev outbox</h2>
      {messages.length === 0 ? (
        <p>Nothing sent yet.</p>
      ) : (
        <ul>
          {messages.map((m) => (
            <li key={m.id}>
              {m.channel} to {m.to}: {m.userInputCode ? <strong>{m.userInputCode}</strong> : null}
              {m.link ? (
                <a
                  href={new URL(m.link).pathname + new URL(m.link).search}
                  onClick={(e) => {
                    e.preventDefault();
                    onOpen(new URL(m.link!).pathname + new URL(m.link!).search);
                  }}
                >
                  {' '}
                  {new URL(m.link).pathname + new URL(m.link).search}
                </a>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Authenticator() {
  const id = useId();
  const [secret, setSecret] = useState('');
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  let code = '';
  try {
    const clean = secret.replace(/\s+/g, '').toUpperCase();
    if (clean) code = new TOTP({ secret: Secret.fromBase32(clean), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: now });
  } catch {
    code = '';
  }
  return (
    <section aria-label="Authenticator" data-story="authenticator">
      <h2>Authenticator</h2>
      <label htmlFor={id}>Secret key (copy it from the set-up screen)</label> <input id={id} value={secret} onChange={(e) => setSecret(e.target.value)} />
      <p>
        Current code: <output aria-label="Current code">{code}</output>
      </p>
    </section>
  );
}

/** Props of {@link LiveFlow}. */
export interface LiveFlowProps {
  screens: AuthScreens;
}

/** The flow: the kit's routes, a protected `/`, and the helpers. Start it with `parameters.route`. */
export function LiveFlow({ screens }: LiveFlowProps) {
  const navigate = useNavigate();
  const location = useLocation();
  // A link from the outbox opens as a new page load would (the email opened in this browser):
  // once the router is there, the screens mount afresh, so a screen already showing reads the
  // link's token. (The router navigates in a transition: remount after it lands, not before.)
  const [page, setPage] = useState(0);
  const [opening, setOpening] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (opening === undefined || `${location.pathname}${location.search}` !== opening) return;
    setOpening(undefined);
    setPage((n) => n + 1);
  }, [location, opening]);
  const open = (path: string) => {
    setOpening(path);
    void navigate(path);
  };
  return (
    <div data-story="live-flow">
      <LocationBar />
      <Routes key={page}>
        {authRouteElements({ screens })}
        <Route
          path="/"
          element={
            <SessionAuth>
              <Home />
            </SessionAuth>
          }
        />
      </Routes>
      <aside aria-label="Story helpers" data-story="helpers">
        <Outbox onOpen={open} />
        <Authenticator />
      </aside>
    </div>
  );
}
