#!/usr/bin/env python3
"""Extraction speed and memory benchmark. Prints figures; asserts nothing.

Builds a corpus of generated Chinese news text (at least --mb MB, split into --files files of
plain text, PDF-style hard-wrapped text, Markdown with front matter and HTML, mostly UTF-8 with
some GB18030 and UTF-16) in a temporary folder, then reports in one run:

  (a) MB/s of extraction on one core: factcheck.extract.extract over the decoded documents
      held in memory (the target, 10 MB/s, is about this figure), best of --repeat passes, each
      with an empty parse cache;
  (a2) MB/s end to end on one core, through factcheck.pipeline.extract_documents over the
      folder (reading, decoding, view building and extraction; plus load-only and a split by
      kind of file);
  (b) MB/s of a bare scan with the compiled number-candidate regex
      (factcheck.extract.get_matcher(()).run.finditer) over the same decoded text: the ceiling;
  (c) peak memory (tracemalloc peak and ru_maxrss, each in a fresh child process) for N files and
      for 2N files, to show that memory does not grow with the number of files;
  and, with --profile, the top functions of a cProfile run of (a2), by cumulative and total time.

MB means 10^6 bytes of input files as stored on disk. If ../shared/seeds exists its articles are
added to the corpus as extra files (--no-seeds to leave them out).

    python benchmarks/extract_speed.py                 # 5 MB, 500 files
    python benchmarks/extract_speed.py --profile       # and a cProfile summary
    python benchmarks/extract_speed.py --mb 20 --files 2000 --keep /tmp/corpus
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import gc
import io
import json
import os
import platform
import pstats
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"

# ---------------------------------------------------------------- numerals

_DIG = "零一二三四五六七八九"


def _cn4(n: int) -> str:
    """Chinese numeral for 0 < n < 10000 (一千零二十)."""
    out, zero = "", False
    for unit, val in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        d = n // val % 10
        if d:
            if zero:
                out += "零"
                zero = False
            out += _DIG[d] + unit
        elif out:
            zero = True
    return out


def cn_int(n: int) -> str:
    """Chinese numeral for 0 <= n < 10^12: 15000 -> 一万五千, 100005 -> 十万零五."""
    if n == 0:
        return "零"
    out, gap = "", False
    for g, unit in ((n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")):
        if g == 0:
            gap = bool(out)
            continue
        if out and (g < 1000 or gap):
            out += "零"
        out += _cn4(g) + unit
        gap = False
    return out[1:] if out.startswith("一十") else out


def cn_dec(x: float, places: int = 1) -> str:
    whole, _, frac = f"{x:.{places}f}".partition(".")
    frac = frac.rstrip("0")
    return cn_int(int(whole)) + ("点" + "".join(_DIG[int(c)] for c in frac) if frac else "")


# ---------------------------------------------------------------- corpus generator

REGIONS = "深圳 广州 东莞 佛山 珠海 苏州 无锡 杭州 宁波 合肥 芜湖 武汉 长沙 成都 重庆 西安 郑州 济南 青岛 厦门 福州 南昌 宜春 赣州 昆明 南宁 贵阳 天津 沈阳 大连".split()
PROVINCES = (
    "广东 江苏 浙江 安徽 湖北 湖南 四川 陕西 河南 山东 福建 江西 云南 广西 贵州 辽宁".split()
)
SECTORS = "集成电路 新能源汽车 生物医药 工业互联网 高端装备 智能终端 新型储能 光伏 锂电池 机器人 新材料 软件和信息服务 数字创意 现代时尚 精密仪器 海洋经济".split()
METRICS = "工业增加值 地区生产总值 进出口总额 固定资产投资 社会消费品零售总额 营业收入 利润总额 税收收入 工业投资 制造业投资 技改投资 外贸出口".split()
SCALES = "规模以上 全口径 重点 新增 在建 全部".split()
PEOPLE = "记者 分析人士 有关负责人 业内专家 企业负责人".split()
# (unit, low, high, decimals): magnitudes that make sense for each currency unit
MONEY = [
    ("亿元", 1, 9999, 1),
    ("亿元", 10, 99999, 0),
    ("万元", 100, 99999, 0),
    ("万亿元", 0.5, 20, 2),
    ("亿美元", 1, 999, 1),
    ("万美元", 100, 9999, 0),
    ("亿港元", 1, 999, 1),
    ("亿欧元", 1, 99, 1),
]
AREA = [("平方米", 500, 90000), ("万平方米", 1, 2000), ("平方公里", 1, 500), ("亩", 50, 9000)]
OUTPUT = [
    ("吨", 100, 90000),
    ("万吨", 1, 900),
    ("亿千瓦时", 1, 900),
    ("万千瓦", 1, 900),
    ("万立方米", 1, 900),
    ("万标准箱", 1, 900),
    ("万辆", 1, 300),
    ("亿片", 1, 90),
]
PRE_Q = ["超过", "突破", "约", "近", "逾", "超", "不到", "将近", "达到", "累计", "共", "达"]
POST_Q = ["以上", "左右", "以下", "上下"]

FILLER = [
    "坚持把发展经济的着力点放在实体经济上，推动产业链上下游协同发展。",
    "相关部门将进一步优化营商环境，为企业提供全生命周期服务。",
    "业内人士认为，这一举措有助于稳定市场预期、增强发展信心。",
    "下一步，当地将围绕重点产业链精准招商，加快培育一批链主企业。",
    "园区坚持生产、生活、生态融合发展，配套建设人才公寓和商业设施。",
    "多位受访企业负责人表示，政策落地速度明显加快，办事更加便利。",
    "与此同时，创新平台建设持续推进，产学研合作不断深化。",
    "这些项目涵盖智能制造、绿色低碳、数字经济等多个领域。",
    "据介绍，相关政策自发布之日起施行，有效期至明年年底。",
    "当地还将加强用地、用能、资金等要素保障，推动项目早开工、早投产。",
    "从结构看，高技术产业和装备制造业的支撑作用进一步增强。",
    "受访专家指出，外部环境依然复杂，需要持续巩固经济回升向好态势。",
    "会议强调，要压实各方责任，确保各项任务按时保质完成。",
    "该负责人介绍，目前各项前期工作正在有序推进。",
    "消费市场持续回暖，文旅、餐饮等服务消费增长较快。",
    "企业普遍反映订单充足，生产经营总体平稳，一些企业已排产到年底。",
    "统一大市场建设加快推进，要素流动更加顺畅，十分有利于企业跨区域布局。",
]


class Gen:
    """Sentences in the register of Chinese economic news, with varied numerals and units."""

    def __init__(self, rng: random.Random) -> None:
        self.r = rng

    # -- numbers
    def _num(self, lo: float, hi: float, decimals: int) -> str:
        r = self.r
        x = r.uniform(lo, hi)
        style = r.random()
        if style < 0.55:
            return f"{x:.{decimals}f}"
        if style < 0.65 and x >= 1000:
            return f"{int(x):,}"
        if style < 0.85 and x >= 1:
            return cn_int(int(x)) if decimals == 0 or x >= 100 else cn_dec(x, 1)
        if style < 0.92 and x >= 100:
            return f"{int(x) // 100 * 100}多"
        return f"{x:.{decimals}f}"

    def money(self) -> str:
        unit, lo, hi, dec = self.r.choice(MONEY)
        return self._num(lo, hi, dec) + unit

    def area(self) -> str:
        unit, lo, hi = self.r.choice(AREA)
        return self._num(lo, hi, self.r.choice([0, 1])) + unit

    def output(self) -> str:
        unit, lo, hi = self.r.choice(OUTPUT)
        return self._num(lo, hi, self.r.choice([0, 1])) + unit

    def pct(self) -> str:
        r = self.r
        s = r.random()
        if s < 0.7:
            return f"{r.uniform(0.1, 60):.1f}%"
        if s < 0.85:
            return "百分之" + cn_dec(r.uniform(1, 60))
        if s < 0.95:
            return cn_int(r.randint(1, 9)) + "成"
        return f"{r.randint(5, 40)}%~{r.randint(41, 80)}%"

    def pp(self) -> str:
        r = self.r
        x = r.uniform(0.1, 9)
        return (f"{x:.1f}" if r.random() < 0.8 else cn_dec(x)) + "个百分点"

    def count(self, counter: str, lo: int = 2, hi: int = 5000) -> str:
        r = self.r
        s = r.random()
        if s < 0.55:
            return f"{r.randint(lo, hi)}{counter}"
        if s < 0.75:
            return cn_int(r.randint(lo, hi if lo > 300 else min(hi, 300))) + counter
        if s < 0.85:
            return f"{max(1, r.randint(lo, hi) // 100) * 100}{r.choice(['多', '余'])}{counter}"
        if s < 0.92:
            a = r.randint(2, 9)
            return f"{a}~{a + r.randint(1, 5)}{counter}"
        return r.choice(["十几", "几十", "三四", "五六", "上百"]) + counter

    def qual(self, q: str) -> str:
        r = self.r
        x = r.random()
        if x < 0.3:
            return r.choice(PRE_Q) + q
        if x < 0.38:
            return q + r.choice(POST_Q)
        return q

    def period(self) -> str:
        r = self.r
        y = r.randint(2018, 2024)
        return r.choice(
            [
                f"{y}年",
                f"今年1—{r.randint(2, 11)}月",
                f"{y}年前三季度",
                "上半年",
                f"{y}年{r.randint(1, 12)}月",
                "去年全年",
                f"截至{r.randint(1, 12)}月底",
                f"{r.randint(1, 12)}月{r.randint(1, 28)}日",
            ]
        )

    # -- sentences
    def sentence(self) -> str:
        r = self.r
        reg = r.choice(REGIONS + PROVINCES)
        sec = r.choice(SECTORS)
        met = r.choice(METRICS)
        t = r.randrange(16)
        if t == 0:
            return f"{self.period()}，{reg}{r.choice(SCALES)}{met}{self.qual(self.money())}，同比增长{self.pct()}。"
        if t == 1:
            return f"{reg}共有{sec}企业{self.qual(self.count('家'))}，其中规模以上企业{self.count('家')}，占比{self.pct()}。"
        if t == 2:
            return f"项目总投资{self.qual(self.money())}，建成后预计年产值{self.money()}，可新增就业岗位{self.qual(self.count('个', 100, 20000))}。"
        if t == 3:
            return f"根据规划，到{r.randint(2025, 2035)}年，{reg}{sec}产业规模{self.qual(self.money())}，占{met}比重达到{self.pct()}。"
        if t == 4:
            return f"全年完成{met}{self.money()}，比上年增长{self.pct()}，增速比全国高{self.pp()}。"
        if t == 5:
            return (
                f"{reg}{sec}产业园规划面积{self.area()}，首期建设标准厂房{self.qual(self.area())}。"
            )
        if t == 6:
            return f"{self.period()}，{reg}新签约{sec}项目{self.count(r.choice('个项'))}，总投资{self.qual(self.money())}。"
        if t == 7:
            return f"“{r.choice(['这', '该项目', '新政'])}将带动{sec}产业链上下游{self.qual(self.count('家'))}企业协同发展。”{r.choice(PEOPLE)}表示。"
        if t == 8:
            return f"{reg}{met}是全国平均水平的{r.uniform(1.1, 4):.1f}倍，连续{cn_int(r.randint(2, 12))}年位居{r.choice(PROVINCES)}第一。"
        if t == 9:
            return f"{reg}已建成5G基站{self.count('座', 1000, 90000)}，{self.period()}新增{self.count('座')}，入选第三批试点的企业有{self.count('家', 2, 60)}。"
        if t == 10:
            return f"其中，出口{self.money()}，增长{self.pct()}；进口{self.money()}，下降{self.pct()}。"
        if t == 11:
            return f"全市{sec}年产量{self.qual(self.output())}，单位产值能耗下降{self.pct()}。"
        if t == 12:
            a = r.randint(1000, 5000)
            return f"预计明年{met}在{a}亿至{a + r.randint(100, 2000)}亿元之间，增速保持在{r.randint(3, 6)}%~{r.randint(7, 12)}%。"
        if t == 13:
            return f"“十四五”期间，{reg}累计培育专精特新企业{self.count('家')}，其中{r.randint(2, 40)}家进入世界500强供应链。"
        if t == 14:
            return f"{reg}常住人口{r.uniform(100, 2000):.2f}万人，城镇居民人均可支配收入{r.randint(30000, 90000)}元，增长{self.pct()}。"
        return f"{reg}人均{met}达{r.randint(2, 30)}万元/人，较{r.randint(2015, 2021)}年提高{self.pct()}，PM2.5平均浓度下降{self.pct()}。"

    def paragraph(self) -> str:
        r = self.r
        parts = []
        for _ in range(r.randint(2, 6)):
            parts.append(self.sentence() if r.random() < 0.2 else r.choice(FILLER))
        return "".join(parts)

    def title(self) -> str:
        r = self.r
        return f"{r.choice(REGIONS + PROVINCES)}{r.choice(SECTORS)}产业{r.choice(['提速', '发力', '加快集聚', '跑出加速度'])} 规模{self.qual(self.money())}"


def _pdf_noise(text: str, r: random.Random) -> str:
    """PDF-extracted look: hard wraps, blank lines mid-sentence, spaces around numbers."""
    out, i = [], 0
    while i < len(text):
        step = r.randint(28, 42)
        line = text[i : i + step]
        i += step
        if r.random() < 0.3:
            line = line.replace("亿", " 亿", 1)
        out.append(line)
        out.append("\n\n" if r.random() < 0.15 else "\n")
    return "".join(out)


def _date(r: random.Random) -> str:
    y, m, d = r.randint(2020, 2024), r.randint(1, 12), r.randint(1, 28)
    return r.choice(
        [
            f"{y}-{m:02d}-{d:02d}",
            f"{y}年{m}月{d}日",
            f"'Sat, {d:02d} Jul {y} 00:16:58 GMT'",
        ]
    )


def _document(g: Gen, r: random.Random, kind: str, budget: int, enc: str) -> str:
    title = g.title()
    paras: list[str] = []
    size = 0
    while size < budget:
        p = g.paragraph()
        paras.append(p)
        size += len(p.encode(enc)) + 2
    if kind == "html":
        body = "\n".join(
            f"<p>{p.replace('亿元', '<b>亿元</b>', 1) if r.random() < 0.2 else p}</p>"
            for p in paras
        )
        return (
            "<!DOCTYPE html>\n<html>\n<head>\n<meta charset='utf-8'>\n"
            f"<title>{title}</title>\n<style>.article p {{ margin: 0 0 1em; }}</style>\n"
            f"<script>var pv = {r.randint(1000, 99999)}; var share = '{r.randint(10, 999)}万次';</script>\n"
            f"</head>\n<body>\n<div class='article'>\n<h1>{title}</h1>\n"
            f"<p class='meta'>发布时间：{r.randint(2020, 2024)}年{r.randint(1, 12)}月{r.randint(1, 28)}日&nbsp;来源：本报</p>\n"
            f"{body}\n</div>\n<div class='footer'>责任编辑：王&nbsp;某 &copy; 2023</div>\n</body>\n</html>\n"
        )
    if kind == "md":
        return (
            f"---\ntitle: {title}\ndate: {_date(r)}\nsource: 本报讯\ntags: [{r.choice(SECTORS)}, 投资]\n---\n\n"
            f"# {title}\n\n" + "\n\n".join(paras) + "\n"
        )
    text = title + "\n\n" + "\n\n".join(paras) + "\n"
    return _pdf_noise(text, r) if kind == "pdf" else text


KINDS = [("txt", 0.65), ("pdf", 0.10), ("md", 0.12), ("html", 0.13)]
ENCODINGS = [("utf-8", 0.88), ("gb18030", 0.08), ("utf-16", 0.02), ("utf-8-sig", 0.02)]
EXT = {"txt": ".txt", "pdf": ".txt", "md": ".md", "html": ".html"}


def build_corpus(root: Path, mb: float, files: int, seed: int, seeds: bool) -> dict:
    """Write the corpus under root (10 subfolders); returns a summary."""
    r = random.Random(seed)
    g = Gen(r)
    weights = [r.uniform(0.4, 1.6) for _ in range(files)]
    scale = mb * 1e6 / sum(weights)
    mix: collections.Counter[str] = collections.Counter()
    total = 0
    for i, w in enumerate(weights):
        kind = r.choices([k for k, _ in KINDS], [p for _, p in KINDS])[0]
        enc = r.choices([e for e, _ in ENCODINGS], [p for _, p in ENCODINGS])[0]
        enc_for_budget = "utf-16-le" if enc == "utf-16" else enc
        text = _document(g, r, kind, int(w * scale), enc_for_budget)
        data = text.encode(enc)
        folder = root / f"section{i % 10:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{i:05d}-{kind}{EXT[kind]}").write_bytes(data)
        total += len(data)
        mix[f"{kind}/{enc}"] += 1
    n_seeds = 0
    if seeds and SEEDS.is_dir():
        for f in sorted(SEEDS.glob("*.txt")):
            shutil.copyfile(f, root / f"seed-{f.name}")
            total += f.stat().st_size
            n_seeds += 1
    return {"files": files + n_seeds, "bytes": total, "mix": mix, "seeds": n_seeds}


# ---------------------------------------------------------------- measurements


def _kind_key(doc) -> str:
    enc = doc.encoding.replace("_", "-")
    return f"{doc.kind}/{'utf-8' if enc.startswith('utf-8') else enc}"


def cold_caches() -> None:
    """Empty the matcher's per-numeral and per-unit caches, so a pass does not reuse what an
    earlier pass over the same corpus computed (real text rarely repeats a figure exactly)."""
    from factcheck.extract import get_matcher

    m = get_matcher(())
    m.parse.cache_clear()


def measure_pipeline(root: Path) -> dict:
    """(a): one pass of extract_documents over the folder; time attributed to each document."""
    from factcheck.model import InputError
    from factcheck.pipeline import extract_documents

    sizes = {str(f): f.stat().st_size for f in root.rglob("*") if f.is_file()}
    cold_caches()
    by_kind: dict[str, list[float]] = collections.defaultdict(lambda: [0.0, 0.0, 0.0])
    n_docs = n_q = n_err = 0
    gc.collect()
    t0 = last = time.perf_counter()
    for item in extract_documents([str(root)]):
        now = time.perf_counter()
        if isinstance(item, InputError):
            n_err += 1
        else:
            n_docs += 1
            n_q += len(item.quantities)
            k = by_kind[_kind_key(item.doc)]
            k[0] += now - last
            k[1] += sizes.get(item.doc.path, 0)
            k[2] += 1
        last = now
    return {
        "seconds": time.perf_counter() - t0,
        "docs": n_docs,
        "quantities": n_q,
        "errors": n_err,
        "by_kind": dict(by_kind),
    }


def measure_stages(root: Path, repeat: int) -> dict:
    """Load only; then (a), extraction of the documents held in memory, `repeat` passes each
    with cold caches; then the bare regex scan (b)."""
    from factcheck.extract import extract, get_matcher
    from factcheck.pipeline import load_documents

    gc.collect()
    t0 = time.perf_counter()
    docs = [d for d in load_documents([str(root)]) if hasattr(d, "view")]
    t_load = time.perf_counter() - t0
    extract_passes = []
    n_quantities = 0
    for _ in range(repeat):
        cold_caches()
        gc.collect()
        t0 = time.perf_counter()
        n_quantities = sum(len(extract(d)) for d in docs)
        extract_passes.append(time.perf_counter() - t0)

    run = get_matcher(()).run
    texts = [d.text for d in docs]
    views = [d.view for d in docs]
    best_text = best_view = float("inf")
    matches = 0
    for _ in range(3):
        t0 = time.perf_counter()
        matches = sum(1 for t in texts for _ in run.finditer(t))
        best_text = min(best_text, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for v in views:
            for _ in run.finditer(v):
                pass
        best_view = min(best_view, time.perf_counter() - t0)
    return {
        "load": t_load,
        "extract": min(extract_passes),
        "extract_passes": extract_passes,
        "quantities": n_quantities,
        "regex_text": best_text,
        "regex_view": best_view,
        "matches": matches,
        "chars": sum(map(len, texts)),
    }


def _child_memory(folder: str, warm: str) -> None:
    """In a fresh process: warm up (lazy imports, caches), then stream the folder; print peaks."""
    from factcheck.pipeline import extract_documents

    for _ in extract_documents([warm]):
        pass
    gc.collect()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    n = 0
    for item in extract_documents([folder]):
        n += 1
        del item
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":  # bytes there, KiB on Linux
        rss, rss_before = rss // 1024, rss_before // 1024
    print(
        json.dumps(
            {"docs": n, "tracemalloc_peak": peak, "maxrss_kb": rss, "maxrss_before_kb": rss_before}
        )
    )


def measure_memory(corpus: Path, work: Path) -> list[dict]:
    """(c): N files, then 2N files (the corpus twice, hard-linked), each in a child process."""
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    one, two = work / "mem-n", work / "mem-2n"
    warm = one  # every kind of file once before measuring: lazy imports are not counted
    for dest, copies in ((one, 1), (two, 2)):
        for c in range(copies):
            for f in files:
                target = dest / f"copy{c}" / f.relative_to(corpus)
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(f, target)
                except OSError:
                    shutil.copyfile(f, target)
    out = []
    for dest in (one, two):
        p = subprocess.run(
            [sys.executable, __file__, "--child-memory", str(dest), str(warm)],
            capture_output=True,
            text=True,
            check=True,
        )
        rec = json.loads(p.stdout.strip().splitlines()[-1])
        rec["bytes"] = sum(f.stat().st_size for f in dest.rglob("*") if f.is_file())
        out.append(rec)
    return out


def profile(root: Path, top: int) -> str:
    from factcheck.pipeline import extract_documents

    cold_caches()
    prof = cProfile.Profile()
    prof.enable()
    for _ in extract_documents([str(root)]):
        pass
    prof.disable()
    buf = io.StringIO()
    for key in ("cumulative", "tottime"):
        buf.write(f"\n--- top {top} by {key} time ---\n")
        pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(key).print_stats(top)
    return buf.getvalue()


# ---------------------------------------------------------------- main


def _pin_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    ap.add_argument(
        "--files", type=int, default=500, help="number of generated files (default 500)"
    )
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--no-seeds", action="store_true", help="do not mix in ../shared/seeds")
    ap.add_argument("--no-memory", action="store_true", help="skip the memory measurement")
    ap.add_argument("--profile", action="store_true", help="print a cProfile summary of (a)")
    ap.add_argument("--top", type=int, default=10, help="rows per profile table (default 10)")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes, best kept (default 3)")
    ap.add_argument("--keep", metavar="DIR", help="write the corpus to DIR and keep it")
    ap.add_argument("--child-memory", nargs=2, metavar=("FOLDER", "WARM"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_memory:
        _child_memory(*args.child_memory)
        return

    pin = _pin_one_core()
    tmp = tempfile.TemporaryDirectory(prefix="factcheck-bench-")
    work = Path(tmp.name)
    corpus = Path(args.keep) if args.keep else work / "corpus"
    if corpus.exists() and any(corpus.iterdir()):
        sys.exit(f"{corpus} is not empty")

    import factcheck

    print(
        f"factcheck {factcheck.__version__}, Python {platform.python_version()}, {platform.machine()}, {pin}"
    )
    t0 = time.perf_counter()
    info = build_corpus(corpus, args.mb, args.files, args.seed, not args.no_seeds)
    mb = info["bytes"] / 1e6
    print(
        f"corpus: {info['files']} files, {mb:.2f} MB in {corpus} "
        f"(generated in {time.perf_counter() - t0:.1f} s; seeds mixed in: {info['seeds']})"
    )
    print("  mix: " + ", ".join(f"{k} {v}" for k, v in sorted(info["mix"].items())))

    from factcheck.extract import get_matcher
    from factcheck.pipeline import extract_documents

    t0 = time.perf_counter()
    get_matcher(())
    first = sorted(p for p in corpus.rglob("*") if p.is_file())[0]
    for _ in extract_documents([str(first)]):
        pass
    print(f"warm-up (rules, regex compile, lazy imports): {time.perf_counter() - t0:.2f} s")

    s = measure_stages(corpus, args.repeat)
    passes = [measure_pipeline(corpus) for _ in range(args.repeat)]
    a = min(passes, key=lambda x: x["seconds"])
    best = s["extract"]
    print()
    print(
        "(a) extraction, one core: factcheck.extract.extract over the decoded documents held in "
        f"memory (empty caches at each pass; best of {args.repeat})"
    )
    print(
        f"    {mb / best:8.2f} MB/s   {best:.2f} s, {a['docs']} documents, "
        f"{s['quantities']} quantities ({s['quantities'] / best:.0f}/s)"
    )
    print("    all passes: " + ", ".join(f"{mb / x:.2f}" for x in s["extract_passes"]) + " MB/s")
    print(f"    target 10 MB/s: {'met' if mb / best >= 10 else 'NOT met'}")
    print()
    print(
        "(a2) end to end, one core: pipeline.extract_documents over the folder (read, decode, "
        f"build the view, extract; best of {args.repeat})"
    )
    print(
        f"    {mb / a['seconds']:8.2f} MB/s   {a['seconds']:.2f} s, {a['docs']} documents, "
        f"{a['quantities']} quantities, {a['errors']} input errors"
    )
    print("    all passes: " + ", ".join(f"{mb / x['seconds']:.2f}" for x in passes) + " MB/s")
    print(f"    load only    {mb / s['load']:8.2f} MB/s   ({s['load']:.2f} s, first pass)")
    print("    by kind of file (time between results of the pipeline):")
    for k, (sec, size, n) in sorted(a["by_kind"].items()):
        print(f"      {k:<16} {int(n):4d} files {size / 1e6:6.2f} MB {size / 1e6 / sec:8.2f} MB/s")
    print()
    print("(b) bare regex scan (get_matcher(()).run.finditer), best of 3 scans: the ceiling")
    print(
        f"    decoded source text: {mb / s['regex_text']:8.2f} MB/s   ({s['regex_text'] * 1000:.0f} ms, "
        f"{s['chars']} characters, {s['matches']} candidate runs)"
    )
    print(
        f"    analysis views:      {mb / s['regex_view']:8.2f} MB/s   ({s['regex_view'] * 1000:.0f} ms)"
    )
    print(f"    (a) runs at {100 * s['regex_view'] / best:.1f}% of the ceiling on the same views")

    if not args.no_memory:
        print()
        print(
            "(c) peak memory streaming the folder (fresh child process each, warmed up on N files)"
        )
        recs = measure_memory(corpus, work)
        for label, rec in zip(("N", "2N"), recs, strict=True):
            print(
                f"    {label:<2} = {rec['docs']:5d} files, {rec['bytes'] / 1e6:6.2f} MB: "
                f"tracemalloc peak {rec['tracemalloc_peak'] / 1e6:6.2f} MB, "
                f"ru_maxrss {rec['maxrss_kb'] / 1024:6.1f} MiB "
                f"(after warm-up {rec['maxrss_before_kb'] / 1024:.1f} MiB)"
            )
        extra = recs[1]["docs"] - recs[0]["docs"]
        growth = recs[1]["tracemalloc_peak"] - recs[0]["tracemalloc_peak"]
        print(
            f"    peak growth from N to 2N: {growth / 1e6:+.2f} MB "
            f"({growth / max(1, extra):+.0f} bytes per extra file; input grew by "
            f"{(recs[1]['bytes'] - recs[0]['bytes']) / 1e6:.2f} MB; folders are listed one at a "
            "time, so only the largest folder's listing is held)"
        )
    if args.profile:
        print()
        print("cProfile of (a):")
        print(profile(corpus, args.top))
    tmp.cleanup()


if __name__ == "__main__":
    main()
