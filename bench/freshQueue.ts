import { HubClient, timedGet } from './clients.ts';

/**
 * `GET /api/queue` right after a change, nothing kept: one ticket more, then one GET, `rounds` times; the time to each
 * answer's first byte (the hub's work before it sends) and to its last. Run by bench/restLoad.ts in a process of its
 * own (like the hub and the bare servers), so that the collector of the bench's process, full of autocannon's
 * answers, does not pause while a 1.6 MB answer arrives; only the last answer is parsed, for the same reason.
 *   node --import tsx bench/freshQueue.ts <hub url> <staff token> <rounds> <service id>…  → JSON on stdout
 */
export async function freshQueueTimes(url: string, token: string, services: readonly string[], rounds: number): Promise<{ bodyMs: number[]; firstByteMs: number[] }> {
  const client = new HubClient(url);
  const bodyMs: number[] = [];
  const firstByteMs: number[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const issued = await client.request('POST', '/api/tickets', { serviceId: services[i % services.length] }, token);
      if (issued.status !== 201) throw new Error(`POST /api/tickets: ${issued.status}`);
      // Every answer is checked against its Content-Length; the last is also parsed.
      const answer = await timedGet(`${url}/api/queue`, { authorization: `Bearer ${token}` }, { parse: i === rounds - 1 });
      if (answer.status !== 200) throw new Error(`GET /api/queue: ${answer.status}`);
      bodyMs.push(answer.bodyMs);
      firstByteMs.push(answer.firstByteMs);
    }
  } finally {
    client.close();
  }
  return { bodyMs, firstByteMs };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [url, token, rounds, ...services] = process.argv.slice(2);
  console.log(JSON.stringify(await freshQueueTimes(url!, token!, services, Number(rounds))));
}
