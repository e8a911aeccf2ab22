import { type ReactNode, useEffect, useRef } from 'react';

let firstPageShown = false;

/**
 * The page's single h1. After client-side navigation it takes focus, so keyboard and screen-reader
 * users start at the new page's heading instead of on a link that no longer exists. The first page
 * load keeps the browser's normal starting point.
 */
export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (firstPageShown) ref.current?.focus();
    firstPageShown = true;
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
