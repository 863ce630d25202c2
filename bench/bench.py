"""The benchmark harness behind bench/run.sh (run that, not this: it installs what this needs).

Measures connector-new and a connector it generates against the reference Python SDK
(connector-py) and its `connector scaffold`, interleaving the contenders run by run, and writes
the medians, ratios and a machine description to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.metadata
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import mock_api

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
WORK = BENCH / "work"
WS = WORK / "ws"  # a Cargo workspace of its own for the generated connectors
E2E_TARGET = REPO / "target" / "e2e"
CLEAN_TARGET = WORK / "target-clean"
CONNECTOR_NEW = REPO / "target" / "release" / "connector-new"
VENV_BIN = Path(sys.executable).parent
REF_CLI = VENV_BIN / "connector"
REF_PYTHON = VENV_BIN / "python"
GNU_TIME = Path("/usr/bin/time")
DOC = REPO / "docs" / "benchmarks.md"

APP = "benchapp"  # the generated connector that is measured
REF_SCAFFOLD_NAME = "bench_scaffold"
REF_APP_ID, REF_VERSION = "bench-ref", "0.1.0"  # what bench_ref's `info` declares
PACKAGE_WORK = WORK / "package"
TOKEN = mock_api.DEFAULT_TOKEN
USERS = mock_api.DEFAULT_USERS
PAGE_SIZE = 100

SECTIONS = ["scaffold", "info", "validate", "sync", "build", "package"]

GOALS = {
    "scaffold_ms": 10.0,
    "scaffold_ratio": 30.0,
    "info_ms": 5.0,
    "info_rss_mb": 15.0,
    "info_ratio": 500.0,
}


class BenchError(Exception):
    """A contender misbehaved or the setup is wrong: the run stops and says why."""


# ---------------------------------------------------------------------------------------------
# Running and timing processes


def child_env() -> dict:
    """The environment of every measured process.

    PYTHONDONTWRITEBYTECODE is dropped so that the reference gets its bytecode cache, as it
    would on a normal install; RUST_BACKTRACE is dropped so neither side pays for it.
    """
    env = dict(os.environ)
    for key in ("PYTHONDONTWRITEBYTECODE", "RUST_BACKTRACE"):
        env.pop(key, None)
    # Where `python -m bench_ref.main` finds the reference-side connector; inert for the rest.
    env["PYTHONPATH"] = str(BENCH / "ref_connector")
    return env


def run_checked(cmd: list, cwd: Path | None = None, env: dict | None = None) -> str:
    """Runs a setup command; fails loudly with its output if it fails."""
    proc = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, env=env or child_env(), capture_output=True, text=True
    )
    if proc.returncode != 0:
        raise BenchError(
            f"command failed ({proc.returncode}): {' '.join(map(str, cmd))}\n"
            f"--- stdout\n{proc.stdout[-4000:]}\n--- stderr\n{proc.stderr[-4000:]}"
        )
    return proc.stdout


def timed(cmd: list, cwd: Path | None = None, env: dict | None = None, capture: bool = False):
    """Wall time of one process in ms (spawn to reaped), and its stdout if `capture`."""
    stdout = subprocess.PIPE if capture else subprocess.DEVNULL
    start = time.perf_counter()
    proc = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, env=env, stdout=stdout, stderr=subprocess.DEVNULL
    )
    elapsed = (time.perf_counter() - start) * 1000.0
    if proc.returncode != 0:
        raise BenchError(f"exit {proc.returncode}: {' '.join(map(str, cmd))}")
    return elapsed, (proc.stdout if capture else None)


def peak_rss_kb(cmd: list, cwd: Path | None = None, env: dict | None = None) -> tuple[int, bool]:
    """Peak RSS of one process in KiB, and whether the figure is exact.

    With /usr/bin/time (a small C program) the figure is the child's own. Without it, wait4
    from this Python process is all there is, and Linux carries the forked parent's RSS into
    the child's high-water mark across exec: an upper bound, flagged as such.
    """
    cmd = [str(c) for c in cmd]
    if GNU_TIME.exists():
        with tempfile.NamedTemporaryFile("r") as out:
            proc = subprocess.run(
                [str(GNU_TIME), "-f", "%M", "-o", out.name, *cmd],
                cwd=cwd,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            if proc.returncode != 0:
                raise BenchError(f"exit {proc.returncode}: {' '.join(cmd)}")
            return int(out.read().split()[-1]), True
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise BenchError(f"exit {proc.returncode}: {' '.join(cmd)}")
    return int(usage.ru_maxrss), False


@dataclass
class Series:
    """The samples of one contender in one measurement."""

    label: str
    samples: list = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def spread(self) -> str:
        return f"{num(min(self.samples))}–{num(max(self.samples))}"


def num(value: float) -> str:
    """3 significant digits below 100, thousands separators above."""
    return f"{value:.3g}" if value < 100 else f"{value:,.0f}"


def interleaved(runs: int, contenders: list, warmup: int = 1) -> None:
    """Runs `contenders` (callables returning one sample) round-robin, rotating the order each
    round so no contender always goes first; the first `warmup` rounds are not recorded."""
    for round_no in range(warmup + runs):
        shift = round_no % len(contenders)
        for series, fn in contenders[shift:] + contenders[:shift]:
            sample = fn()
            if round_no >= warmup:
                series.samples.append(sample)


# ---------------------------------------------------------------------------------------------
# Machine state


def other_builds() -> list[str]:
    """cargo/rustc processes that are not ours: they would skew every figure on 2 cores."""
    mine = {os.getpid()}
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) in mine:
            continue
        try:
            comm = (entry / "comm").read_text().strip()
        except OSError:
            continue
        if comm in ("rustc", "cargo", "cc", "ld", "rust-lld", "cargo-clippy", "clippy-driver"):
            found.append(f"{comm}[{entry.name}]")
    return found


def wait_for_quiet(max_wait: float, what: str) -> str:
    """Waits (up to `max_wait` s) until no other build runs; returns a note for the report."""
    deadline = time.monotonic() + max_wait
    seen = other_builds()
    if seen:
        print(f"   waiting for other builds to finish before {what}: {', '.join(seen[:4])}...",
              file=sys.stderr)
    while seen and time.monotonic() < deadline:
        time.sleep(5)
        seen = other_builds()
    load = os.getloadavg()[0]
    if seen:
        return f"{what}: other builds were running ({len(seen)} processes), load {load:.2f}"
    return f"{what}: no other build running, load {load:.2f}"


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass

    def out(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, cwd=REPO).stdout.strip()
        except OSError:
            return "unknown"

    dirty = [line[3:] for line in out(["git", "status", "--porcelain", "--untracked-files=no"]).splitlines()]
    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": out(["git", "rev-parse", "--short", "HEAD"])
        + (f" + uncommitted changes in {', '.join(dirty[:8])}" if dirty else ""),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": mem,
        "kernel": platform.release(),
        "rustc": out(["rustc", "--version"]),
        "cargo": out(["cargo", "--version"]),
        "python": platform.python_version(),
        "connector-py": importlib.metadata.version("connector-py"),
        "connector-sdk-types": importlib.metadata.version("connector-sdk-types"),
        "pydantic": importlib.metadata.version("pydantic"),
        "httpx": importlib.metadata.version("httpx"),
        "connector-new": out([str(CONNECTOR_NEW), "--version"]),
        "peak RSS tool": "/usr/bin/time -f %M" if GNU_TIME.exists() else "wait4 (upper bound)",
    }


# ---------------------------------------------------------------------------------------------
# Setup


def outside_any_workspace(path: Path) -> None:
    """connector-new registers a new crate in the enclosing Cargo workspace, and cargo new
    warns about one: the scaffold runs must happen where there is none."""
    for ancestor in [path, *path.parents]:
        manifest = ancestor / "Cargo.toml"
        if manifest.is_file() and "[workspace]" in manifest.read_text():
            raise BenchError(f"{path} is inside the Cargo workspace {ancestor}; set TMPDIR elsewhere")


def generate(name: str) -> Path:
    """`connector-new NAME --auth token --all-capabilities` into the bench workspace."""
    out = WS / name
    run_checked([CONNECTOR_NEW, name, "--auth", "token", "--all-capabilities", "--yes", "--output", out])
    return out


def setup() -> dict:
    """Generates and builds both contenders; returns the paths the measurements need."""
    if WS.exists():
        shutil.rmtree(WS)
    WS.mkdir(parents=True)
    # Its own workspace, so connector-new registers the crates here and never touches the
    # repository's Cargo.toml; the repository's lock file pins the SDK's dependencies as tested.
    (WS / "Cargo.toml").write_text('[workspace]\nresolver = "2"\nmembers = []\n')
    shutil.copy(REPO / "Cargo.lock", WS / "Cargo.lock")

    print(f"== generating {APP} (token, 12 capabilities) and building it in release mode", file=sys.stderr)
    generate(APP)
    env = child_env() | {"CARGO_TARGET_DIR": str(E2E_TARGET)}
    run_checked(["cargo", "build", "--release", "--quiet", "-p", f"{APP}-connector"], cwd=WS, env=env)
    ours = E2E_TARGET / "release" / f"{APP}-connector"

    print("== scaffolding the reference connector (connector scaffold)", file=sys.stderr)
    ref_scaffold = WORK / "ref-scaffold"
    if ref_scaffold.exists():
        shutil.rmtree(ref_scaffold)
    run_checked([REF_CLI, "scaffold", REF_SCAFFOLD_NAME, ref_scaffold,
                 "--author-name", "Bench", "--author-email", "bench@example.com"])
    ref_run = WORK / "ref-run"  # the reference writes ./logs/ under its working directory
    ref_run.mkdir(parents=True, exist_ok=True)
    # Bytecode caches, as any installed Python package has them.
    for tree in (ref_scaffold, BENCH / "ref_connector"):
        run_checked([REF_PYTHON, "-m", "compileall", "-q", tree])
    return {"ours": ours, "crate": WS / APP, "ref_scaffold": ref_scaffold, "ref_run": ref_run}


# ---------------------------------------------------------------------------------------------
# Measurements


def measure_scaffold(runs: int) -> dict:
    root = Path(tempfile.mkdtemp(prefix="connector-bench-"))
    outside_any_workspace(root)
    env = child_env()
    counter = iter(range(10**9))
    ours, ref, cargo_new, floor = (Series("connector-new"), Series("connector scaffold"),
                                   Series("cargo new"), Series("/bin/true"))

    def new_dir(kind: str) -> Path:
        return root / f"{kind}-{next(counter)}"

    def run_ours():
        return timed([CONNECTOR_NEW, APP, "--auth", "token", "--all-capabilities", "--yes",
                      "--output", new_dir("new") / APP], env=env)[0]

    def run_ref():
        return timed([REF_CLI, "scaffold", REF_SCAFFOLD_NAME, new_dir("ref"),
                      "--author-name", "Bench", "--author-email", "bench@example.com"], env=env)[0]

    def run_cargo_new():
        return timed(["cargo", "new", "--quiet", "--vcs", "none", "--name", APP, new_dir("cargo")],
                     env=env)[0]

    def run_floor():
        return timed(["/bin/true"], env=env)[0]

    try:
        interleaved(runs, [(ours, run_ours), (ref, run_ref), (cargo_new, run_cargo_new), (floor, run_floor)])
        sample = sorted(root.glob("new-*"))[0] / APP
        files = [p for p in sample.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
        ref_files = [p for p in sorted(root.glob("ref-*"))[0].rglob("*") if p.is_file()]
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return {"series": [ours, ref, cargo_new, floor], "files": len(files), "bytes": size,
            "ref_files": len(ref_files)}


def measure_process_pair(runs: int, ours_cmd: list, ref_cmd: list, ref_cwd: Path, check) -> dict:
    """Wall time and peak RSS of one call of each contender, interleaved."""
    env = child_env()
    # Correctness first, outside the timings: both must answer what the test expects.
    check("ours", timed(ours_cmd, env=env, capture=True)[1])
    check("reference", timed(ref_cmd, cwd=ref_cwd, env=env, capture=True)[1])
    ours, ref = Series("ours"), Series("reference")
    interleaved(runs, [(ours, lambda: timed(ours_cmd, env=env)[0]),
                       (ref, lambda: timed(ref_cmd, cwd=ref_cwd, env=env)[0])])
    ours_rss, ref_rss = Series("ours"), Series("reference")
    exact = []

    def rss(cmd, cwd=None):
        kb, is_exact = peak_rss_kb(cmd, cwd=cwd, env=env)
        exact.append(is_exact)
        return kb / 1024.0

    interleaved(max(3, runs // 2), [(ours_rss, lambda: rss(ours_cmd)),
                                    (ref_rss, lambda: rss(ref_cmd, ref_cwd))], warmup=0)
    return {"wall": (ours, ref), "rss": (ours_rss, ref_rss), "rss_exact": all(exact)}


def check_info(who: str, stdout: bytes) -> None:
    doc = json.loads(stdout)
    caps = doc.get("response", {}).get("capabilities")
    if not caps or "validate_credentials" not in caps:
        raise BenchError(f"{who}: info lists no validate_credentials: {stdout[:300]!r}")


def check_validate(who: str, stdout: bytes) -> None:
    doc = json.loads(stdout)
    if doc.get("response") != {"valid": True, "unique_tenant_id": mock_api.TENANT_ID}:
        raise BenchError(f"{who}: validate_credentials did not validate against the mock: {stdout[:500]!r}")


def envelope(credential_id: str, base_url: str, page: dict | None = None) -> str:
    doc = {
        "request": {},
        "credentials": [{"id": credential_id, "token": {"token": TOKEN}}],
        "settings": {"base_url": base_url},
    }
    if page is not None:
        doc["page"] = page
    return json.dumps(doc, separators=(",", ":"))


def sync(cmd: list, credential_id: str, base_url: str, cwd: Path | None, env: dict):
    """One full list_accounts sync as the platform runs it: one process per page, passing each
    page's token back, until `page` is null. Returns (ms, accounts, pages)."""
    accounts, pages = [], 0
    page = {"size": PAGE_SIZE}
    start = time.perf_counter()
    while True:
        proc = subprocess.run([str(c) for c in cmd] + ["list_accounts", "--json", envelope(credential_id, base_url, page)],
                              cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        pages += 1
        doc = json.loads(proc.stdout)
        if proc.returncode != 0 or doc.get("is_error"):
            raise BenchError(f"list_accounts page {pages} failed: {proc.stdout[:800]!r}")
        accounts.extend(doc["response"])
        if not doc.get("page"):
            break
        if pages > USERS // PAGE_SIZE + 5:
            raise BenchError("list_accounts does not stop paginating")
        page = {"token": doc["page"]["token"], "size": PAGE_SIZE}
    return (time.perf_counter() - start) * 1000.0, accounts, pages


def account_key(account: dict) -> tuple:
    return (account["integration_specific_id"], account.get("email"), account.get("given_name"),
            account.get("family_name"), account.get("username"), account.get("user_status"))


# How both connectors map the mock's statuses (the generated `account_status`, bench_ref's STATUS).
STATUS = {"active": "ACTIVE", "suspended": "SUSPENDED", "disabled": "SUSPENDED",
          "pending": "PENDING", "invited": "PENDING", "deleted": "DELETED"}


def measure_sync(runs: int, ours_cmd: list, ref_cmd: list, ref_cwd: Path, base_url: str) -> dict:
    env = child_env()
    expected = [
        (u["id"], u["email"], u["given_name"], u["family_name"], u["username"], STATUS.get(u["status"], "INACTIVE"))
        for u in (mock_api.user(n) for n in range(1, USERS + 1))
    ]
    ours, ref = Series("ours"), Series("reference")
    cred = {"ours": f"{APP}_token", "reference": "bench_ref_token"}
    pages, results = {}, {}

    def check(who: str, accounts: list) -> list:
        keys = [account_key(a) for a in accounts]
        if keys != expected:
            first = next((i for i, (k, e) in enumerate(zip(keys, expected)) if k != e), min(len(keys), len(expected)))
            got = keys[first] if first < len(keys) else "nothing"
            want = expected[first] if first < len(expected) else "nothing"
            raise BenchError(f"{who}: returned {len(keys)} accounts, not the {len(expected)} expected; "
                             f"first difference at index {first}: got {got}, expected {want}")
        return keys

    def contender(who: str, cmd: list, cwd: Path | None, series: Series):
        def one() -> float:
            ms, accounts, n = sync(cmd, cred[who], base_url, cwd, env)
            results[who] = check(who, accounts)
            pages[who] = n
            return ms
        return series, one

    interleaved(runs, [contender("ours", ours_cmd, None, ours),
                       contender("reference", ref_cmd, ref_cwd, ref)], warmup=0)
    # Both equal `expected`, hence each other; said explicitly because it is the point.
    if results["ours"] != results["reference"]:
        raise BenchError("the two connectors returned different accounts")
    statuses = sorted({k[5] for k in results["ours"]})
    return {"wall": (ours, ref), "pages": pages, "statuses": statuses}


def timed_verbose(cmd: list, cwd: Path | None, env: dict) -> tuple[float, str]:
    """Wall time in ms and stdout of one process; on failure the error carries its output's
    tail (the reference's packaging error is reported, not just its exit code)."""
    start = time.perf_counter()
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = (time.perf_counter() - start) * 1000.0
    if proc.returncode != 0:
        raise BenchError(f"exit {proc.returncode}: {' '.join(map(str, cmd))}\n"
                         f"{(proc.stderr or proc.stdout)[-2000:]}")
    return elapsed, proc.stdout


def archive_facts(archive: Path, unpack_to: Path) -> dict:
    """Size of a bundle, packed and unpacked, after checking that its `main` answers `info`
    from the unpacked tree (what the on-premise agent runs)."""
    import tarfile

    with tarfile.open(archive) as tar:
        members = [m for m in tar.getmembers() if m.isfile()]
        tar.extractall(unpack_to, filter="tar")
    main_bin = unpack_to / "main"
    out = run_checked([main_bin, "info"], cwd=unpack_to)
    check_info(str(archive.name), out.encode())
    meta = (unpack_to / "metadata.toml").read_text()
    return {"bytes": archive.stat().st_size, "unpacked": sum(m.size for m in members),
            "files": len(members), "main_bytes": main_bin.stat().st_size, "metadata": meta}


def measure_package(runs: int, crate: Path, quiet_wait: float) -> dict:
    """`connector-new package` on the generated connector vs `connector compile-on-prem`
    (PyInstaller) on bench_ref: wall time of the whole command and the bundle's size.

    Ours: the dependencies were built in release mode by the setup; a source file of the
    connector is touched before each run, so each run recompiles and links the connector crate
    (what an author pays after an edit), then archives. The reference starts from scratch each
    run by design (`pyinstaller --clean`). A reference failure is recorded with its error and
    ours is still measured.
    """
    note = wait_for_quiet(quiet_wait, "package")
    if PACKAGE_WORK.exists():
        shutil.rmtree(PACKAGE_WORK)
    PACKAGE_WORK.mkdir(parents=True)
    # compile-on-prem reads the version from the nearest __about__.py (a `connector scaffold`
    # project has one); bench_ref declares its version in `info` only, so a copy gets one.
    ref_src = PACKAGE_WORK / "ref-src"
    shutil.copytree(BENCH / "ref_connector", ref_src, ignore=shutil.ignore_patterns("__pycache__"))
    (ref_src / "bench_ref" / "__about__.py").write_text(f'__version__ = "{REF_VERSION}"\n')
    env_ours = child_env() | {"CARGO_TARGET_DIR": str(E2E_TARGET), "CARGO_TERM_COLOR": "never"}
    # pip-licenses is looked up on PATH by compile-on-prem; bench_ref is imported from the copy.
    env_ref = child_env() | {"PYTHONPATH": str(ref_src),
                             "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    counter = iter(range(10**9))
    ours, fresh, ref = (Series("connector-new package"), Series("connector-new package, nothing changed"),
                        Series("connector compile-on-prem"))
    archives: dict[str, list[Path]] = {"ours": [], "reference": []}
    ref_error: list[str] = []

    def run_ours(touch: bool = True) -> float:
        if touch:
            (crate / "src" / "capabilities_read.rs").touch()
        out = PACKAGE_WORK / f"ours-{next(counter)}"
        ms, stdout = timed_verbose([CONNECTOR_NEW, "package", "--path", crate, "--output", out],
                                   cwd=PACKAGE_WORK, env=env_ours)
        archives["ours"].append(Path(stdout.strip().splitlines()[-1]))
        return ms

    def run_ref() -> float | None:
        if ref_error:
            return None
        out = PACKAGE_WORK / f"ref-{next(counter)}"
        try:
            ms, stdout = timed_verbose([REF_CLI, "compile-on-prem", "--app-id", REF_APP_ID,
                                        "--connector-root-module-dir", ref_src / "bench_ref",
                                        "--output-directory", out], cwd=PACKAGE_WORK, env=env_ref)
            archive = Path(stdout.strip().splitlines()[-1]) if stdout.strip() else out / "none"
            if not archive.is_file():
                # compile-on-prem returns 0 without a bundle when pip-licenses is missing.
                raise BenchError(f"compile-on-prem wrote no archive; stdout: {stdout[-500:]!r}")
        except BenchError as error:
            ref_error.append(str(error))
            return None
        archives["reference"].append(archive)
        return ms

    print(f"== 6. packaging, {runs} runs per contender (the reference runs PyInstaller: about a "
          "minute each)", file=sys.stderr)
    for round_no in range(runs):
        order = [(ours, run_ours), (ref, run_ref)]
        for series, fn in order[round_no % 2:] + order[:round_no % 2]:
            sample = fn()
            if sample is not None:
                series.samples.append(sample)
    for _ in range(runs):
        fresh.samples.append(run_ours(touch=False))

    digests = {hashlib.sha256(a.read_bytes()).hexdigest() for a in archives["ours"]}
    result = {"wall": (ours, fresh, ref), "note": note, "ref_error": ref_error[0] if ref_error else None,
              "reproducible": (len(digests) == 1, len(archives["ours"])),
              "ours": archive_facts(archives["ours"][-1], PACKAGE_WORK / "ours-unpacked")}
    if archives["reference"]:
        try:
            result["ref"] = archive_facts(archives["reference"][-1], PACKAGE_WORK / "ref-unpacked")
        except BenchError as error:
            result["ref_error"] = f"the bundle was written but its `main info` failed: {error}"
    result["pyinstaller"] = importlib.metadata.version("pyinstaller")
    return result


def measure_build_cost(quiet_wait: float) -> dict:
    """Clean dev build of a generated connector in a throw-away target dir, then the build of
    a second freshly generated connector once the dependencies are built."""
    generate("costa")
    second = generate("costb")
    env = child_env() | {"CARGO_TARGET_DIR": str(CLEAN_TARGET), "CARGO_PROFILE_DEV_DEBUG": "false",
                         "CARGO_TERM_COLOR": "never"}
    run_checked(["cargo", "fetch", "--quiet"], cwd=WS, env=env)  # downloads are not build time
    if CLEAN_TARGET.exists():
        shutil.rmtree(CLEAN_TARGET)
    note = wait_for_quiet(quiet_wait, "clean build")
    print("== clean build of a generated connector (dev profile, no debug info); takes minutes", file=sys.stderr)

    def build(package: str, timings: bool = False):
        cmd = ["cargo", "build", "-p", package] + (["--timings"] if timings else [])
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=WS, env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            raise BenchError(f"{' '.join(cmd)} failed:\n{proc.stderr[-4000:]}")
        compiled = sum(1 for line in proc.stderr.splitlines() if line.strip().startswith("Compiling "))
        return elapsed, compiled

    clean_s, clean_units = build("costa-connector", timings=True)
    rebuild_s, rebuild_units = build("costb-connector")
    # Incremental edit loop: touch a source file of the second crate and build again.
    (second / "src" / "capabilities_read.rs").touch()
    edit_s, _ = build("costb-connector")
    deps = dependency_count("costa-connector")
    timings = sorted(CLEAN_TARGET.glob("cargo-timings/cargo-timing-*.html"))
    return {"clean_s": clean_s, "clean_units": clean_units, "rebuild_s": rebuild_s,
            "rebuild_units": rebuild_units, "edit_s": edit_s, "deps": deps, "note": note,
            "slowest": slowest_units(timings[-1] if timings else None)}


def dependency_count(package: str) -> dict:
    """Packages in the connector's dependency graph on this platform, transitively, as
    `cargo tree` resolves it for a build of that package: the normal dependencies (what it
    links) and, with build-dependencies and proc-macros, everything a clean build compiles."""

    def count(edges: str) -> int:
        out = run_checked(["cargo", "tree", "-p", package, "-e", edges, "--prefix", "none"], cwd=WS)
        names = {line.replace(" (*)", "").replace(" (proc-macro)", "").strip()
                 for line in out.splitlines() if line.strip()}
        return len(names) - 1  # the connector itself

    return {"normal": count("normal"), "with_build": count("normal,build")}


def slowest_units(timings: Path | None, count: int = 6) -> list[tuple[str, float]]:
    """The longest compilation units of a `cargo build --timings` report."""
    if timings is None:
        return []
    text = timings.read_text()
    start = text.index("const UNIT_DATA = ") + len("const UNIT_DATA = ")
    units = json.loads(text[start:text.index("];", start) + 1])
    units.sort(key=lambda u: -u["duration"])
    return [(f"{u['name']} {u['version']}{(' ' + u['target'].strip()) if u['target'].strip() else ''}",
             u["duration"]) for u in units[:count]]


# ---------------------------------------------------------------------------------------------
# Report


def fmt_ms(ms: float) -> str:
    return f"{ms:.2f} ms" if ms < 100 else f"{ms:,.0f} ms"



def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def report(res: dict, mach: dict, args) -> str:
    lines = []
    add = lines.append
    add("# Benchmarks: connector-new + connector-sdk vs the reference Python SDK")
    add("")
    add("Generated by `bench/run.sh` (do not edit by hand: rerun it). Every figure below comes from the")
    add(f"same run; contenders are interleaved run by run (the order rotates each round) after one")
    add(f"warm-up round; figures are medians of {args.runs} runs (full syncs: {args.sync_runs}), with min–max.")
    add("Ratios: \"x faster\" is reference median / ours; \"vs baseline\" is ours / baseline.")
    add("")
    add("## Machine")
    add("")
    add("| | |")
    add("|---|---|")
    for key, value in mach.items():
        add(f"| {key} | {value} |")
    for note in res["notes"]:
        add(f"| quiet check | {note} |")
    add("")

    goals = []
    if "scaffold" in res:
        s = res["scaffold"]
        ours, ref, cargo_new, floor = s["series"]
        ratio = ref.median / ours.median
        add("## 1. Scaffolding a connector")
        add("")
        add(f"`connector-new {APP} --auth token --all-capabilities --yes --output DIR` (12 capabilities, "
            f"{s['files']} files, {s['bytes']:,} bytes) vs `connector scaffold NAME DIR --author-name .. --author-email ..` "
            f"({s['ref_files']} files) vs `cargo new --vcs none` (baseline: process start + a few file writes). "
            "A new directory each run, in a temporary directory outside any Cargo workspace.")
        add("")
        add("| contender | median wall | min–max | vs connector-new |")
        add("|---|---|---|---|")
        for series in (ours, ref, cargo_new, floor):
            add(f"| {series.label} | {fmt_ms(series.median)} | {series.spread()} ms | "
                f"{series.median / ours.median:.2f}x |")
        add("")
        add(f"- connector-new is **{ratio:.1f}x faster** than `connector scaffold`; it takes "
            f"**{ours.median / cargo_new.median:.2f}x** the time of `cargo new`. "
            f"`/bin/true` is the harness' floor (spawn + reap from Python).")
        goals.append(("scaffold < 10 ms", f"{fmt_ms(ours.median)}", ours.median < GOALS["scaffold_ms"]))
        goals.append(("scaffold >= 30x faster than the reference", f"{ratio:.1f}x", ratio >= GOALS["scaffold_ratio"]))
        add("")

    def pair_table(title, key, what):
        p = res[key]
        (ours, ref), (ours_rss, ref_rss) = p["wall"], p["rss"]
        add(title)
        add("")
        add(what)
        add("")
        add("| contender | median wall | min–max | peak RSS |")
        add("|---|---|---|---|")
        add(f"| generated Rust connector | {fmt_ms(ours.median)} | {ours.spread()} ms | {ours_rss.median:.1f} MiB |")
        add(f"| reference (Python) | {fmt_ms(ref.median)} | {ref.spread()} ms | {ref_rss.median:.1f} MiB |")
        add("")
        add(f"- ours is **{ref.median / ours.median:.0f}x faster** and uses "
            f"**{ref_rss.median / ours_rss.median:.1f}x less memory**"
            + ("" if p["rss_exact"] else " (RSS from wait4: an upper bound, /usr/bin/time missing)") + ".")
        add("")
        return ours, ref, ours_rss

    if "info" in res:
        ours, ref, ours_rss = pair_table(
            "## 2. Connector start-up: `info`", "info",
            f"`{APP}-connector info` (release build, 12 capabilities) vs the `connector scaffold` output's "
            f"`python -m {REF_SCAFFOLD_NAME}.main info` (its bytecode cached). RSS runs are separate from timed runs.")
        ratio = ref.median / ours.median
        goals.append(("info < 5 ms", fmt_ms(ours.median), ours.median < GOALS["info_ms"]))
        goals.append(("info < 15 MB peak RSS", f"{ours_rss.median:.1f} MiB", ours_rss.median < GOALS["info_rss_mb"]))
        goals.append(("info >= 500x faster than the reference", f"{ratio:.0f}x", ratio >= GOALS["info_ratio"]))

    if "validate" in res:
        pair_table(
            "## 3. One capability call with upstream HTTP: `validate_credentials`", "validate",
            "Both call `GET /me` on the same local mock (bench/mock_api.py, Python ThreadingHTTPServer on "
            "127.0.0.1) with a `token` credential (`Authorization: Bearer`); the reference side is "
            "bench/ref_connector (connector-py's Integration API). Includes process start, envelope "
            "validation, one HTTP round trip and the JSON output.")

    if "sync" in res:
        s = res["sync"]
        ours, ref = s["wall"]
        add("## 4. A full account sync: 10,000 accounts, pages of 100, one process per page")
        add("")
        add(f"`list_accounts` called as the platform calls it: one process per page, the returned page "
            f"token passed back each time, until `page` is null ({s['pages']['ours']} processes for ours, "
            f"{s['pages']['reference']} for the reference), against the same mock. Both returned the same "
            f"{USERS:,} accounts (ids, emails, names, usernames, statuses {', '.join(map(str, s['statuses']))}, "
            "in order): checked on every run.")
        add("")
        add("| contender | median total wall | min–max | per page |")
        add("|---|---|---|---|")
        add(f"| generated Rust connector | {fmt_ms(ours.median)} | {ours.spread()} ms | {fmt_ms(ours.median / s['pages']['ours'])} |")
        add(f"| reference (Python) | {fmt_ms(ref.median)} | {ref.spread()} ms | {fmt_ms(ref.median / s['pages']['reference'])} |")
        add("")
        add(f"- ours is **{ref.median / ours.median:.0f}x faster** for the whole sync.")
        add("")

    if "build" in res:
        b = res["build"]
        add("## 5. Build cost of a generated connector")
        add("")
        add("`cargo build -p <name>-connector` in the dev profile with `CARGO_PROFILE_DEV_DEBUG=false` (what CI "
            "and `cargo test` use here), in a throw-away target dir (bench/work/target-clean), crates "
            "already downloaded (`cargo fetch` first). One run each: a clean build takes minutes.")
        add("")
        add("| step | wall | crates compiled |")
        add("|---|---|---|")
        add(f"| clean build (all dependencies + connector-sdk + connector) | {b['clean_s']:.1f} s | {b['clean_units']} |")
        add(f"| a second freshly generated connector, dependencies built | {b['rebuild_s']:.1f} s | {b['rebuild_units']} |")
        add(f"| the same after touching one source file | {b['edit_s']:.1f} s | 1 |")
        add("")
        add(f"- dependencies (`cargo tree -e normal` and `-e normal,build`, transitive, this platform): **{b['deps']['normal']} packages** "
            f"linked into the connector (normal dependencies), {b['deps']['with_build']} with "
            "build-dependencies and proc-macros (what a clean build compiles, besides the connector).")
        if b["slowest"]:
            add("- slowest units of the clean build (`cargo build --timings`, report in "
                "bench/work/target-clean/cargo-timings/): "
                + ", ".join(f"{name} {secs:.1f} s" for name, secs in b["slowest"]) + ".")
        add(f"- {b['note']}.")
        add(f"- The reference needs no build; its cost is paid at every start instead (section 2).")
        add("")

    if "package" in res:
        package_section(res["package"], res.get("separate_run"), add)

    add("## Goals")
    add("")
    add("| goal | measured | |")
    add("|---|---|---|")
    for name, value, ok in goals:
        add(f"| {name} | {value} | {verdict(ok)} |")
    add("")
    add("## Reproduce")
    add("")
    add("```sh")
    add("bench/run.sh            # options: bench/run.sh --help")
    add("```")
    add("")
    return "\n".join(lines)


def package_section(p: dict, separate_run: str | None, add) -> None:
    ours, fresh, ref = p["wall"]
    o = p["ours"]
    add("## 6. Packaging for the on-premise agent: `connector-new package` vs `connector compile-on-prem`")
    add("")
    if separate_run:
        add(separate_run)
        add("")
    add(f"Ours: `connector-new package --path DIR --output DIR` in the generated `{APP}` connector: "
        "`cargo build --release` (the bench workspace's default release profile, "
        "`CARGO_TARGET_DIR=target/e2e`) with the dependencies already built once in release mode by the "
        "setup and a source file of the connector touched before each run (so the connector crate is "
        "recompiled and linked, what an author pays after an edit), then `info` and the archive; also "
        "the same command with nothing to rebuild. Reference: `connector compile-on-prem --app-id "
        f"{REF_APP_ID} --connector-root-module-dir .../bench_ref --output-directory DIR` on a copy of "
        "bench/ref_connector (plus the `__about__.py` it reads the version from): pip-licenses, "
        f"PyInstaller {p['pyinstaller']} (`--clean`, one-folder), then the tar.gz; it starts from scratch "
        f"by design. Contenders alternate run by run, {len(ours.samples)} runs each, no warm-up round. "
        "Each bundle was unpacked and its `main info` run from it; sizes are those of the last run's archive.")
    add("")
    add("| contender | median wall | min–max | archive (.tar.gz) | unpacked | files | `main` |")
    add("|---|---|---|---|---|---|---|")

    def sizes(f: dict) -> str:
        return f"{f['bytes']:,} B | {f['unpacked']:,} B | {f['files']} | {f['main_bytes']:,} B"

    add(f"| {ours.label} (connector recompiled) | {fmt_ms(ours.median)} | {ours.spread()} ms | {sizes(o)} |")
    add(f"| {fresh.label} | {fmt_ms(fresh.median)} | {fresh.spread()} ms | (same bundle) | | | |")
    if "ref" in p and ref.samples:
        add(f"| {ref.label} (PyInstaller) | {fmt_ms(ref.median)} | {ref.spread()} ms | {sizes(p['ref'])} |")
    else:
        add(f"| {ref.label} (PyInstaller) | failed: see below | | | | | |")
    add("")
    if "ref" in p and ref.samples:
        r = p["ref"]
        add(f"- ours is **{ref.median / ours.median:.1f}x faster** after an edit "
            f"({ref.median / fresh.median:.0f}x with nothing to rebuild), and its archive is "
            f"**{r['bytes'] / o['bytes']:.1f}x smaller** ({r['unpacked'] / o['unpacked']:.1f}x unpacked; "
            f"{o['files']} files vs {r['files']}: the reference carries a Python runtime and its libraries "
            "in `_internal/`).")
    if p["ref_error"]:
        add("- the reference's bundle could not be built here"
            + (f" ({len(ref.samples)} of the runs succeeded)" if ref.samples else "") + "; its error:")
        add("")
        add("```text")
        add(p["ref_error"].strip())
        add("```")
        add("")
    same, count = p["reproducible"]
    add(f"- ours is reproducible: the {count} archives it wrote (recompiled and unchanged runs) are "
        + ("byte-identical." if same else "**not** byte-identical (different builds, different bytes)."))
    add(f"- metadata.toml (ours): `{' '.join(o['metadata'].split())}`.")
    add(f"- {p['note']}.")
    add("")


def splice(old: str, new: str) -> str:
    """The old document with the numbered sections of `new` (`## N. ...`) put in place of the
    old ones of the same number, or before `## Goals` when the old document has none."""

    def blocks(text: str) -> list[tuple[str, list[str]]]:
        out: list[tuple[str, list[str]]] = [("", [])]
        for line in text.splitlines():
            if line.startswith("## "):
                out.append((line[3:].split(" ", 1)[0], []))
            out[-1][1].append(line)
        return out

    old_blocks = blocks(old)
    for key, lines in blocks(new):
        if not key.rstrip(".").isdigit():
            continue
        keys = [k for k, _ in old_blocks]
        if key in keys:
            old_blocks[keys.index(key)] = (key, lines)
        else:
            at = keys.index("Goals") if "Goals" in keys else len(old_blocks)
            old_blocks.insert(at, (key, lines))
    return "\n".join(line for _, lines in old_blocks for line in lines) + "\n"


# ---------------------------------------------------------------------------------------------


def start_mock() -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, str(BENCH / "mock_api.py"), "--users", str(USERS), "--token", TOKEN],
                            stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline().strip()
    if not line.startswith("port="):
        proc.kill()
        raise BenchError(f"the mock API did not start: {line!r}")
    return proc, f"http://127.0.0.1:{line.split('=', 1)[1]}"


def main() -> int:
    parser = argparse.ArgumentParser(description="connector-new vs connector-py benchmark (run bench/run.sh)")
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (median; at least 7 for the record)")
    parser.add_argument("--sync-runs", type=int, default=7, help="full 10,000-account syncs per contender")
    parser.add_argument("--skip-build-cost", action="store_true", help="leave out section 5 (the clean build)")
    parser.add_argument("--package-runs", type=int, default=3,
                        help="runs per contender of section 6 (the reference's PyInstaller build takes a minute)")
    parser.add_argument("--only", choices=SECTIONS, action="append",
                        help="run only these sections (repeatable); implies --no-write unless --update-doc")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite docs/benchmarks.md")
    parser.add_argument("--update-doc", action="store_true",
                        help="with --only: replace just these sections in docs/benchmarks.md, keeping the "
                             "others and saying that they were measured in a separate run")
    parser.add_argument("--quiet-wait", type=float, default=900,
                        help="seconds to wait for other cargo/rustc processes to finish before measuring")
    args = parser.parse_args()
    sections = set(args.only or SECTIONS)
    if args.skip_build_cost:
        sections.discard("build")
    write = not (args.no_write or args.only)
    if args.update_doc and not args.only:
        parser.error("--update-doc goes with --only (a full run rewrites the whole document)")

    paths = setup()
    mach = machine()
    res = {"notes": [wait_for_quiet(args.quiet_wait, "timed sections")]}
    ours = paths["ours"]
    ref_main = [REF_PYTHON, "-m"]

    if "scaffold" in sections:
        print("== 1. scaffolding", file=sys.stderr)
        res["scaffold"] = measure_scaffold(args.runs)
    if "info" in sections:
        print("== 2. start-up (info)", file=sys.stderr)
        res["info"] = measure_process_pair(
            args.runs, [ours, "info"], ref_main + [f"{REF_SCAFFOLD_NAME}.main", "info"],
            paths["ref_scaffold"], check_info)
    mock = None
    try:
        if sections & {"validate", "sync"}:
            mock, base_url = start_mock()
            # bench_ref is found through PYTHONPATH (child_env); it runs in bench/work/ref-run
            # because the reference writes ./logs/ under its working directory.
            ref_cmd = ref_main + ["bench_ref.main"]
            ref_cwd = paths["ref_run"]
        if "validate" in sections:
            print("== 3. validate_credentials against the mock", file=sys.stderr)
            res["validate"] = measure_process_pair(
                args.runs,
                [ours, "validate_credentials", "--json", envelope(f"{APP}_token", base_url)],
                ref_cmd + ["validate_credentials", "--json", envelope("bench_ref_token", base_url)],
                ref_cwd, check_validate)
        if "sync" in sections:
            print(f"== 4. full sync of {USERS:,} accounts x {args.sync_runs} per contender", file=sys.stderr)
            res["sync"] = measure_sync(args.sync_runs, [ours], ref_cmd, ref_cwd, base_url)
    finally:
        if mock is not None:
            mock.terminate()
            mock.wait()
    res["notes"].append(wait_for_quiet(0, "end of timed sections"))
    if "build" in sections:
        print("== 5. build cost", file=sys.stderr)
        res["build"] = measure_build_cost(args.quiet_wait)
    if "package" in sections:
        res["package"] = measure_package(args.package_runs, paths["crate"], args.quiet_wait)

    if args.update_doc:
        res["separate_run"] = (
            f"Measured in a separate run (`bench/run.sh --only {' --only '.join(args.only)} --update-doc`) "
            f"on {mach['date']} at commit {mach['commit']}, same machine kind as above "
            f"({mach['nproc']} cores, {mach['cpu']}, {mach['rustc']}); the other sections are "
            "from the run in the machine table.")
    text = report(res, mach, args)
    print(text)
    if write:
        DOC.write_text(text)
        print(f"== wrote {DOC.relative_to(REPO)}", file=sys.stderr)
    elif args.update_doc:
        DOC.write_text(splice(DOC.read_text(), text))
        print(f"== updated {', '.join(args.only)} in {DOC.relative_to(REPO)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as error:
        print(f"bench: error: {error}", file=sys.stderr)
        sys.exit(1)
