"""Batch throughput against a local OpenAI-compatible stub: articles per second, client cost per article,
and peak memory, for a bare instructor loop and for our pipeline.

    python bench/bench_batch.py            # full run (about two minutes on 2 cores)
    python bench/bench_batch.py --quick    # smaller counts (about 40 s)
    python bench/bench_batch.py --profile  # also cProfile both paths at zero delay, print the top functions
    python bench/bench_batch.py --jobs 64 --throughput-only   # one -j, bare against ours (about 15 s)

The stub runs in a subprocess, so the client's CPU and the server's are separate processes (on a 2-core
machine they still share the cores). Paths measured:

- ``bare``: instructor over ``openai.AsyncOpenAI`` (the client's own defaults) sending the seed's requests of
  the single strategy (built once, before timing: its response model and messages) for every article, an
  asyncio semaphore; no rules, no grounding and no writing.
- ``ours``: ``summarise.llm.connect_async`` (its aiohttp pool) + ``summarise.pipeline.summarise_article_async``
  (validation with grounding context, grounding, provenance) + one JSON file per article via
  ``summarise.store.write_atomic`` in a worker thread (as ``Batch.finish_async`` writes it), j workers
  pulling from a lazy stream of distinct articles, the start-up heap frozen while they run (as ``run_batch``
  drives the articles: ``summarise.batch.heap``). The fixes bench/README.md proposed for summarise/ are in
  the product now, so this path has them.
- ``ours+instructor-memo``: ours with an upstream instructor fix prototyped by monkeypatching
  (bench/prototype_fixes.py); ``bare+cached-schema`` is the bare loop with the response model wrapped once,
  as summarise/extract.py now does.
- ``cli``: the real ``summarise batch`` command over a folder of distinct copies of the seed, when
  ``summarise.batch`` exists.

Each timed run also reports the CPU the cyclic garbage collector took ("of which collector"): a full
collection of the start-up heap costs 80 ms here, so whether one lands in a short run moves it visibly.

Writes bench/results/latest.json and prints Markdown tables.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import gc
import io
import json
import os
import platform
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import instructor
import openai

sys.path.insert(0, str(Path(__file__).resolve().parent))

from prototype_fixes import instructor_memo  # noqa: E402
from stub_server import SEED, STUB_MODEL, start_subprocess, stub_stats  # noqa: E402

from summarise.batch.heap import start_up_heap_frozen  # noqa: E402
from summarise.ingest import Article, article_from_text  # noqa: E402
from summarise.llm import Connection, connect_async  # noqa: E402
from summarise.passes.run import read_by_rule  # noqa: E402
from summarise.passes.single import single_requests  # noqa: E402
from summarise.pipeline import summarise_article_async  # noqa: E402
from summarise.plan import Request  # noqa: E402
from summarise.reading.sentences import split_sentences  # noqa: E402
from summarise.render.json_format import render_json  # noqa: E402
from summarise.settings import Settings  # noqa: E402
from summarise.store import write_atomic  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"
DELAY = 0.2
JOBS = (1, 4, 16, 64)
SEED_TEXT = SEED.read_text(encoding="utf-8")


@dataclass
class Run:
    path: str
    jobs: int
    articles: int
    seconds: float
    cpu_seconds: float
    server_cpu_seconds: float
    peak_in_flight: int
    gc_seconds: float = 0.0

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds

    @property
    def cpu_ms_per_article(self) -> float:
        return 1000 * self.cpu_seconds / self.articles

    @property
    def server_cpu_ms_per_article(self) -> float:
        return 1000 * self.server_cpu_seconds / self.articles

    @property
    def gc_ms_per_article(self) -> float:
        return 1000 * self.gc_seconds / self.articles


class CollectorTime:
    """CPU seconds the cyclic garbage collector spends while this is entered (a ``gc.callbacks`` entry). A full
    collection walks every object alive, 80 ms on this machine: whether one lands in a short run moves its
    CPU per article by up to half a millisecond."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._started = 0.0

    def __call__(self, phase: str, _: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.process_time()
        else:
            self.seconds += time.process_time() - self._started

    def __enter__(self) -> CollectorTime:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *_: object) -> None:
        gc.callbacks.remove(self)


def seed_copy_text(number: int) -> str:
    """The seed with a unique last line: distinct content (and article id), same quotes."""
    return f"{SEED_TEXT.rstrip()}\n\nBenchmark copy {number}.\n"


def seed_articles(count: int, first: int = 0) -> Iterator[Article]:
    """A lazy stream of distinct articles, as a batch over a folder would read them."""
    for number in range(first, first + count):
        yield article_from_text(seed_copy_text(number), source=f"copy_{number:06d}.txt")


async def _timed(path: str, jobs: int, count: int, base_url: str, work: Callable[[], Awaitable[None]]) -> Run:
    server_cpu = stub_stats(base_url, reset=True)["cpu_seconds"]
    started, cpu = time.perf_counter(), time.process_time()
    with CollectorTime() as collector:
        await work()
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    stats = stub_stats(base_url)
    return Run(path, jobs, count, seconds, cpu_seconds, stats["cpu_seconds"] - server_cpu,
               int(stats["peak_in_flight"]), collector.seconds)


def bare_client(base_url: str, mode: instructor.Mode = instructor.Mode.TOOLS) -> instructor.AsyncInstructor:
    return instructor.from_openai(openai.AsyncOpenAI(base_url=base_url, api_key="x", max_retries=0), mode=mode)


def seed_requests(cached_schema: bool = False) -> list[tuple[Any, Any]]:
    """The (response model, messages) of each request the single strategy makes for the seed; the response
    model wrapped once as summarise/llm.py does, for ``cached_schema``."""
    sentences = split_sentences(SEED_TEXT)
    requests = [request for request in single_requests(sentences, read_by_rule(sentences))
                if isinstance(request, Request)]
    return [(instructor.response_schema(request.model) if cached_schema else request.model, request.messages)
            for request in requests]


async def bare_loop(client: instructor.AsyncInstructor, articles: Iterable[Article], jobs: int,
                    requests: list[tuple[Any, Any]]) -> None:
    """The reference: instructor over AsyncOpenAI with a semaphore, the seed's ``requests`` for each article;
    parse and validate, nothing else."""
    semaphore = asyncio.Semaphore(jobs)

    async def one(article: Article) -> None:
        for response_model, messages in requests:
            async with semaphore:
                await client.create(model=STUB_MODEL, response_model=response_model, messages=messages,
                                    max_retries=0, temperature=0.0, max_tokens=2048)

    await asyncio.gather(*(one(article) for article in articles))


def our_connection(base_url: str) -> Connection:
    return connect_async(Settings(base_url=base_url, model=STUB_MODEL, api_key="x"))


async def our_loop(connection: Connection, articles: Iterator[Article], jobs: int, out: Path) -> None:
    """Our path: j workers pull articles from one stream, digest, ground, and write one JSON file each (in a
    worker thread, so the fsync does not hold up the event loop)."""

    async def worker() -> None:
        for article in articles:
            result = await summarise_article_async(article, connection)
            if result.unverified:
                raise AssertionError(f"{article.source}: {result.unverified} quotes not grounded")
            await asyncio.to_thread(write_atomic, out / f"{article.id}.json", render_json(result))

    with start_up_heap_frozen():  # as run_batch drives the articles
        await asyncio.gather(*(worker() for _ in range(jobs)))


@dataclass(frozen=True)
class Variant:
    """One way of digesting: the bare reference or our pipeline, with prototype fixes applied or not."""

    name: str
    ours: bool
    patches: tuple[Callable[[], contextlib.AbstractContextManager[None]], ...] = ()
    cached_schema: bool = False


VARIANTS = {variant.name: variant for variant in (
    Variant("bare", ours=False),
    Variant("bare+cached-schema", ours=False, cached_schema=True),
    Variant("ours", ours=True),
    Variant("ours+instructor-memo", ours=True, patches=(instructor_memo,)),
)}


async def _measure(variant: Variant, base_url: str, jobs: int, count: int, out: Path) -> Run:
    warm_up = seed_articles(min(jobs, 8), first=10**6)
    if not variant.ours:
        client = bare_client(base_url)
        requests = seed_requests(variant.cached_schema)
        await bare_loop(client, warm_up, jobs, requests)
        run = await _timed(variant.name, jobs, count, base_url,
                           lambda: bare_loop(client, seed_articles(count), jobs, requests))
        bare_openai: Any = client.client
        await bare_openai.close()
        return run
    connection = our_connection(base_url)
    await our_loop(connection, warm_up, jobs, out)
    run = await _timed(variant.name, jobs, count, base_url,
                       lambda: our_loop(connection, seed_articles(count), jobs, out))
    await connection.aclose()
    return run


def measure(name: str, base_url: str, jobs: int, count: int, out: Path) -> Run:
    """One timed run of a variant after a short warm-up (connections open, schemas cached)."""
    variant = VARIANTS[name]
    with contextlib.ExitStack() as stack:
        for patch in variant.patches:
            stack.enter_context(patch())
        return asyncio.run(_measure(variant, base_url, jobs, count, out))


def throughput(base_url: str, counts: dict[int, int], paths: tuple[str, ...], out: Path) -> list[Run]:
    runs = []
    for jobs in counts:
        for path in paths:
            run = measure(path, base_url, jobs, counts[jobs], out / path)
            print(f"  {path:18} -j {jobs:<3} {run.per_second:7.1f} articles/s "
                  f"(peak in flight {run.peak_in_flight}; collector {run.gc_ms_per_article:.2f} ms/article)",
                  flush=True)
            runs.append(run)
    return runs


CLI = [sys.executable, "-c", "from summarise.cli import main; main()"]


def cli_start_up_seconds() -> float:
    """Wall time of a bare ``summarise --help``: interpreter start and imports, no article."""
    _, seconds, _ = run_child([*CLI, "batch", "--help"])
    return seconds


def cli_throughput(base_url: str, plan: list[tuple[int, int]], work: Path) -> list[dict[str, Any]]:
    """The real ``summarise batch`` over distinct copies of the seed: one run, into a fresh output folder,
    for each (jobs, articles) of ``plan``."""
    start_up = cli_start_up_seconds()
    runs = []
    for jobs, count in plan:
        articles = work / f"articles-{count}"
        if not articles.is_dir():
            articles.mkdir(parents=True)
            for number in range(count):
                (articles / f"copy_{number:06d}.txt").write_text(seed_copy_text(number), encoding="utf-8")
        out = work / f"out-j{jobs}-{count}"
        server_cpu = stub_stats(base_url, reset=True)["cpu_seconds"]
        exit_code, seconds, peak_kib = run_child(
            [*CLI, "batch", str(articles), "-o", str(out), "-j", str(jobs), "--base-url", base_url,
             "--model", STUB_MODEL], env={"OPENAI_API_KEY": "x"})
        stats = stub_stats(base_url)
        run = {"path": "cli", "jobs": jobs, "articles": count, "seconds": round(seconds, 3),
               "start_up_seconds": round(start_up, 3), "per_second": round(count / (seconds - start_up), 1),
               "per_second_with_start_up": round(count / seconds, 1), "exit_code": exit_code,
               "peak_rss_mib": round(peak_kib / 1024, 1), "peak_in_flight": int(stats["peak_in_flight"]),
               "served": int(stats["served"]),
               "server_cpu_ms_per_article": round(1000 * (stats["cpu_seconds"] - server_cpu) / count, 3),
               "digests_written": len(list((out / "digests").glob("*.json")))}
        print(f"  cli                -j {jobs:<3} {run['per_second']:7.1f} articles/s after {start_up:.2f} s "
              f"start-up (exit {exit_code}, {run['digests_written']} digests, peak in flight "
              f"{run['peak_in_flight']})", flush=True)
        runs.append(run)
    return runs


def run_child(command: list[str], env: dict[str, str] | None = None) -> tuple[int, float, int]:
    """Run ``command``; return its exit code, wall seconds and peak RSS in KiB (from wait4, this child only)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        print(errors.decode(errors="replace")[-2000:], file=sys.stderr)
    return process.returncode, time.perf_counter() - started, usage.ru_maxrss


def cost_per_call(path: str, base_url: str, count: int, out: Path) -> Run:
    """Sequential calls against a zero-delay stub: what one article costs the client."""
    return measure(path, base_url, 1, count, out)


def memory(base_url: str, counts: tuple[int, int], jobs: int, work: Path, cli: bool) -> list[dict[str, Any]]:
    """Peak RSS of a fresh process digesting N and then 4N articles (flat means streaming works)."""
    rows = []
    for count in counts:
        command = [sys.executable, __file__, "--memory-child", str(count), "--base-url", base_url, "-j", str(jobs)]
        exit_code, seconds, peak_kib = run_child(command)
        if exit_code:
            raise RuntimeError(f"memory child for {count} articles failed with exit code {exit_code}")
        rows.append({"path": "ours", "jobs": jobs, "articles": count, "seconds": round(seconds, 2),
                     "peak_rss_mib": round(peak_kib / 1024, 1)})
        print(f"  ours -j {jobs} over {count:5} articles: peak RSS {peak_kib / 1024:.1f} MiB", flush=True)
    if cli:
        for run in cli_throughput(base_url, [(jobs, count) for count in counts], work):
            rows.append({key: run[key] for key in ("path", "jobs", "articles", "seconds", "peak_rss_mib")})
    return rows


def memory_child(base_url: str, count: int, jobs: int) -> None:
    async def digest_all(out: Path) -> None:
        connection = our_connection(base_url)
        try:
            await our_loop(connection, seed_articles(count), jobs, out)
        finally:
            await connection.aclose()

    with tempfile.TemporaryDirectory(prefix="bench-memory-") as out:
        asyncio.run(digest_all(Path(out)))
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _layer(filename: str) -> str:
    """Which library or module a profiled function belongs to."""
    if "site-packages/" in filename:
        return filename.split("site-packages/")[1].split("/")[0].removesuffix(".py")
    if "/summarise/" in filename:
        return "summarise." + Path(filename).stem
    if "/bench/" in filename:
        return "bench"
    if "/lib/python3" in filename:
        return "stdlib " + filename.split("/lib/python3")[1].split("/")[1].removesuffix(".py")
    return filename


def _per_layer(stats: pstats.Stats, own: int, from_caller: int) -> dict[str, float]:
    """A profile field summed per layer: field ``own`` of each function's entry, and for a built-in function
    field ``from_caller`` of each of its callers' entries, given to the caller's layer."""
    totals: dict[str, float] = {}
    for (filename, _, _), entry in stats.stats.items():  # type: ignore[attr-defined]
        if filename == "~":
            for (caller_file, _, _), caller_entry in entry[4].items():
                totals[_layer(caller_file)] = totals.get(_layer(caller_file), 0.0) + caller_entry[from_caller]
        else:
            totals[_layer(filename)] = totals.get(_layer(filename), 0.0) + entry[own]
    return totals


def layers(stats: pstats.Stats) -> dict[str, float]:
    """Own CPU time summed per layer; a built-in function's time goes to the layer of whoever called it."""
    return dict(sorted(_per_layer(stats, 2, 2).items(), key=lambda item: -item[1]))


def layer_calls(stats: pstats.Stats) -> dict[str, int]:
    """Function calls per layer, counted as :func:`layers` assigns time. Unlike a layer's milliseconds
    estimated from its share, the count does not depend on the profiler's overhead or on what the other
    layers cost (a coroutine resumed counts as a call)."""
    return {layer: int(calls) for layer, calls in _per_layer(stats, 1, 0).items()}


def profile(base_url: str, count: int, out: Path) -> dict[str, Any]:
    """cProfile (CPU-time clock) of sequential zero-delay calls: CPU per article split by library."""
    reports: dict[str, Any] = {}
    for path in ("bare", "ours", "ours+instructor-memo"):
        plain = cost_per_call(path, base_url, count, out / path)
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        cost_per_call(path, base_url, count, out / path)
        profiler.disable()
        text = io.StringIO()
        stats = pstats.Stats(profiler, stream=text)
        totals, calls = layers(stats), layer_calls(stats)
        whole = sum(totals.values())
        shares = {layer: round(100 * seconds / whole, 1)
                  for layer, seconds in totals.items() if seconds / whole >= 0.01}
        stats.strip_dirs().sort_stats("cumulative").print_stats(40)
        profiled = count + 1  # and the one article measure warms up with at -j 1
        reports[path] = {"cpu_ms_per_article_unprofiled": round(plain.cpu_ms_per_article, 3),
                         "percent_by_layer": shares, "top_cumulative": text.getvalue(),
                         "calls_per_article_by_layer": {layer: round(calls.get(layer, 0) / profiled, 1)
                                                        for layer in shares}}
        print(f"\n## {path}: {plain.cpu_ms_per_article:.2f} ms CPU per article unprofiled; share by layer, "
              f"ms/article estimated from the share (the profiler's overhead differs by layer, so a layer's "
              f"estimate grows with what the others cost: compare paths by the calls), calls/article",
              flush=True)
        for layer, share in shares.items():
            print(f"  {layer:28} {share:5.1f}%  {share * plain.cpu_ms_per_article / 100:5.2f} ms  "
                  f"{calls.get(layer, 0) / profiled:8.1f} calls")
    return reports


def markdown(report: dict[str, Any]) -> str:
    bare = {run["jobs"]: run for run in report["throughput"] if run["path"] == "bare"}
    lines = ["| path | -j | articles | articles/s | ideal | vs bare | client CPU ms/article | CPU vs bare | "
             "of which collector ms | stub CPU ms/article | peak in flight |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for run in report["throughput"] + report.get("cli", []):
        reference = bare[run["jobs"]]
        ratio = run["per_second"] / reference["per_second"]
        cpu, cpu_ratio = "-", "-"
        if "cpu_ms_per_article" in run:
            cpu = f"{run['cpu_ms_per_article']:.2f}"
            cpu_ratio = f"{run['cpu_ms_per_article'] / reference['cpu_ms_per_article']:.2f}x"
        collector = f"{run['gc_ms_per_article']:.2f}" if "gc_ms_per_article" in run else "-"
        lines.append(f"| {run['path']} | {run['jobs']} | {run['articles']} | {run['per_second']:.1f} | "
                     f"{run['jobs'] / DELAY:.0f} | {ratio:.2f}x | {cpu} | {cpu_ratio} | {collector} | "
                     f"{run['server_cpu_ms_per_article']:.2f} | {run['peak_in_flight']} |")
    if "cost" not in report:
        return "\n".join(lines)
    lines += ["", "| path (zero delay, -j 1) | calls | wall ms/call | client CPU ms/call | CPU vs bare |",
              "| --- | --- | --- | --- | --- |"]
    bare_cost = next(run for run in report["cost"] if run["path"] == "bare")
    for run in report["cost"]:
        lines.append(f"| {run['path']} | {run['articles']} | {1000 * run['seconds'] / run['articles']:.2f} | "
                     f"{run['cpu_ms_per_article']:.2f} | "
                     f"{run['cpu_ms_per_article'] / bare_cost['cpu_ms_per_article']:.2f}x |")
    lines += ["", "| memory: path | -j | articles | peak RSS MiB |", "| --- | --- | --- | --- |"]
    for row in report["memory"]:
        lines.append(f"| {row['path']} | {row['jobs']} | {row['articles']} | {row['peak_rss_mib']} |")
    return "\n".join(lines)


def _as_dict(run: Run) -> dict[str, Any]:
    return {**asdict(run), "seconds": round(run.seconds, 3), "cpu_seconds": round(run.cpu_seconds, 3),
            "server_cpu_seconds": round(run.server_cpu_seconds, 3), "per_second": round(run.per_second, 1),
            "cpu_ms_per_article": round(run.cpu_ms_per_article, 3), "gc_seconds": round(run.gc_seconds, 3),
            "gc_ms_per_article": round(run.gc_ms_per_article, 3),
            "server_cpu_ms_per_article": round(run.server_cpu_ms_per_article, 3)}


def environment() -> dict[str, Any]:
    versions = {name: metadata.version(name) for name in ("openai", "instructor", "httpx2", "pydantic", "aiohttp")}
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "load_average_at_start": os.getloadavg(), **versions}


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller article counts")
    parser.add_argument("--profile", action="store_true", help="cProfile both paths at zero delay")
    parser.add_argument("--no-cli", action="store_true", help="skip the summarise batch command")
    parser.add_argument("--jobs", type=int, nargs="+", default=JOBS, metavar="J",
                        help=f"the -j values of the throughput runs (default {' '.join(map(str, JOBS))})")
    parser.add_argument("--throughput-only", action="store_true",
                        help="only the throughput of bare and ours: no cli, cost, memory or profile")
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--base-url", help=argparse.SUPPRESS)
    parser.add_argument("-j", type=int, default=64, help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    arguments = parse_arguments()
    if arguments.memory_child:
        memory_child(arguments.base_url, arguments.memory_child, arguments.j)
        return
    scale = 3 if arguments.quick else 8
    counts = {jobs: max(5 if arguments.quick else 10, jobs * scale) for jobs in arguments.jobs}
    cost_calls = 60 if arguments.quick else 200
    memory_counts = (100, 400) if arguments.quick else (250, 1000)
    report: dict[str, Any] = {"environment": environment(), "delay_seconds": DELAY, "quick": arguments.quick}
    has_cli = not arguments.no_cli and find_spec("summarise.batch") is not None
    work = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    try:
        with start_subprocess(DELAY) as base_url:
            print(f"throughput, stub delay {DELAY} s:", flush=True)
            paths = ("bare", "ours") if arguments.throughput_only else ("bare", "ours", "ours+instructor-memo")
            report["throughput"] = [_as_dict(run) for run in throughput(base_url, counts, paths, work)]
            if arguments.throughput_only:
                print("\n" + markdown(report))
                return
            if has_cli:
                report["cli"] = cli_throughput(base_url, list(counts.items()), work / "cli")
        with start_subprocess(0.0) as base_url:
            print("client cost per article, zero delay, sequential:", flush=True)
            report["cost"] = []
            for path in VARIANTS:
                run = cost_per_call(path, base_url, cost_calls, work / "cost" / path)
                print(f"  {path:18} {1000 * run.seconds / run.articles:6.2f} ms/call wall, "
                      f"{run.cpu_ms_per_article:6.2f} ms/call client CPU", flush=True)
                report["cost"].append(_as_dict(run))
            print("memory (fresh process each):", flush=True)
            report["memory"] = memory(base_url, memory_counts, 64, work / "cli", has_cli)
            if arguments.profile:
                report["profile"] = profile(base_url, cost_calls, work / "profile")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print("\n" + markdown(report))
    print(f"\nwritten {RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS}")


if __name__ == "__main__":
    main()
