#!/usr/bin/python3
"""Fits the Platt maps of attribute/verdict.cc from evaluate runs on calibration seeds.

    bench/attribution_eval.sh -s "101 102 103 104 105 106 107 108 109 110" -d DIR
    bench/attribution_calibrate.py DIR/*.eval.json

Each incident gives (raw confidence, verdict right); raw is the confidence printed when the
Platt maps are the identity. For each family (a handler was named: directed/assisted; none was:
inspired/none) fits P(right) = 1 / (1 + exp(-(a * logit(raw) + b))) by Newton's method on the
log-likelihood, and prints the constants to paste into verdict.cc. Use seeds that are never
reported: calibrating on the reported seeds would flatter the Brier score.
"""
import json
import math
import sys


def fit(points):
    a, b = 1.0, 0.0
    for _ in range(50):
        ga = gb = haa = hab = hbb = 0.0
        for x, y in points:
            p = 1 / (1 + math.exp(-(a * x + b)))
            ga += (y - p) * x
            gb += y - p
            w = p * (1 - p)
            haa += w * x * x
            hab += w * x
            hbb += w
        haa += 1e-3  # a weak ridge keeps the fit finite when a family is all right
        hbb += 1e-3
        det = haa * hbb - hab * hab
        a += (hbb * ga - hab * gb) / det
        b += (haa * gb - hab * ga) / det
    return a, b


families = {"handler": [], "no_handler": []}
for path in sys.argv[1:]:
    for i in json.load(open(path))["by_incident"]:
        raw = min(max(i["confidence"], 1e-4), 1 - 1e-4)
        fam = "handler" if i["verdict"] in ("directed", "assisted") else "no_handler"
        families[fam].append((math.log(raw / (1 - raw)), 1.0 if i["verdict_right"] else 0.0))
for fam, points in families.items():
    if len(points) < 5:
        print(f"{fam}: only {len(points)} incidents, keep the identity")
        continue
    a, b = fit(points)
    right = sum(y for _, y in points) / len(points)
    print(f"{fam}: n={len(points)} right={right:.3f} -> Platt a={a:.3f} b={b:.3f}")
