"""One small estimator for every learned decision: a linear ranker.

Each decision picks one candidate out of a group (which actor mention is
actor1, which number is the toll, keep or drop an incident), so one model
type serves them all: a conditional logit, where a candidate's score is the
sum of the weights of its features and a group's probabilities are the
softmax of its scores. A binary decision is a group of two: the candidate
and a "drop" option whose only feature is `NULL`.

Training maximises the probability of the group's correct candidates (more
than one may be right: two mentions of one actor), with an L2 penalty, by
L-BFGS (scipy). It is deterministic: the same groups give the same weights.
Inference is a sum over a dict, so a model is a JSON file of weights that
loads in milliseconds and needs neither scipy nor numpy.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

NULL = "null"  # the only feature of a binary decision's "no" option

Features = Sequence[str]


@dataclass
class Group:
    """One decision's candidates (feature lists) and which of them are right."""

    candidates: list[Features]
    correct: set[int]


@dataclass
class Ranker:
    weights: dict[str, float]
    meta: dict

    def score(self, features: Features) -> float:
        w = self.weights
        return sum(w.get(f, 0.0) for f in features)

    def best(self, candidates: Sequence[Features]) -> int:
        """Index of the highest-scoring candidate; on a tie the one with the
        `rule` feature (the rules' own choice), else the first."""
        scores = [self.score(c) for c in candidates]
        return max(range(len(scores)), key=lambda i: (scores[i], "rule" in candidates[i], -i))

    def probability(self, features: Features) -> float:
        """P(candidate, not the NULL option) for a binary decision."""
        z = self.score(features) - self.score((NULL,))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def save(self, path: Path) -> None:
        data = {"meta": self.meta, "weights": {k: round(v, 5) for k, v in sorted(self.weights.items())
                                               if abs(v) >= 1e-5}}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> "Ranker":
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(dict(data["weights"]), dict(data.get("meta") or {}))


def fit(groups: Sequence[Group], l2: float = 1.0, min_count: int = 2, max_iter: int = 300) -> Ranker:
    """Weights that rank each group's correct candidates first. Features
    seen in fewer than `min_count` groups are left out (a word seen once
    says nothing about unseen news); groups with no correct candidate or
    a single candidate teach nothing and are skipped."""
    import numpy as np
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    groups = [g for g in groups if g.correct and len(g.candidates) > 1]
    seen = Counter(f for g in groups for f in {f for c in g.candidates for f in c})
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in seen.items() if n >= min_count))}
    rows, cols = [], []
    starts, correct = [], []
    r = 0
    for g in groups:
        starts.append(r)
        for j, c in enumerate(g.candidates):
            for f in set(c):
                if f in vocab:
                    rows.append(r)
                    cols.append(vocab[f])
            correct.append(j in g.correct)
            r += 1
    if not vocab or not groups:
        return Ranker({}, {"groups": len(groups), "features": 0})
    X = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(r, len(vocab)))
    starts_a = np.array(starts)
    sizes = np.diff(np.append(starts_a, r))
    group_of = np.repeat(np.arange(len(groups)), sizes)
    ok = np.array(correct)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = X @ w
        top = np.maximum.reduceat(s, starts_a)[group_of]
        e = np.exp(s - top)
        z_all = np.add.reduceat(e, starts_a)
        z_ok = np.add.reduceat(np.where(ok, e, 0.0), starts_a)
        value = float(np.sum(np.log(z_all) - np.log(z_ok))) + 0.5 * l2 * float(w @ w)
        p_all = e / z_all[group_of]
        p_ok = np.where(ok, e, 0.0) / z_ok[group_of]
        grad = X.T @ (p_all - p_ok) + l2 * w
        return value, grad

    res = minimize(loss, np.zeros(len(vocab)), jac=True, method="L-BFGS-B", options={"maxiter": max_iter})
    names = sorted(vocab, key=vocab.__getitem__)
    weights = {names[i]: float(v) for i, v in enumerate(res.x)}
    return Ranker(weights, {"groups": len(groups), "candidates": r, "features": len(vocab), "l2": l2,
                            "min_count": min_count, "loss": round(float(res.fun), 3)})
