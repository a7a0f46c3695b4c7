// The Deployment provider Pulumi stores in state, by reference: package.json exports this file as
// "pulumi-clarifai/dynamic/v1/deployment", so the closure serializer writes a `require()` of that name instead
// of code (sdk/forwarder.ts). A public entry: every state written since 0.2.0 names it, so it stays.
import { forwarder } from "../../forwarder";

export = forwarder("Deployment");
