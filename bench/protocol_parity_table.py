"""The table of bench/protocol-parity.sh: fer4j against the PyTorch oracle on the same folds, over seeds.

Each run's accuracy is the mean over its folds; a seed's fer4j and oracle runs share folds and seed, so they are
paired, and the interval is Student's t over the seeds' differences (the folds inside one run are not
independent draws, so they are not the unit)."""
import json, os, re, statistics as st, sys

T95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
       2.120, 2.110, 2.101, 2.093, 2.086]


def interval(d):
    if len(d) < 2:
        return float("nan")
    return (T95[len(d) - 2] if len(d) - 2 < len(T95) else 1.96) * st.stdev(d) / len(d) ** 0.5


def main(out):
    runs = {}
    for name in os.listdir(out):
        m = re.fullmatch(r"oracle-(\d+)-(\w+)-(\d+)\.json", name)
        if not m:
            continue
        size, norm, seed = m.groups()
        oracle = json.load(open(os.path.join(out, name)))["results"]
        for v in ("baseline", "ndf"):
            res = os.path.join(out, f"fer4j-{v}-{size}-{norm}-{seed}", "results.json")
            if v in oracle and os.path.exists(res):
                f = 100 * st.mean(json.load(open(res))["fold_accuracy"])
                o = 100 * st.mean(oracle[v]["folds"])
                runs.setdefault((size, norm, v), []).append((int(seed), f, o))
    print("| size | input | model | seeds | fer4j | PyTorch oracle | fer4j − oracle, 95 % CI |")
    print("|---|---|---|---|---|---|---|")
    pooled = {}
    for (size, norm, v), r in sorted(runs.items()):
        d = [f - o for _, f, o in r]
        pooled.setdefault(v, []).extend(d)
        h = interval(d)
        print(f"| {size} px | {norm} | {v} | {len(r)} | {st.mean(f for _, f, _ in r):.2f} | {st.mean(o for _, _, o in r):.2f}"
              f" | {st.mean(d):+.2f} [{st.mean(d) - h:+.2f}, {st.mean(d) + h:+.2f}] |")
    for v, d in sorted(pooled.items()):
        h = interval(d)
        print(f"| all | all | {v} | {len(d)} runs | | | {st.mean(d):+.2f} [{st.mean(d) - h:+.2f}, {st.mean(d) + h:+.2f}] |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "runs/protocol-parity")
