import { useId, type FormEvent } from 'react';
import { useChangePasswordFlow, useForgotPasswordFlow } from '../../../react/index.ts';
import type { Messages } from '../../messages/types.ts';
import type { ScreenComponents } from '../components.ts';
import { fieldProblemText, refusalText } from '../screenSupport.ts';
import { errorText } from './errorText.ts';
import { NewPasswordFields, passwordToggleLabels } from '../NewPasswordFields.tsx';

/** Props of {@link ChangePasswordForm}. */
export interface ChangePasswordFormProps {
  messages: Messages;
  c: ScreenComponents;
  /** The account's email for its password (a password manager fills the right entry; a reset link goes there). */
  email: string;
  /** The session re-verified a factor moments ago: the current password is not needed. */
  recentlyVerified: boolean;
  onDone: () => void;
  onCancel: () => void;
}

/**
 * A new password for the signed-in user, markup over `useChangePasswordFlow`: the current password
 * (unless the session verified a moment ago), the new one twice, and, for a forgotten current one,
 * a reset link by email instead.
 */
export function ChangePasswordForm({ messages: m, c, email, recentlyVerified, onDone, onCancel }: ChangePasswordFormProps) {
  const { flow, state, submit } = useChangePasswordFlow();
  const link = useForgotPasswordFlow();
  const id = useId();
  // Step-up may have lapsed since the page loaded: then the current password is asked after all.
  const askCurrent = !recentlyVerified || state.issue?.kind === 'stepUp';
  const issue = state.issue;
  const error =
    issue === undefined
      ? undefined
      : issue.kind === 'wrongCurrent'
        ? m.format('settings.password.wrongCurrent')
        : issue.kind === 'stepUp'
          ? m.format('settings.password.stepUpNeeded')
          : issue.kind === 'failed'
            ? errorText(m, issue.error)
            : refusalText(m, issue.refusal);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await submit({
      currentPassword: askCurrent ? String(form.get('currentPassword') ?? '') : undefined,
      newPassword: String(form.get('newPassword') ?? ''),
      confirmation: String(form.get('confirmation') ?? ''),
    });
    if (flow.store.getSnapshot().done) onDone();
  };
  return (
    <form data-fk="form" noValidate onSubmit={(e) => void onSubmit(e)}>
      {error !== undefined && <c.Alert tone="error">{error}</c.Alert>}
      {/* The account name lets a password manager update the right entry. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      {askCurrent ? (
        <c.PasswordField autoFocus id={`${id}-current`} name="currentPassword" autoComplete="current-password" label={m.format('field.currentPassword.label')} error={fieldProblemText(m, state.fieldErrors.currentPassword)} {...passwordToggleLabels(m)} />
      ) : (
        <p data-fk="hint">{m.format('settings.password.recentlyVerified')}</p>
      )}
      <NewPasswordFields
        m={m}
        c={c}
        autoFocus={!askCurrent}
        ids={{ password: `${id}-new`, confirmation: `${id}-confirmation` }}
        name="newPassword"
        problems={{ password: state.fieldErrors.newPassword, confirmation: state.fieldErrors.confirmation }}
      />
      {askCurrent &&
        (link.state.sentTo !== undefined && link.state.sentTo === email ? (
          <p data-fk="hint" role="status">
            {m.format('settings.password.linkSent', { email })}
          </p>
        ) : (
          <c.Button variant="link" submitting={link.state.sending} onClick={() => void link.request(email)}>
            {m.format('settings.password.sendLink')}
          </c.Button>
        ))}
      <div data-fk="actions">
        <c.Button type="submit" submitting={state.submitting}>
          {m.format('settings.password.save')}
        </c.Button>
        <c.Button variant="secondary" onClick={onCancel}>
          {m.format('common.cancel')}
        </c.Button>
      </div>
    </form>
  );
}
