"""What the official SDK does when the connection dies mid-call (faults "drop" and "lost_response").

Usage: python retry_on_lost_connection.py <base_url> <user_id> <result.json>  (PAT from CLARIFAI_PAT)
clarifai-grpc's channel retries UNAVAILABLE up to 5 attempts, for every V2 method, creates included.
"""
import json
import os
import sys

from clarifai.client.user import User

base_url, user_id, result_path = sys.argv[1:4]
user = User(user_id=user_id, base_url=base_url, pat=os.environ["CLARIFAI_PAT"])
results = {}
try:
    results["list"] = {"ok": [c.id for c in user.list_compute_clusters()]}
except Exception as e:  # noqa: BLE001
    results["list"] = {"error": type(e).__name__, "message": str(e)}
try:
    cc = user.create_compute_cluster(compute_cluster_config={"compute_cluster": {
        "id": "retried-cluster", "cloud_provider": {"id": "aws"}, "region": "us-east-1",
        "managed_by": "clarifai", "cluster_type": "dedicated"}})
    results["create"] = {"ok": cc.id}
except Exception as e:  # noqa: BLE001
    results["create"] = {"error": type(e).__name__, "message": str(e)}
with open(result_path, "w") as f:
    json.dump(results, f)
