"""Bad input: a clear Chinese message naming the file, exit code 2, no traceback, other files still checked."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from lint.cli import main

from .conftest import ROOT

GOOD = (ROOT / "tests" / "data" / "minimal.yaml").read_text(encoding="utf-8")


def check(*paths):
    result = CliRunner().invoke(main, ["check", "--no-cache", "--select", "SCH", *map(str, paths)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def with_good_file(tmp_path, name, content):
    bad = tmp_path / name
    if isinstance(content, bytes):
        bad.write_bytes(content)
    else:
        bad.write_text(content, encoding="utf-8")
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    return check(tmp_path)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("syntax.yaml", "items:\n  - name: [未闭合\n", "YAML 语法错误"),
        ("binary.yaml", bytes(range(256)) * 10, "二进制文件"),
        ("empty.yaml", "", "文件为空"),
        ("notalist.yaml", "- 1\n- 2\n", "不是权责清单"),
        ("bomb.yaml", "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\nmeta: {}\nitems: []\n", "锚点/别名"),
        ("deep.yaml", "meta: {}\nitems: " + "[" * 20000 + "]" * 20000 + "\n", "嵌套过深"),
        ("raw.yaml", "序号\t事项名称\t权力类型\n1\t对某行为的处罚\t行政处罚\n", "powerlint import"),
    ],
)
def test_unusable_file_is_named_and_others_still_checked(tmp_path, name, content, message):
    result = with_good_file(tmp_path, name, content)
    assert result.exit_code == 2
    assert f"{tmp_path / name}" in result.output and message in result.output
    assert "good.yaml:22:5: SCH004" in result.output  # the other file was checked


def test_gb18030_and_bom_files_are_decoded(tmp_path):
    (tmp_path / "gbk.yaml").write_bytes(GOOD.encode("gb18030"))
    (tmp_path / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    (tmp_path / "utf16.yaml").write_bytes(GOOD.encode("utf-16"))
    result = check(tmp_path)
    assert result.exit_code == 1
    for name in ("gbk.yaml", "bom.yaml", "utf16.yaml"):
        assert f"{name}:22:5: SCH004" in result.output


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_a_published_file_that_unpacks_past_the_limit_is_refused_unread(tmp_path, suffix):
    """A zip container under the limit whose parts unpack past it (a zip bomb sent as a department's list)."""
    text = "对定点医药机构违规行为的处罚" * 20000  # ~840 KB of XML, ~10 KB compressed
    bomb = tmp_path / f"bomb{suffix}"
    if suffix == ".xlsx":
        import openpyxl

        book = openpyxl.Workbook()
        book.active.append(["序号", "事项名称", "实施依据"])
        book.active.append([1, text, "《中华人民共和国社会保险法》第八十六条"])
        book.save(bomb)
    else:
        import docx

        document = docx.Document()
        document.add_paragraph(text)
        document.save(bomb)
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    assert bomb.stat().st_size < 100 * 1024
    result = check(tmp_path, "--max-file-size", "100KB")
    assert result.exit_code == 2 and f"{bomb}: 文件解压后过大" in result.output and "上限 102400 字节" in result.output
    assert "检查了 1 个文件（另有 1 个文件无法检查" in result.output
    report = CliRunner().invoke(main, ["report", str(tmp_path), "--max-file-size", "100KB", "-o",
                                       str(tmp_path / "r.json")])
    assert report.exit_code == 2 and f"{bomb}: 文件解压后过大" in report.output and (tmp_path / "r.json").is_file()
    imported = CliRunner().invoke(main, ["import", str(bomb), "--max-file-size", "100KB"])
    assert imported.exit_code == 2 and f"{bomb}: 文件解压后过大" in imported.output and "Traceback" not in imported.output
    assert "解压后过大" not in CliRunner().invoke(main, ["import", str(bomb), "--max-file-size", "2MB"]).output


def test_missing_path_and_empty_directory(tmp_path):
    result = check(tmp_path / "nope")
    assert result.exit_code == 2 and "路径不存在" in result.output
    (tmp_path / "empty").mkdir()
    result = check(tmp_path / "empty")
    assert result.exit_code == 2 and "没有清单文件" in result.output


def test_file_over_max_file_size_is_refused_quickly_and_counted(tmp_path):
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    result = check(tmp_path, "--max-file-size", "20MB")
    assert result.exit_code == 2 and f"{huge}: 文件过大" in result.output and "max-file-size" in result.output
    assert "检查了 1 个文件（另有 1 个文件无法检查：文件过大 1" in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.yaml"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    assert "没有读取权限" in check(path).output


def test_symlink_loop_in_directory_is_not_followed(tmp_path):
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)
    result = check(tmp_path)
    assert result.exit_code == 1 and result.output.count("SCH004") == 1
