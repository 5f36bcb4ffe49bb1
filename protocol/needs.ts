import { z } from 'zod';

/**
 * Calls that fit each person (issue 18): what a citizen may ask for at the kiosk so that being called works
 * for them. Kept on the ticket (no personal data: a need, never a name), shown at the desk, on the display
 * and on the phone, counted anonymously in the reports.
 */
export const callNeeds = ['hearing', 'sight', 'escort', 'easy-language'] as const;
export type CallNeed = (typeof callNeeds)[number];

/** A ticket's needs as the kiosk sends them: known values, at most one of each (duplicates are dropped), in a fixed order. */
export const callNeedsSchema = z
  .array(z.enum(callNeeds))
  .max(callNeeds.length * 2)
  .transform((needs) => callNeeds.filter((n) => needs.includes(n)));

/** The office's switches for each need (office config `callNeeds`); every need is offered unless turned off. */
export const callNeedsConfigSchema = z
  .strictObject({
    hearing: z.boolean().default(true),
    sight: z.boolean().default(true),
    escort: z.boolean().default(true),
    easyLanguage: z.boolean().default(true),
  })
  .default({ hearing: true, sight: true, escort: true, easyLanguage: true });
export type CallNeedsConfig = z.infer<typeof callNeedsConfigSchema>;

const configKey: Record<CallNeed, keyof CallNeedsConfig> = {
  hearing: 'hearing',
  sight: 'sight',
  escort: 'escort',
  'easy-language': 'easyLanguage',
};

/** The needs an office offers at its kiosks, in the fixed order; empty leaves the kiosk's needs step out. */
export function offeredNeeds(config: CallNeedsConfig): CallNeed[] {
  return callNeeds.filter((n) => config[configKey[n]]);
}
