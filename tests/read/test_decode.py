"""Decoding and input checks shared by every reader: each bad input gets its own typed error."""

from __future__ import annotations

import codecs

import pytest

from newsaudit.errors import BinaryInputError, EmptyInputError, EncodingError, InputTooLargeError
from newsaudit.read import decode, read

# Long enough for the encoding detector to recognise English in cp1252 (curly quotes, é).
CP1252_PARAGRAPH = (
    "The café owner said “we will reopen next week”, and the mayor’s office confirmed the date. "  # noqa: RUF001
    "Residents welcomed the news after a long winter of closures on the high street."
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # UTF-8 is the common case, and its BOM is not text.
        pytest.param("Grüße aus Köln".encode(), "Grüße aus Köln", id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + b"Hello", "Hello", id="utf-8-bom"),
        # UTF-16 is full of NUL bytes, but its BOM says it is text.
        pytest.param("Grüße\r\naus Köln".encode("utf-16"), "Grüße\naus Köln", id="utf-16-bom"),
        # CRLF and lone CR both become LF.
        pytest.param(b"one\r\ntwo\rthree\n", "one\ntwo\nthree\n", id="line-endings"),
        # Not UTF-8: the detector recognises cp1252 from a real paragraph.
        pytest.param(CP1252_PARAGRAPH.encode("cp1252"), CP1252_PARAGRAPH, id="cp1252-sniffed"),
        # str is already text: only newlines change.
        pytest.param("\ufeffone\r\ntwo", "one\ntwo", id="str"),
    ],
)
def test_decode(data, expected):
    assert decode(data) == expected


@pytest.mark.parametrize(
    ("data", "error"),
    [
        pytest.param(b"", EmptyInputError, id="empty-bytes"),
        pytest.param("", EmptyInputError, id="empty-str"),
        pytest.param(b" \r\n\t \n", EmptyInputError, id="whitespace-bytes"),
        # A non-breaking space is whitespace too.
        pytest.param("  \n\u00a0\t", EmptyInputError, id="whitespace-str"),
        # A PNG header: NUL bytes mean a binary file.
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInputError, id="nul-bytes"),
        # No NUL, but mostly control characters.
        pytest.param(bytes(range(1, 9)) * 10 + b"some text", BinaryInputError, id="control-chars"),
        # Invalid UTF-8 that no encoding explains with confidence.
        pytest.param(bytes(range(0x80, 0x100)), EncodingError, id="undecodable"),
        # Too short for the detector to be sure it is cp1252: refused rather than guessed.
        pytest.param("Café “ok”".encode("cp1252"), EncodingError, id="short-cp1252"),
    ],
)
def test_bad_input(data, error):
    with pytest.raises(error):
        decode(data)


def test_error_codes_in_message():
    with pytest.raises(EmptyInputError) as info:
        read(b"   ")
    assert str(info.value).startswith("[E011] ")


def test_size_limit_names_size_and_limit():
    with pytest.raises(InputTooLargeError) as info:
        decode(b"x" * 11, max_bytes=10)
    assert info.value.message == (
        "the input is 11 bytes, over the limit of 10 bytes; pass a larger max_bytes to read it"
    )


def test_size_limit_counts_utf8_bytes_of_str():
    # Six characters but twelve bytes in UTF-8.
    with pytest.raises(InputTooLargeError):
        decode("éééééé", max_bytes=10)
    assert decode("éééee", max_bytes=10) == "éééee"


def test_size_limit_applies_to_every_reader():
    with pytest.raises(InputTooLargeError):
        read('{"text": "a long enough body"}', max_bytes=10)
