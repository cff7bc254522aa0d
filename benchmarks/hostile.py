"""How time grows with input size on pathological text (linear is the target).

For each pattern, prints the seconds to load, extract, frame and check 1x, 2x and 4x copies
and the ratio of the 4x time to the 1x time (about 4 means linear, about 16 quadratic).
Prints figures only; never asserts.

    python benchmarks/hostile.py
"""

from __future__ import annotations

import time

from factcheck.checks import run_checks
from factcheck.extract import extract
from factcheck.frame import frame_document
from factcheck.load import parse_document

PATTERNS = {
    "figures in one sentence": "增长5.2%，",
    "figures without punctuation": "深圳市工业增加值1.1万亿元",
    "thousands groups": "1,000,",
    "dangling ranges": "3—",
    "其中 totals": "总投资100亿元，其中",
    "分别 lists": "分别增长5%、",
    "blank lines": "\n",
    "nested tags": "<div>",
}


def run(text: str, html: bool) -> float:
    t = time.perf_counter()
    doc = parse_document("x.html" if html else "x.txt", text)
    claims = frame_document(doc, extract(doc))
    run_checks(claims, None, {doc.path: doc})
    return time.perf_counter() - t


def main() -> None:
    run("增长5%", False)  # warm up rules and regexes
    print(f"{'pattern':<30}{'1x':>9}{'2x':>9}{'4x':>9}{'4x/1x':>8}")
    for name, unit in PATTERNS.items():
        html = unit.startswith("<")
        times = []
        for k in (1, 2, 4):
            n = 5000 * k
            text = unit * n + ("增长5%" + "</div>" * n if html else "")
            times.append(run(text, html))
        print(
            f"{name:<30}"
            + "".join(f"{t:9.2f}" for t in times)
            + f"{times[2] / max(times[0], 1e-9):8.1f}"
        )


if __name__ == "__main__":
    main()
