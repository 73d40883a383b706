#!/usr/bin/python3
"""Peer of the `capacity` workload (BENCHMARKS.md) with scikit-learn's Perceptron.

Same sweep: spherical perceptron storage, N = 200, alpha in {1.0, 1.5, 1.8, 2.0, 2.2, 2.5, 3.0}, 20 instances each,
Gaussian patterns and random +-1 labels, perceptron rule from J = 0 (no intercept, eta0 = 1, patterns in fixed order),
at most 1000 epochs, stopping as soon as an epoch leaves every pattern correctly classified.
sklearn's own stopping rule (tol / n_iter_no_change) is not the perceptron's, so each epoch is one partial_fit call and
the zero-training-error test is done with one matrix-vector product. Single-threaded (sklearn's SGD loop is sequential).

Usage: /usr/bin/python3 capacity_sklearn.py [--reps 3]   (Debian python3-sklearn + libopenblas0-pthread)
"""
import sys
import time

import numpy as np
from sklearn.linear_model import Perceptron

N = 200
ALPHAS = [1.0, 1.5, 1.8, 2.0, 2.2, 2.5, 3.0]
INSTANCES = 20
MAX_EPOCHS = 1000


def solve(x, y):
    clf = Perceptron(fit_intercept=False, eta0=1.0, shuffle=False, tol=None, max_iter=1, penalty=None)
    classes = np.array([-1.0, 1.0])
    for _ in range(MAX_EPOCHS):
        clf.partial_fit(x, y, classes=classes)
        if np.all(y * (x @ clf.coef_[0]) > 0):
            return True
    return False


def sweep(rng_seed=2024):
    rng = np.random.default_rng(rng_seed)
    solved = []
    for alpha in ALPHAS:
        p = int(round(alpha * N))
        for _ in range(INSTANCES):
            x = rng.standard_normal((p, N)).astype(np.float64)
            y = rng.choice(np.array([-1.0, 1.0]), size=p)
            solved.append(solve(x, y))
    return solved


def main():
    reps = int(sys.argv[sys.argv.index("--reps") + 1]) if "--reps" in sys.argv else 3
    times = []
    solved = []
    for _ in range(reps):
        t0 = time.perf_counter()
        solved = sweep()
        times.append(time.perf_counter() - t0)
    median = sorted(times)[len(times) // 2]
    count = len(solved)
    fractions = " ".join(
        f"{a:.1f}:{sum(solved[k * INSTANCES:(k + 1) * INSTANCES]) / INSTANCES:.2f}" for k, a in enumerate(ALPHAS))
    print(f"capacity (sklearn {__import__('sklearn').__version__}) N = {N}, {count} instances: "
          f"{count / median:.1f} instances/s on 1 thread ({median:.3f} s); solved fractions {fractions}")


if __name__ == "__main__":
    main()
