import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterSection, type ClusterFigures, type ClusterSettings } from '../../bench/clusterBench.ts';
import { builtHub } from '../../bench/hubProcess.ts';
import { firstPassOnly, skipWithoutPostgres } from '../helpers/postgres.ts';

/** The cluster section of the bench (bench/clusterBench.ts) in miniature, so that it cannot rot: 2 nodes, 3 offices, 6 displays. No timing is asserted. */
const tiny: ClusterSettings = {
  nodes: 2,
  offices: 3,
  displaysPerOffice: 2,
  issueEverySeconds: 1,
  peakSeconds: 4,
  burstConcurrency: 4,
  burstSeconds: 1,
  afterFailoverSeconds: 1,
  rawCommits: 50,
  maxConnections: 200,
};

describe('bench: a cluster of hub nodes serving several offices (section 5, in miniature)', function () {
  this.timeout(180_000);
  let parent: string;
  let figures: ClusterFigures;

  before(async function () {
    firstPassOnly(this);
    skipWithoutPostgres(this);
    if (!existsSync(builtHub)) throw new Error(`${builtHub} is missing: run \`npm run build\` first (npm test does).`);
    parent = await mkdtemp(join(tmpdir(), 'pc-bench-cluster-'));
    await chmod(parent, 0o755); // mkdtemp's 0700 would keep the postgres user out
    const section = await clusterSection(parent, tiny, () => undefined);
    if ('skipped' in section) throw new Error(section.skipped);
    figures = section;
  });

  after(async () => {
    if (parent) await rm(parent, { recursive: true, force: true });
  });

  it('creates the offices and spreads them over the nodes, every display joined', () => {
    expect(figures.createOffices.count).to.equal(3);
    expect(figures.createOffices.each.count).to.equal(3);
    expect(Object.keys(figures.spread.owned).sort()).to.deep.equal(['node-1', 'node-2']);
    expect(Object.values(figures.spread.owned).reduce((a, b) => a + b)).to.equal(4); // and the default office
    expect(figures.displays.sockets).to.equal(6);
    expect(figures.displays.perNode).to.deep.equal({ 'node-1': 3, 'node-2': 3 });
  });

  it('issues and calls in every phase, and times the pushes at displays of the other node', () => {
    expect(figures.peak.issue.count).to.be.greaterThan(0);
    expect(figures.peak.call.count).to.be.greaterThan(0);
    expect(figures.peak.callToDisplayOtherNode.count).to.be.greaterThan(0);
    expect(figures.peak.callToDisplayOwnerNode.count).to.be.greaterThan(0);
    expect(figures.peak.missedPushes).to.equal(0);
    expect(figures.burst?.issue.count).to.be.greaterThan(0);
  });

  it('kills the node owning most offices, and the other owns them all', () => {
    expect(figures.failover.victimOffices).to.be.greaterThan(0);
    expect(Number.isFinite(figures.failover.everyOfficeOwnedMs)).to.equal(true);
    expect(Object.keys(figures.failover.owned)).to.have.length(1);
    expect(Object.values(figures.failover.owned)[0]).to.equal(4);
  });

  it('finds every acknowledged ticket in PostgreSQL with its number', () => {
    expect(figures.tickets.acknowledged).to.be.greaterThan(0);
    expect(figures.tickets, figures.tickets.examples.join('\n')).to.deep.include({ found: figures.tickets.acknowledged, missing: 0, wrongNumber: 0, duplicates: 0 });
  });

  it('reports memory, CPU, PostgreSQL connections and bare commits, and the three targets', () => {
    expect(Object.keys(figures.rssMb).sort()).to.deep.equal(['node-1', 'node-2']);
    for (const { rss } of Object.values(figures.rssMb)) expect(rss).to.be.greaterThan(0);
    expect(Object.keys(figures.cpuAtPeak).sort()).to.deep.equal(['node-1', 'node-2']);
    expect(figures.connectionsAtPeak.total).to.be.greaterThan(0);
    expect(figures.connectionsAtPeak.byNode['node-1']).to.be.greaterThan(0);
    expect(figures.rawCommit.count).to.equal(50);
    expect(figures.server.fsync).to.equal('on');
    expect(figures.targets.map((t) => t.target)).to.have.length(3);
    expect(figures.officeNames.checked).to.equal(3); // the 3 offices on the one node left
  });
});
