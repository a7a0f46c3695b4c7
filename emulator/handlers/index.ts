/** Handlers by RPC name (the names come from service.proto; routes are derived in protos.ts). */
import type { Handler } from "./context";
import * as computeClusters from "./computeClusters";
import * as nodepools from "./nodepools";
import * as deployments from "./deployments";
import * as lookups from "./lookups";
import * as models from "./models";
import * as runners from "./runners";
import * as logEntries from "./logEntries";
import * as users from "./users";

export const HANDLERS: Record<string, Handler> = {
  ...computeClusters,
  ...nodepools,
  ...deployments,
  ...lookups,
  ...models,
  ...runners,
  ...logEntries,
  ...users,
};
