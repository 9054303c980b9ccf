import * as http from 'http';
import type { AddressInfo } from 'net';

/** One request the proxy did not forward. */
export interface Refusal {
  readonly method: string;
  readonly target: string;
  readonly reason: string;
}

/** A running forward proxy on 127.0.0.1. */
export interface EmulatorProxy {
  readonly port: number;
  readonly url: string;
  /** Everything refused so far (must be empty at the end of a run). */
  readonly refusals: readonly Refusal[];
  /** Requests forwarded so far. */
  forwarded(): number;
  stop(): Promise<void>;
}

/** `<account-id>.127.0.0.1`: the host S3 Control puts in front of a custom endpoint. */
const S3_CONTROL_HOST = /^(\d{12})\.127\.0\.0\.1$/;
const ABSOLUTE_URL = /^http:\/\/([^/:?#]+)(?::(\d+))?(\/[^#]*)?$/;
const REGION_IN_SCOPE = /Credential=[^/]+\/\d{8}\/([^/]+)\//;

/**
 * Where the proxy sends a request for `host:port`, or undefined to refuse it. Only the emulator's own port on
 * loopback is served; an S3 Control name is forwarded with the Host moto routes to its S3 Control backend.
 */
export function forwardTarget(host: string, port: number, emulatorPort: number, authorization: string | undefined): { hostHeader: string } | undefined {
  if (port !== emulatorPort) return undefined;
  if (host === '127.0.0.1' || host === 'localhost') return { hostHeader: `127.0.0.1:${emulatorPort}` };
  const account = S3_CONTROL_HOST.exec(host)?.[1];
  if (!account) return undefined;
  const region = REGION_IN_SCOPE.exec(authorization ?? '')?.[1] ?? 'us-east-1';
  return { hostHeader: `${account}.s3-control.${region}.amazonaws.com` };
}

/**
 * Starts an HTTP forward proxy on 127.0.0.1 (free port) that forwards only to the emulator at `emulatorPort` and
 * refuses (and records) everything else, including every CONNECT tunnel (a request meant for real AWS over TLS).
 */
export function startProxy(emulatorPort: number): Promise<EmulatorProxy> {
  const refusals: Refusal[] = [];
  let forwarded = 0;
  const server = http.createServer((req, res) => {
    // Parsed by hand: WHATWG URL rejects `<account-id>.127.0.0.1` (a host ending in a number must be an IPv4 address).
    const parsed = ABSOLUTE_URL.exec(req.url ?? '');
    if (!parsed) {
      refusals.push({ method: req.method ?? '?', target: req.url ?? '', reason: 'not an absolute http:// request target' });
      res.writeHead(400).end();
      return;
    }
    const hostname = parsed[1]!;
    const port = Number(parsed[2] ?? 80);
    const pathAndQuery = parsed[3] ?? '/';
    const target = forwardTarget(hostname, port, emulatorPort, req.headers.authorization);
    if (!target) {
      refusals.push({ method: req.method ?? '?', target: `${hostname}:${port}${pathAndQuery.split('?')[0]}`, reason: 'not the emulator' });
      res.writeHead(403, { 'content-type': 'text/plain' }).end('emulator proxy: refused (not the emulator)\n');
      return;
    }
    forwarded += 1;
    const upstream = http.request(
      { host: '127.0.0.1', port: emulatorPort, method: req.method, path: pathAndQuery, headers: { ...req.headers, host: target.hostHeader } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      res.writeHead(502).end(String(error));
    });
    req.pipe(upstream);
  });
  server.on('connect', (req: http.IncomingMessage, socket) => {
    refusals.push({ method: 'CONNECT', target: req.url ?? '', reason: 'TLS tunnel (real AWS endpoint)' });
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        port,
        url: `http://127.0.0.1:${port}`,
        refusals,
        forwarded: () => forwarded,
        stop: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
