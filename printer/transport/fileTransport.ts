import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { failed, faultFromError, printedOk, type PrintResult } from './printResult.ts';

/**
 * Printing to a device file such as /dev/usb/lp0 (Linux USB printer class). The file is opened for
 * writing without O_CREAT: a missing device is `device-missing`, never a new regular file in /dev.
 *
 * A write to a device that blocks cannot be cancelled: it holds one of libuv's few worker threads until
 * the kernel returns. So after a timeout this printer refuses new jobs (as `timeout`) until the blocked
 * write has returned, instead of piling up blocked threads that the rest of the hub also needs.
 */
export class FilePrinter {
  private blocked: Promise<unknown> | null = null;

  constructor(
    private readonly path: string,
    private readonly label: string,
    private readonly timeoutMs: number,
  ) {}

  async print(bytes: Uint8Array): Promise<PrintResult> {
    if (this.blocked) return failed('timeout', `${this.label}: the previous job is still blocked in the device`);
    const job = writeAll(this.path, bytes).then(
      () => printedOk,
      (error: unknown) => faultFromError(this.label, error),
    );
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), this.timeoutMs)));
    const result = await Promise.race([job, timedOut]);
    clearTimeout(timer);
    if (result !== null) return result;
    this.blocked = job.finally(() => (this.blocked = null));
    return failed('timeout', `${this.label}: the device did not take the job within ${this.timeoutMs} ms`);
  }
}

async function writeAll(path: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(path, constants.O_WRONLY | constants.O_APPEND | constants.O_NOCTTY);
  try {
    await handle.writeFile(bytes);
  } finally {
    await handle.close();
  }
}
