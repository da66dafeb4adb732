//! EC2 instance types lakecost knows the shape of (vCPUs, memory), for EMR clusters and
//! for sizing workloads. Prices are in the price book, not here. Source: EC2 instance
//! type pages (general purpose m5/m6g/m7g, memory optimized r5/r6g, compute c5).

use crate::scenario::Architecture;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InstanceType {
    pub name: &'static str,
    pub vcpu: f64,
    pub memory_gib: f64,
    pub architecture: Architecture,
}

const fn x86(name: &'static str, vcpu: f64, memory_gib: f64) -> InstanceType {
    InstanceType {
        name,
        vcpu,
        memory_gib,
        architecture: Architecture::X86_64,
    }
}

const fn arm(name: &'static str, vcpu: f64, memory_gib: f64) -> InstanceType {
    InstanceType {
        name,
        vcpu,
        memory_gib,
        architecture: Architecture::Arm64,
    }
}

pub const INSTANCE_TYPES: &[InstanceType] = &[
    x86("m5.xlarge", 4.0, 16.0),
    x86("m5.2xlarge", 8.0, 32.0),
    x86("m5.4xlarge", 16.0, 64.0),
    x86("r5.xlarge", 4.0, 32.0),
    x86("r5.2xlarge", 8.0, 64.0),
    x86("r5.4xlarge", 16.0, 128.0),
    x86("c5.2xlarge", 8.0, 16.0),
    arm("m6g.xlarge", 4.0, 16.0),
    arm("m6g.2xlarge", 8.0, 32.0),
    arm("r6g.2xlarge", 8.0, 64.0),
    arm("m7g.2xlarge", 8.0, 32.0),
];

pub fn instance(name: &str) -> Option<&'static InstanceType> {
    INSTANCE_TYPES.iter().find(|i| i.name == name)
}
