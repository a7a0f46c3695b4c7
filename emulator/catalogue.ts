/**
 * Seed catalogue of cloud providers, regions and instance types.
 *
 * Ids, regions, accelerator names and the g5.2xlarge / TPU / local compute_info come from real API
 * responses (reference §6.6, §10.5). Other compute_info values and all prices except g5.2xlarge are
 * realistic stand-ins (allocatable CPU/memory after system overhead, as the real catalogue reports).
 * Prices keep the real catalogue's form: a decimal string with six decimals (`"42.000000"` for
 * g5.2xlarge and `"0.000000"` for local in real ListInstanceTypes responses, reference §6.6), one per
 * instance type whatever the capacity type, unit undocumented (docs/fit-cost-policy.md).
 */

export interface CatalogueComputeInfo {
  cpu_limit?: string;
  cpu_memory?: string;
  num_accelerators?: number;
  accelerator_memory?: string;
  accelerator_type?: string[];
  accelerator_topology?: string[];
}

export interface CatalogueInstanceType {
  id: string;
  description: string;
  compute_info: CatalogueComputeInfo;
  price: string;
  cloud_provider: { id: string; name: string };
  region?: string;
  allowed_capacity_types?: { capacity_types: number[] };
  feature_flag_group: string;
}

export interface CatalogueProvider {
  id: string;
  /** name as ListCloudProviders / instance types render it (lower case, observed) */
  name: string;
  /** name as rendered inside a compute cluster (observed "AWS" for aws; upper-cased id for the others) */
  clusterName: string;
  /** false: accepted and present in the "all" instance-type list, but not returned by ListCloudProviders */
  listed: boolean;
  regions: string[];
}

export const PROVIDERS: CatalogueProvider[] = [
  { id: "aws", name: "aws", clusterName: "AWS", listed: true, regions: ["us-east-1"] },
  { id: "gcp", name: "gcp", clusterName: "GCP", listed: true, regions: ["us-east4", "us-central1"] },
  // Azure is listed by the real ListCloudProviders, but no Azure region was ever observed.
  { id: "azure", name: "azure", clusterName: "AZURE", listed: true, regions: [] },
  { id: "vultr", name: "vultr", clusterName: "VULTR", listed: true, regions: ["new-york", "atlanta", "chicago", "seattle"] },
  { id: "oracle", name: "oracle", clusterName: "ORACLE", listed: true, regions: ["us-chicago-1"] },
  { id: "lambda", name: "lambda", clusterName: "LAMBDA", listed: false, regions: ["us-south-3"] },
  { id: "local", name: "local", clusterName: "LOCAL", listed: false, regions: ["na"] },
];

const SMALL = "ComputeResourceSmall";
const MEDIUM = "ComputeResourceMedium";
const LARGE = "ComputeResourceLarge";

function it(
  provider: string,
  region: string | undefined,
  id: string,
  price: string,
  group: string,
  compute_info: CatalogueComputeInfo,
  spotOnly = false,
): CatalogueInstanceType {
  const t: CatalogueInstanceType = {
    id,
    description: id,
    compute_info,
    price,
    cloud_provider: { id: provider, name: provider },
    feature_flag_group: group,
  };
  if (region) t.region = region;
  if (spotOnly) t.allowed_capacity_types = { capacity_types: [2] };
  return t;
}

const cpu = (cpu_limit: string, cpu_memory: string): CatalogueComputeInfo => ({ cpu_limit, cpu_memory });
const gpu = (cpu_limit: string, cpu_memory: string, n: number, mem: string, type: string): CatalogueComputeInfo => ({
  cpu_limit,
  cpu_memory,
  num_accelerators: n,
  accelerator_memory: mem,
  accelerator_type: [type],
});

function gcpRegion(region: string): CatalogueInstanceType[] {
  return [
    it("gcp", region, "n2-standard-2", "4.000000", SMALL, cpu("1525m", "5929Mi")),
    it("gcp", region, "n2-standard-4", "8.000000", SMALL, cpu("3525m", "13238Mi")),
    it("gcp", region, "n2-standard-8", "16.000000", SMALL, cpu("7525m", "28620Mi")),
    it("gcp", region, "g2-standard-4", "30.000000", SMALL, gpu("3525m", "13238Mi", 1, "22888Mi", "NVIDIA-L4")),
    it("gcp", region, "a3-highgpu-1g", "180.000000", LARGE, gpu("25525m", "218476Mi", 1, "81559Mi", "NVIDIA-H100"), true),
  ];
}

export const INSTANCE_TYPES: CatalogueInstanceType[] = [
  it("aws", "us-east-1", "t3a.medium", "2.000000", SMALL, cpu("1525m", "2888Mi")),
  it("aws", "us-east-1", "t3a.large", "4.000000", SMALL, cpu("1525m", "6493Mi")),
  it("aws", "us-east-1", "t3a.xlarge", "8.000000", SMALL, cpu("3525m", "13774Mi")),
  it("aws", "us-east-1", "t3a.2xlarge", "16.000000", SMALL, cpu("7525m", "28996Mi")),
  it("aws", "us-east-1", "g5.xlarge", "30.000000", SMALL, gpu("3525m", "13774Mi", 1, "23028Mi", "NVIDIA-A10G")),
  it("aws", "us-east-1", "g5.2xlarge", "42.000000", SMALL, gpu("7525m", "29033Mi", 1, "23028Mi", "NVIDIA-A10G")),
  it("aws", "us-east-1", "g6.xlarge", "24.000000", SMALL, gpu("3525m", "13774Mi", 1, "22888Mi", "NVIDIA-L4")),
  it("aws", "us-east-1", "g6e.xlarge", "56.000000", MEDIUM, gpu("3525m", "29033Mi", 1, "46068Mi", "NVIDIA-L40S")),
  ...gcpRegion("us-east4"),
  ...gcpRegion("us-central1"),
  it("gcp", "us-central1", "ct5lp-hightpu-1t", "40.000000", MEDIUM, {
    cpu_limit: "23308m",
    cpu_memory: "43740Mi",
    num_accelerators: 1,
    accelerator_type: ["GOOGLE-TPU-v5e"],
    accelerator_topology: ["1x1"],
  }),
  it("vultr", "new-york", "vc2-2c-4gb", "2.000000", SMALL, cpu("1525m", "2888Mi")),
  it("vultr", "new-york", "vcg-a16-6c-64g-16vram", "20.000000", SMALL, gpu("5525m", "56000Mi", 1, "15360Mi", "NVIDIA-A16")),
  it("vultr", "atlanta", "vc2-2c-4gb", "2.000000", SMALL, cpu("1525m", "2888Mi")),
  it("vultr", "chicago", "vc2-2c-4gb", "2.000000", SMALL, cpu("1525m", "2888Mi")),
  it("vultr", "seattle", "vc2-2c-4gb", "2.000000", SMALL, cpu("1525m", "2888Mi")),
  it("oracle", "us-chicago-1", "VM.Standard.E6.Flex", "6.000000", SMALL, cpu("3525m", "13774Mi")),
  it("oracle", "us-chicago-1", "VM.GPU.A10.1", "40.000000", SMALL, gpu("14525m", "225000Mi", 1, "23028Mi", "NVIDIA-A10")),
  it("lambda", "us-south-3", "cl-xl-gpu-8-b200", "900.000000", LARGE, gpu("200000m", "2000000Mi", 8, "183359Mi", "NVIDIA-B200")),
  // Observed: the local instance type has no region and negative allocatable compute.
  {
    id: "local",
    description: "local runner",
    compute_info: { cpu_limit: "-105m", cpu_memory: "-455Mi" },
    price: "0.000000",
    cloud_provider: { id: "local", name: "local" },
    feature_flag_group: "ComputeResourceLocal",
  },
];

/** The wildcard the real ListInstanceTypes accepts for provider and region (`/cloud_providers/all/regions/all/...`). */
export const WILDCARD = "all";

export function findProvider(id: string): CatalogueProvider | undefined {
  return PROVIDERS.find((p) => p.id === id);
}

/** Instance types offered for provider/region; an entry without region is offered in every region of its provider. */
export function instanceTypesFor(provider: string, region: string): CatalogueInstanceType[] {
  return INSTANCE_TYPES.filter(
    (t) =>
      (provider === WILDCARD || t.cloud_provider.id === provider) &&
      (region === WILDCARD || t.region === undefined || t.region === region),
  );
}

export function findInstanceType(provider: string, region: string, id: string): CatalogueInstanceType | undefined {
  return instanceTypesFor(provider, region).find((t) => t.id === id);
}
