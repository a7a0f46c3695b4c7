"""The SDK's half of the mixed-use test.

Usage: python mixed_use.py <base_url> <user_id> <result.json> create <compute_cluster_config.yaml>
       python mixed_use.py <base_url> <user_id> <result.json> list <compute_cluster_id>
`create` makes the cluster from the docs' file; `list` records the cluster and its nodepools as the SDK
sees them (proto field names, enums as numbers). The PAT comes from CLARIFAI_PAT.
"""
import json
import os
import sys

from clarifai.client.compute_cluster import ComputeCluster
from clarifai.client.user import User
from google.protobuf.json_format import MessageToDict

base_url, user_id, result_path, mode, arg = sys.argv[1:6]
pat = os.environ["CLARIFAI_PAT"]


def as_dict(m):
    return MessageToDict(m, preserving_proto_field_name=True, use_integers_for_enums=True)


if mode == "create":
    cc = User(user_id=user_id, base_url=base_url, pat=pat).create_compute_cluster(config_filepath=arg)
    result = {"id": cc.id}
else:
    user = User(user_id=user_id, base_url=base_url, pat=pat)
    cc = ComputeCluster(compute_cluster_id=arg, user_id=user_id, base_url=base_url, pat=pat)
    result = {
        "cluster": as_dict(user.compute_cluster(arg).compute_cluster_info),
        "nodepools": [as_dict(n.nodepool_info) for n in cc.list_nodepools()],
    }
with open(result_path, "w") as f:
    json.dump(result, f)
