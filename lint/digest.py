"""BLAKE2b without OpenSSL, for the keys of the findings cache.

`import hashlib` imports `_hashlib`, which loads libcrypto: 3–5 ms of every pre-commit run that uses the cache
(`python -X importtime`, and 0.15–0.6 ms for `_blake2`, in fresh processes). BLAKE2b is CPython's own C code,
the module `hashlib.blake2b` comes from in every build: the same digests, a cryptographic hash (no accidental
collisions), and as fast as OpenSSL's SHA-256 on rules/charmodel.txt (0.4 ms).
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # an interpreter without CPython's module
    from hashlib import blake2b


def digest() -> blake2b:
    """A new 256-bit BLAKE2b hasher (hex digests of 64 characters, as SHA-256's)."""
    return blake2b(digest_size=32)


def hexdigest(data: bytes) -> str:
    """The 256-bit BLAKE2b digest of `data`, in hex."""
    return blake2b(data, digest_size=32).hexdigest()


def text_digest(text: str) -> str:
    """The digest of a text as UTF-8 (lone surrogates of an undecodable file kept)."""
    return hexdigest(text.encode("utf-8", "surrogatepass"))
