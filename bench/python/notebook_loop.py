#!/usr/bin/env python3
"""The lesson's own PyTorch loop, timed: the yardstick for Downhill's Java step.

Copies the formulas of the lesson (shared/seed/000_e99a7e273ef37f4a.txt): the quadratic
3x^2 + 4x + 5, numpy's seed(42) noise, y in float64, abc in float32 with requires_grad, MAE,
and `loss.backward(); with torch.no_grad(): abc -= abc.grad*0.01`, never zeroing abc.grad
(the lesson's gradient accumulation). It first checks that it reproduces the lesson's printed
losses, then prints the median microseconds per step over several repeats.

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


# The lesson's definitions, as it writes them.
def func_quadratic(a, b, c, x):
    return a * x**2 + b * x + c


def mk_quad(a, b, c):
    return partial(func_quadratic, a, b, c)


def noise(x, scale):
    return normal(scale=scale, size=x.shape)


def add_noise(x, multiplier, add):
    return x * (1 + noise(x, multiplier)) + noise(x, add)


def mae(preds, acts):
    return (torch.abs(preds - acts)).mean()


f = mk_quad(3, 4, 5)
seed(42)
x = torch.linspace(start=-2, end=2, steps=20)
y = add_noise(f(x), 0.4, 1.5)


def quad_mae(params):
    f = mk_quad(*params)
    return mae(f(x), y)


def fresh_abc():
    return torch.tensor([1.1, 1.2, 1.3]).requires_grad_()


# The loss before the first update, then the losses the lesson prints for its first update and
# for its loop of eight (to two decimals).
LESSON_FIRST_LOSS = 4.4666
LESSON_LOOP_LOSSES = [4.44, 4.38, 4.30, 4.18, 4.04, 3.87, 3.67, 3.45]


def check_against_lesson():
    assert y.dtype == torch.float64, y.dtype
    abc = fresh_abc()
    loss = quad_mae(abc)
    assert abs(loss.item() - LESSON_FIRST_LOSS) < 1e-4, loss.item()
    loss.backward()
    with torch.no_grad():
        abc -= abc.grad * 0.01
    losses = []
    for _ in range(8):
        loss = quad_mae(abc)
        loss.backward()
        with torch.no_grad():
            abc -= abc.grad * 0.01
        losses.append(round(loss.item(), 2))
    assert losses == LESSON_LOOP_LOSSES, losses


def time_loop(steps, read_loss):
    """Microseconds per step of the lesson's loop, from a fresh abc."""
    abc = fresh_abc()
    started = time.perf_counter_ns()
    if read_loss:
        for _ in range(steps):
            loss = quad_mae(abc)
            loss.backward()
            with torch.no_grad():
                abc -= abc.grad * 0.01
            loss.item()
    else:
        for _ in range(steps):
            loss = quad_mae(abc)
            loss.backward()
            with torch.no_grad():
                abc -= abc.grad * 0.01
    elapsed = time.perf_counter_ns() - started
    if not torch.isfinite(abc).all():
        raise SystemExit(f"the loop diverged: abc = {abc}")
    return elapsed / 1000 / steps


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=20_000, help="steps per repeat")
    parser.add_argument("--repeats", type=int, default=5, help="timed repeats (after one warm-up)")
    parser.add_argument("--json", help="also write the medians to this file")
    args = parser.parse_args()

    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    check_against_lesson()
    print(f"torch {torch.__version__}, 1 thread; reproduces the lesson's printed losses")

    medians = {}
    for read_loss, label, key in (
        (False, "lesson loop", "lessonLoopUs"),
        (True, "lesson loop + loss.item()", "lessonLoopWithItemUs"),
    ):
        time_loop(min(args.steps, 2_000), read_loss)  # warm-up
        runs = [time_loop(args.steps, read_loss) for _ in range(args.repeats)]
        medians[key] = statistics.median(runs)
        print(
            f"{label:<27} {medians[key]:8.2f} us/step (median of {args.repeats} x "
            f"{args.steps} steps; runs {', '.join(f'{r:.1f}' for r in runs)})"
        )
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"torch": torch.__version__, **medians}, out, indent=1)


if __name__ == "__main__":
    main()
