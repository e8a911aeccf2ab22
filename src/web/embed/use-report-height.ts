import { useEffect } from 'react';

/** The one message an embed page sends its host; embed-loader.js checks this exact shape. */
export const heightMessageType = 'common-ground:height';

/**
 * Tells the page that framed us how tall our content is, whenever it changes, so the loader can size
 * the iframe without a scroll bar. The height is no secret, so any parent may hear it ('*'); the
 * loader on the other side checks that the message came from its own frame and our origin.
 */
export function useReportHeight(): void {
  useEffect(() => {
    if (window.parent === window) return;
    const report = () => {
      window.parent.postMessage(
        { type: heightMessageType, height: Math.ceil(document.documentElement.scrollHeight) },
        '*',
      );
    };
    report();
    const observer = new ResizeObserver(report);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);
}
