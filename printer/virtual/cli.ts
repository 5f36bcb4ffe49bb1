/**
 * A virtual ticket printer on the command line, for demos and manual checks:
 *
 *   node --import tsx printer/virtual/cli.ts --port 9100 [--host 127.0.0.1] [--columns 48] [--paper-out] [--save-dir DIR]
 *
 * Point a kiosk's printer at tcp://127.0.0.1:9100 and each ticket it prints appears here as text.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { paperStatus } from '../escpos/commands.ts';
import { saveTicketPreview, ticketPreview } from './preview.ts';
import { VirtualPrinter } from './virtualPrinter.ts';

const usage = 'usage: cli.ts [--port 9100] [--host 127.0.0.1] [--columns 32|48] [--paper-out] [--save-dir DIR]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '9100' },
      host: { type: 'string', default: '127.0.0.1' },
      columns: { type: 'string', default: '48' },
      'paper-out': { type: 'boolean', default: false },
      'save-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(usage);
  const port = Number(values.port);
  const columns = Number(values.columns);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535\n${usage}`);
  if (!Number.isInteger(columns) || columns < 16 || columns > 80) throw new Error(`--columns must be 16-80\n${usage}`);
  const saveDir = values['save-dir'];
  if (saveDir !== undefined) await mkdir(saveDir, { recursive: true });

  const printer = await VirtualPrinter.start({
    host: values.host,
    port,
    paperStatusByte: values['paper-out'] ? paperStatus.ok | paperStatus.paperEnd : paperStatus.ok,
  });
  console.log(`virtual printer listening on ${printer.url}${values['paper-out'] ? ' (reporting paper out)' : ''}`);
  printer.on('ticket', (ticket) => {
    const n = printer.tickets.length;
    console.log(`ticket ${n} (${ticket.bytes.length} bytes, ${ticket.codePage})`);
    process.stdout.write(ticketPreview(ticket, columns));
    if (ticket.unknownCommands.length > 0) console.log(`unknown commands: ${ticket.unknownCommands.join(', ')}`);
    if (saveDir !== undefined) void saveTicketPreview(ticket, join(saveDir, `ticket-${n}.txt`), columns);
  });
  const stop = () => void printer.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
