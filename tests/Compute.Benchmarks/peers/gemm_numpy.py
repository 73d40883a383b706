#!/usr/bin/python3
"""Peer for the `gemm` workload: C = A·B fp32 at 1024³ and 256³ with NumPy (Debian's OpenBLAS).

Run: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 tests/Compute.Benchmarks/peers/gemm_numpy.py
(Debian's interpreter, which has python3-numpy; those two variables pin OpenBLAS to an older, slower kernel on this machine; unset them only for this command).
Prints the median of several timings and the OpenBLAS kernel in use.
"""
import time

import numpy as np

try:
    from threadpoolctl import threadpool_info
except ImportError:  # optional: only used to report which BLAS kernel ran
    threadpool_info = None


def measure(size: int, reps: int = 7) -> tuple[float, float, float]:
    rng = np.random.default_rng(2024)
    a = rng.standard_normal((size, size), dtype=np.float32)
    b = rng.standard_normal((size, size), dtype=np.float32)
    c = np.empty((size, size), dtype=np.float32)
    repeats = max(1, int(2e9 / (2.0 * size**3)))
    np.matmul(a, b, out=c)
    times = []
    cpu0 = time.process_time()
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(repeats):
            np.matmul(a, b, out=c)
        times.append((time.perf_counter() - t0) / repeats)
    cpu_seconds = (time.process_time() - cpu0) / (reps * repeats)
    seconds = sorted(times)[len(times) // 2]
    return seconds, 2.0 * size**3 / seconds / 1e9, 2.0 * size**3 / cpu_seconds / 1e9


if __name__ == "__main__":
    if threadpool_info is not None:
        for pool in threadpool_info():
            print(f"# {pool.get('internal_api')} {pool.get('version')} core={pool.get('architecture')} threads={pool.get('num_threads')}")
    parts = []
    for size in (1024, 256):
        seconds, gflops, per_cpu = measure(size)
        parts.append(f"{size}³ {seconds * 1e3:.2f} ms {gflops:.1f} GFLOP/s, {per_cpu:.1f} GFLOP per CPU-second")
    print("gemm-numpy       " + "; ".join(parts))
