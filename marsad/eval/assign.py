"""Minimum-cost one-to-one assignment (the Hungarian method).

scipy is not a dependency, and documents have few events, so a plain O(n^3)
implementation is enough. Pairs that must not be made get `FORBIDDEN` cost;
because it dwarfs every allowed cost, the optimum first makes as many allowed
pairs as possible and then, among those, the cheapest ones.
"""
from __future__ import annotations

FORBIDDEN = 1e9


def assign(cost: list[list[float]]) -> list[tuple[int, int]]:
    """Rows paired with columns at minimum total cost, forbidden pairs dropped.

    `cost[i][j]` is the cost of pairing row i with column j (FORBIDDEN if not
    allowed). Returns (row, column) pairs sorted by row.
    """
    if not cost or not cost[0]:
        return []
    transposed = len(cost) > len(cost[0])
    if transposed:
        cost = [list(col) for col in zip(*cost)]
    pairs = _hungarian(cost)
    if transposed:
        pairs = [(j, i) for i, j in pairs]
        cost = [list(col) for col in zip(*cost)]
    return sorted((i, j) for i, j in pairs if cost[i][j] < FORBIDDEN)


def _hungarian(cost: list[list[float]]) -> list[tuple[int, int]]:
    """Assign every row of an n x m matrix (n <= m) to a distinct column,
    minimising the total (potentials method, 1-based arrays)."""
    n, m = len(cost), len(cost[0])
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    match = [0] * (m + 1)  # match[j] = row assigned to column j (1-based), 0 = none
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        match[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j], way[j] = cur, j0
                if minv[j] < delta:
                    delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    return [(match[j] - 1, j - 1) for j in range(1, m + 1) if match[j]]
