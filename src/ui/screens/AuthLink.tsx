import type { ComponentProps, MouseEvent } from 'react';

/**
 * A real link to another of the kit's pages (`data-fk="link"`): followed through the router on a
 * plain click, and an ordinary link otherwise (a new tab, the context menu, a screen reader's links list).
 */
export function AuthLink({ href, go, onClick, ...props }: ComponentProps<'a'> & { href: string; go: (href: string) => void }) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    go(href);
  };
  return <a data-fk="link" href={href} onClick={follow} {...props} />;
}
