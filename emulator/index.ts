/**
 * Local Clarifai Compute Orchestration API emulator.
 *
 *   import { startEmulator } from "pulumi-clarifai/emulator";
 *   const emu = await startEmulator({ tokens: ["test-pat"] });
 *   // point the client at emu.url with CLARIFAI_PAT=test-pat, CLARIFAI_USER_ID=emulator-user
 *   await emu.close();
 *
 * Routes and messages are derived from Clarifai's official API definition (clarifai-grpc 12.6.0, api/); see emulator/README.md.
 */
export { startEmulator, Emulator } from "./server";
export type {
  DeletedIdReuse,
  EmulatorOptions,
  EmulatorSettings,
  EmulatorState,
  FaultKind,
  FaultRule,
  ReadinessSettings,
  RequestLogEntry,
  RunningEmulator,
  Stall,
} from "./types";
export { loadProtos } from "./protos";
export { code as statusCode, httpStatusFor } from "./status";
