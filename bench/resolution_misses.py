#!/usr/bin/env python3
# What a resolution of a simulated case missed, and how much collective (relational) resolution
# could still win: an error analysis against truth.json, never used by the linker itself.
#
#   linchpin resolve CASE.lpc --json > RES.json
#   bench/resolution_misses.py CASE_DIR RES.json [MAX_CONTACT_DEGREE]
#
# Prints, per platform pair of same-person account pairs: pairs, missed, recall, and the
# false pairs the resolution made; then the identifiers the missed pairs share (exact, as
# bench/resolution_signals.py reads them; "phone-differ" = both records carry a number and the
# numbers differ); then the contact ceiling: for every missed pair, the contacts the two accounts
# share once each contact is mapped (a) to its resolved entity (what the linker's second round
# sees) and (b) to its TRUE owner (a perfect collective resolution of the contacts: Bhattacharya &
# Getoor, TKDD 2007). Contacts held by more than MAX_CONTACT_DEGREE accounts (default 40, as
# BlockingOptions::max_contact_degree) are hubs and left out, and the pair's own ends are not
# shared contacts, as in PairScorer::CompareContacts. Pairs that share no contact even under (b)
# cannot be won by any relational comparison of contacts. Last, the recall ceiling: what an
# oracle that links on that evidence and closes transitively would reach.
import collections, csv, itertools, json, re, sys

case_dir, res_path = sys.argv[1], sys.argv[2]
max_degree = int(sys.argv[3]) if len(sys.argv) > 3 else 40
truth = json.load(open(case_dir + "/truth.json"))
acc = {r["account_id"]: r for r in csv.DictReader(open(case_dir + "/accounts.csv"))}
owner = {a["id"]: a["owners"][0]["person"] for a in truth["accounts"]}
burner = {a["id"]: a["burner"] for a in truth["accounts"]}
entity = {}  # `resolve --json` lists entities of several records; any other account is its own
for e in json.load(open(res_path))["entities"]:
    for a in e["accounts"]:
        entity[a] = e["entity"]
for a in acc:
    entity.setdefault(a, a)


def digits(p):
    return re.sub(r"[^0-9]", "", p).lstrip("0")


def stem(h):
    s = re.sub(r"[^a-z]", "", h.lower())
    return s if len(s) >= 4 else ""


def platform_pair(a, b):
    names = [acc[x]["platform"] + ("(burner)" if burner[x] else "") for x in (a, b)]
    return "-".join(sorted(names))


# Events name phones by number: a number belongs to the phone-platform account that carries it
# (features.h, EndpointAccounts); other endpoints are account ids or channels.
account_of_endpoint = {}
for a, r in acc.items():
    account_of_endpoint[a] = a
    if r["platform"] == "phone" and r["phone"]:
        account_of_endpoint.setdefault(digits(r["phone"]), a)


def endpoint(e):
    return account_of_endpoint.get(digits(e) if e[:1] in "+0123456789" else e, e)


contacts = collections.defaultdict(set)
with open(case_dir + "/events.csv") as f:
    for ev in csv.DictReader(f):
        if not ev["target"]:
            continue
        s, t = endpoint(ev["source"]), endpoint(ev["target"])
        if s != t:
            contacts[s].add(t)
            contacts[t].add(s)
degree = collections.Counter(x for cs in contacts.values() for x in cs)

same_person = collections.defaultdict(list)
for a, p in owner.items():
    if a in acc:
        same_person[p].append(a)
pairs, missed = collections.Counter(), []
for accounts in same_person.values():
    for a, b in itertools.combinations(sorted(accounts), 2):
        pairs[platform_pair(a, b)] += 1
        if entity[a] != entity[b]:
            missed.append((a, b))
missed_by = collections.Counter(platform_pair(a, b) for a, b in missed)
false_by = collections.Counter()
members = collections.defaultdict(list)
for a, e in entity.items():
    members[e].append(a)
for accounts in members.values():
    for a, b in itertools.combinations(sorted(accounts), 2):
        if owner.get(a) != owner.get(b):
            false_by[platform_pair(a, b)] += 1

print("%-30s %6s %6s %6s %6s" % ("platform pair", "pairs", "missed", "recall", "false"))
for k in sorted(pairs, key=lambda k: -pairs[k]):
    print("%-30s %6d %6d %6.3f %6d" % (k, pairs[k], missed_by[k], 1 - missed_by[k] / pairs[k], false_by[k]))
total = sum(pairs.values())
print("%-30s %6d %6d %6.3f %6d" % ("all", total, len(missed), 1 - len(missed) / total, sum(false_by.values())))

signals = collections.Counter()
for a, b in missed:
    ra, rb = acc[a], acc[b]
    s = []
    if digits(ra["phone"]) and digits(rb["phone"]):
        s.append("phone" if digits(ra["phone"]) == digits(rb["phone"]) else "phone-differ")
    if ra["email"] and ra["email"].lower() == rb["email"].lower():
        s.append("email")
    if stem(ra["handle"]) and stem(ra["handle"]) == stem(rb["handle"]):
        s.append("handle")
    if ra["display_name"] and ra["display_name"].strip().lower() == rb["display_name"].strip().lower():
        s.append("display")
    signals[" + ".join(s) or "nothing"] += 1
print("\nidentifiers the missed pairs share:")
for k, v in signals.most_common():
    print("%6d  %s" % (v, k))


def shared(a, b, space):
    def mapped(x):
        return {space(y) for y in contacts.get(x, ()) if degree[y] <= max_degree} - {space(a), space(b)}
    x, y = mapped(a), mapped(b)
    return None if not x or not y else len(x & y)


print("\nmissed pairs by contacts shared (hubs > %d accounts left out):" % max_degree)
print("%-34s %8s %8s %8s %8s %8s" % ("contacts mapped to", "no cont.", "0", "1", "2", ">=3"))
for label, space in (("resolved entity (linker's view)", lambda y: entity.get(y, y)),
                     ("true owner (perfect collective)", lambda y: owner.get(y, y))):
    h = collections.Counter()
    for a, b in missed:
        n = shared(a, b, space)
        h["none" if n is None else min(n, 3)] += 1
    print("%-34s %8d %8d %8d %8d %8d" % (label, h["none"], h[0], h[1], h[2], h[3]))


# Recall on the pairs a linker could see at all (a diagnostic, not the target): same-person
# pairs whose records share an identifier (phone, e-mail, handle stem, exact display name) or at
# least one contact once every contact is mapped to its true owner. The target is recall on all
# same-person pairs, above.
def identifier(a, b):
    ra, rb = acc[a], acc[b]
    return bool((digits(ra["phone"]) and digits(ra["phone"]) == digits(rb["phone"])) or
                (ra["email"] and ra["email"].lower() == rb["email"].lower()) or
                (stem(ra["handle"]) and stem(ra["handle"]) == stem(rb["handle"])) or
                (ra["display_name"] and ra["display_name"].strip().lower() == rb["display_name"].strip().lower()))


visible = found = 0
for accounts in same_person.values():
    for a, b in itertools.combinations(sorted(accounts), 2):
        if identifier(a, b) or (shared(a, b, lambda y: owner.get(y, y)) or 0) > 0:
            visible += 1
            found += entity[a] == entity[b]
print("\npairs sharing an identifier or a truly-resolved contact: %d of %d, recall on them %.3f"
      % (visible, total, found / visible if visible else float("nan")))


# The ceiling: the recall an oracle would reach that links every same-person pair with the
# evidence below and then takes the transitive closure (a pair that shares nothing can still be
# joined through a third account). No linker that reads these signals can do better; one with
# precision to keep does worse. "generous" counts any shared identifier or one truly-resolved
# contact; "strict" only what a linker could trust alone: a phone, e-mail or handle stem, a
# display name no more than two accounts carry, or two truly-resolved contacts.
display_holders = collections.Counter(r["display_name"].strip().lower() for r in acc.values()
                                      if r["display_name"].strip())


def strict_evidence(a, b):
    ra, rb = acc[a], acc[b]
    if ((digits(ra["phone"]) and digits(ra["phone"]) == digits(rb["phone"])) or
            (ra["email"] and ra["email"].lower() == rb["email"].lower()) or
            (stem(ra["handle"]) and stem(ra["handle"]) == stem(rb["handle"]))):
        return True
    name = ra["display_name"].strip().lower()
    if name and name == rb["display_name"].strip().lower() and display_holders[name] <= 2:
        return True
    return (shared(a, b, lambda y: owner.get(y, y)) or 0) >= 2


def closure_recall(evidence):
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    groups = [list(itertools.combinations(sorted(accounts), 2)) for accounts in same_person.values()]
    for pairs_of_person in groups:
        for a, b in pairs_of_person:
            if evidence(a, b):
                parent[find(a)] = find(b)
    return sum(find(a) == find(b) for g in groups for a, b in g) / total


print("ceiling (oracle links on the evidence, then transitive closure): generous %.3f, strict %.3f"
      % (closure_recall(lambda a, b: identifier(a, b) or (shared(a, b, lambda y: owner.get(y, y)) or 0) > 0),
         closure_recall(strict_evidence)))
