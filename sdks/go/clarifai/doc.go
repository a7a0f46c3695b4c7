// Clarifai Compute Orchestration for Pulumi: compute clusters, nodepools and model deployments.
package clarifai
