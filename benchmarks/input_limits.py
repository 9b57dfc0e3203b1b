"""Peak memory and time of `marsad ingest` on single inputs at and past the
default limits (`marsad.sources.limits`, issue #23).

Each case is one input, written to a scratch folder from sentences of our
own (illustrative), ingested by `marsad ingest` in a child process into a
fresh store; the child's peak resident memory (getrusage) and wall time are
printed with its outcome line.

    .venv/bin/python benchmarks/input_limits.py [--chars N]

Results in docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from marsad.sources.limits import DEFAULT

SENTENCES = ("قتل خمسة مدنيين وأصيب تسعة آخرون بانفجار عبوة ناسفة قرب سوق شعبي في المدينة أمس. "
             "وقالت الشرطة إن مسلحين مجهولين هاجموا نقطة تفتيش على الطريق الرئيسي شمال البلدة. ")


def _text(chars: int) -> str:
    return (SENTENCES * (chars // len(SENTENCES) + 1))[:chars]


def _run(label: str, path: Path, work: Path) -> None:
    db = work / f"{label}.db"
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    r = subprocess.run([sys.executable, "-c", "from marsad.cli import main; main()", "ingest", str(path),
                        "--db", str(db), "--quiet"],
                       capture_output=True, text=True)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KB on Linux; the largest child so far
    outcome = (r.stderr.strip().splitlines() or ["ok"])[-1][:110]
    print(f"{label:<34} exit {r.returncode}  peak {peak / 1024:7.0f} MB{'' if peak > before else ' (<= earlier)'}"
          f"  {wall:6.1f} s  {outcome}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chars", type=int, default=DEFAULT.max_chars, help="the document at the character limit")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        over = work / "member_over.zip"  # one member just past the byte limit, deflated to a few MB
        with zipfile.ZipFile(over, "w", compression=zipfile.ZIP_DEFLATED) as z:
            z.writestr("huge.txt", b"a " * (DEFAULT.max_bytes // 2 + 1))
        _run("zip member past --max-bytes", over, work)
        big = work / "chars_over.txt"
        big.write_text(_text(DEFAULT.max_chars + 1), encoding="utf-8")
        _run("document past --max-chars", big, work)
        at = work / "chars_at.txt"
        at.write_text(_text(args.chars), encoding="utf-8")
        _run(f"document of {args.chars:,} characters", at, work)


if __name__ == "__main__":
    main()
