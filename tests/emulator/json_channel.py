"""The docs' compute-orchestration workflow through Clarifai's official Python client, clarifai-grpc
12.6.0, over its JSON (REST) channel, against the URL in CLARIFAI_API_BASE. Nothing here is ours but the
order of the calls: requests are built by the official generated classes from Clarifai's published YAML
files, encoded and decoded by the official channel. Prints one JSON line per call:
{"step", "code", "description", "object"} (objects as protojson with proto field names), read by
json-channel.test.ts.

The JSON channel cannot fill nested path variables such as {cloud_provider.id}, so ListCloudRegions and
ListInstanceTypes cannot be called through it (it raises before sending); the last step records that.
"""
import json
import os
import sys

import yaml
from clarifai_grpc.channel.clarifai_channel import ClarifaiChannel
from clarifai_grpc.grpc.api import resources_pb2, service_pb2, service_pb2_grpc
from clarifai_grpc.grpc.api.status import status_code_pb2
from google.protobuf import json_format

fixtures = sys.argv[1]
user_id = os.environ["CLARIFAI_USER_ID"]
pat = os.environ["CLARIFAI_PAT"]

stub = service_pb2_grpc.V2Stub(ClarifaiChannel.get_json_channel(base_url=os.environ["CLARIFAI_API_BASE"]))
meta = (("authorization", "Key " + pat),)
app = resources_pb2.UserAppIDSet(user_id=user_id)


def load(name, section):
    with open(os.path.join(fixtures, name)) as f:
        return yaml.safe_load(f)[section]


def emit(step, response, obj=None):
    out = {"step": step, "code": response.status.code, "code_name": status_code_pb2.StatusCode.Name(response.status.code), "description": response.status.description}
    if obj is not None:
        out["object"] = json_format.MessageToDict(obj, preserving_proto_field_name=True)
    print(json.dumps(out), flush=True)


def call(step, method, request, pick=None):
    response = method(request, metadata=meta)
    emit(step, response, pick(response) if pick and response.status.code == status_code_pb2.SUCCESS else None)
    return response


# --- create, from the docs' YAML, as the SDK's create_* methods do (ParseDict of the file's section) ---
cluster = json_format.ParseDict(load("compute_cluster_config.yaml", "compute_cluster"), resources_pb2.ComputeCluster())
call("PostComputeClusters", stub.PostComputeClusters, service_pb2.PostComputeClustersRequest(user_app_id=app, compute_clusters=[cluster]), lambda r: r.compute_clusters[0])

pool = json_format.ParseDict(load("nodepool_config.yaml", "nodepool"), resources_pb2.Nodepool())
pool.min_instances = 0
call("PostNodepools", stub.PostNodepools, service_pb2.PostNodepoolsRequest(user_app_id=app, compute_cluster_id=cluster.id, nodepools=[pool]), lambda r: r.nodepools[0])

dep_yaml = load("deployment_config.yaml", "deployment")
dep_yaml["autoscale_config"]["min_replicas"] = 1  # one replica, so readiness has something to count
deployment = json_format.ParseDict(dep_yaml, resources_pb2.Deployment())
call("PostDeployments", stub.PostDeployments, service_pb2.PostDeploymentsRequest(user_app_id=app, deployments=[deployment]), lambda r: r.deployments[0])

# --- get and list ---
call("GetComputeCluster", stub.GetComputeCluster, service_pb2.GetComputeClusterRequest(user_app_id=app, compute_cluster_id=cluster.id), lambda r: r.compute_cluster)
call("GetNodepool", stub.GetNodepool, service_pb2.GetNodepoolRequest(user_app_id=app, compute_cluster_id=cluster.id, nodepool_id=pool.id), lambda r: r.nodepool)
call("GetDeployment", stub.GetDeployment, service_pb2.GetDeploymentRequest(user_app_id=app, deployment_id=deployment.id), lambda r: r.deployment)
call("ListComputeClusters", stub.ListComputeClusters, service_pb2.ListComputeClustersRequest(user_app_id=app), lambda r: service_pb2.MultiComputeClusterResponse(compute_clusters=r.compute_clusters))
call("ListNodepools", stub.ListNodepools, service_pb2.ListNodepoolsRequest(user_app_id=app, compute_cluster_id=cluster.id), lambda r: service_pb2.MultiNodepoolResponse(nodepools=r.nodepools))
# The SDK's own list filter: a query boolean the official client spells "True".
call("ListNodepools.active_usage", stub.ListNodepools, service_pb2.ListNodepoolsRequest(user_app_id=app, compute_cluster_id=cluster.id, active_usage=True), lambda r: service_pb2.MultiNodepoolResponse(nodepools=r.nodepools))
call("ListDeployments", stub.ListDeployments, service_pb2.ListDeploymentsRequest(user_app_id=app, nodepool_id=pool.id, compute_cluster_id=cluster.id), lambda r: service_pb2.MultiDeploymentResponse(deployments=r.deployments))
call("ListCloudProviders", stub.ListCloudProviders, service_pb2.ListCloudProvidersRequest(), lambda r: service_pb2.MultiCloudProviderResponse(cloud_providers=r.cloud_providers))

# --- patch: nodepool capacity, and a new model version through desired_worker (12.x) ---
patched_pool = resources_pb2.Nodepool(id=pool.id, max_instances=3, warm_instances=1)
call("PatchNodepools", stub.PatchNodepools, service_pb2.PatchNodepoolsRequest(user_app_id=app, compute_cluster_id=cluster.id, nodepools=[patched_pool], action="overwrite"), lambda r: r.nodepools[0])
v2 = resources_pb2.Worker(model=resources_pb2.Model(id=deployment.worker.model.id, user_id=deployment.worker.model.user_id, app_id=deployment.worker.model.app_id, model_version=resources_pb2.ModelVersion(id="0000000000000000000000000000feed")))
call("PatchDeployments.desired_worker", stub.PatchDeployments, service_pb2.PatchDeploymentsRequest(user_app_id=app, deployments=[resources_pb2.Deployment(id=deployment.id, desired_worker=v2)], action="overwrite"), lambda r: r.deployments[0])
# A PATCH of `worker` alone: 12.x ignores it (worker is observed state).
stale = resources_pb2.Worker(model=resources_pb2.Model(id=deployment.worker.model.id, user_id=deployment.worker.model.user_id, app_id=deployment.worker.model.app_id, model_version=resources_pb2.ModelVersion(id="00000000000000000000000000000bad")))
call("PatchDeployments.worker", stub.PatchDeployments, service_pb2.PatchDeploymentsRequest(user_app_id=app, deployments=[resources_pb2.Deployment(id=deployment.id, worker=stale)], action="overwrite"), lambda r: r.deployments[0])
call("GetDeployment.after_patch", stub.GetDeployment, service_pb2.GetDeploymentRequest(user_app_id=app, deployment_id=deployment.id), lambda r: r.deployment)

# --- error cases ---
call("GetNodepool.missing", stub.GetNodepool, service_pb2.GetNodepoolRequest(user_app_id=app, compute_cluster_id=cluster.id, nodepool_id="no-such-pool"))
call("PostComputeClusters.duplicate", stub.PostComputeClusters, service_pb2.PostComputeClustersRequest(user_app_id=app, compute_clusters=[cluster]))
call("PostNodepools.bad_instance_type", stub.PostNodepools, service_pb2.PostNodepoolsRequest(user_app_id=app, compute_cluster_id=cluster.id, nodepools=[resources_pb2.Nodepool(id="bad", instance_types=[resources_pb2.InstanceType(id="g5.mega")], max_instances=1)]))
call("DeleteDeployments.missing", stub.DeleteDeployments, service_pb2.DeleteDeploymentsRequest(user_app_id=app, ids=["no-such-deployment"]))
bad_meta = (("authorization", "Key not-a-token"),)
r = stub.ListComputeClusters(service_pb2.ListComputeClustersRequest(user_app_id=app), metadata=bad_meta)
emit("ListComputeClusters.bad_pat", r)

# --- delete, deepest first ---
call("DeleteDeployments", stub.DeleteDeployments, service_pb2.DeleteDeploymentsRequest(user_app_id=app, ids=[deployment.id]))
call("DeleteNodepools", stub.DeleteNodepools, service_pb2.DeleteNodepoolsRequest(user_app_id=app, compute_cluster_id=cluster.id, ids=[pool.id]))
call("DeleteComputeClusters", stub.DeleteComputeClusters, service_pb2.DeleteComputeClustersRequest(user_app_id=app, ids=[cluster.id]))
call("ListComputeClusters.after_delete", stub.ListComputeClusters, service_pb2.ListComputeClustersRequest(user_app_id=app), lambda r: service_pb2.MultiComputeClusterResponse(compute_clusters=r.compute_clusters))

# --- what the JSON channel cannot do ---
try:
    stub.ListCloudRegions(service_pb2.ListCloudRegionsRequest(cloud_provider=resources_pb2.CloudProvider(id="aws")), metadata=meta)
    print(json.dumps({"step": "ListCloudRegions", "called": True}), flush=True)
except Exception as e:  # the channel raises before sending anything
    print(json.dumps({"step": "ListCloudRegions", "called": False, "error": type(e).__name__ + ": " + str(e)[:200]}), flush=True)
