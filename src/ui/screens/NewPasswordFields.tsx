import type { NewPasswordProblem } from '../../core/index.ts';
import type { Messages } from '../messages/types.ts';
import type { ScreenComponents } from './components.ts';
import { fieldProblemText } from './screenSupport.ts';

/** The names a password field's show/hide button reads, in the screen's language. */
export function passwordToggleLabels(m: Messages): { showLabel: string; hideLabel: string } {
  return { showLabel: m.format('common.showPassword'), hideLabel: m.format('common.hidePassword') };
}

/**
 * A new password and the same again (reset link, change in the settings): each with its own show/hide
 * button, the policy under the first, the problems the flow found under each.
 */
export function NewPasswordFields(props: {
  m: Messages;
  c: ScreenComponents;
  /** Ids of the two inputs. */
  ids: { password: string; confirmation: string };
  /** The form field name of the new password (the confirmation is always `confirmation`). */
  name: string;
  problems: { password?: NewPasswordProblem; confirmation?: NewPasswordProblem };
  autoFocus?: boolean;
}) {
  const { m, c, ids, problems } = props;
  const labels = passwordToggleLabels(m);
  return (
    <>
      <c.PasswordField
        autoFocus={props.autoFocus}
        id={ids.password}
        name={props.name}
        autoComplete="new-password"
        label={m.format('field.newPassword.label')}
        description={m.format('field.password.description')}
        error={fieldProblemText(m, problems.password)}
        {...labels}
      />
      <c.PasswordField id={ids.confirmation} name="confirmation" autoComplete="new-password" label={m.format('field.confirmPassword.label')} error={fieldProblemText(m, problems.confirmation)} {...labels} />
    </>
  );
}
