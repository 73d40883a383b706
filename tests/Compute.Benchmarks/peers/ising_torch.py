#!/usr/bin/python3
"""Peer for the `ising` workload (BENCHMARKS.md): vectorised checkerboard Metropolis in PyTorch (Debian python3-torch).

L = 512 periodic, beta = 0.4406868, 20 warm-up sweeps, then 200 timed sweeps; one uniform deviate per attempted flip,
accept if u < exp(-beta dE). Prints spin-flip attempts per second (median of the repetitions).
Run: /usr/bin/python3 tests/Compute.Benchmarks/peers/ising_torch.py [threads]
"""
import sys
import time

import torch

L, BETA, WARMUP, SWEEPS, REPS = 512, 0.4406868, 20, 200, 3


def sweep(s, masks, gen):
    for mask in masks:
        nb = torch.roll(s, 1, 0) + torch.roll(s, -1, 0) + torch.roll(s, 1, 1) + torch.roll(s, -1, 1)
        delta_e = 2.0 * s * nb
        u = torch.rand(s.shape, generator=gen)
        flip = (u < torch.exp(-BETA * delta_e)) & mask
        s = torch.where(flip, -s, s)
    return s


def main():
    torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
    gen = torch.Generator().manual_seed(2026)
    y, x = torch.meshgrid(torch.arange(L), torch.arange(L), indexing="ij")
    masks = [((x + y) % 2) == c for c in (0, 1)]
    rates = []
    for _ in range(REPS):
        s = torch.where(torch.rand((L, L), generator=gen) < 0.5, -1.0, 1.0)
        for _ in range(WARMUP):
            s = sweep(s, masks, gen)
        t0 = time.perf_counter()
        for _ in range(SWEEPS):
            s = sweep(s, masks, gen)
        rates.append(SWEEPS * L * L / (time.perf_counter() - t0))
    e = -(s * (torch.roll(s, 1, 0) + torch.roll(s, 1, 1))).sum().item() / (L * L)
    print(f"ising-torch L={L} beta={BETA}: {sorted(rates)[len(rates) // 2]:.3g} spin-flip attempts/s "
          f"on {torch.get_num_threads()} threads (torch {torch.__version__}; e = {e:.4f})")


if __name__ == "__main__":
    main()
