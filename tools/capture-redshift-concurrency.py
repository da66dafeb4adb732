#!/usr/bin/env python3
"""Converts the Redshift pricing-page feed's concurrency-scaling items into capture rows.

Usage: tools/capture-redshift-concurrency.py REDSHIFT_ONDEMAND.json > rows.csv

REDSHIFT_ONDEMAND.json is AWS's pricing-page feed `meteredUnitMaps/redshift` as
yeo/ec2.shop@74c9fd8 keeps it (`data/redshift/redshift.json`, hawkFilePublicationDate
2025-03-19): the same capture the bundled Redshift node rows come from. Its items
"<type> Redshift Concurrency Scaling Current Generation <family>" give, per region, the
price of one second of a concurrency-scaling cluster's node of that type; the item's
`Instance Type` field names the type (the family word in the item's name is not
reliable: Osaka's dc2 items carry several). A type whose items in a region disagree is
left out there rather than guessed.

The rows are written in the layout of pricing-data/prices.csv, for
tools/merge-captures.py. The price is read; two things are inferred and said so in
each row's source: the usage type `CS:<type>` (region-prefixed outside us-east-1, as
the node rows' `Node:<type>`), unit `seconds` and product family "Redshift
Concurrency Scaling", as two independent public copies of Price List and CUR data
spell them; `pricing refresh` confirms or replaces them.
"""

import csv
import json
import re
import sys

# The snapshot's own columns, so that the rows are in its layout.
with open("pricing-data/prices.csv") as f:
    HEADER = next(csv.reader(f))

TYPES = ["dc2.large", "dc2.8xlarge", "ra3.xlplus", "ra3.4xlarge", "ra3.16xlarge"]


def regions():
    """(code, location, prefix) of the 18 regions the bundled snapshot covers, read
    from src/regions.rs."""
    text = open("src/regions.rs").read()
    found = re.findall(
        r'code: "([^"]+)",\s*location: "([^"]+)",\s*prefix: "([^"]+)"', text)
    with open("pricing-data/prices.csv") as f:
        covered = {row["region"] for row in csv.DictReader(f)}
    return [f for f in found if f[0] in covered]


def main():
    feed = json.load(open(sys.argv[1]))
    date = feed["manifest"]["hawkFilePublicationDate"][:10]
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(HEADER)
    for code, location, prefix in regions():
        items = feed["regions"].get(location, {})
        for t in TYPES:
            found = [(name, v) for name, v in items.items()
                     if "Concurrency Scaling" in name and v.get("Instance Type") == t]
            prices = {v["price"] for _, v in found}
            if len(prices) != 1:
                continue
            name, v = found[0]
            usd = format(float(prices.pop()), "f").rstrip("0").rstrip(".")
            usage = ("" if code == "us-east-1" else prefix + "-") + "CS:" + t
            source = (
                "yeo/ec2.shop@74c9fd8:data/redshift/redshift.json (AWS pricing-page feed "
                f"meteredUnitMaps/redshift, hawkFilePublicationDate {date}) item '{name}'; "
                "usage type, unit and product family inferred (CS:<type>, seconds, "
                "'Redshift Concurrency Scaling', as public copies of Price List and CUR "
                "data spell them), unverified")
            out.writerow(["AmazonRedshift", f"redshift.concurrency_scaling.{t}", code,
                          "seconds", usd, "0", "Inf", usage, "",
                          "Redshift Concurrency Scaling", f"instanceType={t}",
                          v["rateCode"].split(".")[0], date, "S", source])


if __name__ == "__main__":
    main()
