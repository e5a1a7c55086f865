#!/usr/bin/env python3
"""Counts the OpenSanctions bench's synth_people rows by perturbation class and half.

Usage: linchpin evaluate-resolution --names --data DATA --pairs-out scored.csv
       bench_miss_classes.py scored.csv DATA/names/opensanctions-name-bench/cases.csv

Why: the held-out half of synth_people scored far below the development half (F1 0.768 against
0.935 at e7198f5). Each row's `notes` column says what the LLM perturbed ("surname swap",
"Korean given-name swap", "added father+grandfather"); grouping rows by that class and
comparing the halves shows which perturbations the halves hold in different shares, so a rule
is chosen for a class that both halves show, not for one held-out row. Prints a Markdown table:
positives / missed and negatives / false matches per half (docs/resolution.md, names10).
"""
import collections
import csv
import re
import sys


def is_latin(s):
    return all(ord(c) < 0x250 for c in s)


def perturbation_class(a, b, note):
    note = note.lower()
    if not (is_latin(a) and is_latin(b)):
        return 'non-Latin script on both sides'
    if 'korean' in note:
        return 'Korean given-name syllable swap'
    if re.search(r'added|dropped', note):
        return 'added / dropped parts'
    if re.search(r'nisbah|clan|tribal', note):
        return 'nisba / clan / tribal swap'
    if re.search(r'patronymic|father|grandfather', note):
        return 'patronymic / father-name swap'
    if re.search(r'translit|diacritic|defect|cedilla|hyphen|space|comma|romanis|wade|mu/mo|single-m|'
                 r'stripped|initial|nickname|scholarly', note):
        return 'transliteration, typo, diacritics'
    if re.search(r'given-name|given name|middle-name', note):
        return 'given-name substitution'
    if re.search(r'surname|family|last name|syllable', note):
        return 'family-name substitution (Latin)'
    return 'other'


def main(scored_csv, cases_csv):
    notes = {}
    for row in csv.DictReader(open(cases_csv, encoding='utf-8')):
        if row['case_group'] == 'synth_people':
            notes[(row['name1'].strip(), row['name2'].strip())] = row['notes']
    counts = collections.defaultdict(collections.Counter)
    for r in csv.DictReader(open(scored_csv, encoding='utf-8')):
        if r['group'] != 'synth_people':
            continue
        c = counts[perturbation_class(r['a'], r['b'], notes.get((r['a'], r['b']), ''))]
        half = 'dev' if r['half'] == 'development' else 'held'
        same, matched = r['label'] == 'true', r['match'] == 'true'
        c[half + (' pos' if same else ' neg')] += 1
        c[half + ' missed'] += same and not matched
        c[half + ' false'] += matched and not same
    print('| perturbation class | dev pos / missed | dev neg / false | held-out pos / missed | held-out neg / false |')
    print('|---|---|---|---|---|')
    for name, c in sorted(counts.items()):
        print(f"| {name} | {c['dev pos']} / {c['dev missed']} | {c['dev neg']} / {c['dev false']} | "
              f"{c['held pos']} / {c['held missed']} | {c['held neg']} / {c['held false']} |")


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
