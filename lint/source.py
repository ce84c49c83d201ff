"""Reading list files as text: size limits, encodings, binary junk, with clear Chinese messages."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

MAX_BYTES = 200 * 1024 * 1024  # the default of the max-file-size setting (lint.config.DEFAULT_MAX_FILE_SIZE)


class ConfigError(Exception):
    """A configuration problem (exit code 2)."""


class InputError(Exception):
    """An input the tool cannot use: the message names the problem in Chinese; exit code 2."""

    def __init__(self, path: str, message: str, line: int | None = None):
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


_OS_REASONS = {
    errno.ENOENT: "文件不存在", errno.EACCES: "没有权限", errno.EPERM: "没有权限", errno.EISDIR: "这是一个目录",
    errno.ENOTDIR: "路径中有一项不是目录", errno.ENOSPC: "磁盘已满", errno.EROFS: "文件系统只读",
    errno.EIO: "读写出错（磁盘或网络盘故障）", errno.ENAMETOOLONG: "文件名过长", errno.ELOOP: "符号链接循环",
}


def os_reason(exc: OSError) -> str:
    """The operating system's reason in Chinese (its own strerror is English)."""
    return _OS_REASONS.get(exc.errno, f"系统错误（错误号 {exc.errno}）" if exc.errno else "系统错误")


def read_text(path: str | os.PathLike, max_bytes: int = MAX_BYTES) -> tuple[str, str]:
    """The file's text and its encoding (utf-8, utf-8-sig, utf-16 or gb18030)."""
    return decode(str(path), read_bytes(path, max_bytes))


def read_bytes(path: str | os.PathLike, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; InputError saying why otherwise."""
    name = str(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):  # a FIFO, socket or device would block or never end
            raise InputError(name, "不是普通文件（管道、设备或套接字），已跳过")
        size = info.st_size
        if size > max_bytes:
            raise too_large(name, size, max_bytes)
        data = Path(path).read_bytes()
    except InputError:
        raise
    except IsADirectoryError:
        raise InputError(name, "这是一个目录，不是清单文件") from None
    except FileNotFoundError:
        raise InputError(name, "文件不存在") from None
    except PermissionError:
        raise InputError(name, "没有读取权限") from None
    except OSError as exc:
        raise InputError(name, f"无法读取文件：{os_reason(exc)}") from None
    return data


def too_large(name: str, size: int, limit: int, what: str = "文件") -> InputError:
    """The refusal of a file over the max-file-size limit (`what`: 文件, or 文件解压后 for a zip container)."""
    return InputError(name, f"{what}过大（{_mb(size)}，上限 {_mb(limit)}），未读取：确属清单时请用配置项 max-file-size 或 "
                            f"--max-file-size 调高上限")


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB" if size >= 1024 * 1024 else f"{size} 字节"


def decode(name: str, data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (BOM accepted), UTF-16 with BOM, or GB18030; refuse binary."""
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = _strict(name, data[3:], "utf-8"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = _strict(name, data, "utf-16"), "utf-16"
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            if b"\x00" in data:
                raise InputError(name, "这是二进制文件，不是文本格式的清单") from None
            try:
                text, encoding = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError:
                raise InputError(name, "无法识别文件编码：应为 UTF-8（也接受 GB18030/GBK 和带 BOM 的 UTF-16）") from None
    if _looks_binary(text):
        raise InputError(name, "这是二进制文件，不是文本格式的清单")
    return text, encoding


def _strict(name: str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(name, f"文件声明为 {encoding} 编码，但内容无法按此解码") from None


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    controls = len(_CONTROLS.findall(sample))  # counted in C: a Python loop took 0.4 ms a file
    return "\x00" in sample or controls > len(sample) // 20


_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")  # below 32, but \t \n \v \f \r


def encode(text: str, encoding: str) -> bytes:
    """Encode text back as it was read (so --fix keeps a GB18030 file GB18030)."""
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    return text.encode(encoding)
