"""Turn raw input into clean text, or fail with a typed error saying why.

Every reader goes through :func:`decode` first, so the checks (size, emptiness,
binary content, encoding) and the newline normalisation happen in one place.
"""

from __future__ import annotations

import codecs
import re

from newsaudit.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputTooLargeError,
)

DEFAULT_MAX_BYTES = 2_000_000
"""Largest input accepted by default: far above any news article, small enough to bound memory."""

# Share of control characters (other than \t \n \r \f) above which bytes are not text.
_MAX_CONTROL_SHARE = 0.10
# charset_normalizer guesses that we trust: little mess (chaos) and recognisable
# language (coherence). A short or random byte string gets a confident-looking
# encoding with coherence 0, so coherence is what filters the guesses.
_MAX_CHAOS = 0.1
_MIN_COHERENCE = 0.1

_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode(data: bytes | str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Check raw input and return it as text with ``\\n`` line endings.

    Parameters
    ----------
    data : bytes or str
        What the user gave us. ``bytes`` are decoded as UTF-8 (a BOM is dropped),
        UTF-16 when they start with its BOM, else as the encoding
        ``charset_normalizer`` recognises with confidence. ``str`` is already
        text and only gets the size and emptiness checks.
    max_bytes : int
        Largest accepted size in bytes (UTF-8 length for ``str``).

    Returns
    -------
    str
        The text, with CRLF and CR line endings turned into LF.

    Raises
    ------
    InputTooLargeError
        The input is larger than ``max_bytes``.
    EmptyInputError
        The input is empty or only whitespace.
    BinaryInputError
        The bytes hold NUL bytes or too many control characters to be text.
    EncodingError
        The bytes are neither UTF-8 nor an encoding we can recognise with confidence.

    Examples
    --------
    >>> decode(b"\\xef\\xbb\\xbfHello\\r\\nworld")
    'Hello\\nworld'
    """
    if isinstance(data, str):
        check_size(data, max_bytes)
        text = data.removeprefix("\ufeff")
    else:
        data = bytes(data)
        check_byte_size(len(data), max_bytes)
        text = _decode_bytes(data)
    if not text.strip():
        raise EmptyInputError("the input is empty or holds only whitespace")
    return normalize_newlines(text)


def check_size(text: str, max_bytes: int) -> None:
    """Raise :class:`InputTooLargeError` when ``text`` is over ``max_bytes`` in UTF-8.

    Parameters
    ----------
    text : str
        The text to measure.
    max_bytes : int
        Largest accepted UTF-8 length.
    """
    # A character takes 1 to 4 bytes in UTF-8: skip encoding when the answer is sure.
    if len(text) * 4 <= max_bytes:
        return
    check_byte_size(len(text.encode("utf-8", "surrogatepass")), max_bytes)


def normalize_newlines(text: str) -> str:
    """Return ``text`` with Windows (CRLF) and old Mac (CR) line endings turned into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_byte_size(size: int, max_bytes: int) -> None:
    """Raise :class:`InputTooLargeError` when ``size`` bytes is over ``max_bytes``.

    Parameters
    ----------
    size : int
        The input's size in bytes (a file's size, before reading it).
    max_bytes : int
        Largest accepted size.
    """
    if size > max_bytes:
        raise InputTooLargeError(
            f"the input is {size:,} bytes, over the limit of {max_bytes:,} bytes; pass a larger max_bytes to read it"
        )


def _decode_bytes(data: bytes) -> str:
    if not data.strip():
        raise EmptyInputError("the input is empty or holds only whitespace")
    # UTF-16 text is full of NUL bytes, so its BOM must be looked at before the binary check.
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise EncodingError(
                f"the input starts with a UTF-16 byte-order mark but is not UTF-16: {exc.reason}"
            ) from exc
    _check_not_binary(data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    return _guess_encoding(data, utf8_error)


def _check_not_binary(data: bytes) -> None:
    if b"\x00" in data:
        raise BinaryInputError("the input holds NUL bytes: it looks like a binary file, not text")
    controls = len(_CONTROL_BYTES.findall(data))
    if controls > _MAX_CONTROL_SHARE * len(data):
        raise BinaryInputError(
            f"{controls:,} of the input's {len(data):,} bytes are control characters: "
            f"it looks like a binary file, not text"
        )


def _guess_encoding(data: bytes, utf8_error: UnicodeDecodeError) -> str:
    # Imported here: most inputs are UTF-8 and never need the detector.
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is not None and best.chaos <= _MAX_CHAOS and best.coherence >= _MIN_COHERENCE:
        return str(best)
    raise EncodingError(
        f"the input is not UTF-8 (invalid byte at position {utf8_error.start}) and its "
        f"encoding could not be recognised with confidence; convert it to UTF-8"
    )
