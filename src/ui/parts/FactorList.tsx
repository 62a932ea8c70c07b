import type { ComponentProps } from 'react';

/** Props of {@link FactorList}: those of a `<ul>`. Name it with `aria-label` (`messages.format('chooser.listLabel')`). */
export type FactorListProps = ComponentProps<'ul'>;

/** The list of factors on the chooser (`data-fk="factor-list"`); children are {@link FactorOption}s. */
export function FactorList(props: FactorListProps) {
  return <ul data-fk="factor-list" {...props} />;
}
