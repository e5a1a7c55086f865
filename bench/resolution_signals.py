#!/usr/bin/env python3
# The same-person account pairs of a simulated case (truth.json) by platform pair, and the share
# of them whose records share each signal: phone (digits), e-mail, handle stem (letters only),
# display name (exact, case-blind), owner column. Shows what a linker can possibly see.
#
#   bench/resolution_signals.py CASE_DIR      (a `linchpin simulate --out` directory)
import csv, json, sys, re, collections, itertools
d = sys.argv[1]
truth = json.load(open(d + "/truth.json"))
acc = {r["account_id"]: r for r in csv.DictReader(open(d + "/accounts.csv"))}
owner = {a["id"]: a["owners"][0]["person"] for a in truth["accounts"]}
burner = {a["id"]: a["burner"] for a in truth["accounts"]}
roles = {p["id"]: p["role"] for p in truth["persons"]}
def stem(h): s = re.sub(r"[^a-z]", "", h.lower()); return s if len(s) >= 4 else ""
def phone(r): return re.sub(r"[^0-9]", "", r["phone"]).lstrip("0") if r["phone"] else ""
by_person = collections.defaultdict(list)
for a, p in owner.items():
    if a in acc: by_person[p].append(a)
stems = collections.Counter(stem(r["handle"]) for r in acc.values() if stem(r["handle"]))
rows = collections.defaultdict(lambda: collections.Counter())
for p, accs in by_person.items():
    for a, b in itertools.combinations(sorted(accs), 2):
        ra, rb = acc[a], acc[b]
        key = "-".join(sorted([ra["platform"] + ("(burner)" if burner[a] else ""), rb["platform"] + ("(burner)" if burner[b] else "")]))
        if roles[p] in ("chief", "commander", "planner"): key = "covert " + key
        c = rows[key]
        c["pairs"] += 1
        sp = phone(ra) and phone(ra) == phone(rb)
        se = ra["email"] and ra["email"].lower() == rb["email"].lower()
        sh = stem(ra["handle"]) and stem(ra["handle"]) == stem(rb["handle"])
        sd = ra["display_name"] and ra["display_name"].strip().lower() == rb["display_name"].strip().lower()
        so = ra["owner"] and ra["owner"] == rb["owner"]
        c["phone"] += bool(sp); c["email"] += bool(se); c["handle"] += bool(sh); c["display"] += bool(sd); c["owner"] += bool(so)
        c["any"] += bool(sp or se or sh or sd or so)
# different-person pairs sharing a handle stem (near misses)
diff_stem = 0
stem_holders = collections.defaultdict(set)
for a, r in acc.items():
    if stem(r["handle"]): stem_holders[stem(r["handle"])].add(owner[a])
diff_stem = sum(1 for s, ps in stem_holders.items() if len(ps) > 1)
tot = collections.Counter()
print("%-34s %6s %6s %6s %6s %6s %6s %6s" % ("platform pair", "pairs", "phone", "email", "handle", "dispnm", "owner", "any"))
for k in sorted(rows, key=lambda k: -rows[k]["pairs"]):
    c = rows[k]; tot.update(c)
    print("%-34s %6d %6.2f %6.2f %6.2f %6.2f %6.2f %6.2f" % (k, c["pairs"], *(c[x] / c["pairs"] for x in ("phone", "email", "handle", "display", "owner", "any"))))
print("%-34s %6d %6.2f %6.2f %6.2f %6.2f %6.2f %6.2f" % ("ALL", tot["pairs"], *(tot[x] / tot["pairs"] for x in ("phone", "email", "handle", "display", "owner", "any"))))
print("handle stems held by two or more different people:", diff_stem)
