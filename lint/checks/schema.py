"""SCH: the list file's structure and the fields every item must fill."""

from __future__ import annotations

from .. import data
from ..findings import Finding, selects_any
from ..model import PowerList
from ..registry import Rule, all_rules, register
from ..analysis.titles import read_title


def absent_column(rule: Rule, plist: PowerList, field: str, label: str, consequence: str) -> list | None:
    """None when the published table had a column for `field` (check it item by item); otherwise
    the list-level findings: one when the list's kind should carry the field (as information when
    the kind is unknown), none when the kind leaves it out by design (a 行政执法事项清单 has no 责任事项)."""
    if plist.has_column(field):
        return None
    return missing_everywhere(rule, plist, field, label, consequence, "原表没有“{label}”列")


def missing_everywhere(rule: Rule, plist: PowerList, field: str, label: str, consequence: str,
                       what: str) -> list:
    """The list-level finding for a field missing from the whole list (see `absent_column`)."""
    carried = plist.carries(field)
    if carried is False:
        return []
    what = what.format(label=label, count=len(plist.items))
    if carried:
        message = f"{what}：{consequence}，{plist.kind}应为每个事项写明{label}；请核对原表，补上这一列"
        severity = None
    else:
        message = (f"{what}：清单标题没有写明清单种类（权责清单、权力清单、行政执法事项清单……），无法判断是否应有这一列；"
                   f"若为权责清单，应为每个事项写明{label}（{consequence}）；请核对原表，或在 meta.kind 中写明清单种类")
        severity = data.load("list_kinds.yaml")["unknown_severity"]
    where = "meta.columns" if "columns" in plist.meta_positions else "meta.kind" if "kind" in plist.meta_positions \
        else "meta.title"
    return [rule.finding(plist, message, field=where, severity=severity, evidence=f"{field}:{plist.kind or ''}")]


@register
class SchemaViolation(Rule):
    code = "SCH001"
    name = "schema-violation"
    category = "schema"
    severity = "error"
    summary = "清单文件不符合格式（类型错误、未知字段、重复字段）"
    what = "按清单格式的 JSON Schema（powerlint schema 可打印）检查每个字段的类型和名称，并检查重复的字段。"
    why = "格式不对的字段其他规则读不到，等于没有检查；未知字段多半是拼错的字段名，内容会被忽略。"
    example = ("示例清单.yaml:26:5: SCH001 [错误] 第 2 个事项（序号 2）：未知字"
               "段「bodyy」（不认识的原表列请放入 extra）")

    def check(self, plist: PowerList):
        """The problems the loader found (validation needs the raw document), at their YAML nodes."""
        for p in plist.problems:
            yield Finding(self.code, self.category, self.severity, p.message, plist.path, p.line, p.column,
                          field=".".join(map(str, p.path)) or None, evidence=p.evidence)


class _RequiredField(Rule):
    """An item field that must not be empty or absent; a column the published table never had is
    reported once for the list, and only when the list's kind carries it (see `absent_column`)."""

    field_name: str
    label: str
    category = "schema"

    def check(self, plist: PowerList):
        if plist.carries(self.field_name) is False:
            return  # the list's kind leaves the field out by design (a 首违免罚事项清单 has no 权力类型), whoever wrote it
        if self.field_name == "body" and plist.items and all(map(plist.inherited_body, plist.items)):
            return  # a single-department list without bodies (or without the column): the department is the body
        absent = absent_column(self, plist, self.field_name, self.label, self.why_short)
        if absent is not None:
            yield from absent
            return
        for item in plist.items:
            present = item.basis if self.field_name == "basis" else item.get(self.field_name)
            if present and any(v for v in (present if isinstance(present, list) else [present])):
                continue
            if self.field_name == "body" and plist.inherited_body(item) is not None:
                continue  # a single-department list: the blank body is the department (see PowerList.inherited_body)
            value = item.get(self.field_name) if self.field_name != "basis" else None
            yield self.finding(
                plist, f"{self.label}为空：{self.why_short}；请按原始文件补填{self.label}",
                item=item, value=value, field=self.field_name,
                evidence=f"{self.field_name}:{item.name[:40]}",
            )


@register
class NameMissing(_RequiredField):
    code = "SCH002"
    name = "name-missing"
    severity = "error"
    field_name, label = "name", "事项名称"
    why_short = "没有名称的事项无法识别和公开"
    summary = "事项名称为空"
    what = "每个事项都必须有事项名称（事项名称/职权名称/权力项目名称）。"
    why = "名称是事项的身份：群众据此查找事项，编码、依据和责任都挂在名称下。"
    example = ("示例清单.yaml:27:12: SCH002 [错误] 事项名称为空：没有名称的事项无法"
               "识别和公开；请按原始文件补填事项名称 (序号 2)")


@register
class PowerTypeMissing(_RequiredField):
    code = "SCH003"
    name = "power-type-missing"
    severity = "warning"
    field_name, label = "power_type", "权力类型"
    why_short = "权力类型决定应有的责任环节和编码"
    summary = "权力类型为空"
    what = ("每个事项都应写明权力类型（行政处罚、行政给付……）；清单种类按设计不带权力类型的（首违免罚、不予处罚等事项清单，"
            "见 rules/list_kinds.yaml 的 carries）不报告。")
    why = "权力类型决定该事项应具备的责任事项环节和权力编码中的类型段；缺了它，无法按标准核对。"
    example = ("示例清单.yaml:28:18: SCH003 [警告] 权力类型为空：权力类型决定应"
               "有的责任环节和编码；请按原始文件补填权力类型 (序号 2)")


@register
class BodyMissing(_RequiredField):
    code = "SCH004"
    name = "body-missing"
    severity = "warning"
    field_name, label = "body", "行使主体"
    why_short = "没有行使主体就无法确定谁承担责任"
    summary = "行使主体为空"
    what = ("每个事项都应写明行使主体（实施主体/责任主体）。单一部门的清单（标题写明部门）留空的行使主体视为该部门，"
            "不报告；清单在其他事项中写了本部门名称时，留空视为漏填。")
    why = "行使主体是承担法律责任的机关；空着的事项无法追责，也无法核对是否超越本部门职权。"
    example = ("示例清单.yaml:29:12: SCH004 [警告] 行使主体为空：没有行使主体就"
               "无法确定谁承担责任；请按原始文件补填行使主体 (序号 2)")


@register
class BasisMissing(_RequiredField):
    code = "SCH005"
    name = "basis-missing"
    severity = "error"
    field_name, label = "basis", "实施依据"
    why_short = "没有法定依据的权力不得行使（职权法定）"
    summary = "实施依据为空"
    what = "每个事项都必须有设定依据或实施依据。"
    why = "行政机关行使职权必须有法律依据；清单中没有依据的事项，要么依据漏填，要么事项本不应列入。"
    example = ("示例清单.yaml:30:5: SCH005 [错误] 实施依据为空：没有法定依据的权力不"
               "得行使（职权法定）；请按原始文件补填实施依据 (序号 2)")


@register
class MetaMissing(Rule):
    code = "SCH006"
    name = "meta-missing"
    category = "schema"
    severity = "warning"
    summary = "清单信息（部门、行政区、层级）缺失"
    what = ("清单的 meta 应写明部门全称、所属行政区和层级（省级/市级/县级）；缺省时由标题读出。标题只写部门、"
            "没有地名时（区人力资源和社会保障局……）只作提示。")
    why = "辖区一致性、编码和“全市/全县”等检查都以清单自身的部门和行政区为准；缺了就无从核对。"
    example = ("示例清单.yaml:1:1: SCH006 [警告] 清单信息缺少 部门（meta.d"
               "epartment）：辖区与层级相关的检查无法进行；请补填")
    labels = {"department": "部门（meta.department）", "level": "层级（meta.level）"}

    def check(self, plist: PowerList):
        title = read_title(plist.title)
        known = {"department": plist.department, "level": plist.level or title.level}
        missing = [label for key, label in self.labels.items() if not known[key]]
        if not any(plist.region.values()) and not any(title.region.values()):
            missing.append("行政区（meta.region）")
        if not missing:
            return
        # a title naming its department but no place (区人力资源和社会保障局…) says all the list says:
        # the region is not a defect of the list, only a check the tool cannot make
        unnamed = plist.department and set(missing) <= {"行政区（meta.region）", self.labels["level"]}
        message = f"清单信息缺少 {'、'.join(missing)}：辖区与层级相关的检查无法进行；请补填"
        if unnamed:
            message = (f"清单标题没有写地名，{'、'.join(missing)}无法确定：辖区与层级相关的检查（JUR001、JUR002）不会进行；"
                       "如需检查，请在 meta.region、meta.level 中补填")
        yield self.finding(plist, message, field="meta", evidence="、".join(missing),
                           severity="info" if unnamed else None)


@register
class UnknownSuppression(Rule):
    code = "SCH007"
    name = "unknown-suppression"
    category = "schema"
    severity = "warning"
    summary = "lint-ignore 中的规则代码不存在，或没有写理由"
    what = "检查事项的 lint-ignore：每个代码都应是存在的规则代码或前缀，并写明理由（reason）。"
    why = "拼错的代码什么也不忽略，却让人以为问题已被审阅；不写理由的忽略明年没人知道为什么。"
    example = ("示例清单.yaml:43:18: SCH007 [警告] lint-ignore 中的"
               "代码 CIT999 不存在：它不会忽略任何问题；请改为 powerlint rules 列出的代"
               "码 (序号 2)")

    def check(self, plist: PowerList):
        if not any(item.ignores for item in plist.items):
            return  # nearly every list: no rule lookup (all_rules walks the rule package)
        codes = all_rules()
        for item in plist.items:
            for entry_codes, first, reason in item.ignores:
                for code in entry_codes:
                    if not selects_any(code, codes) or not code:
                        yield self.finding(plist, f"lint-ignore 中的代码 {code} 不存在：它不会忽略任何问题；请改为 powerlint rules 列出的代码",
                                           item=item, value=first, field="lint-ignore", evidence=code)
                if reason is None:
                    yield self.finding(plist, "lint-ignore 没有写理由（reason）：请说明为何忽略，便于年度复核",
                                       item=item, value=first, field="lint-ignore", evidence="no-reason")


@register
class KeptColumns(Rule):
    code = "SCH008"
    name = "kept-columns"
    category = "schema"
    severity = "info"
    summary = "原表中本格式没有对应字段的列（原样保留在 extra 中）"
    what = ("列出事项 extra 中的原表列（powerlint import 认不出或按设计不对应字段的列，如检查方式、检查对象、首违免罚的情形），"
            "每份清单报告一次。")
    why = ("这些列的文字照常按文字规则和依据规则核对（错字、乱码、括号、所引条文），但不做按字段的核对（行使主体、权力类型、"
           "责任环节）；某列若其实是本格式的字段而被放进了 extra，这些核对就落空了。")
    example = ("示例清单.yaml:10:3: SCH008 [提示] 原表有 2 列不是本格式的字段，已原样保留在 extra 中：「检查方式」「检查对象」；"
               "这些列的文字照常核对错字、乱码、括号和所引条文，但不做按字段的核对；如某列其实是本格式的字段（如行使主体），"
               "请重新用 powerlint import 导入并指定该列对应的字段")

    def check(self, plist: PowerList):
        kept = list(dict.fromkeys(key for item in plist.items for key in item.extra))
        if not kept:
            return
        message = (f"原表有 {len(kept)} 列不是本格式的字段，已原样保留在 extra 中：{''.join(f'「{k}」' for k in kept)}；"
                   "这些列的文字照常核对错字、乱码、括号和所引条文，但不做按字段的核对；如某列其实是本格式的字段（如行使主体），"
                   "请重新用 powerlint import 导入并指定该列对应的字段")
        where = "meta.columns" if "columns" in plist.meta_positions else "meta"
        yield self.finding(plist, message, field=where, evidence="、".join(kept))
