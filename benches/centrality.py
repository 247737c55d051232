#!/usr/bin/env python3
"""networkx and python-igraph on the edge list citegraph's benchmark generated (benches/centrality.sh).

Each library runs in its own process (so its peak memory is its own) with the semantics of
citegraph's own (README, "The metrics of `rank`"): PageRank damping 0.85 with dangling rank spread uniformly, stopped at
sum |x' - x| < 1e-6 (networkx's rule is N * tol, so tol = 1e-6 / N; igraph's PRPACK converges to
1e-10 and is the reference); HITS authority = leading eigenvector of A^T A, hub = A a, each
normalised to sum 1; Brandes betweenness, directed, unweighted, endpoints excluded, 256 sampled
sources scaled as networkx 3.6 scales them. igraph runs betweenness from the very sources citegraph
drew, so its numbers can be compared value by value; networkx draws its own.

Then it compares every score with citegraph's (ours.tsv) and prints times and ratios.
"""

import json
import math
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

TOP = 10


def read_sources(path):
    return [line.strip() for line in open(path) if line.strip()]


def scale_sampled(raw, names, sources, exact):
    """Scale raw Brandes sums from sampled sources as networkx 3.6 does (endpoints excluded)."""
    if exact:
        return raw
    n, k = len(names), len(sources)
    sources = set(sources)
    return [v * ((n - 1) / (k - 1) if name in sources else (n - 1) / k) for v, name in zip(raw, names)]


def worker_igraph(edges, out_dir, sources, exact):
    import igraph as ig

    times = {}
    t = time.perf_counter()
    g = ig.Graph.Read_Ncol(str(edges), names=True, directed=True, weights=False)
    times["load"] = time.perf_counter() - t
    names = g.vs["name"]
    t = time.perf_counter()
    pr = g.pagerank(directed=True, damping=0.85, implementation="prpack")
    times["pagerank"] = time.perf_counter() - t
    t = time.perf_counter()
    auth = g.authority_score(scale=False)
    hub = g.hub_score(scale=False)
    times["hits"] = time.perf_counter() - t
    index = {name: i for i, name in enumerate(names)}
    chosen = [index[s] for s in sources]
    t = time.perf_counter()
    raw = g.betweenness(directed=True) if exact else g.betweenness(directed=True, sources=chosen)
    times["betweenness"] = time.perf_counter() - t
    bc = scale_sampled(raw, names, sources, exact)
    sa, sh = sum(auth), sum(hub)
    auth = [abs(a / sa) for a in auth]  # ARPACK may return the vector with either sign
    hub = [abs(h / sh) for h in hub]
    write_scores(out_dir / "igraph.tsv", names, pr, auth, hub, bc)
    return times


def worker_networkx(edges, out_dir, samples, exact):
    import networkx as nx

    times = {}
    t = time.perf_counter()
    G = nx.read_edgelist(str(edges), create_using=nx.DiGraph, nodetype=str, data=False)
    times["load"] = time.perf_counter() - t
    n = G.number_of_nodes()
    t = time.perf_counter()
    pr = nx.pagerank(G, alpha=0.85, tol=1e-6 / n, max_iter=1000)
    times["pagerank"] = time.perf_counter() - t
    t = time.perf_counter()
    hub, auth = nx.hits(G, max_iter=10000, tol=1e-8, normalized=True)
    times["hits"] = time.perf_counter() - t
    seed = 42
    t = time.perf_counter()
    if exact:
        bc = nx.betweenness_centrality(G, normalized=False, endpoints=False)
    else:
        bc = nx.betweenness_centrality(G, k=samples, normalized=False, endpoints=False, seed=seed)
    times["betweenness"] = time.perf_counter() - t
    names = list(G.nodes())
    write_scores(
        out_dir / "networkx.tsv",
        names,
        [pr[v] for v in names],
        [auth[v] for v in names],
        [hub[v] for v in names],
        [bc[v] for v in names],
    )
    # networkx's own draw (random.Random(seed).sample over the node list), for the scaling check.
    if not exact:
        drawn = random.Random(seed).sample(names, samples)
        (out_dir / "networkx-sources.txt").write_text("\n".join(drawn) + "\n")
    return times


def write_scores(path, names, pr, auth, hub, bc):
    with open(path, "w") as f:
        f.write("id\tpagerank\tauthority\thub\tbetweenness\n")
        for row in zip(names, pr, auth, hub, bc):
            f.write("\t".join([row[0]] + [repr(float(x)) for x in row[1:]]) + "\n")


def read_scores(path):
    scores = {}
    with open(path) as f:
        next(f)
        for line in f:
            name, *values = line.rstrip("\n").split("\t")
            scores[name] = [float(v) for v in values]
    return scores


def top(scores, column, k=TOP):
    return set(sorted(scores, key=lambda n: -scores[n][column])[:k])


def max_abs_diff(a, b, column):
    return max(abs(a[n][column] - b[n][column]) for n in a)


def max_rel_diff(a, b, column):
    worst = 0.0
    for n in a:
        x, y = a[n][column], b[n][column]
        if max(abs(x), abs(y)) > 1e-12:
            worst = max(worst, abs(x - y) / max(abs(x), abs(y)))
    return worst


def scaling_check(edges, out_dir, samples):
    """networkx's sampled betweenness == igraph from networkx's own sources, scaled as documented."""
    import igraph as ig

    g = ig.Graph.Read_Ncol(str(edges), names=True, directed=True, weights=False)
    names = g.vs["name"]
    index = {name: i for i, name in enumerate(names)}
    drawn = read_sources(out_dir / "networkx-sources.txt")
    raw = g.betweenness(directed=True, sources=[index[s] for s in drawn])
    ours_formula = dict(zip(names, scale_sampled(raw, names, drawn, False)))
    nx_scores = read_scores(out_dir / "networkx.tsv")
    worst = 0.0
    for name, values in nx_scores.items():
        x, y = values[3], ours_formula[name]
        if max(abs(x), abs(y)) > 1e-12:
            worst = max(worst, abs(x - y) / max(abs(x), abs(y)))
    return worst


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "worker":
        _, _, lib, edges, out_dir, samples, exact = sys.argv
        out_dir, exact = Path(out_dir), exact == "1"
        if lib == "igraph":
            times = worker_igraph(Path(edges), out_dir, read_sources(out_dir / "sources.txt"), exact)
        else:
            times = worker_networkx(Path(edges), out_dir, int(samples), exact)
        times["peakMiB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(times))
        return

    out_dir = Path(sys.argv[1])
    skip_networkx = "--no-networkx" in sys.argv
    ours = json.loads((out_dir / "ours.json").read_text())
    cli = json.loads((out_dir / "cli.json").read_text()) if (out_dir / "cli.json").exists() else None
    edges, samples, exact = ours["edgeList"], ours["betweennessSources"], ours["betweennessExact"]
    results = {}
    for lib in ["igraph"] + ([] if skip_networkx else ["networkx"]):
        print(f"running {lib} on {edges} ...", file=sys.stderr, flush=True)
        proc = subprocess.run(
            [sys.executable, __file__, "worker", lib, edges, str(out_dir), str(samples), "1" if exact else "0"],
            check=True,
            capture_output=True,
            text=True,
        )
        results[lib] = json.loads(proc.stdout.strip().splitlines()[-1])

    mode = "exact" if exact else f"{samples} sampled sources"
    print(f"\n{ours['nodes']:,} nodes, {ours['edges']:,} edges ({edges}); citegraph on {ours['threads']} threads, "
          f"median of {ours['runs']} runs; PageRank {ours['pagerankIterations']} iterations, "
          f"HITS {ours['hitsIterations']}; betweenness {mode}\n")
    libs = list(results)
    header = ["seconds", "citegraph"] + libs + [f"{lib} / citegraph" for lib in libs]
    rows = []
    for metric, label in [("load", "load"), ("pagerank", "PageRank"), ("hits", "HITS"), ("betweenness", "betweenness")]:
        row = [label, f"{ours[metric]:.3f}"] + [f"{results[lib][metric]:.3f}" for lib in libs]
        row += [f"{results[lib][metric] / ours[metric]:.1f}x" for lib in libs]
        rows.append(row)
    total_ours = sum(ours[m] for m in ["load", "pagerank", "hits", "betweenness"])
    totals = {lib: sum(results[lib][m] for m in ["load", "pagerank", "hits", "betweenness"]) for lib in libs}
    rows.append(["total", f"{total_ours:.3f}"] + [f"{totals[lib]:.3f}" for lib in libs]
                + [f"{totals[lib] / total_ours:.1f}x" for lib in libs])
    peak = [f"{cli['peakMiB']:.0f}" if cli else "-"] + [f"{results[lib]['peakMiB']:.0f}" for lib in libs]
    rows.append(["peak MiB"] + peak + [""] * len(libs))
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    for r in [header] + rows:
        print("  ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(r, widths))))
    if cli:
        print(f"\n`citegraph rank --edges` end to end (release binary, all metrics, printing): {cli['seconds']:.2f} s "
              f"(read {cli['read']:.2f} s, rank {cli['rank']:.2f} s), peak {cli['peakMiB']:.0f} MiB")
        for lib in libs:
            print(f"{lib} load + metrics {totals[lib]:.2f} s: {totals[lib] / cli['seconds']:.1f}x citegraph end to end")

    mine = read_scores(out_dir / "ours.tsv")
    ig_scores = read_scores(out_dir / "igraph.tsv")
    assert set(mine) == set(ig_scores), "the same nodes"
    print("\nAgreement with igraph (the reference; betweenness from the same sources):")
    print(f"  PageRank     max |diff| {max_abs_diff(mine, ig_scores, 0):.2e}   top-{TOP} overlap "
          f"{len(top(mine, 0) & top(ig_scores, 0))}/{TOP}")
    print(f"  authority    max |diff| {max_abs_diff(mine, ig_scores, 1):.2e}   top-{TOP} overlap "
          f"{len(top(mine, 1) & top(ig_scores, 1))}/{TOP}")
    print(f"  hub          max |diff| {max_abs_diff(mine, ig_scores, 2):.2e}   top-{TOP} overlap "
          f"{len(top(mine, 2) & top(ig_scores, 2))}/{TOP}")
    print(f"  betweenness  max rel diff {max_rel_diff(mine, ig_scores, 3):.2e}   top-{TOP} overlap "
          f"{len(top(mine, 3) & top(ig_scores, 3))}/{TOP}")
    ok = max_abs_diff(mine, ig_scores, 0) <= 1e-6
    if not skip_networkx:
        nx_scores = read_scores(out_dir / "networkx.tsv")
        print("Agreement with networkx:")
        print(f"  PageRank     max |diff| vs igraph {max_abs_diff(nx_scores, ig_scores, 0):.2e} (citegraph: "
              f"{max_abs_diff(mine, ig_scores, 0):.2e})   top-{TOP} overlap with citegraph "
              f"{len(top(mine, 0) & top(nx_scores, 0))}/{TOP}")
        print(f"  authority    max |diff| vs citegraph {max_abs_diff(nx_scores, mine, 1):.2e}   top-{TOP} overlap "
              f"{len(top(mine, 1) & top(nx_scores, 1))}/{TOP}")
        print(f"  betweenness  top-{TOP} overlap with citegraph {len(top(mine, 3) & top(nx_scores, 3))}/{TOP} "
              f"(networkx draws its own {mode})")
        if not exact:
            worst = scaling_check(edges, out_dir, samples)
            print(f"  scaling      networkx's sampled betweenness vs igraph from networkx's own sources scaled "
                  f"(n-1)/k, sources (n-1)/(k-1): max rel diff {worst:.2e}")
            ok = ok and worst < 1e-9
    print(f"\nPageRank within 1e-6 of igraph PRPACK{' and scaling as networkx' if not skip_networkx else ''}: "
          f"{'yes' if ok else 'NO'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
