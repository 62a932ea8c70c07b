import { useState, type ReactNode } from 'react';
import { StepUpDialog } from '../StepUpDialog.tsx';

/**
 * A change the backend refused for step-up, asked again after the person re-verifies: `ask(factors,
 * retry)` opens the step-up dialog with those factors; once verified it closes and runs `retry`;
 * Cancel closes it. Render `dialog` in the section.
 */
export function useStepUpThenRetry(): { ask: (factors: string[], retry: () => void) => void; dialog: ReactNode } {
  const [pending, setPending] = useState<{ factors: string[]; retry: () => void } | undefined>(undefined);
  const dialog = pending && (
    <StepUpDialog
      factorIds={pending.factors}
      onCancel={() => setPending(undefined)}
      onVerified={() => {
        setPending(undefined);
        pending.retry();
      }}
    />
  );
  return { ask: (factors, retry) => setPending({ factors, retry }), dialog };
}
