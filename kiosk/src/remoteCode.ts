// Remote places use the appointment codes' alphabet and length (protocol/remoteJoin.ts); this file stays free of zod.
import { appointmentCodeAlphabet as remoteCodeAlphabet, appointmentCodeLength as remoteCodeLength } from '../../protocol/appointmentTerms.ts';

const inLink = new RegExp(`/join/([${remoteCodeAlphabet}]{${remoteCodeLength}})(?:[/?#]|$)`, 'i');
const alone = new RegExp(`^[${remoteCodeAlphabet}]{${remoteCodeLength}}$`, 'i');

/**
 * The code of a remote place from what a QR code read: its phone page's link (`…/join/K7MQ3D`, under
 * `/o/<office>/` or not), or the code alone. Anything else (another site's QR, a ticket's) is null.
 */
export function remoteCodeFromQr(text: string): string | null {
  const trimmed = text.trim();
  const code = inLink.exec(trimmed)?.[1] ?? (alone.test(trimmed) ? trimmed : null);
  return code ? code.toUpperCase() : null;
}
