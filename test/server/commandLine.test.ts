import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';

const run = promisify(execFile);

/** The command-line tools as an operator runs them: `npm run <tool> -- …` is `node --import tsx server/cli/<tool>.ts …`. */
describe('npm run users, office, simulate, backup, migrate-to-postgres: --help and wrong command lines', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'punto-cli-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const cli = async (tool: string, ...args: string[]) => {
    const env = { ...process.env, DB_PATH: join(dir, 'data', 'hub.db') };
    try {
      const file = tool === 'migrate-to-postgres' ? 'migrateToPostgres' : tool;
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', `server/cli/${file}.ts`, ...args], { env });
      return { code: 0, out: stdout.trim(), err: stderr.trim() };
    } catch (err) {
      const failed = err as { code?: number; stdout?: string; stderr?: string };
      return { code: failed.code ?? -1, out: String(failed.stdout).trim(), err: String(failed.stderr).trim() };
    }
  };

  const tools = ['users', 'office', 'simulate', 'backup', 'migrate-to-postgres'] as const;

  for (const tool of tools) {
    it(`${tool}: --help and -h print the usage and what each option does, exit 0, and create no database`, async () => {
      for (const flag of ['--help', '-h']) {
        const help = await cli(tool, flag);
        expect(help.code, help.err).to.equal(0);
        expect(help.err).to.equal('');
        expect(help.out.split('\n')[0]).to.match(new RegExp(`^usage: npm run ${tool} -- `));
        expect(help.out.split('\n').length, 'more than the usage line').to.be.above(2);
      }
      expect(await readdir(dir), 'nothing written').to.deep.equal([]);
    });

    it(`${tool}: an unknown option exits 1 with the message and the usage`, async () => {
      const wrong = await cli(tool, '--colour', 'blue');
      expect(wrong.code).to.equal(1);
      expect(wrong.out).to.equal('');
      const [message, usage, ...more] = wrong.err.split('\n');
      expect(message).to.include("Unknown option '--colour'");
      expect(usage).to.match(new RegExp(`^usage: npm run ${tool} -- `));
      expect(more).to.deep.equal([]);
    });
  }

  it('users and office: no command, or an unknown one, is a wrong command line, answered before any database is opened', async () => {
    for (const tool of ['users', 'office'] as const) {
      const none = await cli(tool);
      expect(none.code).to.equal(1);
      expect(none.err).to.match(new RegExp(`^usage: npm run ${tool} -- `));
      const unknown = await cli(tool, 'dance');
      expect(unknown.code).to.equal(1);
      expect(unknown.err.split('\n')).to.have.length(2);
      expect(unknown.err).to.match(new RegExp(`^Unknown command "dance"\\.\\nusage: npm run ${tool} -- `));
    }
    expect(await readdir(dir), 'nothing written').to.deep.equal([]);
  });
});
