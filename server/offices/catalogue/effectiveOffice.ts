import { isDeepStrictEqual } from 'node:util';
import type { CatalogueOutcome, OutcomeCatalogue } from '../../../protocol/catalogue.ts';
import type { OfficeConfig, OutcomeGroupConfig } from '../../../protocol/office.ts';
import type { OutcomeConfig } from '../../../protocol/outcomes.ts';

/**
 * Where the network catalogue meets an office (issue 22). Pure functions, no I/O.
 *
 * Why here and not in the engine: the engine knows one office and its config (`apply(state, command, now)`);
 * it has no business reading the network's database. So the hub merges the catalogue into the config
 * *before* the engine sees it: every `office:configure` the hub submits carries the effective config
 * (`effectiveOffice`), and a change of the catalogue is one more `office:configure` per office. The engine,
 * its state, the stored config and every report then read plain office configs, as before. The merge is
 * idempotent and needs no memory of older catalogues: a catalogue code's name, `until` and group are the
 * catalogue's, whatever the stored config says; every other code is the office's own extension.
 */

const sameOutcome = (o: OutcomeConfig, c: CatalogueOutcome) =>
  o.name.it === c.name.it && o.name.en === c.name.en && o.until === c.until;

const asOutcome = (c: CatalogueOutcome): OutcomeConfig => ({ code: c.code, name: { ...c.name }, ...(c.until !== undefined ? { until: c.until } : {}) });

/** The catalogue a hub starts from: the default office's outcomes (the first service's entry for a code) and groups, so nothing changes for one office. */
export function catalogueFromOffice(office: OfficeConfig): OutcomeCatalogue {
  const groupOf = new Map<string, string>();
  for (const g of office.outcomeGroups) for (const code of g.outcomes) groupOf.set(code, g.id);
  const outcomes = new Map<string, CatalogueOutcome>();
  for (const s of office.services) {
    for (const o of s.outcomes) {
      if (outcomes.has(o.code)) continue;
      const group = groupOf.get(o.code);
      outcomes.set(o.code, { code: o.code, name: { ...o.name }, ...(group !== undefined ? { group } : {}), ...(o.until !== undefined ? { until: o.until } : {}) });
    }
  }
  return { groups: office.outcomeGroups.map((g) => ({ id: g.id, name: { ...g.name } })), outcomes: [...outcomes.values()] };
}

/**
 * An office config as a person or a file wrote it, made ready for the schema against the catalogue:
 * - an outcome given as a bare code of the catalogue (`"certificate"`) is spelled out as the catalogue's entry:
 *   an office uses a catalogue outcome by naming it;
 * - a catalogue code no service of the office records any more leaves the office's groups (the catalogue
 *   places its codes; effectiveOffice puts back those the office records), and a catalogue group left empty goes.
 *   So an admin who removes a catalogue outcome from a service does not also have to edit the groups.
 * Anything that is not the expected shape is left alone for the schema to refuse.
 */
export function spellOutCatalogueCodes(raw: unknown, catalogue: OutcomeCatalogue): unknown {
  if (typeof raw !== 'object' || raw === null || !Array.isArray((raw as { services?: unknown }).services)) return raw;
  const byCode = new Map(catalogue.outcomes.map((o) => [o.code, o]));
  const recorded = new Set<unknown>();
  const services = ((raw as { services: unknown[] }).services).map((s) => {
    if (typeof s !== 'object' || s === null || !Array.isArray((s as { outcomes?: unknown }).outcomes)) return s;
    const outcomes = (s as { outcomes: unknown[] }).outcomes.map((o) => {
      recorded.add(typeof o === 'object' && o !== null ? (o as { code?: unknown }).code : o);
      const known = typeof o === 'string' ? byCode.get(o) : undefined;
      return known ? asOutcome(known) : o;
    });
    return { ...s, outcomes };
  });
  const groups = (raw as { outcomeGroups?: unknown }).outcomeGroups;
  if (!Array.isArray(groups)) return { ...raw, services };
  const catalogueGroups = new Set(catalogue.groups.map((g) => g.id));
  const outcomeGroups = groups.flatMap((g) => {
    if (typeof g !== 'object' || g === null || !Array.isArray((g as { outcomes?: unknown }).outcomes)) return [g];
    const kept = (g as { outcomes: unknown[] }).outcomes.filter((code) => !(typeof code === 'string' && byCode.has(code) && !recorded.has(code)));
    return kept.length === 0 && catalogueGroups.has(String((g as { id?: unknown }).id)) ? [] : [{ ...g, outcomes: kept }];
  });
  return { ...raw, services, outcomeGroups };
}

/**
 * What in an office config redefines the catalogue, as `path: message` lines (none: the office only uses and
 * extends it). An outcome of the catalogue keeps its names and `until`; a group of the catalogue keeps its
 * name; a catalogue outcome listed in a group must be listed in its catalogue group.
 */
export function catalogueRedefinitions(catalogue: OutcomeCatalogue, office: OfficeConfig): string[] {
  const problems: string[] = [];
  const byCode = new Map(catalogue.outcomes.map((o) => [o.code, o]));
  const groups = new Map(catalogue.groups.map((g) => [g.id, g]));
  office.services.forEach((s, i) => {
    s.outcomes.forEach((o, j) => {
      const known = byCode.get(o.code);
      if (known && !sameOutcome(o, known)) {
        const until = known.until === undefined ? 'no end date' : `until ${known.until}`;
        problems.push(
          `services.${i}.outcomes.${j}: outcome "${o.code}" is in the network catalogue as "${known.name.it}" / "${known.name.en}" (${until}); an office may not change it: give the code alone ("${o.code}"), or a code of its own`,
        );
      }
    });
  });
  office.outcomeGroups.forEach((g, i) => {
    const known = groups.get(g.id);
    if (known && (known.name.it !== g.name.it || known.name.en !== g.name.en)) {
      problems.push(`outcomeGroups.${i}.name: group "${g.id}" is in the network catalogue as "${known.name.it}" / "${known.name.en}"; an office may not rename it`);
    }
    for (const code of g.outcomes) {
      const outcome = byCode.get(code);
      if (outcome && outcome.group !== g.id) {
        const where = outcome.group === undefined ? 'in no group' : `in group "${outcome.group}"`;
        problems.push(`outcomeGroups.${i}.outcomes: outcome "${code}" is ${where} in the network catalogue; an office may not move it`);
      }
    }
  });
  return problems;
}

/**
 * The config an office runs on: its own, with every catalogue outcome named as the catalogue names it, and
 * its groups as the catalogue's (only the codes the office records; a group left empty is dropped) followed by
 * its own groups of its own codes. A code the catalogue dropped stays the office's, as it was last named.
 * `effectiveOffice(c, effectiveOffice(c, o))` equals `effectiveOffice(c, o)`.
 */
export function effectiveOffice(catalogue: OutcomeCatalogue, office: OfficeConfig): OfficeConfig {
  const byCode = new Map(catalogue.outcomes.map((o) => [o.code, o]));
  const services = office.services.map((s) => ({
    ...s,
    outcomes: s.outcomes.map((o) => {
      const known = byCode.get(o.code);
      return known ? asOutcome(known) : o;
    }),
  }));
  const recorded = new Set(services.flatMap((s) => s.outcomes.map((o) => o.code)));
  const officeGroups = new Map(office.outcomeGroups.map((g) => [g.id, g]));
  // What a group may hold in this office: its catalogue codes and the office's own, of codes the office records.
  const belongs = (code: string, groupId: string) => recorded.has(code) && (byCode.has(code) ? byCode.get(code)!.group === groupId : true);
  const groups: OutcomeGroupConfig[] = [];
  for (const g of catalogue.groups) {
    // The office's order first (as it listed them), then the catalogue's codes it did not list.
    const listed = (officeGroups.get(g.id)?.outcomes ?? []).filter((code) => belongs(code, g.id));
    const rest = catalogue.outcomes.filter((o) => o.group === g.id && recorded.has(o.code) && !listed.includes(o.code)).map((o) => o.code);
    const codes = [...listed, ...rest];
    if (codes.length > 0) groups.push({ id: g.id, name: { ...g.name }, outcomes: codes });
  }
  const catalogueGroups = new Set(catalogue.groups.map((g) => g.id));
  for (const g of office.outcomeGroups) {
    const codes = g.outcomes.filter((code) => !byCode.has(code) && recorded.has(code));
    if (!catalogueGroups.has(g.id) && codes.length > 0) groups.push({ ...g, name: { ...g.name }, outcomes: codes });
  }
  return { ...office, services, outcomeGroups: groups };
}

/**
 * The catalogue an office leads while it is the network's only one (a one-office hub, as before issue 22): its
 * outcomes and groups as it now has them, then the catalogue's outcomes it does not record (and their groups).
 * So an admin of a lone office edits outcomes and groups freely, and the catalogue follows.
 */
export function catalogueLedBy(catalogue: OutcomeCatalogue, office: OfficeConfig): OutcomeCatalogue {
  const led = catalogueFromOffice(office);
  const codes = new Set(led.outcomes.map((o) => o.code));
  const groupIds = new Set(led.groups.map((g) => g.id));
  const kept = catalogue.outcomes.filter((o) => !codes.has(o.code));
  const keptGroups = catalogue.groups.filter((g) => !groupIds.has(g.id) && kept.some((o) => o.group === g.id));
  return { groups: [...led.groups, ...keptGroups], outcomes: [...led.outcomes, ...kept] };
}

/** Whether the office runs on its effective config already (no `office:configure` needed). */
export const followsCatalogue = (catalogue: OutcomeCatalogue, office: OfficeConfig) => isDeepStrictEqual(effectiveOffice(catalogue, office), office);
