import { useState } from 'react';
import { passkeysSupported } from '../../core/index.ts';
import { useAuthClient, useLoginMethods, useMFAInfo, usePasskeyFlow, usePasskeys, useSession } from '../../react/index.ts';
import type { BaseScreenProps } from './screenSupport.ts';
import { useScreenKit } from './screenSupport.ts';
import { passkeyIssueText } from './passkeyText.ts';

/** Props of {@link PasskeyPrompt}. Other props go to the `data-fk="passkey-prompt"` section. */
export type PasskeyPromptProps = BaseScreenProps;

/**
 * "Sign in faster next time": an offer to add a passkey, for a page of the app right after sign-in.
 * Shown only where the tenant offers passkeys, the browser has them, the user has none, and they
 * have not said "Not now" on this device (remembered per user). Renders nothing otherwise.
 */
export function PasskeyPrompt({ components, ...props }: PasskeyPromptProps) {
  const { m, c, root } = useScreenKit(components);
  const { brand: _brand, ...rootAttributes } = root;
  const client = useAuthClient();
  const session = useSession();
  const methods = useLoginMethods();
  const info = useMFAInfo({ enabled: session.exists });
  const list = usePasskeys({ enabled: session.exists });
  const flow = usePasskeyFlow();
  const key = `${client.config.storageKeyPrefix}.passkeyPrompt.${session.userId ?? ''}`;
  const [dismissed, setDismissed] = useState(() => {
    try {
      return localStorage.getItem(key) === 'dismissed';
    } catch {
      return false;
    }
  });
  const offered = methods.data?.status === 'OK' && methods.data.firstFactors.includes('webauthn');
  const none = list.data?.status === 'OK' && list.data.credentials.length === 0;
  const email = info.data?.status === 'OK' ? (info.data.emails.emailpassword?.[0] ?? info.data.emails['otp-email']?.[0]) : undefined;
  if (flow.state.done)
    return (
      <section data-fk="passkey-prompt" {...rootAttributes} {...props}>
        <p role="status">{m.format('passkeyPrompt.added')}</p>
      </section>
    );
  if (!session.exists || dismissed || !offered || !none || email === undefined || !passkeysSupported()) return null;
  const later = () => {
    setDismissed(true);
    try {
      localStorage.setItem(key, 'dismissed');
    } catch {
      // No storage: asked again on the next visit.
    }
  };
  const issue = passkeyIssueText(m, flow.state.issue);
  return (
    <section data-fk="passkey-prompt" aria-labelledby="fk-passkey-prompt" {...rootAttributes} {...props}>
      <h2 data-fk="section-heading" id="fk-passkey-prompt">
        {m.format('passkeyPrompt.title')}
      </h2>
      <p>{m.format('passkeyPrompt.body')}</p>
      {issue !== undefined && <c.Alert tone="error">{issue}</c.Alert>}
      <div data-fk="actions">
        <c.Button submitting={flow.state.busy === 'add'} onClick={() => void flow.add({ email })}>
          {m.format('passkeys.add')}
        </c.Button>
        <c.Button variant="secondary" onClick={later}>
          {m.format('passkeyPrompt.later')}
        </c.Button>
      </div>
    </section>
  );
}
