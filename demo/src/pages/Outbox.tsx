import { useQuery } from '@tanstack/react-query';
import { fetchOutbox, type OutboxMessage } from '../api.ts';

const KIND: Record<OutboxMessage['type'], string> = { PASSWORDLESS_LOGIN: 'One-time code', EMAIL_VERIFICATION: 'Email verification', PASSWORD_RESET: 'Password reset', WEBAUTHN_RECOVER_ACCOUNT: 'Passkey recovery', SECURITY_NOTICE: 'Security notice' };
const NOTICE: Record<NonNullable<OutboxMessage['notice']>, string> = { FACTOR_ADDED: 'added', FACTOR_REMOVED: 'removed', FACTOR_TURNED_OFF: 'no longer asked at sign-in', PASSWORD_CHANGED: 'password changed', RECOVERY_CODE_USED: 'recovery code used', RECOVERY_CODES_RENEWED: 'new recovery codes' };

/**
 * The backend's dev outbox: the emails and text messages it would have sent, newest first, with
 * their codes and links as text. Only exists in dev mode; a real app sends real email.
 */
export function Outbox() {
  const outbox = useQuery({ queryKey: ['demo', 'outbox'], queryFn: fetchOutbox, refetchInterval: 2000 });
  return (
    <article>
      <h1>Dev outbox</h1>
      <p>
        What the backend sent, newest first. <button type="button" onClick={() => void outbox.refetch()}>Refresh</button>
      </p>
      {outbox.error ? <p role="alert">Could not read the outbox: {String(outbox.error)}</p> : null}
      {outbox.data?.length === 0 && <p>Nothing sent yet.</p>}
      {outbox.data && outbox.data.length > 0 && (
        <table className="demo-outbox">
          <thead>
            <tr>
              <th scope="col">Sent</th>
              <th scope="col">To</th>
              <th scope="col">Message</th>
              <th scope="col">Code or link</th>
            </tr>
          </thead>
          <tbody>
            {outbox.data.map((m) => (
              <tr key={m.id}>
                <td data-label="Sent">{new Date(m.createdAt).toLocaleTimeString()}</td>
                <td data-label="To">
                  {m.channel === 'sms' ? 'SMS ' : ''}
                  {m.to}
                  {m.tenantId !== 'public' && ` (${m.tenantId})`}
                </td>
                <td data-label="Message">
                  {KIND[m.type]}
                  {m.notice !== undefined && `: ${m.factorId ?? ''} ${NOTICE[m.notice]}${m.detail !== undefined ? ` (${m.detail})` : ''}`}
                </td>
                <td data-label="Code or link">
                  {m.userInputCode !== undefined && <code className="demo-code">{m.userInputCode}</code>}
                  {m.link !== undefined && (
                    <a href={m.link} className="demo-link">
                      {m.link}
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
