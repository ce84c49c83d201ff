"""The index of a knowledge directory (lint.kb.directory): a check reads only the statutes it needs; `kb import`
writes the index beside the texts, used by a fresh clone while every file still has the bytes it describes."""

from __future__ import annotations

import os

from click.testing import CliRunner

from lint.cli import main
from lint.config import Config
from lint.engine import check_paths
from lint.kb import directory as kbdir
from lint.kb import statute, store

ART1 = "为了规范示例事项的管理，保障当事人的合法权益，根据有关法律，制定本条例。"
REPEAL = "本条例自2030年1月1日起施行。2001年发布的《示例旧管理办法》同时废止。"


def statute_file(folder, title, last=REPEAL):
    path = folder / f"{title}.md"
    path.write_text(f"# {title}\n\n2029年6月1日 示例省人民政府令第9号公布\n\n<!-- INFO END -->\n\n第一条 {ART1}\n\n第二条 {last}\n",
                    encoding="utf-8")
    return path


def imported(tmp_path, count=3):
    texts = tmp_path / "texts"
    texts.mkdir()
    for k in range(count):
        statute_file(texts, f"示例{k}号管理条例")
    knowledge = tmp_path / "knowledge"
    result = CliRunner().invoke(main, ["kb", "import", str(texts), "--dir", str(knowledge)])
    assert result.exit_code == 0, result.output
    return knowledge


def fresh_process(monkeypatch, tmp_path, name):
    """A new data cache and nothing remembered: what another machine's first run sees."""
    monkeypatch.setenv("POWERLINT_DATA_CACHE", str(tmp_path / name))
    store.forget()


def test_a_check_reads_only_the_statutes_it_asks_for(tmp_path, monkeypatch):
    knowledge = imported(tmp_path)
    fresh_process(monkeypatch, tmp_path, "cache")
    read = []
    original = kbdir.read
    monkeypatch.setattr(kbdir, "read", lambda path: read.append(path.name) or original(path))
    monkeypatch.setattr("lint.kb.texts.read", kbdir.read)
    assert statute("示例1号管理条例", knowledge).articles[(1, 0)] == ART1
    assert read == ["示例1号管理条例(2029-06-01).yaml"]
    assert [r.title for r in kbdir.index(knowledge)["repeals"]] == ["示例旧管理办法"] * 3


def test_a_whole_check_reads_only_the_statutes_its_list_cites(tmp_path, monkeypatch):
    # the titles a list may cite without 书名号 come from the index, not from reading every statute (with 3,000
    # imported, reading each for its title took 4 s of every check); the bare title is still found and checked
    knowledge = imported(tmp_path, count=4)
    fresh_process(monkeypatch, tmp_path, "cache")
    read = []
    original = kbdir.read
    monkeypatch.setattr("lint.kb.texts.read", lambda path: read.append(path.name) or original(path))
    listing = tmp_path / "list.yaml"
    listing.write_text(f"""format: powerlist/1
meta:
  title: 示例县医疗保障局权责清单
items:
  - number: '1'
    name: 对示例事项的处罚
    power_type: 行政处罚
    basis: ['依据示例2号管理条例第二条：“{ART1}”']
""", encoding="utf-8")
    found = check_paths([str(listing)], Config(select=["CIT"], knowledge_dir=knowledge)).findings
    assert [f.code for f in found] == ["CIT001"] and "第一条" in found[0].message  # article 1's words
    assert read == ["示例2号管理条例(2029-06-01).yaml"]


def test_a_fresh_clone_uses_the_written_index_while_the_files_are_unchanged(tmp_path, monkeypatch):
    knowledge = imported(tmp_path)
    assert (knowledge / kbdir.INDEX_FILE).is_file()
    for path in (knowledge / "statutes").iterdir():  # a clone: same bytes, new modification times
        os.utime(path, (1, 1))
    fresh_process(monkeypatch, tmp_path, "clone")
    monkeypatch.setattr(kbdir, "_build", lambda *a: (_ for _ in ()).throw(AssertionError("rebuilt")))
    index = kbdir.index(knowledge)
    assert sorted(index["titles"].values()) == ["示例0号管理条例", "示例1号管理条例", "示例2号管理条例"]
    assert index["repeals"][0].date.isoformat() == "2030-01-01" and index["repeals"][0].number == (2, 0)


def test_an_edited_file_makes_the_written_index_stale(tmp_path, monkeypatch):
    knowledge = imported(tmp_path)
    edited = next((knowledge / "statutes").glob("示例1号*.yaml"))
    edited.write_text(edited.read_text(encoding="utf-8").replace("title: 示例1号管理条例", "title: 示例一号管理条例"),
                      encoding="utf-8")
    fresh_process(monkeypatch, tmp_path, "edited")
    assert "示例一号管理条例" in kbdir.index(knowledge)["titles"].values()
    assert statute("示例一号管理条例", knowledge) is not None and statute("示例1号管理条例", knowledge) is None


def test_import_says_when_the_header_names_no_issuing_body(tmp_path):
    bare = tmp_path / "示例无文头条例.md"
    bare.write_text(f"# 示例无文头条例\n\n<!-- INFO END -->\n\n第一条 {ART1}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["kb", "import", str(bare), "--dir", str(tmp_path / "k")])
    assert result.exit_code == 0 and "文头未写制定机关" in result.output
    named = CliRunner().invoke(main, ["kb", "import", str(statute_file(tmp_path, "示例有文头条例")), "--dir", str(tmp_path / "k")])
    assert named.exit_code == 0 and "文头未写制定机关" not in named.output
