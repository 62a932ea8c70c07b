import type { ComponentProps, ReactNode } from 'react';
import type { Messages } from '../../messages/types.ts';
import { LiveRegion } from '../../parts/LiveRegion.tsx';
import type { ScreenComponents } from '../components.ts';

/** Props of {@link ListSection}. */
export interface ListSectionProps {
  m: Messages;
  c: ScreenComponents;
  /** `data-fk` of the section (`settings-sessions`, …). */
  fk: string;
  id: string;
  headingLevel: 2 | 3;
  title: string;
  body: string;
  /** What just happened, announced politely. */
  announcement: string;
  /** The list's query: loading, failed (with the words and a retry), or its rows (`[]`: `empty` shows). */
  query: { isPending: boolean; isFetching: boolean; refetch: () => unknown };
  rows: ReactNode[] | undefined;
  loadFailed: string;
  empty?: string;
  /** Under the list: errors, "remove all", "add". */
  children?: ReactNode;
}

/**
 * One section of the settings that lists things the user has (sessions, trusted browsers, passkeys):
 * heading, what it is for, a polite announcement, then loading, a failure with "Try again", the rows,
 * or what to say when there are none.
 */
export function ListSection({ m, c, fk, id, headingLevel, title, body, announcement, query, rows, loadFailed, empty, children }: ListSectionProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <section data-fk={fk} aria-labelledby={id}>
      <Heading data-fk="section-heading" id={id} tabIndex={-1}>
        {title}
      </Heading>
      <p>{body}</p>
      <LiveRegion>{announcement}</LiveRegion>
      {query.isPending ? (
        <c.DelayedFallback label={m.format('common.loading')} />
      ) : rows === undefined ? (
        <c.Alert tone="error">
          {loadFailed}{' '}
          <c.Button variant="link" submitting={query.isFetching} onClick={() => void query.refetch()}>
            {m.format('common.tryAgain')}
          </c.Button>
        </c.Alert>
      ) : rows.length === 0 && empty !== undefined ? (
        <p>{empty}</p>
      ) : (
        <ul data-fk="settings-device-list">{rows}</ul>
      )}
      {children}
    </section>
  );
}

/** Props of {@link ListRow}: those of the `<li>` (its `data-*` attributes), plus what it shows. */
export interface ListRowProps extends Omit<ComponentProps<'li'>, 'children'> {
  /** What the thing is called. */
  name: ReactNode;
  /** The line under the name: these facts joined by " · ", the empty ones left out. */
  facts: (string | false | null | undefined)[];
  /** Before the facts on that line, with its own separator (an address isolated from a right-to-left line). */
  lead?: ReactNode;
  /** The row's buttons, and anything opened under them. */
  children?: ReactNode;
}

/** One row of a {@link ListSection} (`data-fk="settings-device"`): the name, the line of facts, the buttons. */
export function ListRow({ name, facts, lead, children, ...props }: ListRowProps) {
  return (
    <li data-fk="settings-device" {...props}>
      <div data-fk="settings-device-text">
        <span data-fk="settings-device-name">{name}</span>
        <span data-fk="settings-device-meta">
          {lead}
          {facts.filter(Boolean).join(' · ')}
        </span>
      </div>
      {children}
    </li>
  );
}
