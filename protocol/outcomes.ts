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
  /**
   * The last office day ('YYYY-MM-DD') the outcome can be recorded (paper ID cards stop being valid in the EU
   * on 3 August 2026). After it desks no longer offer it and the hub refuses it; it stays in history and reports.
   */
  until?: string;
}

/** The outcome can still be recorded on this office day ('YYYY-MM-DD'). */
export function outcomeOpenOn(outcome: Pick<OutcomeConfig, 'until'>, day: string): boolean {
  return outcome.until === undefined || day <= outcome.until;
}

/** The standard outcomes (those of the demo office): one entry per code, easy to extend. */
export const standardOutcomes: readonly OutcomeConfig[] = [
  { code: 'certificate', name: { it: 'Certificato', en: 'Certificate' } },
  { code: 'civil-status-certificate', name: { it: 'Certificato di stato civile', en: 'Civil-status certificate' } },
  { code: 'electoral-certificate', name: { it: 'Certificato elettorale', en: 'Electoral certificate' } },
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

export const outcomeCodeSchema = z.string().regex(idPattern, 'lowercase letters, digits and dashes (max 40)');
export const outcomeNameSchema = z.strictObject({ it: z.string().trim().min(1).max(60), en: z.string().trim().min(1).max(60) });
export const outcomeUntilSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'YYYY-MM-DD')
  .refine(isCalendarDay, 'not a calendar day');

/** One outcome of a service: `{ code, name, until? }`, or a standard code alone (named from the catalogue). */
export const outcomeConfigSchema = z.union([
  z.strictObject({ code: outcomeCodeSchema, name: outcomeNameSchema, until: outcomeUntilSchema.optional() }),
  outcomeCodeSchema.transform((c, ctx): OutcomeConfig => {
    const known = standardOutcome(c);
    if (known) return { code: known.code, name: { ...known.name } };
    ctx.addIssue({ code: 'custom', message: `unknown outcome "${c}": give it a name, { "code": "${c}", "name": { "it": "…", "en": "…" } }` });
    return z.NEVER;
  }),
]);

/** A real calendar day 'YYYY-MM-DD' (2018-02-30 is not one; an invalid date never throws here). */
function isCalendarDay(d: string): boolean {
  const t = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
}
