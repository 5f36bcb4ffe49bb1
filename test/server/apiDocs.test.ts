import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { createApp } from '../../server/http/app.ts';
import { callerTokens, commandRefusals, commandTable, routeRefusals, type CallerName, type Rule } from '../helpers/accessRules.ts';
import { documentedCommands, documentedRoutes, pathShape, ruleOf, type DocumentedRoute } from '../helpers/apiDocs.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { listRoutes, routeKey, type RouteEntry } from '../helpers/routes.ts';

/**
 * docs/api.md against the hub: every route and socket command the document describes is walked with every kind
 * of caller, and the hub must refuse exactly those the document's `Auth:` lines and tables say it refuses (401
 * for nobody, 403 for a lower role or the wrong kind of device). A client written from the document alone then
 * meets no 401 it was not told about. test/helpers/apiDocs.ts says how the document states who may call what.
 */

const apiDocsPath = fileURLToPath(new URL('../../docs/api.md', import.meta.url));

describe('docs/api.md: who may call each route and command, as the hub answers it', function () {
  this.timeout(120_000);
  let markdown: string;
  let hub: TestHub;
  let tokens: Record<CallerName, string | undefined>;
  let apiRoutes: RouteEntry[];

  const hubRouteOf = (doc: DocumentedRoute) => apiRoutes.find((r) => r.method === doc.method && pathShape(r.path) === pathShape(doc.path));
  const named = (doc: DocumentedRoute) => `${doc.method} ${doc.path} (${doc.section})`;

  before(async () => {
    markdown = await readFile(apiDocsPath, 'utf8');
    hub = await startTestHub();
    tokens = await callerTokens(hub);
    apiRoutes = listRoutes(createApp(hub.hub.network)).filter((r) => r.path.startsWith('/api/') || r.path === '/metrics');
  });

  after(async () => {
    await hub.close();
  });

  it('documents every /api route of the hub, and no route the hub lacks', () => {
    const documented = documentedRoutes(markdown);
    expect(documented.length, 'the reader found the routes').to.be.above(40);
    expect(apiRoutes.filter((r) => !documented.some((d) => hubRouteOf(d) === r)).map(routeKey), 'routes the document leaves out').to.deep.equal([]);
    expect(documented.filter((d) => !hubRouteOf(d)).map(named), 'documented routes the hub lacks').to.deep.equal([]);
  });

  it('says who may call each route, once, in words the reader knows', () => {
    const documented = documentedRoutes(markdown);
    expect(documented.filter((d) => !ruleOf(d.auth)).map((d) => `${named(d)}: "${d.auth ?? 'no Auth: line'}"`), 'unreadable').to.deep.equal([]);
    const rules = new Map<string, Set<Rule | undefined>>();
    for (const d of documented) rules.set(`${d.method} ${pathShape(d.path)}`, (rules.get(`${d.method} ${pathShape(d.path)}`) ?? new Set()).add(ruleOf(d.auth)));
    expect([...rules].filter(([, said]) => said.size > 1).map(([route]) => route), 'documented twice, differently').to.deep.equal([]);
  });

  it('the hub refuses exactly the callers the document says it refuses, on every documented route', async () => {
    const table: Record<string, Rule> = {};
    for (const doc of documentedRoutes(markdown)) {
      const route = hubRouteOf(doc);
      const rule = ruleOf(doc.auth);
      if (route && rule) table[routeKey(route)] = rule;
    }
    expect(Object.keys(table).length).to.be.above(40);
    expect(await routeRefusals(hub, tokens, table)).to.deep.equal([]);
  });

  it('documents every socket command with what it needs, and the hub answers each caller as documented', async () => {
    const documented = documentedCommands(markdown);
    expect(documented.map((c) => c.event).sort()).to.deep.equal(Object.keys(commandTable).sort());
    expect(documented.filter((c) => !ruleOf(c.needs)).map((c) => `${c.event}: "${c.needs}"`), 'unreadable').to.deep.equal([]);
    const table = Object.fromEntries(documented.map((c) => [c.event, ruleOf(c.needs)!]));
    expect(await commandRefusals(hub, tokens, table)).to.deep.equal([]);
  });
});
