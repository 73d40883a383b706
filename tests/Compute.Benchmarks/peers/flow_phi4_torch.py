#!/usr/bin/python3
"""Peer for the `flow-phi4` and `flow-phi4-mlp` workloads: the same RealNVP reverse-KL training step in PyTorch eager (CPU).

Run: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 tests/Compute.Benchmarks/peers/flow_phi4_torch.py [flow-phi4|flow-phi4-mlp|all]
(Debian's python3-torch with libopenblas0-pthread; torch.set_num_threads(2) as on the 2-core benchmark machines).
Same model as Compute.Flows.Phi4: S = Σ_x[Σ_μ(φ_{x+μ}−φ_x)² + m²φ² + λφ⁴] (m² = −4, λ = 8), checkerboard affine couplings
x_b' = x_b·exp(tanh(s_raw)) + t, conditioners either circular 3×3 CNNs 1→8→8→2 with LeakyReLU (L = 8, 16 couplings, batch 64)
or MLPs V/2→512→512→V with LeakyReLU on the frozen half (L = 16, 8 couplings, batch 1024); N(0,1) base; Adam.
Prints the median training steps per second of several timed runs.
"""
import math
import sys
import time

import torch

torch.set_num_threads(2)
torch.manual_seed(1)


def action(phi, m2, lam):
    grad = sum((torch.roll(phi, -1, d) - phi) ** 2 for d in (1, 2))
    return (grad + m2 * phi**2 + lam * phi**4).sum(dim=(1, 2))


def checkerboard(l, parity):
    r = torch.arange(l).view(-1, 1)
    c = torch.arange(l).view(1, -1)
    return ((r + c) % 2 == parity).float()  # 1 = frozen


class ConvCoupling(torch.nn.Module):
    def __init__(self, l, parity, hidden=8):
        super().__init__()
        self.register_buffer("frozen", checkerboard(l, parity))
        conv = lambda i, o: torch.nn.Conv2d(i, o, 3, padding=1, padding_mode="circular")
        self.net = torch.nn.Sequential(conv(1, hidden), torch.nn.LeakyReLU(), conv(hidden, hidden), torch.nn.LeakyReLU(), conv(hidden, 2))

    def forward(self, x):
        active = 1 - self.frozen
        out = self.net((x * self.frozen).unsqueeze(1))
        s = torch.tanh(out[:, 0]) * active
        t = out[:, 1] * active
        y = x * self.frozen + active * (x * torch.exp(s) + t)
        return y, s.sum(dim=(1, 2))


class MlpCoupling(torch.nn.Module):
    def __init__(self, l, parity, width=512):
        super().__init__()
        mask = checkerboard(l, parity).flatten().bool()
        self.register_buffer("frozen_idx", torch.nonzero(mask).flatten())
        self.register_buffer("active_idx", torch.nonzero(~mask).flatten())
        half = l * l // 2
        self.net = torch.nn.Sequential(torch.nn.Linear(half, width), torch.nn.LeakyReLU(), torch.nn.Linear(width, width), torch.nn.LeakyReLU(),
                                       torch.nn.Linear(width, 2 * half))
        self.half = half

    def forward(self, x):
        flat = x.flatten(1)
        out = self.net(flat[:, self.frozen_idx])
        s = torch.tanh(out[:, : self.half])
        t = out[:, self.half:]
        y = flat.clone()
        y[:, self.active_idx] = flat[:, self.active_idx] * torch.exp(s) + t
        return y.view_as(x), s.sum(dim=1)


def measure(name, l, couplings, batch, make, steps, reps=5):
    layers = torch.nn.ModuleList(make(l, i % 2) for i in range(couplings))
    opt = torch.optim.Adam(layers.parameters(), lr=1e-3)
    v = l * l

    def step():
        z = torch.randn(batch, l, l)
        log_r = -0.5 * (z**2).sum(dim=(1, 2)) - 0.5 * v * math.log(2 * math.pi)
        x, log_det = z, torch.zeros(batch)
        for layer in layers:
            x, ld = layer(x)
            log_det = log_det + ld
        loss = (log_r - log_det + action(x, -4.0, 8.0)).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()

    for _ in range(max(3, steps // 5)):
        step()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(steps):
            step()
        times.append((time.perf_counter() - t0) / steps)
    times.sort()
    print(f"{name:16} PyTorch {torch.__version__} eager, {torch.get_num_threads()} threads: L={l}, {couplings} couplings, batch {batch}: "
          f"{1 / times[len(times) // 2]:.1f} steps/s")


which = sys.argv[1] if len(sys.argv) > 1 else "all"
if which in ("flow-phi4", "all"):
    measure("flow-phi4", 8, 16, 64, lambda l, p: ConvCoupling(l, p), steps=50)
if which in ("flow-phi4-mlp", "all"):
    measure("flow-phi4-mlp", 16, 8, 1024, lambda l, p: MlpCoupling(l, p), steps=3)
