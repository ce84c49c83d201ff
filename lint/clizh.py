"""Click in Chinese: usage errors and help headings say what is wrong in Chinese, never click's English.

Click renders its messages through `gettext` with no Chinese catalogue, so its English would reach
the user (`Error: Missing argument 'ARTICLE'.`). The error objects carry what went wrong (the
parameter, the unknown option, the choices), and the messages are built here from those
attributes; a message of ours (Chinese already) is shown as written.
"""

from __future__ import annotations

import re
import sys

import click

_CJK = re.compile(r"[\u4e00-\u9fff]")
_EXTRA = re.compile(r"unexpected extra arguments? \((.*)\)", re.S)
_COMMAND = re.compile(r"No such command '(.*)'")


def _hint(param: click.Parameter | None, fallback=None) -> str:
    if param is None:
        if isinstance(fallback, (list, tuple)):
            return " / ".join(fallback)
        return str(fallback or "")
    if isinstance(param, click.Option):
        return " / ".join(param.opts)
    return param.human_readable_name


def _expected(param: click.Parameter | None) -> str:
    """What the parameter accepts, in Chinese."""
    kind = getattr(param, "type", None)
    if isinstance(kind, click.Choice):
        return "应为 " + "、".join(map(str, kind.choices)) + " 之一"
    if isinstance(kind, click.IntRange):
        low, high = kind.min, kind.max
        return f"应为 {low if low is not None else ''}～{high if high is not None else ''} 之间的整数"
    if kind is click.INT or isinstance(kind, type(click.INT)):
        return "应为整数"
    return "请检查写法"


def message(exc: click.ClickException) -> str:
    """The Chinese message for a click error."""
    text = exc.message or ""
    if isinstance(exc, click.FileError):
        return f"无法打开文件 {exc.ui_filename}"
    if _CJK.search(text) and not isinstance(exc, (click.MissingParameter, click.NoSuchOption)):
        return text
    if isinstance(exc, click.MissingParameter):
        kind = {"option": "选项", "argument": "参数"}.get(exc.param_type or getattr(exc.param, "param_type_name", ""), "参数")
        return f"缺少{kind} {_hint(exc.param, exc.param_hint)}"
    if isinstance(exc, click.BadParameter):
        return f"{_hint(exc.param, exc.param_hint)} 的值无效：{_expected(exc.param)}"
    if isinstance(exc, click.NoSuchOption):
        close = f"；是不是要用 {'、'.join(exc.possibilities)}？" if exc.possibilities else ""
        return f"没有选项 {exc.option_name}{close}"
    if isinstance(exc, click.BadOptionUsage):
        return f"选项 {exc.option_name} 用法有误（是否缺少它的值？）"
    name = getattr(exc, "command_name", None) or (m.group(1) if (m := _COMMAND.search(text)) else None)
    if name is not None:
        return f"没有命令 {name}"
    if m := _EXTRA.search(text):
        return f"多余的参数：{m.group(1)}"
    return "命令行用法有误"


def show(exc: click.ClickException) -> None:
    """Print the error as click would, in Chinese, with the usage line and where to find help."""
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.UsageError) and ctx is not None:
        if type(exc).__name__ == "NoArgsIsHelpError":  # click ≥ 8.2: a bare group prints its help
            click.echo(ctx.get_help(), err=True)
            return
        click.echo(ctx.get_usage(), err=True)
        click.echo(f"运行 {ctx.command_path} --help 查看说明。", err=True)
    click.echo(f"错误：{message(exc)}", err=True)


class ZhFormatter(click.HelpFormatter):
    """Help pages with Chinese headings."""

    HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args.replace("[OPTIONS]", "[选项]").replace("COMMAND [ARGS]...", "命令 [参数]..."),
                            "用法：" if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(self.HEADINGS.get(heading, heading))


class ZhContext(click.Context):
    formatter_class = ZhFormatter


class ZhCommand(click.Command):
    """A command whose help option and help pages are Chinese."""

    context_class = ZhContext

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "显示本帮助并退出"
        return option

    def collect_usage_pieces(self, ctx):
        return [p.replace("[OPTIONS]", "[选项]") for p in super().collect_usage_pieces(ctx)]


class ZhGroup(ZhCommand, click.Group):
    """A group of Chinese commands; as the top-level command it turns click's errors into Chinese."""

    command_class = ZhCommand

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.ClickException as exc:
            show(exc)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("已中止。", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


ZhGroup.group_class = ZhGroup
