// The gRPC runtime and Pulumi's generated protocol stubs, taken from the installed @pulumi/pulumi
// (as scripts/language-host does): the stubs and the grpc library must be the very copies that were
// generated and tested together, and pulumi-clarifai then needs no gRPC dependency of its own.
import * as path from "path";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import type * as pluginPb from "@pulumi/pulumi/proto/plugin_pb";
import type * as enginePb from "@pulumi/pulumi/proto/engine_pb";
import type * as structPb from "google-protobuf/google/protobuf/struct_pb";
import type * as emptyPb from "google-protobuf/google/protobuf/empty_pb";
import type * as anyPb from "google-protobuf/google/protobuf/any_pb";
import type * as statusPb from "@pulumi/pulumi/proto/status_pb";

const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const fromSdk = <T>(id: string): T => require(require.resolve(id, { paths: [sdkDir] })) as T;

export const grpc = fromSdk<typeof grpcTypes>("@grpc/grpc-js");
export const provider = fromSdk<typeof providerPb>("@pulumi/pulumi/proto/provider_pb");
export const plugin = fromSdk<typeof pluginPb>("@pulumi/pulumi/proto/plugin_pb");
export const engine = fromSdk<typeof enginePb>("@pulumi/pulumi/proto/engine_pb");
export const struct = fromSdk<typeof structPb>("google-protobuf/google/protobuf/struct_pb");
export const empty = fromSdk<typeof emptyPb>("google-protobuf/google/protobuf/empty_pb");
export const any = fromSdk<typeof anyPb>("google-protobuf/google/protobuf/any_pb");
export const status = fromSdk<typeof statusPb>("@pulumi/pulumi/proto/status_pb");
export const providerService = fromSdk<{ ResourceProviderService: grpcTypes.ServiceDefinition }>("@pulumi/pulumi/proto/provider_grpc_pb").ResourceProviderService;
export const engineClient = fromSdk<{ EngineClient: new (address: string, creds: grpcTypes.ChannelCredentials) => EngineClient }>(
  "@pulumi/pulumi/proto/engine_grpc_pb",
).EngineClient;

export interface EngineClient {
  log(req: enginePb.LogRequest, cb: (err: Error | null) => void): void;
  close(): void;
}
