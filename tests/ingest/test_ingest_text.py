"""Decoding, sanity checks and normalisation of input text."""

from __future__ import annotations

import io

import pytest

from newsledger.errors import InputError
from newsledger.ingest.text import (
    MB,
    decode_bytes,
    identity_text,
    normalise_text,
    read_file_bytes,
    read_stream_bytes,
)


def test_utf8_with_and_without_bom_decode_to_the_same_text() -> None:
    body = "Talks in Zürich ended without a deal, the envoy said."
    assert decode_bytes(body.encode("utf-8"), "a") == body
    assert decode_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"), "a") == body
    assert decode_bytes(body.encode("utf-16"), "a") == body  # BOM-marked UTF-16


def test_windows_1252_is_the_fallback_for_clean_legacy_text() -> None:
    data = "The minister\u2019s aide said \u201cno comment\u201d.".encode("cp1252")
    assert decode_bytes(data, "old.txt") == "The minister\u2019s aide said \u201cno comment\u201d."


def test_declared_charset_wins_over_utf8_guess() -> None:
    data = "Gda\u0144sk port reopened.".encode("iso-8859-2")
    assert decode_bytes(data, "page", declared="ISO-8859-2") == "Gda\u0144sk port reopened."


def test_undecodable_bytes_are_refused_with_reason() -> None:
    with pytest.raises(InputError) as err:
        decode_bytes(b"The talks \x81 would resume \x9d next week.", "bad.txt")
    assert err.value.origin == "bad.txt"
    assert err.value.reason.startswith("not valid text (")
    assert "0x81" in err.value.reason


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), bytes(range(1, 32)) * 40],
    ids=["nul-bytes", "control-bytes"],
)
def test_binary_data_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="binary file, not text"):
        decode_bytes(data, "x.txt")


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "])
def test_empty_and_blank_inputs_are_refused(data: bytes) -> None:
    with pytest.raises(InputError) as err:
        decode_bytes(data, "blank.txt")
    assert err.value.reason == "empty"


def test_normalise_text_changes_only_what_it_promises() -> None:
    raw = "Zu\u0308rich  talks\r\nended.   \r\r\n\n\n\n\nNext\tparagraph \u2028here."
    assert normalise_text(raw) == "Zürich  talks\nended.\n\n\nNext\tparagraph\nhere."


def test_normalise_text_keeps_one_or_two_blank_lines() -> None:
    assert normalise_text("a\n\nb\n\n\nc") == "a\n\nb\n\n\nc"


def test_normalise_text_is_idempotent() -> None:
    raw = "One.  \r\n\r\n\r\n\r\n\r\nTwo \u00e9\u0301.\n"
    once = normalise_text(raw)
    assert normalise_text(once) == once


def test_identity_text_ignores_case_and_layout_only() -> None:
    assert identity_text("Port  STRIKE\nends.") == identity_text("port strike ends.")
    assert identity_text("Port strike ends.") != identity_text("Port strike begins.")


def test_oversized_file_is_refused_without_reading_it(tmp_path) -> None:
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * MB)  # sparse: costs no disk
    with pytest.raises(InputError) as err:
        read_file_bytes(big, str(big))
    assert err.value.reason == "too large (50.0 MB > 20 MB limit)"


def test_stream_cap_is_enforced_while_reading() -> None:
    with pytest.raises(InputError) as err:
        read_stream_bytes(io.BytesIO(b"x" * (3 * MB)), "-", limit=MB)
    assert (err.value.origin, err.value.reason) == ("-", "too large (over the 1 MB limit)")
    assert read_stream_bytes(io.BytesIO(b"x" * MB), "-", limit=MB) == b"x" * MB
