import type { ReactNode } from 'react';
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
