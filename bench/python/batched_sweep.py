#!/usr/bin/env python3
"""A learning-rate sweep of the lesson's quadratic, batched in PyTorch: the yardstick for BatchTrainer.

K variants share the lesson's data (shared/seed/000_e99a7e273ef37f4a.txt: 3x^2 + 4x + 5, numpy's
seed(42) noise 0.4 and 1.5, 20 points on [-2, 2]) and its start [1.1, 1.2, 1.3]; their learning
rates are spread log-uniformly over [1e-4, 1e-1], as in BatchedSweepBenchmark. Gradients are not
accumulated (each step zeroes them), so no variant diverges. One lock-step updates all K rows of a
[K, 3] parameter tensor; the figure reported is nanoseconds per session-step, i.e. per lock-step
divided by K (median of several repeats), by the wall clock and by this thread's CPU time (which
other work on the machine disturbs less). 1e9 / wall ns is session-steps per second.

Variants, each in float64 (what Downhill computes in) and float32 (for reference):
  autograd     THE BASELINE ("the same batched update"): the lesson's formula broadcast over the
               rows, a*x**2 + b*x + c with a, b, c of shape [K, 1], MAE per row, backward() of the
               sum of the K row losses (so each row's gradient is its own), then
               `with torch.no_grad(): params -= params.grad * lr[:, None]; params.grad.zero_()`.
  closed-form  what BatchTrainer computes, without autograd: residuals = params @ powers.T - y,
               losses = |residuals|.mean(1), gradient = sign(residuals) @ powers / n, in-place
               update. No Python-side graph, fewer kernels.

Neither reads the losses back per step (they stay in a CPU tensor); BatchTrainer copies its K losses
into a Java array every step, which costs little next to the ops.

Runs on one intra-op and one inter-op thread, as the JMH forks do, and touches no network.
Needs torch and numpy: on Debian, /usr/bin/python3 with python3-torch.
"""

import argparse
import json
import statistics
import time
from functools import partial

import torch
from numpy.random import normal, seed


# The lesson's definitions, as it writes them (copied from notebook_loop.py).
def func_quadratic(a, b, c, x):
    return a * x**2 + b * x + c


def mk_quad(a, b, c):
    return partial(func_quadratic, a, b, c)


def noise(x, scale):
    return normal(scale=scale, size=x.shape)


def add_noise(x, multiplier, add):
    return x * (1 + noise(x, multiplier)) + noise(x, add)


f = mk_quad(3, 4, 5)
seed(42)
x = torch.linspace(start=-2, end=2, steps=20)
y = add_noise(f(x), 0.4, 1.5)

START = [1.1, 1.2, 1.3]
LESSON_FIRST_LOSS = 4.4666
KS = (10, 100, 1_000, 10_000)
DTYPES = {"float64": torch.float64, "float32": torch.float32}


def learning_rates(k, dtype):
    """K rates log-uniformly spaced over [1e-4, 1e-1], both ends included."""
    if k == 1:
        return torch.tensor([1e-2], dtype=dtype)
    return torch.logspace(-4, -1, k, dtype=torch.float64).to(dtype)


def fresh_params(k, dtype):
    return torch.tensor([START] * k, dtype=dtype)


class Autograd:
    """The baseline: the lesson's formula and update, one row per variant."""

    name = "autograd"

    def __init__(self, k, dtype):
        # In float64 this is the lesson's own mix: x in float32, y in float64, promoted per op.
        self.x = x if dtype == torch.float64 else x.to(dtype)
        self.y = y.to(dtype)
        self.lr = learning_rates(k, dtype)[:, None]
        self.params = fresh_params(k, dtype).requires_grad_()

    def losses(self):
        a, b, c = self.params[:, 0:1], self.params[:, 1:2], self.params[:, 2:3]
        return (torch.abs(mk_quad(a, b, c)(self.x) - self.y)).mean(dim=1)

    def step(self):
        self.losses().sum().backward()
        with torch.no_grad():
            self.params -= self.params.grad * self.lr
            self.params.grad.zero_()

    def gradient(self):
        self.params.grad = None
        self.losses().sum().backward()
        return self.params.grad.clone()


class ClosedForm:
    """BatchTrainer's arithmetic: two matrix products and three elementwise ops, in place."""

    name = "closed-form"

    def __init__(self, k, dtype):
        xs = x.to(dtype)
        self.powers = torch.stack([xs**2, xs, torch.ones_like(xs)], dim=1)  # [n, 3]
        self.powers_t = self.powers.t().contiguous()  # [3, n]
        self.y = y.to(dtype)
        self.n = float(len(xs))
        self.rate = learning_rates(k, dtype)[:, None] / self.n  # the MAE's 1/n folded in
        self.params = fresh_params(k, dtype)

    def losses(self):
        return (self.params @ self.powers_t - self.y).abs().mean(dim=1)

    def step(self):
        residuals = self.params @ self.powers_t - self.y
        residuals.abs().mean(dim=1)  # the losses, as BatchTrainer computes them every step
        self.params.sub_((residuals.sign_() @ self.powers).mul_(self.rate))

    def gradient(self):
        return (self.params @ self.powers_t - self.y).sign() @ self.powers / self.n


VARIANTS = (Autograd, ClosedForm)


def check():
    """Each row starts at the lesson's loss, and both variants agree on every row's gradient."""
    k = 7
    for dtype in DTYPES.values():
        tolerance = 1e-4 if dtype == torch.float64 else 1e-3
        for variant in VARIANTS:
            losses = variant(k, dtype).losses()
            assert torch.allclose(
                losses, torch.full_like(losses, LESSON_FIRST_LOSS), atol=tolerance
            ), (variant.name, losses)
        a, c = Autograd(k, dtype).gradient(), ClosedForm(k, dtype).gradient()
        assert torch.allclose(a, c, atol=tolerance), (a, c)
        # One row's gradient is the lesson's single-session gradient: the sum couples nothing.
        single = Autograd(1, dtype).gradient()
        assert torch.allclose(a, single.expand_as(a), atol=tolerance), (a, single)


def time_steps(variant, steps):
    """Wall-clock and this thread's CPU nanoseconds for `steps` lock-steps."""
    started, started_cpu = time.perf_counter_ns(), time.thread_time_ns()
    for _ in range(steps):
        variant.step()
    return time.perf_counter_ns() - started, time.thread_time_ns() - started_cpu


def measure(variant_type, k, dtype, repeats, seconds):
    """Wall-clock and CPU ns per session-step: medians of `repeats` runs of about `seconds`."""
    variant = variant_type(k, dtype)
    time_steps(variant, 20)  # warm-up, and a first guess of the step time
    probe = max(1, time_steps(variant, 20)[1] // 20)
    steps = max(20, int(seconds * 1e9 / probe))
    time_steps(variant, steps)  # warm-up at full length
    runs = [time_steps(variant, steps) for _ in range(repeats)]
    if not torch.isfinite(variant.params).all():
        raise SystemExit(f"{variant.name} K={k} diverged")
    wall = [w / steps / k for w, _ in runs]
    cpu = [c / steps / k for _, c in runs]
    return statistics.median(wall), statistics.median(cpu), wall, cpu, steps


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ks", type=int, nargs="+", default=list(KS), help="batch sizes K")
    parser.add_argument("--repeats", type=int, default=5, help="timed repeats per figure")
    parser.add_argument("--seconds", type=float, default=0.2, help="about this long per repeat")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()

    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    check()
    print(
        f"torch {torch.__version__}, 1 thread; rows start at the lesson's loss, and autograd and "
        "closed-form gradients agree"
    )
    print(
        f"ns per session-step, wall clock / this thread's CPU time (medians of {args.repeats} "
        f"repeats of ~{args.seconds} s); session-steps/s = 1e9 / wall ns"
    )
    header = f"{'variant':<12} {'dtype':<8}" + "".join(f" {f'K={k}':>15}" for k in args.ks)
    print(header)
    results = []
    for variant_type in VARIANTS:
        for dtype_name, dtype in DTYPES.items():
            line = f"{variant_type.name:<12} {dtype_name:<8}"
            for k in args.ks:
                wall, cpu, wall_runs, cpu_runs, steps = measure(
                    variant_type, k, dtype, args.repeats, args.seconds
                )
                line += f" {f'{wall:.1f} / {cpu:.1f}':>15}"
                results.append(
                    {
                        "variant": variant_type.name,
                        "dtype": dtype_name,
                        "k": k,
                        "nsPerSessionStep": wall,
                        "cpuNsPerSessionStep": cpu,
                        "wallRuns": wall_runs,
                        "cpuRuns": cpu_runs,
                        "lockSteps": steps,
                    }
                )
            print(line, flush=True)
    print("baseline: autograd float64 (the lesson's formula and update, batched)")
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"torch": torch.__version__, "results": results}, out, indent=1)


if __name__ == "__main__":
    main()
