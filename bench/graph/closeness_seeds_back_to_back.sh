#!/bin/bash
# Closeness and harmonic, process user CPU s of two linchpin binaries on simulated cases of 10000
# people, seeds 2-5 and 7-10, outputs compared byte for byte.
#   bench/graph/closeness_seeds_back_to_back.sh BASE_BIN NEW_BIN
BASE=$1 NEW=$2
for s in 2 3 4 5 7 8 9 10; do
  d=/tmp/msbfs_seed$s
  rm -rf $d $d.lpc
  $BASE simulate --seed $s --people 10000 --out $d > /dev/null 2>&1 && $BASE ingest $d.lpc $d/*.csv > /dev/null 2>&1
  for m in closeness harmonic; do
    l=$(cut -d' ' -f1 /proc/loadavg)
    nb=$( { /usr/bin/time -f "%U" $NEW analyze $d.lpc --metric $m > $d.new.$m; } 2>&1 )
    bb=$( { /usr/bin/time -f "%U" $BASE analyze $d.lpc --metric $m > $d.base.$m; } 2>&1 )
    cmp -s $d.new.$m $d.base.$m && same=same || same=DIFFERENT
    echo "seed $s $m $(head -1 $d.new.$m | grep -o 'on [0-9,]* entities, [0-9,]* edges') load $l before $bb after $nb $same"
  done
done
