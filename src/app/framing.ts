/**
 * Whether another site shows this page inside a frame. A <meta> Content-Security-Policy cannot forbid
 * that (frame-ancestors works only as an HTTP header, see the README's deployment section), so the page
 * checks for itself: framed by another origin, it could be overlaid to trick a technician into pressing
 * Send (clickjacking), and it then refuses to send commands.
 */
import { english } from '../i18n/words';

/** The origin of the first foreign site framing this page, `another site` when the browser hides it, or null. */
export function foreignFramer(view: Window = window): string | null {
  if (view.top === view.self) return null;
  const own = view.location.origin;
  const ancestors = view.location.ancestorOrigins;
  if (ancestors && ancestors.length > 0) {
    for (let i = 0; i < ancestors.length; i++) {
      const ancestor = ancestors.item(i);
      if (ancestor !== own) return ancestor ?? english('another site');
    }
    return null;
  }
  try {
    // Throws when the top window belongs to another origin.
    return view.top?.location.origin === own ? null : english('another site');
  } catch {
    return english('another site');
  }
}
