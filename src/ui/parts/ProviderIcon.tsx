import type { ComponentProps } from 'react';

/** Props of {@link ProviderIcon}. */
export interface ProviderIconProps extends Omit<ComponentProps<'span'>, 'children'> {
  /** The provider's id (`google`, `github`, …, or your own). */
  providerId: string;
  /** The provider's name; its first letter is drawn. */
  name: string;
}

/**
 * A provider's mark on a sign-in button: its initial on the provider's colour (`data-fk="provider-icon"`,
 * `data-provider`; `--fk-provider-color` sets the colour). Decorative: the button's text names the
 * provider. Replace it (`components.ProviderIcon`) to draw a brand's own logo, as its guidelines ask.
 */
export function ProviderIcon({ providerId, name, ...props }: ProviderIconProps) {
  return (
    <span data-fk="provider-icon" data-provider={providerId} aria-hidden="true" {...props}>
      {Array.from(name.trim())[0]?.toUpperCase() ?? '?'}
    </span>
  );
}
