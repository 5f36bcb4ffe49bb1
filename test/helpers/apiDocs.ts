import type { Rule } from './accessRules.ts';

/**
 * Reads who may call what out of docs/api.md, so a test can hold the hub to it.
 *
 * The document's conventions, which this reader relies on (and which a section must keep to be checked):
 * - In part 2 (REST), a `###` heading names its routes in code (`` `GET /api/queue` ``), and an `Auth:` line
 *   under it says who may call them.
 * - A table in part 2 with a `route` or `request` column names a route per row, in code at the start of the
 *   cell; its `role` or `auth` column says who may call it, and without one the section's `Auth:` line does.
 * - In part 3 (Socket.IO), the commands table has an `event` column and a `needs` column.
 * Who may call: `none` or `optional` (anyone), a permission of 1.4 (`listen`, `issue`, `desk`, `reports`,
 * `admin`), a role (`clerk`, `manager`, `admin`: what that role's permissions cover), `a session` (any staff
 * member) or `a device token` (a paired device only), first in the text; what follows is prose for people.
 */

export interface DocumentedRoute {
  method: string;
  /** As written, without a query: `/api/desks/:deskId/<action>`. */
  path: string;
  /** The `Auth:` text or the table cell, as written; undefined when the section says nothing. */
  auth: string | undefined;
  /** The `###` heading it is documented under. */
  section: string;
}

export interface DocumentedCommand {
  event: string;
  needs: string;
}

interface Section {
  heading: string;
  lines: string[];
}

interface Table {
  header: string[];
  rows: string[][];
}

const routeInCode = /`(GET|POST|PUT|PATCH|DELETE) (\/[^`\s?]*)[^`]*`/g;

/** The `###` sections of the `## <part>.` part of the document. */
function sectionsOf(markdown: string, part: number): Section[] {
  const sections: Section[] = [];
  let inPart = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('## ')) inPart = line.startsWith(`## ${part}.`);
    else if (inPart && line.startsWith('### ')) sections.push({ heading: line.slice(4).trim(), lines: [] });
    else if (inPart) sections.at(-1)?.lines.push(line);
  }
  return sections;
}

/** A row's cells: split at `|`, except an escaped `\|` inside a cell. */
const cellsOf = (line: string) =>
  line.trim().replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/).map((cell) => cell.trim());

function tablesOf(lines: string[]): Table[] {
  const tables: Table[] = [];
  let block: string[] = [];
  for (const line of [...lines, '']) {
    if (line.trim().startsWith('|')) {
      block.push(line);
      continue;
    }
    if (block.length >= 2) tables.push({ header: cellsOf(block[0]!).map((c) => c.toLowerCase()), rows: block.slice(2).map(cellsOf) });
    block = [];
  }
  return tables;
}

/** Every route part 2 documents, with who may call it as written. */
export function documentedRoutes(markdown: string): DocumentedRoute[] {
  const routes: DocumentedRoute[] = [];
  for (const { heading, lines } of sectionsOf(markdown, 2)) {
    const auth = lines.find((l) => l.startsWith('Auth:'))?.slice('Auth:'.length).trim();
    for (const [, method, path] of heading.matchAll(routeInCode)) routes.push({ method: method!, path: path!, auth, section: heading });
    for (const table of tablesOf(lines)) {
      const routeColumn = table.header.findIndex((h) => h === 'route' || h === 'request');
      const authColumn = table.header.findIndex((h) => h === 'role' || h === 'auth');
      if (routeColumn < 0) continue;
      for (const row of table.rows) {
        const [found] = (row[routeColumn] ?? '').matchAll(routeInCode);
        if (!found) continue;
        routes.push({ method: found[1]!, path: found[2]!, auth: authColumn < 0 ? auth : row[authColumn], section: heading });
      }
    }
  }
  return routes;
}

/** The socket commands of part 3's commands table, with what each needs as written. */
export function documentedCommands(markdown: string): DocumentedCommand[] {
  const commands: DocumentedCommand[] = [];
  for (const { lines } of sectionsOf(markdown, 3)) {
    for (const table of tablesOf(lines)) {
      const [event, needs] = [table.header.indexOf('event'), table.header.indexOf('needs')];
      if (event < 0 || needs < 0) continue;
      for (const row of table.rows) commands.push({ event: (row[event] ?? '').replace(/`/g, ''), needs: row[needs] ?? '' });
    }
  }
  return commands;
}

const vocabulary: [RegExp, Rule][] = [
  [/^(none|optional)\b/, 'open'],
  [/^listen\b/, 'listen'],
  [/^issue\b/, 'issue'],
  [/^(desk|clerk)\b/, 'desk'],
  [/^(reports|manager)\b/, 'reports'],
  [/^network admin\b/, 'network'],
  [/^admin\b/, 'admin'],
  [/^a session\b/, 'staff'],
  [/^a device token\b/, 'device'],
  [/^rate\b/, 'rate'],
];

/** The rule an `Auth:` text or cell states, or undefined when it says none of the words above first. */
export function ruleOf(auth: string | undefined): Rule | undefined {
  const text = (auth ?? '').replace(/`/g, '').trim().toLowerCase();
  return vocabulary.find(([words]) => words.test(text))?.[1];
}

/** A path pattern with its parameters' names left out, so `/api/devices/:id` is `/api/devices/:deviceId`. */
export const pathShape = (path: string) => path.replace(/:[A-Za-z]+|<[A-Za-z]+>/g, ':');
