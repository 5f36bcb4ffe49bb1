/**
 * What the command-line tools (`npm run users`, `office`, `simulate`, `backup`) share: `--help`, the usage
 * after a wrong command line, and how a run ends.
 */

/** The option every tool takes: `--help` (or `-h`) prints the tool's help and exits 0, touching nothing. */
export const helpOption = { help: { type: 'boolean', short: 'h' } } as const;

/** A wrong command line (a missing or unknown command, a missing argument): the message, then the usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** node:util's parseArgs throws these for an unknown option or a missing value. */
const isParseError = (err: unknown) => String((err as { code?: unknown } | null)?.code ?? '').startsWith('ERR_PARSE_ARGS');

/**
 * Runs a tool's `main` on the process's arguments. Its answer goes to stdout (exit 0). A failure goes to
 * stderr with exit code 1: after a wrong command line the message and the usage (the first line of `help`),
 * otherwise `describeFailure`'s sentence.
 */
export function runCommandLine(
  help: string,
  main: (argv: string[]) => Promise<string>,
  describeFailure: (err: unknown) => string = (err) => (err instanceof Error ? err.message : String(err)),
): void {
  const usage = help.split('\n')[0]!;
  main(process.argv.slice(2)).then(
    (answer) => console.log(answer),
    (err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      const wrongCommandLine = err instanceof UsageError || isParseError(err);
      console.error(wrongCommandLine ? (message ? `${message}\n${usage}` : usage) : describeFailure(err));
      process.exitCode = 1;
    },
  );
}
