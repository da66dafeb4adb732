//! The EC2 instance catalogue: the types lakecost knows the shape of (vCPUs, memory,
//! instance storage, architecture), for EMR clusters and for sizing workloads. Prices
//! are in the price book, not here; `pricing refresh` fetches them for these types.
//!
//! Families m5, m5d, m6i, m6g, m6gd, m7g, m7i, r5, r5d, r6i, r6g, r6gd, r7g, r7i, c5,
//! c5d, c6i, c6g, c7g, i3 and i4i in the sizes from xlarge to 16xlarge that exist.
//! Source: the EC2 instance type specifications as published in the Karpenter AWS
//! provider's instance-type reference (generated from EC2 DescribeInstanceTypes,
//! 2026-07-11); memory in GiB, instance storage in GB of local NVMe/SSD.

use crate::scenario::Architecture::{self, Arm64, X86_64};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InstanceType {
    pub name: &'static str,
    pub vcpu: f64,
    pub memory_gib: f64,
    /// Local instance storage, GB (0 for EBS-only types).
    pub instance_storage_gb: f64,
    pub architecture: Architecture,
}

impl InstanceType {
    /// `r5` of `r5.8xlarge`.
    pub fn family(&self) -> &'static str {
        self.name.split_once('.').map_or(self.name, |(f, _)| f)
    }

    /// `8xlarge` of `r5.8xlarge`.
    pub fn size(&self) -> &'static str {
        self.name.split_once('.').map_or("", |(_, s)| s)
    }
}

const fn it(
    name: &'static str,
    vcpu: f64,
    memory_gib: f64,
    instance_storage_gb: f64,
    architecture: Architecture,
) -> InstanceType {
    InstanceType {
        name,
        vcpu,
        memory_gib,
        instance_storage_gb,
        architecture,
    }
}

pub const INSTANCE_TYPES: &[InstanceType] = &[
    it("m5.xlarge", 4.0, 16.0, 0.0, X86_64),
    it("m5.2xlarge", 8.0, 32.0, 0.0, X86_64),
    it("m5.4xlarge", 16.0, 64.0, 0.0, X86_64),
    it("m5.8xlarge", 32.0, 128.0, 0.0, X86_64),
    it("m5.12xlarge", 48.0, 192.0, 0.0, X86_64),
    it("m5.16xlarge", 64.0, 256.0, 0.0, X86_64),
    it("m5d.xlarge", 4.0, 16.0, 150.0, X86_64),
    it("m5d.2xlarge", 8.0, 32.0, 300.0, X86_64),
    it("m5d.4xlarge", 16.0, 64.0, 600.0, X86_64),
    it("m5d.8xlarge", 32.0, 128.0, 1200.0, X86_64),
    it("m5d.12xlarge", 48.0, 192.0, 1800.0, X86_64),
    it("m5d.16xlarge", 64.0, 256.0, 2400.0, X86_64),
    it("m6i.xlarge", 4.0, 16.0, 0.0, X86_64),
    it("m6i.2xlarge", 8.0, 32.0, 0.0, X86_64),
    it("m6i.4xlarge", 16.0, 64.0, 0.0, X86_64),
    it("m6i.8xlarge", 32.0, 128.0, 0.0, X86_64),
    it("m6i.12xlarge", 48.0, 192.0, 0.0, X86_64),
    it("m6i.16xlarge", 64.0, 256.0, 0.0, X86_64),
    it("m6g.xlarge", 4.0, 16.0, 0.0, Arm64),
    it("m6g.2xlarge", 8.0, 32.0, 0.0, Arm64),
    it("m6g.4xlarge", 16.0, 64.0, 0.0, Arm64),
    it("m6g.8xlarge", 32.0, 128.0, 0.0, Arm64),
    it("m6g.12xlarge", 48.0, 192.0, 0.0, Arm64),
    it("m6g.16xlarge", 64.0, 256.0, 0.0, Arm64),
    it("m6gd.xlarge", 4.0, 16.0, 237.0, Arm64),
    it("m6gd.2xlarge", 8.0, 32.0, 474.0, Arm64),
    it("m6gd.4xlarge", 16.0, 64.0, 950.0, Arm64),
    it("m6gd.8xlarge", 32.0, 128.0, 1900.0, Arm64),
    it("m6gd.12xlarge", 48.0, 192.0, 2850.0, Arm64),
    it("m6gd.16xlarge", 64.0, 256.0, 3800.0, Arm64),
    it("m7g.xlarge", 4.0, 16.0, 0.0, Arm64),
    it("m7g.2xlarge", 8.0, 32.0, 0.0, Arm64),
    it("m7g.4xlarge", 16.0, 64.0, 0.0, Arm64),
    it("m7g.8xlarge", 32.0, 128.0, 0.0, Arm64),
    it("m7g.12xlarge", 48.0, 192.0, 0.0, Arm64),
    it("m7g.16xlarge", 64.0, 256.0, 0.0, Arm64),
    it("m7i.xlarge", 4.0, 16.0, 0.0, X86_64),
    it("m7i.2xlarge", 8.0, 32.0, 0.0, X86_64),
    it("m7i.4xlarge", 16.0, 64.0, 0.0, X86_64),
    it("m7i.8xlarge", 32.0, 128.0, 0.0, X86_64),
    it("m7i.12xlarge", 48.0, 192.0, 0.0, X86_64),
    it("m7i.16xlarge", 64.0, 256.0, 0.0, X86_64),
    it("r5.xlarge", 4.0, 32.0, 0.0, X86_64),
    it("r5.2xlarge", 8.0, 64.0, 0.0, X86_64),
    it("r5.4xlarge", 16.0, 128.0, 0.0, X86_64),
    it("r5.8xlarge", 32.0, 256.0, 0.0, X86_64),
    it("r5.12xlarge", 48.0, 384.0, 0.0, X86_64),
    it("r5.16xlarge", 64.0, 512.0, 0.0, X86_64),
    it("r5d.xlarge", 4.0, 32.0, 150.0, X86_64),
    it("r5d.2xlarge", 8.0, 64.0, 300.0, X86_64),
    it("r5d.4xlarge", 16.0, 128.0, 600.0, X86_64),
    it("r5d.8xlarge", 32.0, 256.0, 1200.0, X86_64),
    it("r5d.12xlarge", 48.0, 384.0, 1800.0, X86_64),
    it("r5d.16xlarge", 64.0, 512.0, 2400.0, X86_64),
    it("r6i.xlarge", 4.0, 32.0, 0.0, X86_64),
    it("r6i.2xlarge", 8.0, 64.0, 0.0, X86_64),
    it("r6i.4xlarge", 16.0, 128.0, 0.0, X86_64),
    it("r6i.8xlarge", 32.0, 256.0, 0.0, X86_64),
    it("r6i.12xlarge", 48.0, 384.0, 0.0, X86_64),
    it("r6i.16xlarge", 64.0, 512.0, 0.0, X86_64),
    it("r6g.xlarge", 4.0, 32.0, 0.0, Arm64),
    it("r6g.2xlarge", 8.0, 64.0, 0.0, Arm64),
    it("r6g.4xlarge", 16.0, 128.0, 0.0, Arm64),
    it("r6g.8xlarge", 32.0, 256.0, 0.0, Arm64),
    it("r6g.12xlarge", 48.0, 384.0, 0.0, Arm64),
    it("r6g.16xlarge", 64.0, 512.0, 0.0, Arm64),
    it("r6gd.xlarge", 4.0, 32.0, 237.0, Arm64),
    it("r6gd.2xlarge", 8.0, 64.0, 474.0, Arm64),
    it("r6gd.4xlarge", 16.0, 128.0, 950.0, Arm64),
    it("r6gd.8xlarge", 32.0, 256.0, 1900.0, Arm64),
    it("r6gd.12xlarge", 48.0, 384.0, 2850.0, Arm64),
    it("r6gd.16xlarge", 64.0, 512.0, 3800.0, Arm64),
    it("r7g.xlarge", 4.0, 32.0, 0.0, Arm64),
    it("r7g.2xlarge", 8.0, 64.0, 0.0, Arm64),
    it("r7g.4xlarge", 16.0, 128.0, 0.0, Arm64),
    it("r7g.8xlarge", 32.0, 256.0, 0.0, Arm64),
    it("r7g.12xlarge", 48.0, 384.0, 0.0, Arm64),
    it("r7g.16xlarge", 64.0, 512.0, 0.0, Arm64),
    it("r7i.xlarge", 4.0, 32.0, 0.0, X86_64),
    it("r7i.2xlarge", 8.0, 64.0, 0.0, X86_64),
    it("r7i.4xlarge", 16.0, 128.0, 0.0, X86_64),
    it("r7i.8xlarge", 32.0, 256.0, 0.0, X86_64),
    it("r7i.12xlarge", 48.0, 384.0, 0.0, X86_64),
    it("r7i.16xlarge", 64.0, 512.0, 0.0, X86_64),
    it("c5.xlarge", 4.0, 8.0, 0.0, X86_64),
    it("c5.2xlarge", 8.0, 16.0, 0.0, X86_64),
    it("c5.4xlarge", 16.0, 32.0, 0.0, X86_64),
    it("c5.12xlarge", 48.0, 96.0, 0.0, X86_64),
    it("c5d.xlarge", 4.0, 8.0, 100.0, X86_64),
    it("c5d.2xlarge", 8.0, 16.0, 200.0, X86_64),
    it("c5d.4xlarge", 16.0, 32.0, 400.0, X86_64),
    it("c5d.12xlarge", 48.0, 96.0, 1800.0, X86_64),
    it("c6i.xlarge", 4.0, 8.0, 0.0, X86_64),
    it("c6i.2xlarge", 8.0, 16.0, 0.0, X86_64),
    it("c6i.4xlarge", 16.0, 32.0, 0.0, X86_64),
    it("c6i.8xlarge", 32.0, 64.0, 0.0, X86_64),
    it("c6i.12xlarge", 48.0, 96.0, 0.0, X86_64),
    it("c6i.16xlarge", 64.0, 128.0, 0.0, X86_64),
    it("c6g.xlarge", 4.0, 8.0, 0.0, Arm64),
    it("c6g.2xlarge", 8.0, 16.0, 0.0, Arm64),
    it("c6g.4xlarge", 16.0, 32.0, 0.0, Arm64),
    it("c6g.8xlarge", 32.0, 64.0, 0.0, Arm64),
    it("c6g.12xlarge", 48.0, 96.0, 0.0, Arm64),
    it("c6g.16xlarge", 64.0, 128.0, 0.0, Arm64),
    it("c7g.xlarge", 4.0, 8.0, 0.0, Arm64),
    it("c7g.2xlarge", 8.0, 16.0, 0.0, Arm64),
    it("c7g.4xlarge", 16.0, 32.0, 0.0, Arm64),
    it("c7g.8xlarge", 32.0, 64.0, 0.0, Arm64),
    it("c7g.12xlarge", 48.0, 96.0, 0.0, Arm64),
    it("c7g.16xlarge", 64.0, 128.0, 0.0, Arm64),
    it("i3.xlarge", 4.0, 30.5, 950.0, X86_64),
    it("i3.2xlarge", 8.0, 61.0, 1900.0, X86_64),
    it("i3.4xlarge", 16.0, 122.0, 3800.0, X86_64),
    it("i3.8xlarge", 32.0, 244.0, 7600.0, X86_64),
    it("i3.16xlarge", 64.0, 488.0, 15200.0, X86_64),
    it("i4i.xlarge", 4.0, 32.0, 937.0, X86_64),
    it("i4i.2xlarge", 8.0, 64.0, 1875.0, X86_64),
    it("i4i.4xlarge", 16.0, 128.0, 3750.0, X86_64),
    it("i4i.8xlarge", 32.0, 256.0, 7500.0, X86_64),
    it("i4i.12xlarge", 48.0, 384.0, 11250.0, X86_64),
    it("i4i.16xlarge", 64.0, 512.0, 15000.0, X86_64),
];

pub fn instance(name: &str) -> Option<&'static InstanceType> {
    INSTANCE_TYPES.iter().find(|i| i.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_knows_the_shapes_emr_clusters_use() {
        let r = instance("r5.8xlarge").unwrap();
        assert_eq!(
            (r.vcpu, r.memory_gib, r.family(), r.size()),
            (32.0, 256.0, "r5", "8xlarge")
        );
        let g = instance("m6g.4xlarge").unwrap();
        assert_eq!((g.vcpu, g.memory_gib, g.architecture), (16.0, 64.0, Arm64));
        assert!(instance("i3.2xlarge").unwrap().instance_storage_gb > 0.0);
        assert_eq!(INSTANCE_TYPES.len(), 121);
    }
}
