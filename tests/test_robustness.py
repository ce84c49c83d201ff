"""Robustness: fuzzing (hypothesis) and hostile inputs beyond tests/test_bad_input.py.

Whatever a scanner, an office suite or a hostile contributor puts in a file, powerlint must name
the file, say what is wrong in Chinese, exit 2 when the input is unusable, never show a traceback,
still check the other files, and finish in bounded time and memory. The whole file runs in well
under a minute: example counts are modest and every example has a deadline.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from lint.citations import extract
from lint.text import docnum, numerals
from lint.cli import main
from lint.config import Config
from lint.engine import check_paths
from lint.importer import import_path
from lint.loader import load_text
from lint.source import InputError

from .conftest import ROOT

GOOD = (ROOT / "tests" / "data" / "minimal.yaml").read_text(encoding="utf-8")
SEED_LISTS = sorted((ROOT / "lists").glob("*.yaml")) or [ROOT / "tests" / "data" / "minimal.yaml"]
SEED_BYTES = [p.read_bytes() for p in SEED_LISTS]
POWERLINT = [sys.executable, "-c", "from lint.cli import run; run()"]
FUZZ = settings(max_examples=60, deadline=timedelta(seconds=5),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
YAMLISH = st.text(alphabet=st.sampled_from(list(":-[]{}&*!|>'\"#%@`,?\n  \t\\~") + list("名称依据责任一二三ab1")),
                  max_size=300)


def run_cli(*args, cwd=None, env=None, timeout=60):
    """powerlint in a subprocess: (exit code, stdout+stderr, wall seconds, peak RSS in MB)."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        proc = subprocess.Popen([*POWERLINT, *map(str, args)], cwd=cwd, env={**os.environ, **(env or {})},
                                stdout=output, stderr=subprocess.STDOUT)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        proc.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    return proc.returncode, text, time.perf_counter() - start, usage.ru_maxrss / 1024


def assert_clean(output: str) -> None:
    assert "Traceback" not in output and "内部错误" not in output, output[-2000:]


# ---------------------------------------------------------------- fuzzing


@FUZZ
@given(st.one_of(st.text(max_size=400), YAMLISH))
def test_load_text_raises_only_input_error(text):
    try:
        load_text(text, "fuzz.yaml")
    except InputError as exc:
        assert exc.path == "fuzz.yaml" and exc.message


def mutate(data: bytes, draw) -> bytes:
    kind = draw(st.sampled_from(["flip", "truncate", "duplicate", "delete", "insert"]))
    if kind == "flip":
        data = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(data)
    if kind == "truncate":
        return data[: draw(st.integers(0, len(data)))]
    lines = data.splitlines(keepends=True)
    at = draw(st.integers(0, len(lines) - 1))
    if kind == "duplicate":
        return b"".join(lines[:at + 1] + lines[at:])
    if kind == "delete":
        return b"".join(lines[:at] + lines[at + 1:])
    return b"".join(lines[:at] + [draw(st.sampled_from([b"- \n", b"  - x\n", b"items: 1\n", b"\t\n", b"&a b: *a\n"]))]
                    + lines[at:])


@st.composite
def mutated_seed(draw):
    return mutate(draw(st.sampled_from(SEED_BYTES)), draw)


@FUZZ
@given(mutated_seed())
def test_mutated_seed_lists_load_or_raise_input_error(data):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    try:
        load_text(text, "mutated.yaml")
    except InputError:
        pass


@settings(max_examples=12, deadline=timedelta(seconds=20), suppress_health_check=[HealthCheck.too_slow])
@given(mutated_seed())
def test_check_survives_mutated_seed_lists(data):
    """The whole rule set runs on damaged lists: findings or an InputError, never an exception."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "mutated.yaml")
        path.write_bytes(data)
        result = check_paths([str(path)], Config(select=["ALL"]))
    assert all(isinstance(e, InputError) and e.message for e in result.errors)


@settings(max_examples=40, deadline=timedelta(seconds=5), suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=600), st.text(max_size=400).map(lambda t: t.encode("utf-8")),
                 st.lists(st.lists(st.sampled_from(["序号", "事项名称", "权力类型", "1", "2", "对某行为的处罚", "行政处罚", ""]),
                                   max_size=6).map("\t".join), max_size=8).map(lambda rows: "\n".join(rows).encode())),
       st.sampled_from([".txt", ".csv", ".html", ".xls", ".pdf"]))
def test_importer_raises_only_input_error(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "fuzz" + suffix)
        path.write_bytes(data)
        try:
            load_text(import_path(str(path)), "imported.yaml")  # what it writes must load
        except InputError as exc:
            assert exc.message


@settings(max_examples=150, deadline=timedelta(seconds=2))
@given(st.one_of(st.text(max_size=200), st.text(alphabet="第条款项章节一二三四五六七八九十百千零两〇0123456789〔〕[]()（）【】号令发《》、，", max_size=60)))
def test_citation_and_numeral_parsers_never_raise(text):
    extract(text)
    docnum.find(text)
    numerals.parse(text)


# ---------------------------------------------------------------- hostile inputs

BILLION_LAUGHS = "meta: {}\nitems: []\na0: &a0 lol\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 10))
WRONG_TYPES = textwrap.dedent("""\
    meta: [1, 2]
    items:
      - number: [1, 2]
        name: {a: b}
        basis: {x: y}
        stages: {a: 1}
        lint-ignore: nope
        extra: [1]
      - stages: [1, [2], null, {text: [x]}]
        basis: [[1], {a: b}]
        lint-ignore: [{codes: {a: 1}}]
      - null
      - 42
      - ? [a, b]
        : c
    """)
# name, content, message expected after the file name (None: usable, gets findings)
HOSTILE = [
    ("laughs.yaml", BILLION_LAUGHS, "锚点/别名"),
    ("block-deep.yaml", "meta: {}\nitems:\n" + "- " * 20000 + "x\n", "嵌套过深"),
    ("map-deep.yaml", "meta: {}\nitems: " + "{a: " * 20000 + "b" + "}" * 20000 + "\n", "嵌套过深"),
    ("control.yaml", "meta: {}\nitems:\n  - name: \"a\x07b\"\n", "控制字符"),
    ("two-docs.yaml", "meta: {}\nitems: []\n---\nmeta: {}\n", "YAML 语法错误"),
    ("utf16-no-bom.yaml", GOOD.encode("utf-16-le"), "二进制文件"),
    ("utf32.yaml", GOOD.encode("utf-32"), "二进制文件"),
    ("real-50mb.yaml", None, "文件过大"),
    ("items-string.yaml", "meta: {}\nitems: \"hello\"\n", None),
    ("items-mapping.yaml", "meta: {}\nitems: {a: 1}\n", None),
    ("wrong-types.yaml", WRONG_TYPES, None),
    ("清单 副本 (1).yaml", GOOD, None),
]


def write_hostile(directory: Path, name: str, content) -> Path:
    path = directory / name
    if content is None:  # 50 MB of real text, not a sparse file
        block = (GOOD * 40).encode("utf-8")
        with path.open("wb") as fh:
            while fh.tell() < 50 * 1024 * 1024:
                fh.write(block)
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize("name, content, message", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_file_named_and_others_still_checked(tmp_path, name, content, message):
    write_hostile(tmp_path, name, content)
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    start = time.perf_counter()
    result = CliRunner().invoke(main, ["check", "--no-cache", "--select", "SCH", "--max-file-size", "20MB", str(tmp_path)])
    assert time.perf_counter() - start < 30
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert_clean(result.output)
    assert "good.yaml:22:5: SCH004" in result.output
    if message is None:  # usable, however wrong: findings at lines of the file, exit 1
        assert result.exit_code == 1
        assert re.search(rf"^{re.escape(str(tmp_path / name))}:\d+:\d+: SCH", result.output, re.M)
    else:
        assert result.exit_code == 2
        assert f"{tmp_path / name}" in result.output and message in result.output


def test_wrong_types_are_reported_where_they_stand(tmp_path):
    write_hostile(tmp_path, "wrong-types.yaml", WRONG_TYPES)
    out = CliRunner().invoke(main, ["check", "--no-cache", "--select", "SCH001", str(tmp_path)]).output
    for where in ("1:7: SCH001 [错误] meta：类型错误", "3:13: SCH001 [错误] 第 1 个事项的 number：类型错误",
                  "6:13: SCH001 [错误] 第 1 个事项的 stages：类型错误", "9:14: SCH001 [错误] 第 2 个事项的 stages 第 1 条：类型错误",
                  "11:27: SCH001 [错误] 第 2 个事项的 lint-ignore 第 1 条的 codes：类型错误",
                  "12:5: SCH001 [错误] 第 3 个事项：类型错误", "14:5: SCH001 [错误] 第 5 个事项：未知字段"):
        assert where in out, out


def test_schema_errors_of_items_with_one_shape_each_name_their_own_item(tmp_path):
    """Items are validated once per shape: every item still gets its own finding and evidence."""
    body = "meta: {}\nitems:\n" + "".join(f"  - name: 事项{i}\n    colour: 红{i}\n" for i in range(3))
    out = CliRunner().invoke(main, ["check", "--no-cache", "--select", "SCH001", "--format", "json",
                                    str(write_hostile(tmp_path, "shape.yaml", body))]).output
    for i, line in enumerate((3, 5, 7)):
        assert f'"line": {line}' in out and f"第 {i + 1} 个事项：未知字段「colour」" in out
    nested = "meta: {}\nitems:\n  - stages: [{text: 甲}]\n  - stages: [{text: [乙]}]\n  - stages: [{text: [丙]}]\n"
    out = CliRunner().invoke(main, ["check", "--no-cache", "--select", "SCH001",
                                    str(write_hostile(tmp_path, "nested.yaml", nested))]).output
    assert out.count("SCH001") == 2 and "nested.yaml:4:21: SCH001" in out and "nested.yaml:5:21: SCH001" in out


def test_fifo_device_and_dangling_link_do_not_hang(tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "nowhere")
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    code, out, wall, _ = run_cli("check", "--no-cache", "--select", "SCH", tmp_path, "/dev/zero", timeout=30)
    assert code == 2 and wall < 30
    assert_clean(out)
    assert f"{tmp_path / 'pipe.yaml'}: 不是普通文件" in out and "/dev/zero: 不是普通文件" in out
    assert f"{tmp_path / 'dangling.yaml'}: 文件不存在" in out and "good.yaml:22:5: SCH004" in out


def test_parallel_workers_return_a_bad_file_as_its_error(tmp_path):
    """--jobs 2 with one file that cannot be read: that file named, exit 2, the other files' findings reported
    (the error used to break the process pool: 「内部错误 BrokenProcessPool」 and nothing else)."""
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("items: [\n", encoding="utf-8")
    (tmp_path / "binary.yaml").write_bytes(bytes(range(256)) * 4)
    code, out, _, _ = run_cli("check", "--no-cache", "--select", "SCH", "--jobs", "2", tmp_path)
    assert_clean(out)
    assert code == 2 and f"{tmp_path / 'bad.yaml'}:2: YAML 语法错误" in out and f"{tmp_path / 'binary.yaml'}" in out
    assert all(f"{name}:22:5: SCH004" in out for name in ("a.yaml", "b.yaml", "c.yaml"))
    assert "检查了 3 个文件（另有 2 个文件无法检查" in out


def test_whole_hostile_corpus_in_bounded_time_and_memory(tmp_path):
    """Every hostile file at once, in a real process: exit 2, each named, under 60 s and 600 MB."""
    for name, content, _ in HOSTILE:
        write_hostile(tmp_path, name, content)
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)
    code, out, wall, rss = run_cli("check", "--no-cache", "--max-file-size", "20MB", tmp_path, timeout=90)
    assert code == 2 and wall < 60 and rss < 600, (code, wall, rss)
    assert_clean(out)
    for name, _, message in HOSTILE:
        assert f"{tmp_path / name}" in out and (message is None or message in out), name
    assert "good.yaml:22:5: SCH004" in out


# ---------------------------------------------------------------- security


def test_python_tags_are_never_executed(tmp_path):
    marker = tmp_path / "PWNED"
    (tmp_path / "evil.yaml").write_text(textwrap.dedent(f"""\
        meta: {{department: !!python/object/apply:os.system ["touch {marker}"]}}
        items:
          - name: !!python/object/apply:os.system ["touch {marker}"]
            power_type: !!python/name:os.system
            body: !!python/object/new:subprocess.Popen [["touch", "{marker}"]]
        """), encoding="utf-8")
    code, out, _, _ = run_cli("check", "--no-cache", "--fix", tmp_path)
    assert_clean(out)
    assert not marker.exists() and code == 1 and "SCH001" in out


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file() and not p.is_symlink()}


def test_nothing_read_makes_it_write_outside_its_paths(tmp_path):
    """Paths inside a list (source files, names like ../..) are data: only the list, the cache and -o are written."""
    lists, cache, elsewhere = tmp_path / "repo" / "lists", tmp_path / "cache", tmp_path / "elsewhere"
    lists.mkdir(parents=True)
    elsewhere.mkdir()
    (elsewhere / "keep.yaml").write_text(GOOD, encoding="utf-8")
    evil = GOOD.replace("  level: 县级\n", "  level: 县级\n  source: {file: '../../elsewhere/keep.yaml'}\n")
    evil = evil.replace("《中华人民共和国社会保险法》第八十七条", "《社会保险法》（国发[2016]3号）第八十七条 ../../elsewhere/keep.yaml")
    (lists / "x.yaml").write_text(evil, encoding="utf-8")
    (lists / "link.yaml").symlink_to(elsewhere / "keep.yaml")
    before = snapshot(tmp_path)
    code, out, _, _ = run_cli("check", "--fix", "-o", tmp_path / "repo" / "report.txt", "lists/x.yaml",
                              cwd=tmp_path / "repo", env={"POWERLINT_CACHE_DIR": str(cache)})
    assert_clean(out)
    changed = {k for k, v in snapshot(tmp_path).items() if before.get(k) != v}
    assert changed, out
    assert all(k.startswith(("repo/lists/x.yaml", "repo/report.txt", "cache/")) for k in changed), changed
    assert "〔2016〕" in (lists / "x.yaml").read_text(encoding="utf-8")  # the fix did run


# ---------------------------------------------------------------- --fix killed mid-write

KILL_DURING = """
import os, sys, time
real = {target}
def slow(*args):
    fd_or_src = args[0]
    name = os.readlink(f"/proc/self/fd/{{fd_or_src}}") if isinstance(fd_or_src, int) else str(fd_or_src)
    if ".list.yaml." in name:
        open(sys.argv[1], "w").close()
        time.sleep(60)
    return real(*args)
{target} = slow
from lint.cli import main
main(["check", "--no-cache", "--fix", sys.argv[2]])
"""


@pytest.mark.parametrize("target", ["os.fsync", "os.replace"])
def test_fix_killed_mid_write_leaves_the_original_intact(tmp_path, target):
    lists = tmp_path / "lists"
    lists.mkdir()
    path = lists / "list.yaml"
    path.write_text(GOOD.replace("第八十七条", "（国发[2016]3号）第八十七条"), encoding="utf-8")
    original = path.read_bytes()
    diff = CliRunner().invoke(main, ["check", "--no-cache", "--diff", str(path)]).output
    assert "+      - 《中华人民共和国社会保险法》（国发〔2016〕3号）" in diff  # there is a fix to write
    flag = tmp_path / "writing"
    proc = subprocess.Popen([sys.executable, "-c", KILL_DURING.format(target=target), str(flag), str(lists)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while not flag.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert flag.exists(), "the fix never reached the write"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert path.read_bytes() == original
    leftovers = [p.name for p in lists.iterdir() if p.name != "list.yaml"]
    assert leftovers and all(n.startswith(".list.yaml.") and n.endswith(".tmp") for n in leftovers)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--select", "SCH", str(lists)])
    assert ".tmp" not in result.output and "list.yaml" in result.output  # the temp file is not taken as a list


# ---------------------------------------------------------------- interrupted and concurrent runs

PAUSE_IN = """
import os, signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)  # a test run in the background inherits it ignored
import {module} as target
real = target.{function}
flag, go = sys.argv[1:3]
def paused(*args, **kwargs):
    open(flag, "a").close()
    while not os.path.exists(go):
        time.sleep(0.02)
    return real(*args, **kwargs)
target.{function} = paused
from lint.cli import run
sys.argv = ["powerlint", *sys.argv[3:]]
run()
"""


def paused_run(tmp_path, module, function, *args):
    """powerlint in a real process that stops inside `module.function` until the test creates the file `go`:
    (process, flag that exists once it has stopped there, go)."""
    flag, go = tmp_path / "reached", tmp_path / "go"
    proc = subprocess.Popen([sys.executable, "-c", PAUSE_IN.format(module=module, function=function),
                             str(flag), str(go), *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not flag.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert flag.exists(), proc.communicate()
    return proc, go


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_exits_130_without_a_traceback(tmp_path, jobs):
    """Ctrl-C while checking: exit 130 (CI reads 1 as findings), a short sentence, no traceback, at once."""
    lists = tmp_path / "lists"
    lists.mkdir()
    for n in range(4):
        (lists / f"l{n}.yaml").write_text(GOOD, encoding="utf-8")
    proc, go = paused_run(tmp_path, "lint.engine", "lint_loaded", "check", "--no-cache", "--jobs", jobs, lists)
    proc.send_signal(signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=20)
    finally:
        go.touch()  # a worker left behind by a failure finishes instead of waiting forever
        proc.kill()
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "内部错误" not in err and "已中断" in err


def test_fix_does_not_overwrite_an_edit_made_while_it_ran(tmp_path):
    """An editor saves the list while --fix works on it: the fix is not written (the edit survives), the file is
    named, exit 2; a second list of the same run is fixed."""
    lists = tmp_path / "lists"
    lists.mkdir()
    broken = GOOD.replace("第八十七条", "（国发[2016]3号）第八十七条")
    for name in ("a.yaml", "b.yaml"):
        (lists / name).write_text(broken, encoding="utf-8")
    proc, go = paused_run(tmp_path, "lint.writer", "write_atomic", "check", "--no-cache", "--fix", lists / "a.yaml")
    edited = broken.replace("示例", "编辑器保存的示例")
    (lists / "a.yaml").write_text(edited, encoding="utf-8")
    go.touch()
    out, err = proc.communicate(timeout=60)
    assert (lists / "a.yaml").read_text(encoding="utf-8") == edited
    assert proc.returncode == 2 and f"{lists / 'a.yaml'}: 修复期间文件被修改" in err and "Traceback" not in err
    assert sorted(p.name for p in lists.iterdir()) == ["a.yaml", "b.yaml"]  # no temporary file left
    fixed = CliRunner().invoke(main, ["check", "--no-cache", "--fix", str(lists / "b.yaml")])
    assert fixed.exit_code in (0, 1) and "〔2016〕" in (lists / "b.yaml").read_text(encoding="utf-8")


def test_a_file_that_cannot_be_replaced_is_its_own_error(tmp_path, monkeypatch):
    """--fix on two lists, one of which cannot be replaced (immutable, read-only mount): that one named with
    the reason in Chinese and left as it was, the other fixed, all findings reported, exit 2."""
    broken = GOOD.replace("第八十七条", "（国发[2016]3号）第八十七条")
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(broken, encoding="utf-8")
    real = os.replace

    def refuse(src, dst, *args, **kwargs):
        if str(dst).endswith("a.yaml"):
            raise PermissionError(1, "Operation not permitted")
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", refuse)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--fix", str(tmp_path)])
    assert result.exit_code == 2 and result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{tmp_path / 'a.yaml'}: 无法写入修复，文件未改动：没有权限" in result.output
    assert "Operation not permitted" not in result.output and "内部错误" not in result.output
    assert (tmp_path / "a.yaml").read_text(encoding="utf-8") == broken
    assert "〔2016〕" in (tmp_path / "b.yaml").read_text(encoding="utf-8")
    assert "a.yaml:22:5: SCH004" in result.output and "b.yaml:22:5: SCH004" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml"]
