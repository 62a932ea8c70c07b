import { useState, type ReactNode } from 'react';
import { useAuthClient, useGenerateRecoveryCodes, useRecoveryCodes } from '../../react/index.ts';
import type { Messages } from '../messages/types.ts';
import type { ScreenComponents } from './components.ts';
import { RecoveryCodesSave } from './RecoveryCodesSave.tsx';
import { answerText, failureText } from './screenSupport.ts';

/** Props of {@link RecoveryCodesOffer}. */
export interface RecoveryCodesOfferProps {
  m: Messages;
  c: ScreenComponents;
  /** The way on, shown while the codes are not on screen ("Continue"). */
  next: ReactNode;
  /** The person saved the codes. */
  onSaved: () => void;
}

/**
 * "Save your recovery codes", offered right after the first second factor was set up: only when the
 * backend keeps recovery codes (factorkit's) and the user has none yet. Then the set, shown once.
 */
export function RecoveryCodesOffer({ m, c, next, onSaved }: RecoveryCodesOfferProps) {
  const count = useRecoveryCodes();
  const generate = useGenerateRecoveryCodes();
  const client = useAuthClient();
  const [madeAt, setMadeAt] = useState(0);
  const made = generate.data?.status === 'OK' ? generate.data.codes : undefined;
  if (made) return <RecoveryCodesSave m={m} c={c} codes={made} madeAt={madeAt} onDone={onSaved} heading={<h2 data-fk="section-heading">{m.format('recovery.save.title')}</h2>} />;
  const offered = count.data?.status === 'OK' && count.data.total === 0;
  const error = generate.isError ? failureText(m, generate.error) : generate.data && generate.data.status !== 'OK' ? answerText(m, generate.data) : undefined;
  return (
    <>
      {offered && (
        <section data-fk="recovery-offer" aria-labelledby="fk-recovery-offer">
          <h2 data-fk="section-heading" id="fk-recovery-offer">
            {m.format('recovery.save.title')}
          </h2>
          <p>{m.format('recovery.offer.body')}</p>
          {error !== undefined && <c.Alert tone="error">{error}</c.Alert>}
          <c.Button
            variant="secondary"
            submitting={generate.isPending}
            onClick={() => {
              setMadeAt(client.now());
              generate.mutate();
            }}
          >
            {m.format('recovery.offer.show')}
          </c.Button>
        </section>
      )}
      {next}
    </>
  );
}
