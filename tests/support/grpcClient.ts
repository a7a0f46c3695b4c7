/**
 * A minimal gRPC client over Node's http2 for the emulator's protocol tests: messages are encoded and
 * decoded with protobufjs from the API definition; framing and trailers are read by hand so the tests
 * can see exactly what went over the wire (and send what a real client would not).
 */
import * as http2 from "http2";
import * as protobuf from "protobufjs";
import { loadProtos } from "../../emulator";

export interface GrpcReply {
  /** grpc-status from the trailers (or trailers-only headers); -1 if the call died without one */
  grpcStatus: number;
  grpcMessage: string;
  headers: http2.IncomingHttpHeaders;
  /** the response message as a plain object (proto names, enums as numbers, 64-bit as strings) */
  message?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** set when the connection or stream failed (faults "drop" / "lost_response") */
  error?: string;
}

export interface CallOptions {
  metadata?: Record<string, string>;
  /** send these bytes as the HTTP/2 body instead of a framed request message */
  rawBody?: Buffer;
  contentType?: string;
  /** override the :path (default /clarifai.api.V2/<rpc>) */
  path?: string;
}

function frame(bytes: Uint8Array): Buffer {
  const out = Buffer.alloc(5 + bytes.length);
  out.writeUInt32BE(bytes.length, 1);
  Buffer.from(bytes).copy(out, 5);
  return out;
}

/** One unary call on its own HTTP/2 connection. */
export function grpcCall(url: string, rpc: string, request: object, opts: CallOptions = {}): Promise<GrpcReply> {
  const protos = loadProtos();
  const method = protos.service.methods[rpc] as protobuf.Method | undefined;
  const body = opts.rawBody ?? (method ? frame((method.resolvedRequestType as protobuf.Type).encode((method.resolvedRequestType as protobuf.Type).fromObject(request)).finish()) : frame(new Uint8Array()));
  return new Promise((resolve) => {
    const session = http2.connect(url);
    let settled = false;
    const finish = (r: GrpcReply): void => {
      if (settled) return;
      settled = true;
      session.close();
      resolve(r);
    };
    session.on("error", (e) => finish({ grpcStatus: -1, grpcMessage: "", headers: {}, error: e.message }));
    const stream = session.request({
      ":method": "POST",
      ":path": opts.path ?? `/clarifai.api.V2/${rpc}`,
      "content-type": opts.contentType ?? "application/grpc",
      te: "trailers",
      ...(opts.metadata ?? {}),
    });
    let headers: http2.IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    stream.on("response", (h) => (headers = h));
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("trailers", (t) => (headers = { ...headers, ...t }));
    stream.on("error", (e) => finish({ grpcStatus: -1, grpcMessage: "", headers, error: e.message }));
    stream.on("close", () => {
      if (headers["grpc-status"] === undefined) return finish({ grpcStatus: -1, grpcMessage: "", headers, error: "closed without grpc-status" });
      const data = Buffer.concat(chunks);
      let message: unknown;
      if (data.length >= 5 && method) {
        const t = method.resolvedResponseType as protobuf.Type;
        message = t.toObject(t.decode(data.subarray(5, 5 + data.readUInt32BE(1))), { longs: String, enums: Number, bytes: String });
      }
      finish({ grpcStatus: Number(headers["grpc-status"]), grpcMessage: decodeURIComponent(String(headers["grpc-message"] ?? "")), headers, message });
    });
    stream.end(body);
  });
}
