#!/usr/bin/env bash
# fer4j's cross-validation against the PyTorch oracle's (../shared/parity/torch_oracle.py protocol) on the SAME
# subject folds of the synthetic set, over several seeds (docs/PARITY.md, "The protocol on the same folds").
# For every seed, size and input choice it runs baseline and NDF (paired SPNDL without SPL) on both sides,
# then prints the table: each side's mean accuracy and fer4j − oracle with a 95 % interval over the seeds.
#   SEEDS="0 10 20 30 40" SIZES="48" NORMS="dataset imagenet" EPOCHS=10 FOLDS=5 WIDTH=0.125 OUT=DIR bench/protocol-parity.sh
# dataset = each fold's training statistics with σ 0.02 in normalised units (the oracle's defaults);
# imagenet = fer4j's defaults (0.45/0.225, σ 0.02 of the pixel range, i.e. 0.089 normalised on both sides).
# Runs that already have their results (fer4j's results.json, the oracle's JSON) are not run again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SEEDS=${SEEDS:-"0 10 20 30 40"}
SIZES=${SIZES:-48}
NORMS=${NORMS:-"dataset imagenet"}
EPOCHS=${EPOCHS:-10}
FOLDS=${FOLDS:-5}
WIDTH=${WIDTH:-0.125}
BATCH=${BATCH:-64}
OUT=${OUT:-runs/protocol-parity}
PY=$(../shared/parity/setup.sh | tail -1)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
[ -f "$OUT/syn/manifest.csv" ] || ./fer4j synth --out "$OUT/syn" >&2
echo "protocol-parity: $(nproc) cores,$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), flags: $(grep -o 'avx512[a-z_0-9]*\|avx2' /proc/cpuinfo | sort -u | tr '\n' ' ')" >&2
folds="$OUT/folds.json"
common=(--dataset manifest --root "$OUT/syn" --width "$WIDTH" --batch-size "$BATCH" --val-fraction 0 --grey --folds "$FOLDS" --no-progress)
if [ ! -f "$folds" ]; then # the folds every run shares: fer4j's own draw at the first seed
  ./fer4j cv "${common[@]}" --image-size 32 --epochs 1 --model baseline --no-spl --seed "${SEEDS%% *}" --out "$OUT/folds-run" >&2
  cp "$OUT/folds-run/folds.json" "$folds"
fi
for size in $SIZES; do
  for norm in $NORMS; do
    if [ "$norm" = dataset ]; then f_in=(--normalise dataset --noise-units normalised); o_in=(--norm dataset --noise 0.02)
    else f_in=(--normalise imagenet --noise-units pixel); o_in=(--norm imagenet --noise 0.0889); fi
    for seed in $SEEDS; do
      tag="$size-$norm-$seed"
      for v in baseline ndf; do
        model=(--model baseline); [ $v = ndf ] && model=(--model spndl)
        [ -f "$OUT/fer4j-$v-$tag/results.json" ] || { echo "fer4j $v $tag" >&2; ./fer4j cv "${common[@]}" --folds-file "$folds" \
          --image-size "$size" --epochs "$EPOCHS" --seed "$seed" "${model[@]}" --no-spl "${f_in[@]}" --out "$OUT/fer4j-$v-$tag" > "$OUT/fer4j-$v-$tag.log" 2>&1; }
      done
      [ -f "$OUT/oracle-$tag.json" ] || { echo "oracle $tag" >&2; "$PY" ../shared/parity/torch_oracle.py protocol "$OUT/syn/manifest.csv" \
        --variants baseline,ndf --folds-json "$folds" --width "$WIDTH" --size "$size" --channels 1 --epochs "$EPOCHS" --bs "$BATCH" \
        "${o_in[@]}" --seed "$seed" --json "$OUT/oracle-$tag.json" > "$OUT/oracle-$tag.log" 2>&1; }
    done
  done
done
"$PY" bench/protocol_parity_table.py "$OUT"
