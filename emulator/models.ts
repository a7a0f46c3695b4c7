/**
 * Model versions the emulator serves through GetModelVersion: what one replica needs
 * (`inference_compute_info`, API field names), read by the provider's fit check at preview.
 *
 * Seeds: the models of Clarifai's docs and of this repository's examples. Only
 * Llama-3_2-3B-Instruct's compute info is observed (reference §6.7, a GetDeployment print that
 * expands the model version); the others are realistic stand-ins. `Llama-3_1-405B-Instruct` needs
 * more accelerator memory per accelerator (192Gi) than any single GPU of the catalogue (the largest is
 * the B200's 183359Mi), so no nodepool can hold it. `general-image-recognition` reports no needs
 * (the fit check skips it). More are added with `POST /_emulator/models` (control.ts).
 */
import type { CatalogueComputeInfo } from "./catalogue";

/** ComputeInfo as the API writes it (catalogue.ts's fields plus the runner's requests). */
export interface ModelComputeInfo extends CatalogueComputeInfo {
  cpu_requests?: string;
  cpu_memory_requests?: string;
}

export interface ModelVersionSeed {
  user_id: string;
  app_id: string;
  model_id: string;
  version_id: string;
  inference_compute_info?: ModelComputeInfo;
}

export const MODEL_VERSIONS: ModelVersionSeed[] = [
  {
    user_id: "stepfun-ai",
    app_id: "ocr",
    model_id: "got-ocr-2_0",
    version_id: "5d92321db5d341b5b4cf407ab34f618f",
    inference_compute_info: { cpu_limit: "2", cpu_memory: "8Gi", num_accelerators: 1, accelerator_memory: "12Gi", accelerator_type: ["NVIDIA-*"] },
  },
  {
    user_id: "meta",
    app_id: "Llama-3",
    model_id: "Llama-3_2-3B-Instruct",
    version_id: "fe271b43266a45a5b068766b6437687f",
    // Observed (reference §6.7).
    inference_compute_info: {
      cpu_limit: "3",
      cpu_memory: "14Gi",
      num_accelerators: 1,
      accelerator_memory: "21Gi",
      accelerator_type: ["NVIDIA-A10G", "NVIDIA-L40S", "NVIDIA-A100", "NVIDIA-H100"],
    },
  },
  {
    user_id: "meta",
    app_id: "Llama-3",
    model_id: "Llama-3_1-405B-Instruct",
    version_id: "b1f2e3d4c5a64789a0b1c2d3e4f5a6b7",
    inference_compute_info: { cpu_limit: "16", cpu_memory: "200Gi", num_accelerators: 8, accelerator_memory: "192Gi", accelerator_type: ["NVIDIA-*"] },
  },
  {
    // The docs' deployment_config.yaml model: a CPU model.
    user_id: "clarifai",
    app_id: "main",
    model_id: "apparel-clusterering",
    version_id: "cc911f6b0ed748efb89e3d1359c146c4",
    inference_compute_info: { cpu_limit: "1", cpu_memory: "2Gi" },
  },
  { user_id: "clarifai", app_id: "main", model_id: "general-image-recognition", version_id: "aa7f35c01e0642fda5cf400f543e7c40" },
];

export function modelVersionKey(m: Pick<ModelVersionSeed, "user_id" | "app_id" | "model_id" | "version_id">): string {
  return `${m.user_id}/${m.app_id}/${m.model_id}/${m.version_id}`;
}
