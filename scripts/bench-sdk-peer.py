#!/usr/bin/env python3
"""The bench's peer: the graph of tests/reliability/programs/load (one cluster, N nodepools, a deployment
on each of the first M), built with Clarifai's official Python SDK the way its docs do it, one call
after another, then deleted (deployments, nodepools, cluster), against any Clarifai API base (the
emulator serves gRPC on its REST port).

Run with the venv of scripts/ensure-python-clients:
  CLARIFAI_PAT=<pat> "$(bash scripts/ensure-python-clients | tail -1)" scripts/bench-sdk-peer.py \
      --base-url http://127.0.0.1:PORT --user-id <user> --count 10 [--deployments 10] [--keep]

Prints one JSON line: {"count", "deployments", "import_seconds", "create_seconds", "delete_seconds",
"total_seconds"}; total includes the interpreter start and the SDK import, as a `pulumi up` wall time
includes the program's start. Like the docs' workflow, it does not wait for readiness (the SDK has no
waiter for compute orchestration); the PAT is read from CLARIFAI_PAT only.
"""
import argparse
import json
import os
import sys
import time

T0 = time.monotonic()
from clarifai.client.user import User  # noqa: E402 - timed: the SDK's import is part of its cost

IMPORTED = time.monotonic()

MODEL = {"id": "general-image-recognition", "user_id": "clarifai", "app_id": "main", "model_version": {"id": "aa11bb22"}}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base-url", required=True)
    ap.add_argument("--user-id", required=True)
    ap.add_argument("--count", type=int, required=True, help="nodepools")
    ap.add_argument("--deployments", type=int, default=None, help="deployments on the first M nodepools (default: count)")
    ap.add_argument("--cluster-id", default="load-cluster")
    ap.add_argument("--keep", action="store_true", help="do not delete what was created")
    a = ap.parse_args()
    deployments = a.count if a.deployments is None else a.deployments
    pat = os.environ.get("CLARIFAI_PAT")
    if not pat:
        sys.exit("bench-sdk-peer: set CLARIFAI_PAT")

    start = time.monotonic()
    user = User(user_id=a.user_id, base_url=a.base_url, pat=pat)
    cc = user.create_compute_cluster(compute_cluster_config={"compute_cluster": {
        "id": a.cluster_id, "cloud_provider": {"id": "aws"}, "region": "us-east-1",
        "managed_by": "clarifai", "cluster_type": "dedicated"}})
    pools = []
    for i in range(a.count):
        pools.append(cc.create_nodepool(nodepool_config={"nodepool": {
            "id": f"pool-{i}", "instance_types": [{"id": "t3a.large"}],
            "node_capacity_type": {"capacity_types": [1]}, "min_instances": 0, "max_instances": 1}}))
    deps = []
    for i in range(deployments):
        deps.append(pools[i].create_deployment(deployment_config={"deployment": {
            "id": f"dep-{i}", "worker": {"model": json.loads(json.dumps(MODEL))}, "scheduling_choice": 4,
            "autoscale_config": {"min_replicas": 0, "max_replicas": 1},
            "nodepools": [{"id": f"pool-{i}", "compute_cluster": {"id": a.cluster_id}}]}}))
    created = time.monotonic()

    if not a.keep:
        for i, d in enumerate(deps):
            pools[i].delete_deployments([d.id])
        for p in pools:
            cc.delete_nodepools([p.id])
        user.delete_compute_clusters([cc.id])
    done = time.monotonic()

    print(json.dumps({
        "count": a.count,
        "deployments": deployments,
        "import_seconds": round(IMPORTED - T0, 4),
        "create_seconds": round(created - start, 4),
        "delete_seconds": round(done - created, 4) if not a.keep else None,
        "total_seconds": round(done - T0, 4),
    }))


if __name__ == "__main__":
    main()
