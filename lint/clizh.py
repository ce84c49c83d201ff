"""Click in Chinese: usage errors and help headings say what is wrong in Chinese, never click's English.

Click renders its messages through `gettext` with no Chinese catalogue, so its English would reach
the user (`Error: Missing argument 'ARTICLE'.`). The error objects carry what went wrong (the
parameter, the unknown option, the choices), and the messages are built here from those
attributes; a message of ours (Chinese already) is shown as written.
"""

from __future__ import annotations

import re
import os
import sys
import unicodedata

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
    if isinstance(exc, click.BadParameter) and isinstance(getattr(exc.param, "type", None), click.Path):
        quoted = re.search(r"'(.*)'", text)  # the path the user typed, inside click's English sentence
        where = f"（{quoted.group(1)}）" if quoted else ""
        return f"{_hint(exc.param, exc.param_hint)} 的路径{where}不存在或无法读取"
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


def _width(text: str) -> int:
    """Columns a text takes in a terminal (a Chinese character takes two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_CLOSING = set("，。；：、）」》！？”")  # never at the start of a line (Chinese line-breaking rules)


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` columns, breaking between Chinese characters or between words."""
    lines, line, used = [], "", 0
    for token in re.findall(r"[^\s\u2e80-\uffef]+|\s+|.", " ".join(text.split())):
        size = _width(token)
        if used + size > width and line.strip() and token not in _CLOSING:
            lines.append(line.rstrip())
            line, used = "", 0
            if token.isspace():
                continue
        line, used = line + token, used + size
    return [*lines, line.rstrip()] if line.strip() else lines


class ZhFormatter(click.HelpFormatter):
    """Help pages with Chinese headings, aligned by display width (click counts a Chinese character as one column)."""

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_width = min(max((_width(first) for first, _ in rows), default=0), col_max)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if _width(first) <= first_width:
                self.write(" " * (first_width - _width(first) + col_spacing))
            else:
                self.write("\n" + " " * (first_width + col_spacing + self.current_indent))
            text_width = max(self.width - first_width - col_spacing - self.current_indent, 20) // 2 * 2
            lines = _wrap(second, text_width) or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_width + col_spacing + self.current_indent}}{line}\n")

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

    METAVARS = ((" INTEGER RANGE", " 整数"), (" INTEGER", " 整数"), (" TEXT", " 文本"), (" PATH", " 路径"),
                (" FILE", " 文件"))

    def format_options(self, ctx, formatter) -> None:
        """The options with Chinese type names and notes ([默认：…], [必填]) instead of click's English."""
        rows = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx) if isinstance(param, click.Option) else None
            if record is not None:
                names, text = record
                for english, chinese in self.METAVARS:
                    names = names.replace(english, chinese)
                rows.append((names, text.replace("[default: ", "[默认：").replace("[required]", "[必填]")
                             .replace("; required]", "；必填]")))
        if rows:
            with formatter.section("选项"):
                formatter.write_dl(rows)

    def collect_usage_pieces(self, ctx):
        return [p.replace("[OPTIONS]", "[选项]") for p in super().collect_usage_pieces(ctx)]


INTERRUPTED = 130  # exit code of a run stopped by Ctrl-C (128 + SIGINT), as shells and CI runners read it


class ZhGroup(ZhCommand, click.Group):
    """A group of Chinese commands; as the top-level command it turns click's errors into Chinese."""

    command_class = ZhCommand

    def format_options(self, ctx, formatter) -> None:
        ZhCommand.format_options(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.ClickException as exc:
            show(exc)
            sys.exit(exc.exit_code)
        except click.Abort as exc:
            if isinstance(exc.__context__, KeyboardInterrupt):  # Ctrl-C: the shell's convention, 128 + SIGINT
                click.echo("已中断（Ctrl-C）：未写完的文件保持原样。", err=True)
                _exit_at_once(INTERRUPTED)
            click.echo("已中止。", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


ZhGroup.group_class = ZhGroup


def _exit_at_once(code: int) -> None:
    """End the process now, its output flushed, without exit handlers: after an interrupted --jobs run, Python
    3.10's process-pool exit handler writes to a pipe the stopped pool has closed and prints a traceback
    (3.11 checks for that). Files are written atomically, so nothing half-written is left either way."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
