import { useEffect, useState, type ReactNode } from 'react';
import { useAuthContext } from '../../react/AuthContext.ts';
import { loginMethodsQueryOptions, useLoginMethods } from '../../react/index.ts';
import { afterPaint } from '../../react/afterPaint.ts';

type LoginMethodsResult = Pick<ReturnType<typeof useLoginMethods>, 'data' | 'isPending' | 'isError' | 'error'>;

const known = (data: NonNullable<LoginMethodsResult['data']>): LoginMethodsResult => ({ data, isPending: false, isError: false, error: null });

function Watch({ onResult }: { onResult: (result: LoginMethodsResult) => void }) {
  const { data, isPending, isError, error } = useLoginMethods();
  useEffect(() => onResult({ data, isPending, isError, error }), [data, isPending, isError, error, onResult]);
  return null;
}

/**
 * The tenant's login methods for the sign-in screen, and an element to render beside it that keeps
 * them current (`useLoginMethods`). When the config names the first factors and nothing is cached,
 * the screen shows from the config and the query (with `GET /loginmethods`) starts once the screen
 * is painted; its answer then refines the screen. Otherwise it starts at once.
 */
export function useLoginMethodsOnScreen(): [LoginMethodsResult, ReactNode] {
  const { client, queryClient } = useAuthContext('SignInScreen');
  const [start] = useState(() => {
    const cached = queryClient.getQueryData(loginMethodsQueryOptions(client).queryKey);
    if (cached !== undefined) return { known: known(cached), deferred: false };
    const expected = client.config.expectedLoginMethods;
    return { known: expected && known(expected), deferred: expected !== undefined };
  });
  const [watching, setWatching] = useState(!start.deferred);
  const [watched, setWatched] = useState<LoginMethodsResult>();
  useEffect(() => (watching ? undefined : afterPaint(() => setWatching(true))), [watching]);
  const result = watched ?? start.known ?? { data: undefined, isPending: true, isError: false, error: null };
  return [result, watching ? <Watch onResult={setWatched} /> : null];
}
