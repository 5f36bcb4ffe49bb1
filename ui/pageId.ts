import { idPattern } from '../protocol/ids.ts';

/** The id a page is opened with, `/kiosk/<id>` or `/display/<id>`; null when absent or malformed. */
export function pageIdFromPath(pathname: string = location.pathname): string | null {
  const segment = pathname.split('/')[2];
  return segment && idPattern.test(segment) ? segment : null;
}
