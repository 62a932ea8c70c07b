import { useLocation } from 'react-router-dom';
import { useSession } from '../../../src/index.ts';

/** A protected page. Its query string shows that the sign-in came back to the page asked for. */
export function Orders() {
  const { userId } = useSession();
  const { search } = useLocation();
  const status = new URLSearchParams(search).get('status') ?? 'all';
  return (
    <article>
      <h1>Your orders</h1>
      <p>
        Showing <strong>{status}</strong> orders for user <code>{userId}</code>.
      </p>
      <p>There are no orders yet.</p>
    </article>
  );
}
