import { useId } from 'react';
import type { ComponentProps } from 'react';
import { CopyButton } from './CopyButton.tsx';

/** Props of {@link SecretDisplay}. */
export interface SecretDisplayProps extends ComponentProps<'div'> {
  /** The TOTP secret (base32), as returned by the backend. */
  secret: string;
  /** Visible label (`messages.format('totp.secretLabel')`). */
  label: string;
  /** Accessible name of the grouped value (`messages.format('totp.secretGroups')`). */
  groupsLabel: string;
  /** Copy button text (`messages.format('totp.copySecret')`). */
  copyLabel: string;
  /** Announced after copying (`messages.format('totp.copied')`). */
  copiedLabel: string;
  /** Announced when copying fails (`messages.format('totp.copyFailed')`). */
  copyFailedLabel: string;
  /** Characters per group. @default 4 */
  groupSize?: number;
}

/**
 * A TOTP secret for typing into an authenticator by hand: upper-case groups of four
 * (`ABCD EFGH …`, `data-fk="secret-value"`, selectable, left to right in every script) and a
 * {@link CopyButton} that copies the secret without spaces.
 * @see https://github.com/google/google-authenticator/wiki/Key-Uri-Format
 */
export function SecretDisplay({ secret, label, groupsLabel, copyLabel, copiedLabel, copyFailedLabel, groupSize = 4, ...props }: SecretDisplayProps) {
  const labelId = useId();
  const compact = secret.replace(/[\s=-]/g, '').toUpperCase();
  const groups = compact.match(new RegExp(`.{1,${Math.max(1, groupSize)}}`, 'g')) ?? [];
  return (
    <div data-fk="secret" {...props}>
      <span data-fk="secret-label" id={labelId}>
        {label}
      </span>
      <div data-fk="secret-value" dir="ltr" role="group" aria-label={groupsLabel}>
        {groups.map((group, index) => (
          <span key={index} data-fk="secret-group">
            {group}
            {/* A real space between groups, so selecting and copying by hand reads like the display. */}
            {index < groups.length - 1 ? ' ' : null}
          </span>
        ))}
      </div>
      <CopyButton text={compact} copiedLabel={copiedLabel} failedLabel={copyFailedLabel} aria-describedby={labelId}>
        {copyLabel}
      </CopyButton>
    </div>
  );
}
