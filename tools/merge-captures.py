#!/usr/bin/env python3
"""Rebuilds pricing-data/ from the current snapshot and dated regional price captures.

Usage: tools/merge-captures.py CAPTURE_ROWS.csv SPOT_SAVINGS.csv [--date YYYY-MM-DD]

CAPTURE_ROWS.csv holds rows in the layout of pricing-data/prices.csv converted from
dated captures of AWS's own price feeds (the pricing-page `meteredUnitMaps` feeds, the
Spot Instance Advisor data file, generated tables), one source per row;
SPOT_SAVINGS.csv gives each (region, instance type) its Spot Advisor interruption band.

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
- EMR per-instance prices (the "uplift") are kept only where verified or derived from
  verified figures; nothing is guessed for a type or region without one.

It writes prices.csv and manifest.json (sha256 and row count) into pricing-data/.
"""

import collections
import csv
import hashlib
import io
import json
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


def grouped(rows):
    out = collections.OrderedDict()
    for r in rows:
        out.setdefault((r["region"], r["price_key"]), []).append(r)
    return out


def prices_of(rows):
    return [(float(r["usd"]), r["tier_begin"], r["tier_end"]) for r in rows]


def main():
    capture_path, spot_path = sys.argv[1], sys.argv[2]
    date = sys.argv[sys.argv.index("--date") + 1] if "--date" in sys.argv else None
    old = grouped(csv.DictReader(open("pricing-data/prices.csv", newline="")))
    cap = grouped(csv.DictReader(open(capture_path, newline="")))
    bands = {(r["region"], r["instance_type"]): r["interruption_band"]
             for r in csv.DictReader(open(spot_path, newline=""))}

    out = collections.OrderedDict()
    for (region, key), rows in old.items():
        conf = rows[0]["confidence"]
        captured = cap.get((region, key))
        if key.startswith("ec2.spot_discount.") and captured:
            out[(region, key)] = captured  # the newer advisor data
        elif conf in ("V", "D"):
            if captured and prices_of(captured) != prices_of(rows) and len(captured) == len(rows):
                print(f"kept verified {region} {key} {prices_of(rows)} over capture "
                      f"{prices_of(captured)}", file=sys.stderr)
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
            if (region, key) in out or not storage:
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
