import { useState } from 'react';
import type { Messages } from '../messages/types.ts';
import type { ScreenComponents } from './components.ts';

/**
 * "You can try again in 4:59.", counting down to a refusal's `retryAt` (epoch ms) (when the backend said how
 * long to wait), then "You can try again now."; nothing for an answer without a wait.
 */
export function RetryCountdown({ m, c, retryAt }: { m: Messages; c: ScreenComponents; retryAt: number | undefined }) {
  const [doneFor, setDoneFor] = useState<number | undefined>(undefined);
  if (retryAt === undefined) return null;
  if (doneFor === retryAt)
    return (
      <>
        {' '}
        <span data-fk-role="retry-after">{m.format('refusal.retryNow')}</span>
      </>
    );
  return (
    <>
      {' '}
      <c.Countdown data-fk-role="retry-after" endsAt={retryAt} format={(s) => m.format('refusal.retryIn', { time: m.formatDuration(s) })} onDone={() => setDoneFor(retryAt)} />
    </>
  );
}
