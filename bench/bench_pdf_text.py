"""PDF text extraction throughput on the real Kent committee papers.

Usage: ``python bench/bench_pdf_text.py [--repeat N] [--reports DIR]``

Extracts every page of every PDF in ``../shared/fixtures/real/councils/reports`` with the
library oursay uses (pypdfium2, see ``crawlers/extract.py``) and with pdfminer.six (the
usual pure-Python baseline), and with PyMuPDF when it is installed, in the same run. Prints
pages/s, the ratio against pdfminer.six, a few text-quality checks and the machine.
The PDFs are third-party data and live outside the repository; without them the script
says so and exits 0.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import io
import os
import platform
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_REPORTS = REPO.parent / "shared" / "fixtures" / "real" / "councils" / "reports"

# Phrases a reader must be able to find (after whitespace is normalised): section headings
# the monitor looks for and a line from a table. Each is checked in the files where it occurs.
PHRASES = [
    "Any alternatives considered and rejected",
    "Option 6: Do not renew the two commissioned contracts",
    "Would not achieve the full MTFP saving agreed by Council",
    "Options considered and dismissed",
    "Cabinet Committee recommendations and other consultation",
]


def _pdfium(data: bytes) -> list[str]:
    sys.path.insert(0, str(REPO))
    from crawlers.documents import pdf_pages

    return pdf_pages(data)


def _pymupdf(data: bytes) -> list[str]:
    import pymupdf

    with pymupdf.open(stream=data, filetype="pdf") as document:
        return [page.get_text() for page in document]


def _pdfminer(data: bytes) -> list[str]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer

    return [
        "".join(e.get_text() for e in layout if isinstance(e, LTTextContainer))
        for layout in extract_pages(io.BytesIO(data), laparams=LAParams())
    ]


def libraries() -> dict[str, Callable[[bytes], list[str]]]:
    found: dict[str, Callable[[bytes], list[str]]] = {"pypdfium2": _pdfium}
    try:
        import pymupdf  # noqa: F401

        found["pymupdf"] = _pymupdf
    except ImportError:
        pass
    found["pdfminer.six"] = _pdfminer
    return found


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def normalise(text: str) -> str:
    return " ".join(text.split())


def quality(pages_by_file: dict[str, list[str]]) -> dict[str, float]:
    text = "\n".join("\n".join(p) for p in pages_by_file.values())
    words = re.findall(r"[A-Za-z]+", text)
    flat = normalise(text)
    return {
        "chars": len(text),
        "words": len(words),
        # Two words run together ("theCouncil") show up as very long tokens.
        "long_tokens_per_10k": 1e4 * sum(len(w) > 18 for w in words) / max(1, len(words)),
        # pdfminer pads justified text with extra spaces ("to  the  Cabinet").
        "double_spaces_per_10k_chars": 1e4 * text.count("  ") / max(1, len(text)),
        "phrases_found": sum(p in flat for p in PHRASES),
        # A compound split at a line end ("in-\nhouse"): a search for "in-house" misses it.
        "split_compounds": len(re.findall(r"[a-z]-\s*\n\s*[a-z]", text)),
        "in_house": len(re.findall(r"in-house", text, re.IGNORECASE)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes per library (best kept)")
    parser.add_argument("--reports", type=Path, default=DEFAULT_REPORTS)
    args = parser.parse_args(argv)
    files = sorted(args.reports.glob("*.pdf")) if args.reports.is_dir() else []
    if not files:
        print(f"skipped: no PDFs at {args.reports} (the real reports live in ../shared)")
        return 0
    blobs = {f.name: f.read_bytes() for f in files}
    print(
        f"machine: {_cpu()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )
    print(
        f"libraries: pypdfium2 {_version('pypdfium2')}, pymupdf {_version('pymupdf')}, "
        f"pdfminer.six {_version('pdfminer.six')}"
    )
    print(f"corpus: {len(blobs)} PDFs, {sum(map(len, blobs.values())) / 1e6:.1f} MB\n")
    results: dict[str, tuple[int, float, dict[str, float]]] = {}
    for name, extract in libraries().items():
        best = float("inf")
        pages_by_file: dict[str, list[str]] = {}
        for _ in range(max(1, args.repeat)):
            started = time.perf_counter()
            pages_by_file = {n: extract(b) for n, b in blobs.items()}
            best = min(best, time.perf_counter() - started)
        count = sum(len(p) for p in pages_by_file.values())
        results[name] = (count, best, quality(pages_by_file))
    base_rate = results["pdfminer.six"][0] / results["pdfminer.six"][1]
    header = (
        f"{'library':<13} {'pages':>5} {'seconds':>8} {'pages/s':>8} {'x pdfminer':>10} "
        f"{'chars':>8} {'long tok/10k':>12} {'dbl sp/10k':>10} {'phrases':>8} "
        f"{'split compounds':>15} {'in-house':>10}"
    )
    print(header)
    print("-" * len(header))
    for name, (count, seconds, q) in results.items():
        rate = count / seconds
        print(
            f"{name:<13} {count:>5} {seconds:>8.3f} {rate:>8.1f} {rate / base_rate:>10.1f} "
            f"{q['chars']:>8.0f} {q['long_tokens_per_10k']:>12.1f} "
            f"{q['double_spaces_per_10k_chars']:>10.1f} {q['phrases_found']:>4.0f}/{len(PHRASES)} "
            f"{q['split_compounds']:>15.0f} {q['in_house']:>10.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
