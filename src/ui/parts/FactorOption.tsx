import { useId } from 'react';
import type { HTMLAttributes, MouseEvent, ReactNode, Ref } from 'react';

/** Props of {@link FactorOption}. Other props and `ref` go to the `<button>` or `<a>`. */
export interface FactorOptionProps extends Omit<HTMLAttributes<HTMLElement>, 'onSelect'> {
  /** The factor id, exposed as `data-factor` for styling. */
  factorId: string;
  /** The factor's name (`messages.format('factor.totp.name')`): the option's accessible name. */
  name: ReactNode;
  /** One line under the name: the option's accessible description. */
  description?: ReactNode;
  /** Usually `<FactorIcon factorId=... />`. Decorative. */
  icon?: ReactNode;
  /** Render a link to this URL instead of a button (lets users open a factor in a new tab). */
  href?: string;
  /** Called on activation (click, Enter, Space). */
  onSelect?: (factorId: string, event: MouseEvent<HTMLElement>) => void;
  disabled?: boolean;
  ref?: Ref<HTMLElement>;
}

/**
 * One choice in a {@link FactorList}: an `<li>` holding a native `<button>` (or `<a href>`), so Tab,
 * Enter and Space work without extra code. The name labels it and the description describes it,
 * so a screen reader says "Authenticator app, button, Enter a code from an app…".
 */
export function FactorOption({ factorId, name, description, icon, href, onSelect, onClick, disabled, ref, ...props }: FactorOptionProps) {
  const id = useId();
  const nameId = `${id}-name`;
  const descriptionId = `${id}-description`;
  const hasDescription = description !== undefined && description !== null && description !== '';
  const content = (
    <>
      {icon}
      <span data-fk="factor-name" id={nameId}>
        {name}
      </span>
      {hasDescription && (
        <span data-fk="factor-description" id={descriptionId}>
          {description}
        </span>
      )}
    </>
  );
  const common = {
    'data-fk': 'factor-option',
    'data-factor': factorId,
    'data-disabled': disabled ? '' : undefined,
    'aria-labelledby': nameId,
    'aria-describedby': hasDescription ? descriptionId : undefined,
    onClick: (event: MouseEvent<HTMLElement>) => {
      onClick?.(event);
      if (!event.defaultPrevented && !disabled) onSelect?.(factorId, event);
    },
  };
  return (
    <li data-fk="factor-item">
      {href !== undefined && !disabled ? (
        <a {...common} href={href} {...props} ref={ref as Ref<HTMLAnchorElement>}>
          {content}
        </a>
      ) : (
        <button {...common} type="button" disabled={disabled} {...props} ref={ref as Ref<HTMLButtonElement>}>
          {content}
        </button>
      )}
    </li>
  );
}
