/**
 * Bytes back to text for the code pages a ticket can select with ESC t n. Our own tables, not the
 * encoder's library, so a test that decodes what the renderer encoded checks two independent sides.
 */

/** 0x80–0xFF of IBM code page 437, the printer's page after ESC @. */
const cp437High =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐' +
  '└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

/** 0x80–0xFF of IBM code page 850 (multilingual Latin 1). */
const cp850High =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐' +
  '└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0';

/** Code page 858 is 850 with the euro sign at 0xD5. */
const cp858High = cp850High.slice(0, 0x55) + '€' + cp850High.slice(0x56);

/** Epson's ESC t n numbers. */
const highHalves: Record<number, { name: string; high: string }> = {
  0: { name: 'cp437', high: cp437High },
  2: { name: 'cp850', high: cp850High },
  19: { name: 'cp858', high: cp858High },
};

export function codePageName(escT: number): string {
  return highHalves[escT]?.name ?? `unknown (ESC t ${escT}, decoded as cp437)`;
}

/** Decodes printable bytes (0x20 and up) in the code page selected by ESC t n. */
export function decodeText(bytes: Uint8Array, escT: number): string {
  const high = (highHalves[escT] ?? highHalves[0])?.high ?? cp437High;
  let text = '';
  for (const b of bytes) text += b < 0x80 ? String.fromCharCode(b) : high[b - 0x80] ?? '?';
  return text;
}
