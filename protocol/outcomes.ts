import { z } from 'zod';
import { idPattern } from './ids.ts';

/**
 * What a desk records when it finishes a ticket (a certificate delivered, an ID card, information…): a
 * code for the reports and a name in each language for the screens. The office config lists each
 * service's outcomes as `{ code, name: { it, en } }`, or as a plain code of the standard catalogue below,
 * which gives its name.
 */

export interface OutcomeName {
  it: string;
  en: string;
}

export interface OutcomeConfig {
  code: string;
  name: OutcomeName;
}

/** The standard outcomes (those of the demo office): one entry per code, easy to extend. */
export const standardOutcomes: readonly OutcomeConfig[] = [
  { code: 'certificate', name: { it: 'Certificato', en: 'Certificate' } },
  { code: 'self-declaration', name: { it: 'Autocertificazione', en: 'Self-declaration' } },
  { code: 'information', name: { it: 'Informazioni', en: 'Information' } },
  { code: 'second-level', name: { it: 'Secondo livello', en: 'Second level' } },
  { code: 'id-card-electronic', name: { it: 'Carta d’identità elettronica', en: 'Electronic ID card' } },
  { code: 'id-card-paper', name: { it: 'Carta d’identità cartacea', en: 'Paper ID card' } },
  { code: 'declaration', name: { it: 'Dichiarazione', en: 'Declaration' } },
  { code: 'electoral-card', name: { it: 'Tessera elettorale', en: 'Electoral card' } },
  { code: 'residence-application', name: { it: 'Domanda di residenza', en: 'Residence application' } },
  { code: 'address-change', name: { it: 'Cambio di indirizzo', en: 'Change of address' } },
  { code: 'payment-slip', name: { it: 'Avviso di pagamento', en: 'Payment slip' } },
];

const standardByCode: ReadonlyMap<string, OutcomeConfig> = new Map(standardOutcomes.map((o) => [o.code, o]));

/** The standard outcome with this code, if there is one. */
export function standardOutcome(code: string): OutcomeConfig | undefined {
  return standardByCode.get(code);
}

const code = z.string().regex(idPattern, 'lowercase letters, digits and dashes (max 40)');
const name = z.strictObject({ it: z.string().trim().min(1).max(60), en: z.string().trim().min(1).max(60) });

/** One outcome of a service: `{ code, name }`, or a standard code alone (named from the catalogue). */
export const outcomeConfigSchema = z.union([
  z.strictObject({ code, name }),
  code.transform((c, ctx): OutcomeConfig => {
    const known = standardOutcome(c);
    if (known) return { code: known.code, name: { ...known.name } };
    ctx.addIssue({ code: 'custom', message: `unknown outcome "${c}": give it a name, { "code": "${c}", "name": { "it": "…", "en": "…" } }` });
    return z.NEVER;
  }),
]);
