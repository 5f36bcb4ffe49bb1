import { createServer } from 'node:http';
import { Server } from 'socket.io';

/**
 * The raw primitive of the fan-out benchmark: a bare Socket.IO server, run in its own process like the
 * hub. A `go` event from the trigger client is broadcast to every other client as `ticket:called`,
 * payload unchanged; nothing else happens. Prints its port on stdout once it listens.
 */
const http = createServer();
const io = new Server(http, { serveClient: false });
io.on('connection', (socket) => {
  socket.on('go', (payload: unknown, ack: () => void) => {
    socket.broadcast.emit('ticket:called', payload);
    ack();
  });
});
http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  console.log(typeof address === 'object' && address ? address.port : 0);
});
process.once('SIGTERM', () => io.close(() => process.exit(0)));
