#!/usr/bin/env python3
"""Checks one run of bench/run.sh against the "Faster steps" issue's targets.

Every row puts a figure beside its baseline measured in the same run, the target, and MET or NOT
MET. JMH wall-clock figures are the median of the measurement iterations (other work on the
machine disturbs a median less than a mean); when the load average printed with the table is near
or above the core count, every figure is slower than on an idle machine, the baselines included.
Standard library only.

Rows:
  (a) one session step (SingleSessionStepBenchmark, notebook preset, closed form) against the
      lesson's own PyTorch loop (notebook_loop.py): at most 16 us and at least 5x faster; then one
      closed-form step of every model, loss and optimizer (StepVariantsBenchmark), each at most 16 us.
  (b) 200 concurrent notebook sessions, in-memory journal (ConcurrentSessionsBenchmark: step
      requests, the room waiting for its slowest answer; SessionsInTurnBenchmark: step requests,
      each session asking again as soon as its own answer arrives; RunningSessionsBenchmark: runs):
      at least 150,000 session-steps/s. Baseline: the lesson's loop once per core,
      1e6 / (its us per step) x cores. Beside them the engine's limit (EngineCeilingBenchmark: one
      thread per core stepping a trainer of its own, no actors), and each row's share of it: what
      the actors cost on top of the steps themselves.
  (c) the batched sweep at K = 10,000 (BatchedSweepBenchmark): at most 50 ns per session-step,
      wall and CPU, beside PyTorch doing the same batched update (batched_sweep.py, autograd float64).
  (d) durability's cost (RunningSessionsBenchmark, ConcurrentSessionsBenchmark, whose room waits
      for its slowest answer before anyone asks again, and SessionsInTurnBenchmark, journal h2 vs
      memory): session-steps/s with the embedded database at least 90 % of in memory.
"""

import argparse
import json
import os
import statistics

PACKAGE = "io.downhill.bench."
SINGLE = PACKAGE + "training.SingleSessionStepBenchmark.step"
VARIANTS = PACKAGE + "training.StepVariantsBenchmark.step"
CONCURRENT = PACKAGE + "session.ConcurrentSessionsBenchmark.stepAll"
RUNNING = PACKAGE + "session.RunningSessionsBenchmark.runAll"
IN_TURN = PACKAGE + "session.SessionsInTurnBenchmark.stepInTurn"
CEILING = PACKAGE + "training.EngineCeilingBenchmark.step"
BATCHED = PACKAGE + "sweep.BatchedSweepBenchmark.lockSteps"

STEP_US = 16
STEP_RATIO = 5
SESSIONS_PER_SECOND = 150_000
SWEEP_K = 10_000
SWEEP_NS = 50
DURABLE_SHARE = 0.90


def load_json(path):
    if not path or not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def jmh_results(path):
    """[(benchmark, params, median score, unit, secondary metrics)] from JMH's JSON."""
    rows = []
    for result in load_json(path) or []:
        metric = result["primaryMetric"]
        scores = [score for fork in metric["rawData"] for score in fork]
        rows.append(
            (
                result["benchmark"],
                result.get("params", {}),
                statistics.median(scores),
                metric["scoreUnit"],
                result.get("secondaryMetrics", {}),
            )
        )
    return rows


def find(rows, name, **params):
    for benchmark, p, score, unit, secondary in rows:
        if benchmark == name and all(p.get(k) == v for k, v in params.items()):
            return score, unit, secondary
    return None


def verdict(met):
    if met is None:
        return "NOT MEASURED"
    return "MET" if met else "NOT MET"


def line(label, figure, baseline, target, met):
    print(f"{label:<34} {figure:>26} {baseline:>26} {target:>18}  {verdict(met)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jmh", help="JMH's JSON result file")
    parser.add_argument("--lesson", help="notebook_loop.py's JSON file")
    parser.add_argument("--sweep", help="batched_sweep.py's JSON file")
    args = parser.parse_args()

    rows = jmh_results(args.jmh)
    lesson = load_json(args.lesson)
    sweep = load_json(args.sweep)
    cores = os.cpu_count() or 1
    if os.path.exists("/proc/loadavg"):
        with open("/proc/loadavg") as f:
            load = " ".join(f.read().split()[:3])
        print(f"cores: {cores}, load average after the run: {load}")
    print(f"{'row':<34} {'figure':>26} {'baseline (same run)':>26} {'target':>18}  verdict")

    # (a) one session step against the lesson's loop.
    lesson_us = lesson["lessonLoopUs"] if lesson else None
    single = find(rows, SINGLE, method="ANALYTIC")
    baseline = f"lesson loop {lesson_us:.1f} us" if lesson_us else "lesson loop: not run"
    if single:
        step_us = single[0]
        line("(a) one session step", f"{step_us:.1f} us", baseline, f"<= {STEP_US} us",
             step_us <= STEP_US)
        if lesson_us:
            ratio = lesson_us / step_us
            line("(a) ... vs the lesson's loop", f"{ratio:.1f}x faster", baseline,
                 f">= {STEP_RATIO}x", ratio >= STEP_RATIO)
        else:
            line("(a) ... vs the lesson's loop", "-", baseline, f">= {STEP_RATIO}x", None)
    else:
        line("(a) one session step", "-", baseline, f"<= {STEP_US} us", None)
    for benchmark, p, score, unit, _ in rows:
        if benchmark != VARIANTS:
            continue
        label = f"(a) {p['model'].lower()} {p['loss']} {p['optimizer'].lower()}"
        line(label, f"{score:.1f} us", baseline, f"<= {STEP_US} us", score <= STEP_US)

    # (b) 200 concurrent sessions, in memory.
    per_core = f"{cores} x lesson {cores * 1e6 / lesson_us:,.0f}/s" if lesson_us else "-"
    ceiling = find(rows, CEILING)
    target = f">= {SESSIONS_PER_SECOND:,}/s"
    if ceiling:
        # The limit itself is measured, not a target: its verdict says whether the target is
        # reachable one session at a time at all.
        line(f"(b) engine limit, {cores} trainers", f"{ceiling[0]:,.0f}/s", per_core, target,
             ceiling[0] >= SESSIONS_PER_SECOND)
    for label, name, params in (
        ("(b) 200 sessions, step requests", CONCURRENT, {"method": "ANALYTIC", "journal": "memory"}),
        ("(b) 200 sessions, runs", RUNNING, {"journal": "memory"}),
        ("(b) 200 sessions, requests in turn", IN_TURN, {"journal": "memory"}),
    ):
        found = find(rows, name, **params)
        if found:
            share = f" ({found[0] / ceiling[0]:.0%} of limit)" if ceiling else ""
            line(label, f"{found[0]:,.0f}/s{share}", per_core, target,
                 found[0] >= SESSIONS_PER_SECOND)
        else:
            line(label, "-", per_core, target, None)

    # (c) the batched sweep at K = 10,000, wall and CPU.
    torch_row = None
    for r in (sweep or {}).get("results", []):
        if r["variant"] == "autograd" and r["dtype"] == "float64" and r["k"] == SWEEP_K:
            torch_row = r
    batched = find(rows, BATCHED, k=str(SWEEP_K))
    target = f"<= {SWEEP_NS} ns"
    wall_base = f"PyTorch {torch_row['nsPerSessionStep']:.0f} ns" if torch_row else "PyTorch: not run"
    cpu_base = (
        f"PyTorch {torch_row['cpuNsPerSessionStep']:.0f} ns CPU" if torch_row else "PyTorch: not run"
    )
    if batched:
        wall_ns = 1e9 / batched[0]
        line(f"(c) sweep K={SWEEP_K:,}, wall", f"{wall_ns:.0f} ns/session-step", wall_base,
             target, wall_ns <= SWEEP_NS)
        secondary = batched[2]
        if "cpuNanos" in secondary and secondary["sessionSteps"]["score"] > 0:
            cpu_ns = secondary["cpuNanos"]["score"] / secondary["sessionSteps"]["score"]
            line(f"(c) sweep K={SWEEP_K:,}, CPU", f"{cpu_ns:.0f} ns/session-step", cpu_base,
                 target, cpu_ns <= SWEEP_NS)
    else:
        line(f"(c) sweep K={SWEEP_K:,}", "-", wall_base, target, None)

    # (d) durability: the embedded database against memory.
    for label, name, params in (
        ("(d) journal h2 vs memory, runs", RUNNING, {}),
        ("(d) ... step requests, lock-step", CONCURRENT, {"method": "ANALYTIC"}),
        ("(d) ... step requests in turn", IN_TURN, {}),
    ):
        memory = find(rows, name, journal="memory", **params)
        durable = find(rows, name, journal="h2", **params)
        target = f">= {DURABLE_SHARE:.0%} of memory"
        if memory and durable:
            share = durable[0] / memory[0]
            line(label, f"{durable[0]:,.0f}/s ({share:.0%})", f"memory {memory[0]:,.0f}/s",
                 target, share >= DURABLE_SHARE)
        else:
            line(label, "-", "-", target, None)


if __name__ == "__main__":
    main()
