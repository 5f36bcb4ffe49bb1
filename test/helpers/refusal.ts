import { expect } from 'chai';

/** The message of the error `work` is refused with; fails the test when it is not refused. */
export async function refusal(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
  } catch (err) {
    return (err as Error).message;
  }
  return expect.fail('expected the work to be refused');
}
