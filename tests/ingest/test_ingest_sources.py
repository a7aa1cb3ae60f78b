"""Local sources: files of each kind, directories, JSON/JSONL, stdin, and bad inputs."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from newsledger.errors import InputError
from newsledger.ingest.sources import RawItem, iter_items

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


def collect(sources: list[str], **kwargs: object) -> tuple[list[RawItem], list[InputError]]:
    items: list[RawItem] = []
    errors: list[InputError] = []
    for result in iter_items(sources, **kwargs):  # type: ignore[arg-type]
        (errors if isinstance(result, InputError) else items).append(result)  # type: ignore[arg-type]
    return items, errors


def test_text_file_gives_one_text_item() -> None:
    path = str(FIXTURES / "port-strike.txt")
    items, errors = collect([path])
    assert errors == []
    assert [i.origin for i in items] == [path]
    assert items[0].text is not None and items[0].text.startswith("Dock workers at the port of Valmora")
    assert items[0].html is None


def test_html_file_gives_an_html_item() -> None:
    path = str(FIXTURES / "border-convoy.html")
    items, errors = collect([path])
    assert errors == []
    assert items[0].html is not None and "<article>" in items[0].html
    assert items[0].text is None


def test_jsonl_bad_line_is_reported_and_other_lines_are_kept() -> None:
    path = str(FIXTURES / "wire-briefs.jsonl")
    items, errors = collect([path])
    assert [i.origin for i in items] == [f"{path}:line 1", f"{path}:line 3"]
    assert items[0].outlet == "Eastline Wire" and items[0].published == "2023-03-16"
    assert items[0].url == "https://wire.example.org/ostravia-rates"
    assert items[1].html is not None and items[1].text is None
    assert [(e.origin, e.reason.split(" (")[0]) for e in errors] == [
        (f"{path}:line 2", "malformed JSON"),
        (f"{path}:line 4", "record has no 'text' or 'html'"),
    ]


def test_json_array_records_are_numbered() -> None:
    path = str(FIXTURES / "two-records.json")
    items, errors = collect([path])
    assert errors == []
    assert [i.origin for i in items] == [f"{path}:record 1", f"{path}:record 2"]
    assert items[0].published == "March 10, 2023"


def test_json_with_wrong_field_type_names_the_field(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text('{"text": "Storm closes airport.", "published": 20230310}', encoding="utf-8")
    _, errors = collect([str(path)])
    assert [(e.origin, e.reason) for e in errors] == [(str(path), "field 'published' must be a string, not int")]


def test_directory_is_walked_recursively_in_a_stable_order(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    shutil.copy(FIXTURES / "port-strike.txt", tmp_path / "b" / "deep" / "strike.txt")
    shutil.copy(FIXTURES / "border-convoy.html", tmp_path / "a.html")
    shutil.copy(FIXTURES / "port-strike.txt", tmp_path / ".hidden" / "skip.txt")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 not an article")
    (tmp_path / "empty.txt").write_bytes(b"")
    items, errors = collect([str(tmp_path)])
    assert [Path(i.origin).relative_to(tmp_path).as_posix() for i in items] == ["a.html", "b/deep/strike.txt"]
    assert [(Path(e.origin).name, e.reason) for e in errors] == [("empty.txt", "empty")]


def test_directory_without_articles_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    _, errors = collect([str(tmp_path)])
    assert len(errors) == 1 and errors[0].origin == str(tmp_path)
    assert errors[0].reason.startswith("no ingestible files in directory")


@pytest.mark.parametrize(
    "stream",
    [
        io.StringIO("Flooding closed the coastal road on Sunday, police said."),
        io.BytesIO("Flooding closed the coastal road on Sunday, police said.".encode()),
        io.TextIOWrapper(io.BytesIO("Flooding closed the coastal road on Sunday, police said.".encode())),
    ],
    ids=["text", "bytes", "wrapper"],
)
def test_stdin_text(stream: io.IOBase) -> None:
    items, errors = collect(["-"], stdin=stream)
    assert errors == []
    assert [(i.origin, i.text) for i in items] == [("-", "Flooding closed the coastal road on Sunday, police said.")]


def test_stdin_html_and_jsonl_are_sniffed() -> None:
    html = (FIXTURES / "border-convoy.html").read_text(encoding="utf-8")
    items, _ = collect(["-"], stdin=io.StringIO(html))
    assert items[0].html is not None
    jsonl = '{"text": "Ferry service resumed."}\n{"text": "Bridge reopened to traffic."}\n'
    items, errors = collect(["-"], stdin=io.StringIO(jsonl))
    assert errors == [] and [i.text for i in items] == ["Ferry service resumed.", "Bridge reopened to traffic."]


def test_each_bad_local_input_yields_one_named_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300))
    garbled = tmp_path / "garbled.txt"
    garbled.write_bytes(b"The talks \x81 would resume \x9d next week.")
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    missing = tmp_path / "missing.txt"
    sources = [str(p) for p in (empty, binary, garbled, huge, missing)]
    items, errors = collect(sources + [str(FIXTURES / "port-strike.txt")])
    assert len(items) == 1  # the good file after the bad ones is still read
    reasons = {e.origin: e.reason for e in errors}
    assert list(reasons) == sources
    assert reasons[str(empty)] == "empty"
    assert reasons[str(binary)] == "binary file, not text"
    assert reasons[str(garbled)].startswith("not valid text (")
    assert reasons[str(huge)] == "too large (50.0 MB > 20 MB limit)"
    assert reasons[str(missing)] == "no such file or directory"


@pytest.mark.parametrize("url", ["ftp://files.example.org/report.txt", "file:///etc/hostname", "javascript:alert(1)"])
def test_non_http_schemes_are_refused(url: str) -> None:
    _, errors = collect([url])
    assert len(errors) == 1 and errors[0].origin == url
    assert "unsupported URL scheme" in errors[0].reason


def test_html_file_in_a_legacy_charset_uses_its_meta_declaration(tmp_path: Path) -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head>'
        "<body><p>The mayor\u2019s office said the caf\u00e9 would reopen.</p></body></html>"
    )
    path = tmp_path / "legacy.htm"
    path.write_bytes(html.encode("cp1252"))
    items, errors = collect([str(path)])
    assert errors == []
    assert "The mayor\u2019s office said the caf\u00e9 would reopen." in (items[0].html or "")


def test_missing_path_with_a_colon_is_a_missing_file_not_a_url(tmp_path: Path) -> None:
    name = str(tmp_path / "notes:draft.txt")
    _, errors = collect([name])
    assert [(e.origin, e.reason) for e in errors] == [(name, "no such file or directory")]
