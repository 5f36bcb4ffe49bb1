import { createServer } from 'node:http';
import express from 'express';

/**
 * The two baselines of the REST bench, each run in its own process (bench/restLoad.ts starts them):
 * `bare-node`, a Node `http` server answering a fixed JSON, and `bare-express`, an Express 5 app with
 * one route answering the same JSON after `express.json()`. Both read a request's body (a POST sends
 * one) before answering. Listens on 127.0.0.1 on a free port and prints it on the first line of stdout.
 */

const answer = JSON.stringify({ status: 'ok' });
const kind = process.argv[2];

function listening(server: ReturnType<typeof createServer>): void {
  server.listen(0, '127.0.0.1', () => console.log(String((server.address() as { port: number }).port)));
}

if (kind === 'bare-node') {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(answer) });
      res.end(answer);
    });
  });
  listening(server);
} else if (kind === 'bare-express') {
  const app = express();
  app.use(express.json());
  app.all('/bench', (_req, res) => {
    res.json({ status: 'ok' });
  });
  listening(createServer(app));
} else {
  console.error('usage: bareHttp.ts bare-node|bare-express');
  process.exit(2);
}
