"""PyYAML/libyaml refusals → Chinese messages naming the cause; no library English reaches a user.

The patterns match the `problem` text of both the C (libyaml) and the pure-Python parser
(their wordings differ slightly: `mapping values are not allowed in this context` / `… here`).
A problem no pattern knows still gets a Chinese message (the generic syntax error), never the
library's English.
"""

from __future__ import annotations

import re

import yaml

TOO_DEEP = "YAML 嵌套过深，不是正常的清单（清单格式只需 5 层），拒绝处理"
SYNTAX = "YAML 语法错误"

# (pattern of the parser's problem text, what it means for a person editing the list)
_PROBLEMS = [
    (r"maximum nesting depth|too deep", None),  # handled as TOO_DEEP
    (r"did not find expected ',' or '\]'|expected ',' or '\]'",
     "方括号列表 [ … ] 缺少逗号或右方括号「]」"),
    (r"did not find expected ',' or '\}'|expected ',' or '\}'",
     "花括号映射 { … } 缺少逗号或右花括号「}」"),
    (r"mapping values are not allowed",
     "此处不能出现「: 」（冒号加空格）：文字中含冒号时请给整段文字加引号，或检查上一行的缩进"),
    (r"found character .*that cannot start any token|found a tab character",
     "出现了不能开始一个值的字符（常见原因：用制表符缩进，或值以 @、` 开头）：缩进请用空格，特殊字符开头的文字请加引号"),
    (r"found unexpected end of stream",
     "文件在引号或括号闭合之前就结束了：请检查引号、括号是否成对"),
    (r"unknown escape character",
     "双引号中的反斜杠转义无效：请把「\\」写成「\\\\」，或改用单引号"),
    (r"undefined alias",
     "使用了未定义的别名（*名称）：清单中不应使用锚点和别名"),
    (r"another document|single document",
     "文件中有多个 YAML 文档（以 --- 分隔）：一个文件只能有一张清单"),
    (r"did not find expected key|expected <block end>",
     "缩进不一致或缺少「键: 值」：同一层的字段应对齐，列表项以「- 」开头"),
    (r"did not find expected '-' indicator",
     "列表项缩进不一致：同一列表的各项「- 」应对齐"),
    (r"could not find expected ':'|expected ':'",
     "缺少冒号「:」：字段应写成「键: 值」，跨行的文字请加引号或用「|」"),
    (r"did not find expected node content|expected the node content",
     "此处缺少内容：检查是否多了逗号、短横线或冒号"),
    (r"block sequence entries are not allowed",
     "此处不能开始列表项「- 」：请检查缩进，或给以短横线开头的文字加引号"),
    (r"did not find expected comment or line break|expected a comment or a line break",
     "引号结束后同一行还有多余的文字：请把整段文字放进引号里"),
    (r"did not find expected alphabetic or numeric character|expected alphabetic or numeric character",
     "锚点（&）、别名（*）或标签（!）后的名称无效：文字以这些符号开头时请加引号"),
    (r"found duplicate anchor|found undefined tag handle|tag",
     "锚点或标签（& 或 !）用法错误：清单中不应使用它们，以此开头的文字请加引号"),
    (r"directive",
     "以 % 开头的 YAML 指令无效：以 % 开头的文字请加引号"),
    (r"control characters are not allowed|special characters are not allowed",
     "含有 YAML 不允许的控制字符，请删除"),
]
_COMPILED = [(re.compile(pattern), text) for pattern, text in _PROBLEMS]


def describe(exc: yaml.YAMLError) -> tuple[str, int | None]:
    """(Chinese message, 1-based line or None) for a parser's refusal."""
    problem = str(getattr(exc, "problem", None) or "")
    context = str(getattr(exc, "context", None) or "")
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    if too_deep(exc):
        return TOO_DEEP, line
    for pattern, text in _COMPILED:
        if text is not None and (pattern.search(problem) or (not problem and pattern.search(context))):
            return f"{SYNTAX}：{text}", line
    return f"{SYNTAX}：此处的写法不符合 YAML 语法，请对照上下文检查缩进、引号、括号和冒号", line


def too_deep(exc: BaseException) -> bool:
    """Whether the parser refused the file for its nesting depth (PyYAML ≥ 6.0.4 does so itself)."""
    text = f"{getattr(exc, 'problem', '') or ''} {getattr(exc, 'context', '') or ''}"
    return bool(_COMPILED[0][0].search(text))
