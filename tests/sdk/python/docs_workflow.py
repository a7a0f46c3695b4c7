"""The compute-orchestration workflow of Clarifai's Python SDK docs, run unchanged against a base URL.

Usage: python docs_workflow.py <base_url> <user_id> <config_dir> <result.json>
The PAT comes from CLARIFAI_PAT (never the command line). Each step is recorded in the result file as
{step: {...}}; an exception is recorded as {"error": type, "message": str} so the test can assert the
SDK's own error path. Nothing in the SDK is patched.
"""
import json
import os
import shutil
import sys
import tempfile
import traceback

import yaml
from clarifai.client.user import User

base_url, user_id, config_dir, result_path = sys.argv[1:5]
results = {}


def step(name, fn):
    try:
        results[name] = {"ok": fn()}
    except BaseException as e:  # noqa: BLE001 - the SDK raises bare Exception/AssertionError
        results[name] = {"error": type(e).__name__, "message": str(e), "trace": traceback.format_exc()[-2000:]}


def cfg(name):
    return os.path.join(config_dir, name)


user = User(user_id=user_id, base_url=base_url, pat=os.environ["CLARIFAI_PAT"])
state = {}


def create_cluster():
    cc = user.create_compute_cluster(config_filepath=cfg("compute_cluster_config.yaml"))
    state["cc"] = cc
    return {"id": cc.id}


step("create_compute_cluster", create_cluster)

# As published, nodepool_config.yaml has no min_instances; SDK 12.5.0 asserts it.
step("create_nodepool_published_file", lambda: state["cc"].create_nodepool(config_filepath=cfg("nodepool_config.yaml")).id)

# The same file with the one key the SDK requires added (min_instances: 0, the API's default).
work = tempfile.mkdtemp()
with open(cfg("nodepool_config.yaml")) as f:
    np_cfg = yaml.safe_load(f)
np_cfg["nodepool"]["min_instances"] = 0
np_path = os.path.join(work, "nodepool_config.yaml")
with open(np_path, "w") as f:
    yaml.safe_dump(np_cfg, f)


def create_nodepool():
    np = state["cc"].create_nodepool(config_filepath=np_path)
    state["np"] = np
    return {"id": np.id}


step("create_nodepool", create_nodepool)


def create_deployment():
    d = state["np"].create_deployment(config_filepath=cfg("deployment_config.yaml"))
    state["dep"] = d
    return {"id": d.id}


step("create_deployment", create_deployment)
# An earlier docs revision sets autoscale_config.enable_packing, which AutoscaleConfig does not have.
step("create_deployment_enable_packing_file", lambda: state["np"].create_deployment(
    config_filepath=cfg("deployment_config.enable-packing.yaml"), deployment_id="packing-deployment").id)


def proto_dict(obj):
    from google.protobuf.json_format import MessageToDict
    return MessageToDict(obj, preserving_proto_field_name=True, use_integers_for_enums=True)


step("list_compute_clusters", lambda: [proto_dict(c.compute_cluster_info) for c in user.list_compute_clusters()])
step("list_nodepools", lambda: [proto_dict(n.nodepool_info) for n in state["cc"].list_nodepools()])
step("list_deployments", lambda: [proto_dict(d.deployment_info) for d in state["np"].list_deployments()])
step("get_compute_cluster", lambda: proto_dict(user.compute_cluster(state["cc"].id).compute_cluster_info))
step("get_nodepool", lambda: proto_dict(state["cc"].nodepool(state["np"].id).nodepool_info))
step("get_deployment", lambda: proto_dict(state["np"].deployment(state["dep"].id).deployment_info))

# The SDK's error path for ids that do not exist.
step("get_missing_compute_cluster", lambda: user.compute_cluster("no-such-cluster").id)
step("get_missing_nodepool", lambda: state["cc"].nodepool("no-such-nodepool").id)
step("get_missing_deployment", lambda: state["np"].deployment("no-such-deployment").id)
step("delete_missing_deployment", lambda: state["np"].delete_deployments(["no-such-deployment"]))

step("delete_deployments", lambda: state["np"].delete_deployments([state["dep"].id]))
step("delete_nodepools", lambda: state["cc"].delete_nodepools([state["np"].id]))
step("delete_compute_clusters", lambda: user.delete_compute_clusters([state["cc"].id]))
step("list_compute_clusters_after", lambda: [c.id for c in user.list_compute_clusters()])

shutil.rmtree(work, ignore_errors=True)
with open(result_path, "w") as f:
    json.dump(results, f, indent=1, default=str)
