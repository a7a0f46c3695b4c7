// The state store of the fleet: an Azure Blob container, which Pulumi's `azblob://` backend speaks. Against
// Azure, create the container once (`az storage container create`); against Azurite (a local Azure Blob
// server, `npx azurite-blob`), `ensureContainer` does it with one signed request.
import { createHmac } from "crypto";

/** Where the state lives and how the CLI reaches it. */
export interface BlobStore {
  /** `http://127.0.0.1:10000` for Azurite; absent for Azure itself. */
  endpoint?: string;
  account: string;
  /** The account's shared key (base64), read by the CLI from AZURE_STORAGE_KEY. */
  key: string;
  container: string;
}

/**
 * The backend URL and the environment the Pulumi CLI needs for `store`. For a local endpoint the
 * account goes in the path (`http://host:port/<account>`), which the `localemu` query asks for.
 */
export function backendOf(store: BlobStore): { url: string; env: Record<string, string> } {
  const env = { AZURE_STORAGE_ACCOUNT: store.account, AZURE_STORAGE_KEY: store.key };
  if (!store.endpoint) return { url: `azblob://${store.container}`, env };
  const u = new URL(store.endpoint);
  const query = new URLSearchParams({ domain: u.host, protocol: u.protocol.replace(":", ""), localemu: "true" });
  return { url: `azblob://${store.container}?${query}`, env };
}

/** Creates the container on a local endpoint when it is missing (Shared Key authorization, one PUT). */
export async function ensureContainer(store: BlobStore): Promise<void> {
  if (!store.endpoint) throw new Error("ensureContainer is for a local endpoint (Azurite); create an Azure container with `az storage container create`");
  const path = `/${store.account}/${store.container}`;
  const date = new Date().toUTCString();
  const version = "2021-10-04";
  // Shared Key string to sign: the verb, eleven standard headers (all empty here but Content-Length 0
  // is sent as empty too), the x-ms- headers, then the resource with its query.
  const toSign = ["PUT", "", "", "", "", "", "", "", "", "", "", "", `x-ms-date:${date}\nx-ms-version:${version}`, `/${store.account}${path}\nrestype:container`].join("\n");
  const signature = createHmac("sha256", Buffer.from(store.key, "base64")).update(toSign, "utf8").digest("base64");
  const res = await fetch(`${store.endpoint}${path}?restype=container`, {
    method: "PUT",
    headers: { "x-ms-date": date, "x-ms-version": version, authorization: `SharedKey ${store.account}:${signature}` },
  });
  if (res.status !== 201 && res.status !== 409) throw new Error(`creating container ${store.container}: HTTP ${res.status} ${await res.text()}`);
}
