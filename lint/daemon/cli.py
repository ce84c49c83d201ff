"""`powerlint daemon status|stop`: the resident process of `check --daemon`."""

from __future__ import annotations

import datetime as dt
import sys

import click

from ..clizh import ZhGroup
from . import IDLE, client


@click.group("daemon", cls=ZhGroup)
def daemon() -> None:
    """常驻进程（check --daemon 使用）：查看状态或停止。"""


def _ask(kind: str) -> bytes | None:
    """The server's one-line answer to `kind`, or None when no server of this installation answers."""
    path = client.address() if client.supported() else None
    conn = client.connect(path) if path else None
    if conn is None:
        return None
    with conn:
        client.send(conn, kind)
        answer = client.Answer(conn).line()
    return None if answer in (None, client.DECLINED) else answer


@daemon.command("status")
def status() -> None:
    """显示本安装的常驻进程是否在运行（没有时退出码为 1）。"""
    answer = _ask("status")
    if answer is None:
        click.echo("没有运行中的常驻进程（check --daemon 首次运行时会在后台启动）。")
        sys.exit(1)
    pid, served, started = answer[1:].decode().split()
    since = dt.datetime.fromtimestamp(int(started)).strftime("%Y-%m-%d %H:%M")
    click.echo(f"常驻进程运行中：进程号 {pid}，{since} 启动，已处理 {served} 次检查；"
               f"闲置 {IDLE // 60} 分钟后自动退出。")


@daemon.command("stop")
def stop() -> None:
    """停止本安装的常驻进程（升级后它会自行退出，一般不必手动停止）。"""
    if _ask("stop") is None:
        click.echo("没有运行中的常驻进程。")
        return
    click.echo("常驻进程已停止。")
