#!/usr/bin/python3
"""Peer of the `rbm-pcd` workload (BENCHMARKS.md) in PyTorch CPU (Debian python3-torch 1.13, OpenBLAS).

Same work as tests/Compute.Benchmarks/RbmPcdWorkload.cs: Bernoulli RBM 784 x 512, batch 128, PCD-10 with 128
persistent chains, hidden probabilities in the positive phase, real Bernoulli sampling (torch.rand + compare),
SGD with momentum 0.5 and weight decay 1e-4; one epoch = 156 updates over 20 000 noisy-prototype samples
(10 prototypes, bit-flip probability 0.1). Prints training samples per second (median of 5 epochs after one
warm-up; the count is the optional first argument). Run: /usr/bin/python3 tests/Compute.Benchmarks/peers/rbm_pcd_torch.py [epochs]
"""
import statistics
import sys
import time

import torch

torch.set_num_threads(2)
torch.manual_seed(2024)

NV, NH, BATCH, K, SAMPLES = 784, 512, 128, 10, 20_000
LR, MOMENTUM, DECAY = 0.05, 0.5, 1e-4

prototypes = (torch.rand(10, NV) < 0.5).float()
labels = torch.randint(0, 10, (SAMPLES,))
flips = (torch.rand(SAMPLES, NV) < 0.1).float()
data = (prototypes[labels] - flips).abs()  # flip the chosen bits

W = 0.01 * torch.randn(NV, NH)
a = torch.zeros(NV)
b = torch.zeros(NH)
vW = torch.zeros_like(W)
va = torch.zeros_like(a)
vb = torch.zeros_like(b)
chains = None
batches = SAMPLES // BATCH


def epoch():
    global chains
    order = torch.randperm(SAMPLES)
    for i in range(batches):
        v0 = data[order[i * BATCH:(i + 1) * BATCH]]
        if chains is None:
            chains = v0.clone()
        h_pos = torch.sigmoid(torch.addmm(b, v0, W))
        v = chains
        for _ in range(K):
            hp = torch.sigmoid(torch.addmm(b, v, W))
            h = (torch.rand_like(hp) < hp).float()
            vp = torch.sigmoid(torch.addmm(a, h, W.t()))
            v = (torch.rand_like(vp) < vp).float()
        chains = v
        h_neg = torch.sigmoid(torch.addmm(b, v, W))
        scale = LR / BATCH
        vW.mul_(MOMENTUM).addmm_(v0.t(), h_pos, alpha=scale).addmm_(v.t(), h_neg, alpha=-scale).add_(W, alpha=-LR * DECAY)
        W.add_(vW)
        va.mul_(MOMENTUM).add_(v0.sum(0) - v.sum(0), alpha=scale)
        a.add_(va)
        vb.mul_(MOMENTUM).add_(h_pos.sum(0) - h_neg.sum(0), alpha=scale)
        b.add_(vb)


with torch.no_grad():
    start = time.perf_counter()
    epoch()
    print(f"  warm-up epoch {time.perf_counter() - start:.3f} s", flush=True)
    times = []
    for _ in range(int(sys.argv[1]) if len(sys.argv) > 1 else 5):
        start = time.perf_counter()
        epoch()
        times.append(time.perf_counter() - start)
        print(f"  epoch {times[-1]:.3f} s", flush=True)
seconds = statistics.median(times)
trained = batches * BATCH
gflops = (2 * K + 4) * 2.0 * BATCH * NV * NH * batches / seconds / 1e9
print(f"rbm-pcd torch {torch.__version__} threads={torch.get_num_threads()}: {seconds:.3f} s/epoch = {trained / seconds:.0f} samples/s, {gflops:.1f} GFLOP/s")
