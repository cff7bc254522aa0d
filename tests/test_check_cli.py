"""End-to-end tests of `factcheck check` and `factcheck explain` on examples/."""

from __future__ import annotations

import json

from conftest import CLAIM_KEYS, EXAMPLES, ROOT, run_cli

from factcheck.checks import REGISTRY


def _report(*args: str) -> tuple[int, dict]:
    r = run_cli("check", str(EXAMPLES), "--format", "json", *args)
    return r.returncode, json.loads(r.stdout.decode())


def test_examples_show_every_cross_document_finding() -> None:
    code, rep = _report()
    assert code == 1  # the examples contain errors on purpose
    assert rep["schema"] == "factcheck.report/1"
    assert rep["tool"]["name"] == "factcheck"
    rules = sorted({f["rule"] for f in rep["findings"]})
    assert [r for r in rules if r.startswith("FC1")] == [
        "FC101",
        "FC102",
        "FC103",
        "FC104",
        "FC105",
    ]
    s = rep["summary"]
    n_docs = len([p for p in EXAMPLES.rglob("*") if p.suffix in (".txt", ".md", ".html")])
    assert s["documents"] == len(rep["documents"]) == n_docs
    assert s["findings"] == len(rep["findings"])
    assert sum(s["by_severity"].values()) == s["findings"]
    for f in rep["findings"]:
        assert f["severity"] == REGISTRY[f["rule"]].severity
        for c in f["claims"]:
            for key in CLAIM_KEYS:
                assert key in c
            src = (
                (ROOT / c["path"]).read_text(encoding="utf-8")
                if not c["path"].startswith("/")
                else open(c["path"], encoding="utf-8").read()
            )
            assert src[c["start"] : c["end"]] == c["text"]


def test_examples_show_every_kind_of_finding() -> None:
    """Each registered check has a planted case in examples/ that it finds."""
    _, rep = _report()
    assert sorted({f["rule"] for f in rep["findings"]}) == sorted(REGISTRY)


def test_scope_ambiguity_names_the_reconciling_scope() -> None:
    _, rep = _report()
    f = next(f for f in rep["findings"] if f["rule"] == "FC103")
    assert "全口径" in f["message"]
    periods = sorted(c["period"] for c in f["claims"])
    assert periods == ["2021", "2021", "2022"]
    scopes = {c["period"]: c["scope"] for c in f["claims"]}
    assert scopes["2022"] == "规模以上" and scopes["2021"] is None


def test_agreeing_restatements_stay_silent() -> None:
    _, rep = _report()
    cited = {(c["path"], c["line"]) for f in rep["findings"] for c in f["claims"]}
    # the 2022-07 article restates goals, clusters and parks that agree with the others;
    # the Guangdong article's arithmetic holds
    assert not any("guangdong" in p for p, _ in cited)
    goal = [f for f in rep["findings"] if f["rule"] == "FC104"]
    assert all("战略性新兴产业" not in f["message"] for f in goal)


def test_line_format_and_fail_on() -> None:
    r = run_cli("check", str(EXAMPLES), "--format", "line")
    lines = r.stdout.decode().splitlines()
    assert r.returncode == 1 and lines
    for line in lines:
        path, ln, col, rest = line.split(":", 3)
        assert ln.isdigit() and col.isdigit() and rest.strip().split()[0].startswith("FC")
    assert run_cli("check", str(EXAMPLES), "--fail-on", "never").returncode == 0
    clean = EXAMPLES / "2023-05-guangdong-investment.html"
    assert run_cli("check", str(clean)).returncode == 0
    assert run_cli("check", str(clean), "--fail-on", "warning").returncode == 0


def test_table_report_highlights_and_summarises() -> None:
    r = run_cli("check", str(EXAMPLES))
    out = r.stdout.decode()
    assert "FC103 scope-ambiguity" in out and "document(s)" in out


def test_input_errors_exit_2_but_still_check(tmp_path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    r = run_cli("check", str(bad), str(EXAMPLES), "--format", "json")
    assert r.returncode == 2
    assert r.stderr.decode().count("\n") == 1 and "bad.html" in r.stderr.decode()
    rep = json.loads(r.stdout.decode())
    n_docs = len([p for p in EXAMPLES.rglob("*") if p.suffix in (".txt", ".md", ".html")])
    assert rep["summary"]["documents"] == n_docs and rep["findings"]


def test_unknown_select_and_date_are_usage_errors() -> None:
    assert run_cli("check", str(EXAMPLES), "--select", "FC999").returncode == 2
    assert run_cli("check", str(EXAMPLES), "--date", "yesterday").returncode == 2


def test_explain_every_code() -> None:
    r = run_cli("explain")
    assert r.returncode == 0
    for code in REGISTRY:
        assert code in r.stdout.decode()
        one = run_cli("explain", code)
        text = one.stdout.decode()
        assert one.returncode == 0 and "What it checks" in text and "Passes" in text
    assert run_cli("explain", "FC999").returncode == 2
