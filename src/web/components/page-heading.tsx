import { type ReactNode, useEffect, useRef } from 'react';

/** Where the visitor landed; headings on that first page keep the browser's normal starting point. */
const landingUrl = window.location.href;
let hasNavigated = false;

/**
 * The page's single h1. After client-side navigation it takes focus, so keyboard and screen-reader
 * users start at the new page's heading instead of on a link that no longer exists.
 */
export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (window.location.href !== landingUrl) hasNavigated = true;
    if (hasNavigated) ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
