import type http from 'node:http';

/** Starts a server on this machine only (127.0.0.1); resolves to its port (the one given, or the one picked for 0). */
export function listenOnLoopback(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Ends the open event streams, then closes the server and every connection it still holds. */
export function closeLoopback(server: http.Server, streams: Set<http.ServerResponse>): Promise<void> {
  for (const res of streams) res.end();
  streams.clear();
  return new Promise<void>((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}
