from __future__ import annotations

import json

from conftest import EXAMPLES, EXTRACT_KEYS, run_cli

from factcheck import __version__


def test_version() -> None:
    r = run_cli("--version")
    assert r.returncode == 0
    assert r.stdout.decode().strip() == f"factcheck {__version__}"


def test_help_lists_commands_and_examples() -> None:
    r = run_cli("--help")
    assert r.returncode == 0
    out = r.stdout.decode()
    assert "extract" in out and "factcheck extract" in out


def test_extract_jsonl_contract_on_examples() -> None:
    r = run_cli("extract", str(EXAMPLES), "--format", "jsonl")
    assert r.returncode == 0, r.stderr.decode()
    rows = [json.loads(line) for line in r.stdout.decode().splitlines()]
    assert rows
    keys = EXTRACT_KEYS
    for row in rows:
        assert keys <= set(row)
        text = (
            (EXAMPLES.parent / row["path"]).read_text(encoding="utf-8")
            if not row["path"].startswith("/")
            else open(row["path"], encoding="utf-8").read()
        )
        assert text[row["start"] : row["end"]] == row["text"]


def test_extract_table_and_explain() -> None:
    r = run_cli("extract", str(EXAMPLES / "2023-01-shenzhen-industry.txt"), "--explain")
    assert r.returncode == 0
    out = r.stdout.decode()
    assert "1,100,000,000,000" in out
    assert "qualifier '超过'" in out


def test_bad_input_is_one_line_and_exit_2(tmp_path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02\x03binary\x00\xff" * 50)
    good = tmp_path / "good.txt"
    good.write_text("投资总额1020亿元。", encoding="utf-8")
    r = run_cli("extract", str(bad), str(good), "--format", "jsonl")
    assert r.returncode == 2
    err = r.stderr.decode().strip().splitlines()
    assert len(err) == 1 and "bad.txt" in err[0] and "binary" in err[0]
    rows = [json.loads(line) for line in r.stdout.decode().splitlines()]
    assert [row["value"] for row in rows] == ["102000000000"]


def test_missing_file_and_stdin() -> None:
    r = run_cli("extract", "nope/missing.txt", "-", "--format", "jsonl", input="近80家".encode())
    assert r.returncode == 2
    assert "missing.txt" in r.stderr.decode()
    row = json.loads(r.stdout.decode())
    assert row["path"] == "<stdin>" and row["high"] == "80" and row["low"] is None


def test_user_rules_overlay_and_bad_rules(tmp_path) -> None:
    extra = tmp_path / "myrules"
    extra.mkdir()
    (extra / "units.yaml").write_text(
        "units:\n  - unit: count\n    dimension: count\n    forms: {艘次: 1}\n", encoding="utf-8"
    )
    doc = tmp_path / "a.txt"
    doc.write_text("全年进出港船舶5200艘次。", encoding="utf-8")
    r = run_cli("extract", str(doc), "--format", "jsonl", "--rules", str(extra))
    assert r.returncode == 0, r.stderr.decode()
    row = json.loads(r.stdout.decode())
    assert (row["text"], row["unit"]) == ("5200艘次", "count")
    (extra / "units.yaml").write_text(
        "units:\n  - unit: count\n    dimension: [\n", encoding="utf-8"
    )
    r = run_cli("check", str(doc), "--rules", str(extra))
    assert r.returncode == 2
    err = r.stderr.decode().strip().splitlines()
    assert len(err) == 1 and "units.yaml:" in err[0] and "Traceback" not in r.stderr.decode()


def test_bad_code_pattern_in_user_rules_is_one_line(tmp_path) -> None:
    extra = tmp_path / "myrules"
    extra.mkdir()
    doc = tmp_path / "a.txt"
    doc.write_text("全年进出港船舶5200艘次。", encoding="utf-8")
    for pattern in ("'(?m)^x'", "'[unclosed'"):
        (extra / "numerals.yaml").write_text(f"code_patterns: [{pattern}]\n", encoding="utf-8")
        r = run_cli("extract", str(doc), "--rules", str(extra))
        assert r.returncode == 2
        err = r.stderr.decode().strip().splitlines()
        assert len(err) == 1 and "numerals.yaml" in err[0] and "code_patterns" in err[0], err
