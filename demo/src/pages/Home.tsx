import { Link } from 'react-router-dom';
import { useSession } from '../../../src/index.ts';
import type { ScenarioInfo } from '../api.ts';

/** Unprotected: what the current scenario does and how to try it. */
export function Home({ scenario }: { scenario: ScenarioInfo }) {
  const session = useSession();
  const current = scenario.scenarios.find((s) => s.id === scenario.id);
  // The MFA claim says whether every factor sign-in asks for is done ("You are signed in" only then).
  const mfaDone = (session.payload?.['st-mfa'] as { v?: boolean } | undefined)?.v !== false;
  return (
    <article>
      <h1>
        {scenario.id}: {current?.title}
      </h1>
      <p>{current?.description}</p>
      {scenario.accounts.length > 0 && (
        <>
          <h2>Accounts to try</h2>
          <ul>
            {scenario.accounts.map((a) => (
              <li key={a.email}>
                <code>{a.email}</code> with the password <code>password123</code>: {a.note}
              </li>
            ))}
          </ul>
        </>
      )}
      {!session.exists ? (
        <p>
          You are signed out.{' '}
          <Link className="demo-button" to="/auth?redirectToPath=%2Forders%3Fstatus%3Dopen">
            Sign in
          </Link>
        </p>
      ) : mfaDone ? (
        <p>You are signed in.</p>
      ) : (
        <p>
          Your sign-in is not finished yet. <Link to="/orders?status=open">Continue signing in</Link>
        </p>
      )}
      <p>
        Open the <Link to="/orders?status=open">orders page</Link> (it needs a complete sign-in) or the <Link to="/settings">settings page</Link>. Codes and links the
        backend sends appear in the <Link to="/outbox">dev outbox</Link>.
      </p>
    </article>
  );
}
