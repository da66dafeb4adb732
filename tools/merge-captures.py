#!/usr/bin/env python3
"""Rebuilds pricing-data/ from the current snapshot and dated regional price captures.

Usage: tools/merge-captures.py SPOT_SAVINGS.csv CAPTURE_ROWS.csv [CAPTURE_ROWS.csv …]
       [--date YYYY-MM-DD]

Each CAPTURE_ROWS.csv holds rows in the layout of pricing-data/prices.csv converted from
dated captures of AWS's own price feeds (the pricing-page `meteredUnitMaps` feeds, the
Spot Instance Advisor data file, generated tables), one source per row; a later file
wins over an earlier one for the same (region, key). SPOT_SAVINGS.csv gives each
(region, instance type) its Spot Advisor interruption band.

Only keys lakecost prices are taken: those the services declare in
src/model/<service>/keys.rs (a capture's rows for services not modelled yet are left
out, not carried as dead rows).

Rules (docs/pricing.md, "How the bundled snapshot was built"):
- A row verified against the Price List (confidence V) or derived from verified figures
  (D) is kept; a capture replaces it only for spot savings, where the capture is newer.
- Any other row (S, M) is replaced by the captured figure for the same key and region.
  Without a capture, a us-east-1 row keeps its own (secondary) source and tag; a row of
  another region is dropped: those were us-east-1 figures copied across, guesses.
- Captured rows are added for every key and region they cover.
- S3 early-deletion prices are derived from the class's storage price in the same
  region (S3 bills early deletion at the class's storage rate).
- Spot rows carry their interruption band as an attribute.
- EMR per-instance prices (the "uplift") are kept only where verified, derived from
  verified figures or captured; nothing is guessed for a type or region without one.
- A verified row the capture agrees with keeps its tag and takes the capture's
  effective date and SKU where it had none (the capture dates the price).
- Step Functions Express duration is priced per GB-second, the Price List's unit
  (usage type `StepFunctions-GB-Second`); captures converted to GB-hours are converted
  back, exactly, in decimal.

It writes prices.csv and manifest.json (sha256 and row count) into pricing-data/.
"""

import collections
import csv
import decimal
import glob
import hashlib
import io
import json
import re
import sys

HEADER = ["service_code", "price_key", "region", "unit", "usd", "tier_begin", "tier_end",
          "usage_type", "operation", "product_family", "attributes", "sku",
          "effective_date", "confidence", "source"]

EARLY_DELETE = {
    "STANDARD_IA": "EarlyDelete-SIA",
    "ONEZONE_IA": "EarlyDelete-ZIA",
    "GLACIER_IR": "EarlyDelete-GIR",
    "GLACIER": "EarlyDelete-ByteHrs",
    "DEEP_ARCHIVE": "EarlyDelete-GDA",
}

# EMR per-instance prices from AWS's own published figures, us-east-1.
EMR_ADDED = [
    ("m6g.4xlarge", "0.154", "D",
     "aws/aws-emr-best-practices: m6g.4xlarge EC2 + EMR $0.770 an hour, less the EC2 "
     "on-demand price $0.616"),
    ("r5.12xlarge", "0.27", "S",
     "aws/aws-emr-best-practices, Spark best practices: EMR price $0.27 an hour "
     "(region not stated; us-east-1 assumed)"),
    ("m5.16xlarge", "0.27", "S",
     "aws/aws-emr-best-practices, Spark best practices: EMR price $0.27 an hour "
     "(region not stated; us-east-1 assumed)"),
]


def dated_by(rows, captured):
    """Verified rows with the date and SKU of a capture that agrees with them; a tier
    from memory (M) that the capture confirms takes the capture's tag and source."""
    out = []
    for r, c in zip(rows, captured):
        r = dict(r)
        if r["confidence"] == "M":
            r.update(confidence=c["confidence"], source=c["source"],
                     effective_date=c["effective_date"], sku=r["sku"] or c["sku"])
        if not r["effective_date"]:
            r["effective_date"] = c["effective_date"]
            r["sku"] = r["sku"] or c["sku"]
            r["source"] = f"{r['source']}; dated by the capture that agrees: {c['source']}"
        out.append(r)
    return out


# Usage types the snapshot once guessed and the Price List spells otherwise (infracost's
# Kinesis resource, whose filters are matched against the Price List:
# internal/resources/aws/kinesis_stream.go): the verified rows keep their prices and take
# the Price List's usage type, as the captures already do.
USAGE_TYPE_FIXES = {
    "kinesis.efo.consumer_shard_hour": ("EnhancedFanout-ConsumerShardHour", "EnhancedFanoutHour",
                                        "ConsumerHour"),
    "kinesis.efo.retrieval": ("EnhancedFanout-Bytes", "ReadBytes", "EnhancedFanoutDataRetrieval"),
    "kinesis.provisioned.long_term_retrieval": ("LongTermRetention-Retrieval",
                                                "LongTermRetention-ReadBytes",
                                                "LongTermRetentionDataRetrieval"),
}


def grouped(rows):
    out = collections.OrderedDict()
    for r in rows:
        out.setdefault((r["region"], r["price_key"]), []).append(r)
    return out


def prices_of(rows):
    return [(float(r["usd"]), float(r["tier_begin"]), float(r["tier_end"])) for r in rows]


def declared_keys():
    """The price keys the services declare (`PriceKey::list`/`unlisted` constants in
    src/model/<service>/keys.rs): fixed keys, and the per-instance-type templates as
    prefixes."""
    keys = []
    for path in sorted(glob.glob("src/model/*/keys.rs")):
        keys += re.findall(r'PriceKey::(?:list|unlisted)\(\s*"([^"]+)"', open(path).read())
    if not keys:
        sys.exit("no price keys found under src/model/*/keys.rs: run from the repository root")
    fixed = {k for k in keys if "{type}" not in k}
    templates = tuple(k.replace("{type}", "") for k in keys if "{type}" in k)
    return lambda key: key in fixed or key.startswith(templates + ("ec2.spot_discount.",))


def per_gb_second(rows):
    """Step Functions Express duration rows in GB-hours, back to the Price List's
    GB-seconds: price ÷ 3600 and tier bounds × 3600, exact in decimal."""
    out = []
    for r in rows:
        if r["unit"] != "GB-Hours":
            out.append(r)
            continue
        r = dict(r)
        usd = decimal.Decimal(r["usd"]) / 3600
        r["usd"] = format(usd.normalize(), "f")
        for b in ("tier_begin", "tier_end"):
            if r[b] != "Inf":
                r[b] = format((decimal.Decimal(r[b]) * 3600).normalize(), "f")
        r["unit"] = "GB-Seconds"
        r["usage_type"] = r["usage_type"].replace("StepFunctions-GB-Hour", "StepFunctions-GB-Second")
        out.append(r)
    return out


def main():
    args = [a for a in sys.argv[1:]]
    date = None
    if "--date" in args:
        i = args.index("--date")
        date = args[i + 1]
        del args[i:i + 2]
    spot_path, capture_paths = args[0], args[1:]
    declared = declared_keys()
    old = grouped(csv.DictReader(open("pricing-data/prices.csv", newline="")))
    cap = collections.OrderedDict()
    for path in capture_paths:
        for k, rows in grouped(csv.DictReader(open(path, newline=""))).items():
            if declared(k[1]):
                cap[k] = rows
    for k in list(old) + list(cap):
        if k[1] == "stepfunctions.express.duration":
            for d in (old, cap):
                if k in d:
                    d[k] = per_gb_second(d[k])
    for rows in old.values():
        for r in rows:
            fix = USAGE_TYPE_FIXES.get(r["price_key"])
            if fix and r["usage_type"].endswith(fix[0]):
                r["usage_type"] = r["usage_type"][: -len(fix[0])] + fix[1]
                r["operation"] = fix[2]
    bands = {(r["region"], r["instance_type"]): r["interruption_band"]
             for r in csv.DictReader(open(spot_path, newline=""))}

    out = collections.OrderedDict()
    for (region, key), rows in old.items():
        conf = rows[0]["confidence"]
        captured = cap.get((region, key))
        if key.startswith("ec2.spot_discount.") and captured:
            out[(region, key)] = captured  # the newer advisor data
        elif conf in ("V", "D") or any(r["confidence"] in ("V", "D") for r in rows):
            if captured and prices_of(captured) != prices_of(rows):
                print(f"kept verified {region} {key} {prices_of(rows)} over capture "
                      f"{prices_of(captured)}", file=sys.stderr)
            elif captured:
                rows = dated_by(rows, captured)
            out[(region, key)] = rows
        elif captured:
            out[(region, key)] = captured
        elif region == "us-east-1" and not key.startswith("emr.instance."):
            out[(region, key)] = rows
        else:
            print(f"dropped unverified {region} {key} ({conf}): no capture", file=sys.stderr)
    for k, rows in cap.items():
        out.setdefault(k, rows)

    regions = sorted({r for (r, _) in out})
    for region in regions:
        for cls, suffix in EARLY_DELETE.items():
            key = f"s3.early_delete.{cls}"
            storage = out.get((region, f"s3.storage.{cls}"))
            if not storage:
                continue
            if (region, key) in out:
                for r in out[(region, key)]:
                    r["effective_date"] = r["effective_date"] or storage[0]["effective_date"]
                continue
            s = dict(storage[0])
            prefix = s["usage_type"].split("TimedStorage")[0]
            s.update(price_key=key, usage_type=prefix + suffix, attributes="", sku="",
                     source="= s3.storage.%s in %s: S3 bills objects removed or moved "
                            "before the minimum duration the remaining days at the class's "
                            "storage rate (S3 User Guide, storage classes); storage row: %s"
                            % (cls, region, s["source"]))
            out[(region, key)] = [s]

    for (region, key), rows in out.items():
        if key.startswith("ec2.spot_discount."):
            band = bands.get((region, key[len("ec2.spot_discount."):]))
            for r in rows:
                r["attributes"] = f"interruption={band}" if band else ""

    for itype, usd, conf, source in EMR_ADDED:
        k = ("us-east-1", f"emr.instance.{itype}")
        if k not in out:
            out[k] = [dict(service_code="ElasticMapReduce", price_key=k[1], region=k[0],
                           unit="Hrs", usd=usd, tier_begin="0", tier_end="Inf",
                           usage_type=f"BoxUsage:{itype}", operation="RunInstances",
                           product_family="Elastic Map Reduce Instance",
                           attributes=f"instanceType={itype}", sku="", effective_date="",
                           confidence=conf, source=source)]

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADER)
    n = 0
    for (region, key) in sorted(out):
        for r in sorted(out[(region, key)], key=lambda r: float(r["tier_begin"])):
            w.writerow([r[h] for h in HEADER])
            n += 1
    text = buf.getvalue()
    open("pricing-data/prices.csv", "w", newline="").write(text)
    manifest = json.load(open("pricing-data/manifest.json"))
    if date:
        manifest["snapshot_date"] = date
    manifest["regions"] = regions
    manifest["files"] = [{"name": "prices.csv",
                          "sha256": hashlib.sha256(text.encode()).hexdigest(), "rows": n}]
    open("pricing-data/manifest.json", "w").write(json.dumps(manifest, indent=2) + "\n")
    print(f"{n} rows, {len(out)} prices, {len(regions)} regions", file=sys.stderr)


if __name__ == "__main__":
    main()
