/**
 * GetModelVersion: a model version and what one replica needs (`inference_compute_info`). Models of
 * other users are public in Clarifai (the docs deploy `meta`'s and `stepfun-ai`'s), so any path user
 * is served; the seeds and the control plane's additions are the only models (emulator/models.ts).
 */
import type { Obj } from "../json";
import { ApiError } from "../status";
import { MODEL_VERSIONS, modelVersionKey } from "../models";
import { clone, type Handler } from "./context";

const GetModelVersion: Handler = (req, ctx) => {
  const ids = req.user_app_id as Obj | undefined;
  const key = { user_id: String(ids?.user_id ?? ""), app_id: String(ids?.app_id ?? ""), model_id: String(req.model_id ?? ""), version_id: String(req.version_id ?? "") };
  const k = modelVersionKey(key);
  const found = ctx.store.models.find((m) => modelVersionKey(m) === k) ?? MODEL_VERSIONS.find((m) => modelVersionKey(m) === k);
  if (!found) throw new ApiError("MODEL_DOES_NOT_EXIST", `Model version '${key.version_id}' of model '${key.user_id}/${key.app_id}/${key.model_id}' not found`);
  const version: Obj = { id: found.version_id, app_id: found.app_id, user_id: found.user_id, status: { code: 21100, description: "Model is trained and ready for deployment" } };
  if (found.inference_compute_info) version.inference_compute_info = clone(found.inference_compute_info) as Obj;
  return { model_version: version };
};

export const handlers: Record<string, Handler> = { GetModelVersion };
