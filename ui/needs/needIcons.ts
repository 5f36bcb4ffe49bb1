import { mdiCommentTextOutline, mdiEarHearing, mdiEyeOutline, mdiHumanGreetingVariant } from '@mdi/js';
import type { CallNeed } from '../../protocol/needs.ts';

/** One picture per need (Material Design Icons, 24×24), the same on the kiosk, the phone, the desk and the display. */
const paths = new Map<CallNeed, string>([
  ['hearing', mdiEarHearing],
  ['sight', mdiEyeOutline],
  ['escort', mdiHumanGreetingVariant],
  ['easy-language', mdiCommentTextOutline],
]);

export function needIconPath(need: CallNeed): string {
  return paths.get(need) ?? mdiCommentTextOutline;
}
