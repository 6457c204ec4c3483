"""Adversarial campaign for `binome match`: generated instances, the CLI's answer beside an
independent optimum from scipy, and the CLI's refusals of invalid input.

Usage: python3 bench/match_campaign.py [--quick] [--only FAMILY[,FAMILY...]] [--keep DIR]
Not part of `npm test`: the full run takes several minutes (instances up to 10M edges).

The reference optimises the same lexicographic objective (most pairs, then highest score)
without sharing any code with the solver:
- the number of pairs is Hopcroft-Karp's (`maximum_bipartite_matching`), exact;
- the pairs themselves come from `min_weight_full_bipartite_matching` (LAPJVsp) with weights
  `top + 1 - score`, on the bare graph when the smaller side can be fully matched, else with
  one private dummy column per row at `top * rows + 1` (above any total of real weights, so the
  fewest dummies, i.e. the most real pairs, win first);
- its pair count must equal Hopcroft-Karp's and its score is summed again in Python integers
  from the original scores. Weights and their sums stay integers below 2^53, so LAPJVsp's
  float64 arithmetic is exact on them; small instances are also checked against a dense
  `linear_sum_assignment` in exact-integer big-M form as a second, unrelated algorithm.
The CLI runs as the reviewer runs it (node + tsx on server/cli/main.ts); the wall time of the
whole command (load, checks, solve) is recorded beside its own solveMs and scipy's solve time.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching, min_weight_full_bipartite_matching

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAX_SCORE = 2**31 - 1


# ---------------------------------------------------------------- reference


def reference(n, m, i, j, s):
    """Exact optimum; duplicates (if any) read at their best score."""
    if len(s) == 0 or n == 0 or m == 0:
        return {"pairs": 0, "score": 0, "ms": 0.0, "mode": "empty"}
    i = np.asarray(i, dtype=np.int64)
    j = np.asarray(j, dtype=np.int64)
    s = np.asarray(s, dtype=np.int64)
    # Keep the best score per pair (csr_matrix would add duplicates up).
    key = i * m + j
    order = np.lexsort((-s, key))
    first = np.ones(len(order), dtype=bool)
    first[1:] = key[order][1:] != key[order][:-1]
    keep = order[first]
    i, j, s = i[keep], j[keep], s[keep]

    rows_are_mentors = n <= m
    r, c, nr, nc = (i, j, n, m) if rows_are_mentors else (j, i, m, n)
    top = int(s.max())
    ones = csr_matrix((np.ones(len(s), dtype=np.int8), (r, c)), shape=(nr, nc))
    hk = maximum_bipartite_matching(ones, perm_type="column")
    cardinality = int(np.count_nonzero(hk >= 0))

    weight = (top + 1 - s).astype(np.float64)
    if cardinality == nr:
        mode = "full"
        matrix = csr_matrix((weight, (r, c)), shape=(nr, nc))
    else:
        mode = "dummy columns"
        dummy = top * nr + 1
        assert dummy * 4 < 2**53, "reference would leave exact float64 range"
        rr = np.concatenate([r, np.arange(nr)])
        cc = np.concatenate([c, nc + np.arange(nr)])
        ww = np.concatenate([weight, np.full(nr, float(dummy))])
        matrix = csr_matrix((ww, (rr, cc)), shape=(nr, nc + nr))
    started = time.perf_counter()
    rows, cols = min_weight_full_bipartite_matching(matrix)
    ms = (time.perf_counter() - started) * 1000.0
    real = cols < nc
    rows, cols = rows[real], cols[real]
    pairs = len(rows)
    assert pairs == cardinality, f"reference pairs {pairs} != Hopcroft-Karp {cardinality}"
    assert len(np.unique(cols)) == pairs
    scores = csr_matrix((s, (r, c)), shape=(nr, nc), dtype=np.int64)
    matched = np.asarray(scores[rows, cols]).ravel()
    assert np.all(matched >= 1), "reference paired a non-edge"
    total = sum(int(x) for x in matched)
    return {"pairs": pairs, "score": total, "ms": ms, "mode": mode}


def dense_reference(n, m, i, j, s):
    """Second reference for small instances: dense Hungarian on exact integer big-M profits."""
    if len(s) == 0 or n == 0 or m == 0:
        return {"pairs": 0, "score": 0}
    best = {}
    for a, b, v in zip(list(i), list(j), list(s)):
        best[(a, b)] = max(v, best.get((a, b), 0))
    top = max(best.values())
    big = top * min(n, m) + 1
    # Object array of Python ints: profit big + score on edges, 0 elsewhere; solved on a
    # float copy only when every profit sum fits 2^53, re-scored in Python ints after.
    assert (big + top) * min(n, m) < 2**53
    profit = np.zeros((n, m), dtype=np.float64)
    for (a, b), v in best.items():
        profit[a, b] = big + v
    rows, cols = linear_sum_assignment(profit, maximize=True)
    pairs = 0
    total = 0
    for a, b in zip(rows.tolist(), cols.tolist()):
        if (a, b) in best:
            pairs += 1
            total += best[(a, b)]
    return {"pairs": pairs, "score": total}


# ---------------------------------------------------------------- instance files


def write_instance(path, n, m, i, j, s):
    with open(path, "w") as f:
        f.write('{"mentors":%d,"mentees":%d,"edges":[' % (n, m))
        i, j, s = list(map(int, i)), list(map(int, j)), list(map(int, s))
        chunk = 1 << 20
        for a in range(0, len(s), chunk):
            if a:
                f.write(",")
            f.write(",".join("[%d,%d,%d]" % t for t in zip(i[a : a + chunk], j[a : a + chunk], s[a : a + chunk])))
        f.write("]}")


def run_cli(path, timeout=600):
    started = time.perf_counter()
    try:
        run = subprocess.run(
            [process_node(), "--import", "tsx", "server/cli/main.ts", "match", path],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "wallMs": timeout * 1000.0, "stdout": "", "stderr": ""}
    wall = (time.perf_counter() - started) * 1000.0
    return {"status": run.returncode, "wallMs": wall, "stdout": run.stdout, "stderr": run.stderr}


def process_node():
    return shutil.which("node") or "node"


# ---------------------------------------------------------------- generators


def rng_for(seed):
    return np.random.default_rng(seed)


def random_edges(n, m, density, low, high, seed):
    """Each mentor gets round(density * m) distinct mentees; scores uniform in [low, high]."""
    rng = rng_for(seed)
    deg = min(m, max(0, round(density * m)))
    if n == 0 or deg == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64)
    i = np.repeat(np.arange(n), deg)
    if deg == m:
        j = np.tile(np.arange(m), n)
    elif deg * 4 < m:
        # Sampling with rejection per row is too slow in Python; draw, then top up duplicates.
        j = np.empty(n * deg, dtype=np.int64)
        for a in range(n):
            row = np.unique(rng.integers(0, m, size=deg + deg // 4 + 8))
            while len(row) < deg:
                row = np.unique(np.concatenate([row, rng.integers(0, m, size=deg)]))
            j[a * deg : (a + 1) * deg] = rng.permutation(row)[:deg]
    else:
        j = np.concatenate([rng.choice(m, deg, replace=False) for _ in range(n)])
    s = rng.integers(low, high + 1, size=len(i), dtype=np.int64)
    return i, j, s


def mixed_scores(count, seed, huge_share=0.05):
    rng = rng_for(seed)
    s = rng.integers(1, 11, size=count, dtype=np.int64)
    huge = rng.random(count) < huge_share
    s[huge] = rng.integers(MAX_SCORE - 1000, MAX_SCORE + 1, size=int(huge.sum()), dtype=np.int64)
    return s


def complete_product(n):
    i = np.repeat(np.arange(n), n)
    j = np.tile(np.arange(n), n)
    return i, j, (i + 1) * (j + 1)


def chains(lengths, extra, seed):
    """Disjoint chains a -> a, a -> a+1, each needing an augmenting path as long as itself."""
    rng = rng_for(seed)
    ii, jj = [], []
    first = 0
    for length in lengths:
        for t in range(length):
            a = first + t
            ii.append(a)
            jj.append(a)
            if t < length - 1:
                ii.append(a)
                jj.append(a + 1)
        first += length
    n = first
    for _ in range(extra):
        ii.append(n)
        jj.append(int(rng.integers(0, first)))
        n += 1
    s = rng.integers(1, 20, size=len(ii), dtype=np.int64)
    return n, first, np.array(ii), np.array(jj), s


def staircase(n, full, seed, anti_greedy):
    """Mentor i knows mentees 0..i (or 0..i-1 when not full: mentor 0 knows no one)."""
    rng = rng_for(seed)
    ii, jj = [], []
    for a in range(n):
        hi = a + 1 if full else a
        ii.extend([a] * hi)
        jj.extend(range(hi))
    i, j = np.array(ii, dtype=np.int64), np.array(jj, dtype=np.int64)
    if anti_greedy:
        # The diagonal (the only perfect matching) scores lowest, so greedy starts go astray.
        s = np.where(i == j, 1, 1000 + (i - j) * 7 % 997).astype(np.int64)
    else:
        s = rng.integers(1, 4, size=len(i), dtype=np.int64)
    return i, j, s


def anti_greedy_ladder(n):
    """Mentor a: mentee a at 1 and mentee a+1 at 100; the heavy edges form a path that loses a pair."""
    ii, jj, ss = [], [], []
    for a in range(n):
        ii.append(a)
        jj.append(a)
        ss.append(1)
        if a + 1 < n:
            ii.append(a)
            jj.append(a + 1)
            ss.append(100)
    return np.array(ii), np.array(jj), np.array(ss, dtype=np.int64)


def cohort(n, m, density, departments, seed):
    """Few departments: candidates never in one's own department, scores few distinct values."""
    rng = rng_for(seed)
    dep_i = rng.integers(0, departments, size=n)
    dep_j = np.minimum(rng.geometric(0.5, size=m) - 1, departments - 1)  # skewed
    themes_i = rng.integers(0, 8, size=n)
    themes_j = rng.integers(0, 8, size=m)
    deg = max(1, round(density * m))
    i = np.repeat(np.arange(n), deg)
    j = rng.integers(0, m, size=len(i))
    keep = dep_i[i] != dep_j[j]
    i, j = i[keep], j[keep]
    key = np.unique(i * m + j)
    i, j = key // m, key % m
    s = (1 + 10 * (themes_i[i] == themes_j[j]) + (dep_i[i] + dep_j[j]) % 3).astype(np.int64)
    return i, j, s


# ---------------------------------------------------------------- cases


def valid_cases(quick, only_families):
    """(family, name, n, m, i, j, s, dense_check)"""
    E = np.zeros(0, np.int64)
    yield "edge", "empty edges 5x7", 5, 7, E, E, E, True
    yield "edge", "N=0 M=10", 0, 10, E, E, E, True
    yield "edge", "N=10 M=0", 10, 0, E, E, E, True
    yield "edge", "N=0 M=0", 0, 0, E, E, E, True
    yield "edge", "1x1 one edge max score", 1, 1, np.array([0]), np.array([0]), np.array([MAX_SCORE]), True
    for seed in range(3):
        yield "edge", f"N=1 M=1000 #{seed}", 1, 1000, *random_edges(1, 1000, 0.3, 1, 100, seed), True
        yield "edge", f"N=1000 M=1 #{seed}", 1000, 1, *random_edges(1000, 1, 1.0, 1, 100, seed), True
    yield "edge", "N=1 M=1000 all equal", 1, 1000, *random_edges(1, 1000, 0.5, 7, 7, 1), True

    # Small random vs two references (dense Hungarian too).
    shapes = [(5, 5), (7, 3), (3, 7), (20, 20), (30, 12), (12, 30), (60, 60), (100, 40)]
    rounds = 10 if quick else 40
    for k, (n, m) in enumerate(shapes):
        for seed in range(rounds):
            d = [0.05, 0.15, 0.4, 1.0][seed % 4]
            top = [1, 3, 100, MAX_SCORE][(seed // 4) % 4]
            i, j, s = random_edges(n, m, d, 1, top, 1000 * k + seed)
            yield "small-random", f"{n}x{m} d={d} top={top} #{seed}", n, m, i, j, s, True

    big = not quick
    yield "rectangular", "20000x200 5%", 20000, 200, *random_edges(20000, 200, 0.05, 1, 100, 11), False
    yield "rectangular", "200x20000 5%", 200, 20000, *random_edges(200, 20000, 0.05, 1, 100, 12), False
    yield "rectangular", "20000x200 1 edge/row", 20000, 200, *random_edges(20000, 200, 0.005, 1, 100, 13), False
    yield "rectangular", "200x20000 20 edges/row ties", 200, 20000, *random_edges(200, 20000, 0.001, 5, 5, 14), False

    yield "random", "10000x10000 2%", 10000, 10000, *random_edges(10000, 10000, 0.02, 1, 100, 21), False
    if big:
        yield "random", "10000x10000 10%", 10000, 10000, *random_edges(10000, 10000, 0.1, 1, 100, 22), False
        yield "random", "10000x10000 0.05% (no perfect matching)", 10000, 10000, *random_edges(10000, 10000, 0.0005, 1, 100, 23), False
        yield "random", "10000x9000 0.1%", 10000, 9000, *random_edges(10000, 9000, 0.001, 1, 1000, 24), False

    yield "big-scores", "3000x3000 2% up to 1e9", 3000, 3000, *random_edges(3000, 3000, 0.02, 1, 10**9, 31), False
    yield "big-scores", "3000x3000 2% up to 2^31-1", 3000, 3000, *random_edges(3000, 3000, 0.02, 1, MAX_SCORE, 32), False
    yield "big-scores", "3000x3000 0.1% up to 2^31-1 (no perfect)", 3000, 3000, *random_edges(3000, 3000, 0.001, 1, MAX_SCORE, 33), False
    i, j, _ = random_edges(5000, 4000, 0.01, 1, 1, 34)
    yield "big-scores", "5000x4000 1% mixed 1..10 / ~2^31", 5000, 4000, i, j, mixed_scores(len(i), 34), False
    i, j, _ = random_edges(4000, 4000, 0.0008, 1, 1, 35)
    yield "big-scores", "4000x4000 sparse mixed (no perfect)", 4000, 4000, i, j, mixed_scores(len(i), 35, 0.3), False
    for seed in range(10 if quick else 30):
        i, j, _ = random_edges(40, 30, 0.2, 1, 1, 3600 + seed)
        yield "big-scores", f"40x30 mixed #{seed}", 40, 30, i, j, mixed_scores(len(i), seed, 0.4), True
    if big and not only_families.isdisjoint({"limit"}):
        # Exactly at the limit: max score x (smaller side + 1) = 2^50 needs side + 1 = 2^50 / top.
        side = 2**19 - 1
        i, j, s = random_edges(side, side, 3 / side, 1, 1, 36)
        s = np.where(np.arange(len(s)) % 7 == 0, MAX_SCORE, rng_for(36).integers(1, MAX_SCORE, size=len(s)))
        # (2^31 - 1) x 2^19 < 2^50: accepted, and the largest side the CLI allows at this score.
        yield "limit", f"{side}x{side} 3/row scores to 2^31-1 (near 2^50 limit)", side, side, i, j, s, False

    for top in (1, MAX_SCORE):
        yield "ties", f"2000x2000 5% all = {top}", 2000, 2000, *random_edges(2000, 2000, 0.05, top, top, 40 + top % 7), False
        yield "ties", f"3000x3000 0.05% all = {top} (no perfect)", 3000, 3000, *random_edges(3000, 3000, 0.0005, top, top, 41), False
    yield "ties", "2000x2000 20% scores in 1..2", 2000, 2000, *random_edges(2000, 2000, 0.2, 1, 2, 42), False

    for n in (30, 300, 1000 if big else 500):
        i, j, s = complete_product(n)
        yield "structured", f"complete {n}x{n} score (i+1)(j+1)", n, n, i, j, s, n <= 300
    i, j, s = complete_product(400)
    yield "structured", "complete 400x400 score (i+1)(j+1) (-> 400x399 drop last mentee)", 400, 399, i[j < 399], j[j < 399], s[j < 399], False
    for lengths, extra in (([*range(1, 41)], 1), ([*range(1, 200)], 3), ([5000], 1), ([2000] * 5, 0)):
        n, m, i, j, s = chains(lengths, extra, len(lengths))
        yield "structured", f"chains {len(lengths)} up to {max(lengths)} +{extra} rows", n, max(n, m), i, j, s, n <= 300
    for n in (200, 2000 if big else 800):
        for full in (True, False):
            for anti in (False, True):
                i, j, s = staircase(n, full, n, anti)
                yield "structured", f"staircase {n} full={full} anti-greedy={anti}", n, n, i, j, s, n <= 200
    for n in (50, 5000):
        i, j, s = anti_greedy_ladder(n)
        yield "structured", f"anti-greedy ladder {n}", n, n, i, j, s, n <= 50
        yield "structured", f"anti-greedy ladder {n} transposed", n, n, j, i, s, False

    for deps in (2, 3, 5):
        yield "cohort", f"cohort 3000x3000 {deps} deps", 3000, 3000, *cohort(3000, 3000, 0.03, deps, 50 + deps), False
    yield "cohort", "cohort 10000x10000 3 deps 2%", 10000, 10000, *cohort(10000, 10000, 0.02, 3, 60), False
    yield "cohort", "cohort 8000x12000 2 deps 1%", 8000, 12000, *cohort(8000, 12000, 0.01, 2, 61), False
    yield "cohort", "cohort 12000x8000 2 deps 1%", 12000, 8000, *cohort(12000, 8000, 0.01, 2, 62), False


def invalid_cases():
    """(name, file text, expected exit status, substrings expected on stderr)"""
    ok = {"mentors": 2, "mentees": 2}

    def inst(edges, **over):
        return json.dumps({**ok, **over, "edges": edges})

    yield "mentor out of range", inst([[0, 0, 1], [2, 0, 1]]), 2, ["edges[1][0]"]
    yield "mentee out of range", inst([[0, 2, 1]]), 2, ["edges[0][1]"]
    yield "negative mentor", inst([[-1, 0, 1]]), 2, ["edges[0][0]"]
    yield "non-integer mentee", inst([[0, 0.5, 1]]), 2, ["edges[0][1]"]
    yield "score 0", inst([[0, 0, 0]]), 2, ["edges[0][2]"]
    yield "negative score", inst([[0, 0, -5]]), 2, ["edges[0][2]"]
    yield "non-integer score", inst([[0, 0, 1.5]]), 2, ["edges[0][2]"]
    yield "score 2^31", inst([[0, 0, 2**31]]), 2, ["edges[0][2]", "2147483647"]
    yield "score 1e300", '{"mentors":2,"mentees":2,"edges":[[0,0,1e300]]}', 2, ["edges[0][2]"]
    yield "score as string", inst([[0, 0, "3"]]), 2, ["edges[0][2]"]
    yield "score null", inst([[0, 0, None]]), 2, ["edges[0][2]"]
    yield "score bool", inst([[0, 0, True]]), 2, ["edges[0][2]"]
    yield "edge of 2", inst([[0, 0]]), 2, ["edges[0]"]
    yield "edge of 4", inst([[0, 0, 1, 1]]), 2, ["edges[0]"]
    yield "edge as object", inst([{"i": 0}]), 2, ["edges[0]"]
    yield "duplicate edge", inst([[0, 0, 1], [1, 1, 2], [0, 0, 5]]), 2, ["edges[2]", "edges[0]"]
    yield "mentors missing", json.dumps({"mentees": 2, "edges": []}), 2, ["mentors"]
    yield "edges missing", json.dumps({"mentors": 2, "mentees": 2}), 2, ["edges"]
    yield "edges not an array", json.dumps({**ok, "edges": {}}), 2, ["edges"]
    yield "mentors negative", inst([], mentors=-1), 2, ["mentors"]
    yield "mentors fractional", inst([], mentors=1.5), 2, ["mentors"]
    yield "mentors string", inst([], mentors="2"), 2, ["mentors"]
    yield "mentors astronomically large", inst([], mentors=2_000_000_000), 2, ["mentors"]
    yield "root is array", "[]", 2, []
    yield "malformed JSON", '{"mentors": 1,', 2, ["cannot load"]
    yield "empty file", "", 2, ["cannot load"]
    yield "trailing garbage", inst([]) + "x", 2, ["cannot load"]
    yield "too large for exact arithmetic", inst([[0, 0, MAX_SCORE]], mentors=2**20, mentees=2**20), 2, ["2^50"]


# ---------------------------------------------------------------- driver


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", default="")
    parser.add_argument("--keep", default="")
    args = parser.parse_args()
    only = set(filter(None, args.only.split(",")))
    tmp = args.keep or tempfile.mkdtemp(prefix="binome-campaign-")
    os.makedirs(tmp, exist_ok=True)
    results = []
    failures = 0
    try:
        if not only or "invalid" in only:
            for k, (name, text, status, needles) in enumerate(invalid_cases()):
                path = os.path.join(tmp, f"invalid-{k}.json")
                with open(path, "w") as f:
                    f.write(text)
                run = run_cli(path, timeout=120)
                ok = run["status"] == status and run["stdout"] == "" and all(n in run["stderr"] for n in needles)
                failures += not ok
                line = run["stderr"].strip().splitlines()[0] if run["stderr"].strip() else ""
                print(f"{'ok ' if ok else 'BAD'} invalid  {name:38s} exit={run['status']} {line[:150]}", flush=True)
                results.append({"family": "invalid", "name": name, "ok": ok, "status": run["status"], "stderr": line})
        for k, (family, name, n, m, i, j, s, dense) in enumerate(valid_cases(args.quick, only)):
            if only and family not in only:
                continue
            path = os.path.join(tmp, f"case-{k}.json")
            write_instance(path, n, m, i, j, s)
            size = os.path.getsize(path)
            ref = reference(n, m, i, j, s)
            if dense:
                second = dense_reference(n, m, list(map(int, i)), list(map(int, j)), list(map(int, s)))
                assert (second["pairs"], second["score"]) == (ref["pairs"], ref["score"]), (name, second, ref)
            run = run_cli(path)
            got = None
            if run["status"] == 0:
                got = json.loads(run["stdout"])
            ok = got is not None and got["pairs"] == ref["pairs"] and got["score"] == ref["score"]
            failures += not ok
            solve = f"{got['solveMs']:9.1f}" if got else "        -"
            print(
                f"{'ok ' if ok else 'BAD'} {family:12s} {name:58s} E={len(s):>9} "
                f"binome solve={solve} wall={run['wallMs']:8.0f} | scipy={ref['ms']:9.1f} ({ref['mode']})"
                + ("" if ok else f" | got {run['stdout'].strip() or run['stderr'].strip()[:300]} want {ref['pairs']}/{ref['score']}"),
                flush=True,
            )
            results.append(
                {
                    "family": family,
                    "name": name,
                    "mentors": n,
                    "mentees": m,
                    "edges": int(len(s)),
                    "fileBytes": size,
                    "ok": ok,
                    "binome": got,
                    "binomeWallMs": run["wallMs"],
                    "status": run["status"],
                    "reference": ref,
                }
            )
            os.remove(path)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    out = os.path.join(ROOT, "bench", "results", "match-campaign.json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        json.dump(results, f, indent=1)
    print(f"\n{len(results)} cases, {failures} failing; details in {out}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
