import { Link, useLocation } from 'react-router-dom';
import { PasskeyPrompt, useSession } from '../../../src/index.ts';

/** A protected page. Its query string shows that the sign-in came back to the page asked for. */
export function Orders() {
  const { userId } = useSession();
  const { search } = useLocation();
  const status = new URLSearchParams(search).get('status') ?? 'all';
  return (
    <article>
      <h1>Your orders</h1>
      <PasskeyPrompt />
      <p>
        Showing <strong>{status}</strong> orders for user <code>{userId}</code>.
      </p>
      <p>There are no orders yet.</p>
      <p>
        <Link to="/orders/export">Export orders</Link> (asks for a code by email, in a dialog over the page, unless this sign-in used one)
      </p>
    </article>
  );
}

/** A sensitive page: step-up with a code by email, in a dialog over the page (`stepUp="dialog"`, see App.tsx). */
export function OrdersExport() {
  return (
    <article>
      <h1>Export orders</h1>
      <p>Your export is ready: 0 orders.</p>
    </article>
  );
}
