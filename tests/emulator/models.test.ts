// GetModelVersion and the control plane's POST /_emulator/models (emulator/models.ts).
import { ClarifaiClient } from "../../provider/client";
import { PAT, USER, emulatorSuite } from "../support/emulator";

const suite = emulatorSuite();
const control = (body: unknown) =>
  fetch(`${suite.emu.url}/_emulator/models`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }).then(async (r) => ({ http: r.status, body: await r.json() }));

describe("GetModelVersion", () => {
  it("serves the seeded models of any user, with what one replica needs", async () => {
    const r = await suite.call("GET", "/v2/users/meta/apps/Llama-3/models/Llama-3_2-3B-Instruct/versions/fe271b43266a45a5b068766b6437687f");
    expect(r.http).toBe(200);
    expect(r.body.model_version).toMatchObject({
      id: "fe271b43266a45a5b068766b6437687f",
      user_id: "meta",
      app_id: "Llama-3",
      inference_compute_info: { cpu_limit: "3", cpu_memory: "14Gi", num_accelerators: 1, accelerator_memory: "21Gi", accelerator_type: ["NVIDIA-A10G", "NVIDIA-L40S", "NVIDIA-A100", "NVIDIA-H100"] },
    });
    const none = await suite.call("GET", "/v2/users/clarifai/apps/main/models/general-image-recognition/versions/aa7f35c01e0642fda5cf400f543e7c40");
    expect(none.body.model_version.inference_compute_info).toBeUndefined();
  });

  it("answers 404 MODEL_DOES_NOT_EXIST for another version, and the client reads that as absent", async () => {
    const r = await suite.call("GET", "/v2/users/meta/apps/Llama-3/models/Llama-3_2-3B-Instruct/versions/nope");
    expect([r.http, r.body.status.code]).toEqual([404, 21200]);
    const c = new ClarifaiClient({ pat: PAT, userId: USER, apiBase: suite.emu.url });
    expect(await c.getModelVersion("meta", "Llama-3", "Llama-3_2-3B-Instruct", "nope")).toBeUndefined();
    expect(await c.getModelVersion("stepfun-ai", "ocr", "got-ocr-2_0", "5d92321db5d341b5b4cf407ab34f618f")).toMatchObject({
      id: "5d92321db5d341b5b4cf407ab34f618f",
      inference_compute_info: { cpu_limit: "2", cpu_memory: "8Gi", num_accelerators: 1, accelerator_memory: "12Gi", accelerator_type: ["NVIDIA-*"] },
    });
  });

  it("serves model versions added through the control plane, in the API's field names, strictly", async () => {
    const m = { user_id: "acme", app_id: "llm", model_id: "big", version_id: "v1", inference_compute_info: { num_accelerators: 2, accelerator_memory: "80Gi", accelerator_type: ["NVIDIA-H100"] } };
    expect((await control(m)).http).toBe(200);
    const r = await suite.call("GET", "/v2/users/acme/apps/llm/models/big/versions/v1");
    expect(r.body.model_version.inference_compute_info).toEqual(m.inference_compute_info);
    expect(await control({ ...m, extra: 1 })).toEqual({ http: 400, body: { error: expect.stringMatching(/unknown field\(s\) extra/) } });
    expect((await control({ ...m, inference_compute_info: { accelerator_memory: 80 } })).http).toBe(400);
    expect((await control({ ...m, inference_compute_info: { gpu_memory: "80Gi" } })).http).toBe(400);
    expect((await control({ ...m, version_id: "" })).http).toBe(400);
    suite.emu.reset();
    expect((await suite.call("GET", "/v2/users/acme/apps/llm/models/big/versions/v1")).http).toBe(404);
  });
});
