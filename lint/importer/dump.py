"""The list file as YAML text: never wrapped, multi-line text as literal blocks, 序号 and codes quoted."""

from __future__ import annotations

import yaml

from .fields import Cells, Quoted


class Flow(list):
    """A short list written on one line (`columns: [number, name]`)."""


class _Dumper(yaml.SafeDumper):
    """Indents sequences under their key (`items:` then `  - number: …`)."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _quoted(dumper: yaml.SafeDumper, value: Quoted) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="'")


def _flow(dumper: yaml.SafeDumper, value: Flow) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(value), flow_style=True)


def _cells(dumper: yaml.SafeDumper, value: Cells) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", dict(value), flow_style=True)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(Cells, _cells)
_Dumper.add_representer(Flow, _flow)
_Dumper.add_representer(Quoted, _quoted)


def dump(document: dict, file: str) -> str:
    """The YAML text of a list document, with a comment naming its source."""
    head = f"# 由 powerlint import 从 {file} 导入；原文缺陷（错字、空格、缺号）均照录，由 powerlint check 报告。\n"
    body = yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=float("inf"), default_flow_style=False)
    return head + body
