import {
  mdiBackspaceOutline, mdiCalendarCheck, mdiCardAccountDetailsOutline, mdiCashMultiple, mdiCheckCircleOutline,
  mdiFileCertificateOutline, mdiFileDocumentOutline, mdiHandHeartOutline, mdiHomeCityOutline, mdiHumanCane,
  mdiHumanMaleFemaleChild, mdiHumanPregnant, mdiInformationOutline, mdiMessageTextClockOutline, mdiPhoneReturnOutline, mdiPrinterOff, mdiTicketConfirmationOutline,
  mdiVote, mdiWheelchairAccessibility,
} from '@mdi/js';

/** SVG paths (24×24) for the icon names the office config may use, and the kiosk's own. */
const paths: Record<string, string> = {
  certificate: mdiFileCertificateOutline,
  'id-card': mdiCardAccountDetailsOutline,
  family: mdiHumanMaleFemaleChild,
  vote: mdiVote,
  home: mdiHomeCityOutline,
  taxes: mdiCashMultiple,
  information: mdiInformationOutline,
  appointment: mdiCalendarCheck,
  document: mdiFileDocumentOutline,
  disability: mdiWheelchairAccessibility,
  pregnancy: mdiHumanPregnant,
  elderly: mdiHumanCane,
  other: mdiHandHeartOutline,
  // The kiosk's own pictures.
  backspace: mdiBackspaceOutline,
  'call-back': mdiPhoneReturnOutline,
  sms: mdiMessageTextClockOutline,
  ticket: mdiTicketConfirmationOutline,
  done: mdiCheckCircleOutline,
  'printer-off': mdiPrinterOff,
};

export function iconPath(name: string): string {
  return paths[name] ?? mdiFileDocumentOutline;
}
