/**
 * One TCP port, two protocols. Each new connection is sniffed: a client that opens with the HTTP/2
 * connection preface ("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n": gRPC over cleartext HTTP/2 with prior
 * knowledge, as Clarifai's Python SDK does for an http:// base) goes to the HTTP/2 server; anything
 * else goes to the HTTP/1.1 server. So one base URL serves REST and gRPC. Node's
 * `http2.createServer({allowHTTP1})` only falls back on TLS (ALPN), hence the sniffing.
 */
import * as http from "http";
import * as http2 from "http2";
import * as net from "net";

const PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1");

export class DualProtocolListener {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(
    private readonly http1: http.Server,
    private readonly h2: http2.Http2Server,
  ) {
    // noDelay as Node's http server sets it: small gRPC frames must not wait for Nagle.
    this.server = net.createServer({ noDelay: true }, (socket) => this.sniff(socket));
  }

  private sniff(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.once("close", () => this.sockets.delete(socket));
    let seen = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      seen = Buffer.concat([seen, chunk]);
      const n = Math.min(seen.length, PREFACE.length);
      const prefixMatches = seen.subarray(0, n).equals(PREFACE.subarray(0, n));
      if (prefixMatches && seen.length < PREFACE.length) return; // need more bytes to decide
      socket.removeListener("data", onData);
      socket.pause();
      socket.unshift(seen);
      if (prefixMatches) {
        // The HTTP/2 session reads what is already buffered on the socket.
        this.h2.emit("connection", socket);
      } else {
        this.http1.emit("connection", socket);
        // The HTTP/1 parser listens for "data"; the socket was paused above, so let it flow again.
        socket.resume();
      }
    };
    socket.on("data", onData);
    socket.on("error", () => socket.destroy());
  }

  listen(port: number, host: string): Promise<net.AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => {
        this.server.removeListener("error", reject);
        resolve(this.server.address() as net.AddressInfo);
      });
    });
  }

  /** Stop listening and end every open connection (REST keep-alive and gRPC sessions alike). */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
      this.sockets.clear();
    });
  }
}
