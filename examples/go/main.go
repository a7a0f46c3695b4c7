// The quickstart in Go: one cluster in AWS us-east-1, a CPU and a GPU nodepool, a model on the GPUs.
package main

import (
	"github.com/clarifai/pulumi-clarifai/sdks/go/clarifai"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		gpuMax := cfg.GetInt("gpuMaxInstances")
		if gpuMax == 0 {
			gpuMax = 4
		}

		// docs:start ComputeCluster
		// One cluster in AWS us-east-1.
		cluster, err := clarifai.NewComputeCluster(ctx, "quickstart", &clarifai.ComputeClusterArgs{
			ComputeClusterId: pulumi.String("quickstart-aws-us-east-1"),
			CloudProvider:    pulumi.String("aws"),
			Region:           pulumi.String("us-east-1"),
			Description:      pulumi.String("pulumi-clarifai quickstart (Go)"),
		})
		// docs:end
		if err != nil {
			return err
		}

		// CPU nodes, bought on demand, scaled to zero when idle.
		cpu, err := clarifai.NewNodepool(ctx, "cpu", &clarifai.NodepoolArgs{
			ComputeClusterId: cluster.ID().ToStringOutput(),
			NodepoolId:       pulumi.String("cpu-t3a-2xlarge"),
			InstanceTypes:    pulumi.StringArray{pulumi.String("t3a.2xlarge")},
			MinInstances:     pulumi.Int(0),
			MaxInstances:     pulumi.Int(2),
			Capacity:         clarifai.CapacityOnDemand,
		})
		if err != nil {
			return err
		}

		// docs:start Nodepool
		// A10G GPUs on spot capacity, falling back to on-demand when spot is unavailable.
		gpu, err := clarifai.NewNodepool(ctx, "gpu", &clarifai.NodepoolArgs{
			ComputeClusterId: cluster.ID().ToStringOutput(),
			NodepoolId:       pulumi.String("gpu-a10g"),
			InstanceTypes:    pulumi.StringArray{pulumi.String("g5.xlarge")},
			MinInstances:     pulumi.Int(0),
			MaxInstances:     pulumi.Int(gpuMax),
			Capacity:         clarifai.CapacitySpotWithFallback,
		})
		// docs:end
		if err != nil {
			return err
		}

		// docs:start Deployment
		// A model served on the GPU nodepool; `pulumi up` waits until its replica is running.
		ocr, err := clarifai.NewDeployment(ctx, "ocr", &clarifai.DeploymentArgs{
			DeploymentId: pulumi.String("quickstart-ocr"),
			Description:  pulumi.String("GOT-OCR 2.0 on A10G"),
			Model: clarifai.ModelRefArgs{
				UserId:    pulumi.String("stepfun-ai"),
				AppId:     pulumi.String("ocr"),
				ModelId:   pulumi.String("got-ocr-2_0"),
				VersionId: pulumi.String("5d92321db5d341b5b4cf407ab34f618f"),
			},
			Nodepools: pulumi.StringArray{gpu.ID().ToStringOutput()},
			Autoscale: clarifai.AutoscaleArgs{
				MinReplicas:             pulumi.Int(1),
				MaxReplicas:             pulumi.Int(2),
				ScaleToZeroDelaySeconds: pulumi.Int(1800),
			},
		})
		// docs:end
		if err != nil {
			return err
		}

		ctx.Export("computeClusterId", cluster.ID())
		ctx.Export("nodepools", pulumi.Map{
			"cpu": pulumi.Map{"id": cpu.ID(), "max": cpu.MaxInstances, "capacity": cpu.Capacity},
			"gpu": pulumi.Map{"id": gpu.ID(), "max": gpu.MaxInstances, "capacity": gpu.Capacity},
		})
		ctx.Export("deployment", pulumi.Map{"id": ocr.ID(), "ready": ocr.Ready})
		return nil
	})
}
