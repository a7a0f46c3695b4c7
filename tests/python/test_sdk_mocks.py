"""The generated Python SDK (sdks/python) under Pulumi's mocks: type tokens, wire names, defaults the
SDK fills, secrets, and explicit providers. Run by tests/native/pythonSdk.test.ts with a venv holding
PyPI's pulumi==3.248.0 and the SDK installed from sdks/python."""
import unittest

import pulumi


class Mocks(pulumi.runtime.Mocks):
    def __init__(self):
        self.resources = []

    def new_resource(self, args: pulumi.runtime.MockResourceArgs):
        self.resources.append(args)
        ins = dict(args.inputs)
        if args.typ == "clarifai:index:ComputeCluster":
            return [ins["computeClusterId"], {**ins, "userId": "mock-user"}]
        if args.typ == "clarifai:index:Nodepool":
            return [f"{ins['computeClusterId']}/{ins['nodepoolId']}", ins]
        if args.typ == "clarifai:index:Deployment":
            return [ins["deploymentId"], {**ins, "ready": True}]
        return [f"{args.name}-id", ins]

    def call(self, args: pulumi.runtime.MockCallArgs):
        return {}


mocks = Mocks()
pulumi.runtime.set_mocks(mocks, preview=False)

import pulumi_clarifai as clarifai  # noqa: E402  (the SDK must load after set_mocks)


def registered(typ: str, name: str) -> pulumi.runtime.MockResourceArgs:
    return next(r for r in mocks.resources if r.typ == typ and r.name == name)


class GeneratedSdk(unittest.TestCase):
    @pulumi.runtime.test
    def test_cluster_nodepool_deployment(self):
        cluster = clarifai.ComputeCluster("gpu", compute_cluster_id="c1", cloud_provider="aws", region="us-east-1", key="cluster-key")
        pool = clarifai.Nodepool(
            "pool",
            compute_cluster_id=cluster.id,
            nodepool_id="gpu",
            instance_types=["g5.xlarge"],
            max_instances=2,
            capacity=clarifai.Capacity.SPOT_WITH_FALLBACK,
        )
        dep = clarifai.Deployment(
            "ocr",
            deployment_id="ocr",
            model=clarifai.ModelRefArgs(user_id="stepfun-ai", app_id="ocr", model_id="got-ocr-2_0", version_id="5d92321db5d341b5b4cf407ab34f618f"),
            nodepools=[pool.id],
            autoscale=clarifai.AutoscaleArgs(min_replicas=1, max_replicas=1),
        )

        def check(values):
            pool_id, ready, owner = values
            self.assertEqual(pool_id, "c1/gpu")
            self.assertTrue(ready)
            self.assertEqual(owner, "mock-user")
            c = registered("clarifai:index:ComputeCluster", "gpu")
            # camelCase on the wire, as the provider expects; schema defaults filled by the SDK.
            self.assertEqual(c.inputs["cloudProvider"], "aws")
            self.assertEqual(c.inputs["clusterType"], "dedicated")
            self.assertEqual(c.inputs["managedBy"], "clarifai")
            n = registered("clarifai:index:Nodepool", "pool")
            self.assertEqual(n.inputs["capacity"], "spotWithFallback")
            self.assertEqual(n.inputs["instanceTypes"], ["g5.xlarge"])
            d = registered("clarifai:index:Deployment", "ocr")
            self.assertEqual(d.inputs["model"]["modelId"], "got-ocr-2_0")
            self.assertEqual(d.inputs["nodepools"], ["c1/gpu"])
            self.assertEqual(d.inputs["autoscale"], {"minReplicas": 1, "maxReplicas": 1, "disablePacking": False})

        return pulumi.Output.all(pool.id, dep.ready, cluster.user_id).apply(check)

    @pulumi.runtime.test
    def test_secret_key_stays_secret(self):
        cluster = clarifai.ComputeCluster("keyed", compute_cluster_id="k1", cloud_provider="aws", region="us-east-1", key="cluster-key")

        def check(is_secret):
            self.assertTrue(is_secret)

        return pulumi.Output.from_input(cluster.key.is_secret()).apply(check)

    @pulumi.runtime.test
    def test_explicit_providers(self):
        a = clarifai.Provider("team-a", pat="pat-a", user_id="team-a")
        b = clarifai.Provider("team-b", pat="pat-b", user_id="team-b", api_base="https://api.example.test")
        ca = clarifai.ComputeCluster("ca", compute_cluster_id="shared", cloud_provider="aws", region="us-east-1", opts=pulumi.ResourceOptions(provider=a))
        cb = clarifai.ComputeCluster("cb", compute_cluster_id="shared", cloud_provider="aws", region="us-east-1", opts=pulumi.ResourceOptions(provider=b))

        def check(_):
            pa = registered("pulumi:providers:clarifai", "team-a")
            pb = registered("pulumi:providers:clarifai", "team-b")
            self.assertEqual((pa.inputs["userId"], pb.inputs["apiBase"]), ("team-a", "https://api.example.test"))
            self.assertIn("team-a", registered("clarifai:index:ComputeCluster", "ca").provider)
            self.assertIn("team-b", registered("clarifai:index:ComputeCluster", "cb").provider)

        return pulumi.Output.all(ca.id, cb.id).apply(check)


if __name__ == "__main__":
    unittest.main()
