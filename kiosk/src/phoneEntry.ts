/** Typing a phone number on the kiosk's keypad, and showing it back in readable groups. */

export const minPhoneDigits = 6;
export const maxPhoneDigits = 15;

export type PhoneKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '+' | 'backspace';
export const phoneKeys: readonly PhoneKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '+', '0', 'backspace'];

const digitCount = (phone: string) => phone.replace(/\D/g, '').length;

/** The number after one key: digits up to fifteen, a `+` only as the first character, backspace removes the last. */
export function typePhone(phone: string, key: string): string {
  if (key === 'backspace') return phone.slice(0, -1);
  if (key === '+') return phone === '' ? '+' : phone;
  if (!/^[0-9]$/.test(key) || digitCount(phone) >= maxPhoneDigits) return phone;
  return phone + key;
}

/** Enough digits to send (the hub checks 6 to 15 digits too). */
export function phoneComplete(phone: string): boolean {
  return digitCount(phone) >= minPhoneDigits;
}

/**
 * "333 123 4567", "06 1234 5678", "055 123 4567", "+39 333 123 4567": Italian numbers grouped the way
 * people read them aloud; foreign numbers in groups of three.
 */
export function formatPhone(phone: string): string {
  if (phone.startsWith('+39')) {
    const rest = phone.slice(3);
    return rest ? `+39 ${formatNational(rest)}` : '+39';
  }
  // Elsewhere: a two-digit country code (most of Europe), then groups of three.
  if (phone.startsWith('+')) return `+${groups(phone.slice(1), [2, 3, 3, 3, 3])}`;
  return formatNational(phone);
}

function formatNational(digits: string): string {
  if (/^0[26]/.test(digits)) return groups(digits, [2, 4, 4, 4]); // Milano, Roma
  if (digits.startsWith('3') && digits.length <= 10) return groups(digits, [3, 3, 4]); // mobiles
  return groups(digits, [3, 3, 4, 4]);
}

function groups(digits: string, sizes: number[]): string {
  const out: string[] = [];
  let i = 0;
  for (const size of sizes) {
    if (i >= digits.length) break;
    out.push(digits.slice(i, i + size));
    i += size;
  }
  if (i < digits.length) out[out.length - 1] += digits.slice(i);
  return out.join(' ');
}
