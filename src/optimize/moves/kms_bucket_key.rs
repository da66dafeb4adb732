//! LC-OPT-011: an S3 Bucket Key for a layer encrypted with SSE-KMS without one (see
//! `docs/optimize.md`): S3 then asks KMS for a bucket-level key now and then instead of
//! a data key per object.

use super::super::{Kind, Proposal, Search};
use crate::model::Service;
use crate::scenario::Encryption;
use crate::scenario::edit::{Edit, item_path};

pub(super) fn propose(search: &Search) -> Vec<Proposal> {
    let mut out = Vec::new();
    let without = |e: &Encryption| matches!(e, Encryption::SseKms(k) if !k.bucket_key);
    for (i, l) in search.s.s3.layers.iter().enumerate() {
        if !without(&l.encryption) {
            continue;
        }
        let mut s = search.s.clone();
        if let Encryption::SseKms(k) = &mut s.s3.layers[i].encryption {
            k.bucket_key = true;
        }
        let Some((candidate, ())) = search.cheapest(vec![(s, ())]) else {
            continue;
        };
        out.push(Proposal {
            candidate,
            service: Service::Kms,
            resource: l.name.clone(),
            title: "encryption.bucket_key: true (was false)".into(),
            kind: Kind::Configuration,
            trade_off: "objects are encrypted with a bucket-level key derived from the KMS key: CloudTrail logs name the bucket, not each object, and an IAM or key policy that conditions on the object's ARN as encryption context must use the bucket's".into(),
            edits: vec![Edit::Set {
                path: item_path("s3", "layers", &l.name, &["encryption", "bucket_key"]),
                value: "true".into(),
            }],
        });
    }
    out
}
