"""The quickstart in Python: one cluster in AWS us-east-1, a CPU and a GPU nodepool, a model on the GPUs."""
import pulumi
import pulumi_clarifai as clarifai

config = pulumi.Config()

# docs:start ComputeCluster
# One cluster in AWS us-east-1. Its `key` (a Clarifai PAT the cluster's nodes use) is always a secret.
cluster = clarifai.ComputeCluster(
    "quickstart",
    compute_cluster_id="quickstart-aws-us-east-1",
    cloud_provider="aws",
    region="us-east-1",
    description="pulumi-clarifai quickstart (Python)",
    key=config.get_secret("clusterKey"),
)
# docs:end

# CPU nodes, bought on demand, scaled to zero when idle.
cpu = clarifai.Nodepool(
    "cpu",
    compute_cluster_id=cluster.id,
    nodepool_id="cpu-t3a-2xlarge",
    instance_types=["t3a.2xlarge"],
    min_instances=0,
    max_instances=2,
    capacity=clarifai.Capacity.ON_DEMAND,
)

# The smallest instance type with one A10G GPU that the region offers on spot, found through a look-up.
a10g = clarifai.get_instance_types(cloud_provider="aws", region="us-east-1", accelerator_type="a10g", capacity=clarifai.CapacityType.SPOT)
gpu_type = min(a10g.instance_types, key=lambda t: (t.num_accelerators, t.cpus or 0)).id

# docs:start Nodepool
# A10G GPUs on spot capacity, falling back to on-demand when spot is unavailable.
gpu = clarifai.Nodepool(
    "gpu",
    compute_cluster_id=cluster.id,
    nodepool_id="gpu-a10g",
    instance_types=[gpu_type],
    min_instances=0,
    max_instances=config.get_int("gpuMaxInstances") or 4,
    capacity=clarifai.Capacity.SPOT_WITH_FALLBACK,
)
# docs:end

# docs:start Deployment
# A model served on the GPU nodepool; `pulumi up` waits until its replica is running.
ocr = clarifai.Deployment(
    "ocr",
    deployment_id="quickstart-ocr",
    description="GOT-OCR 2.0 on A10G",
    model=clarifai.ModelRefArgs(user_id="stepfun-ai", app_id="ocr", model_id="got-ocr-2_0", version_id="5d92321db5d341b5b4cf407ab34f618f"),
    nodepools=[gpu.id],
    autoscale=clarifai.AutoscaleArgs(min_replicas=1, max_replicas=2, scale_to_zero_delay_seconds=1800),
)
# docs:end

pulumi.export("computeClusterId", cluster.id)
pulumi.export("clusterKey", cluster.key)
pulumi.export("gpuInstanceType", gpu_type)
pulumi.export("nodepools", {
    "cpu": {"id": cpu.id, "max": cpu.max_instances, "capacity": cpu.capacity},
    "gpu": {"id": gpu.id, "max": gpu.max_instances, "capacity": gpu.capacity},
})
pulumi.export("deployment", {"id": ocr.id, "ready": ocr.ready})
