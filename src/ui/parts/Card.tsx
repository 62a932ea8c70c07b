import type { ComponentProps } from 'react';

/** Props of {@link Card}: those of a `<div>`. */
export type CardProps = ComponentProps<'div'>;

/** A themed surface (`data-fk="card"`). {@link ScreenLayout} uses the same styling for a whole screen. */
export function Card(props: CardProps) {
  return <div data-fk="card" {...props} />;
}
