"""A CSV's bytes as text: which encoding it is in, a UTF-8 copy of the ones DuckDB cannot read,
and one pass over the bytes (run alongside DuckDB's read) that hashes them, counts their lines
and counts their records with a reader of its own, so that no record can go missing unnoticed.

Encodings are told by a byte-order mark, then by strict UTF-8, else the file is Windows-1252
(what Excel on Windows writes in Western Europe and the Americas; Latin-1 text reads the same).
A detector was tried and dropped: on short exports charset-normalizer took Latin-1 text for
Central European (cp1250) and the reverse, which would garble names without a word.
"""

from __future__ import annotations

import codecs
import hashlib
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

CHUNK = 8 * 1024 * 1024
NONE = np.array([], dtype=np.intp)
UTF8, UTF16, CP1252 = "utf-8", "utf-16", "cp1252"  # UTF-16 with a byte-order mark
UTF16_LE, UTF16_BE = "utf-16-le", "utf-16-be"  # without one
LABELS = {
    UTF8: "UTF-8",
    UTF16: "UTF-16",
    UTF16_LE: "UTF-16",
    UTF16_BE: "UTF-16",
    CP1252: "Windows-1252",
}
# C1 control characters never belong in an export's text, and U+FFFD marks a character already
# lost: looked for in the UTF-8 bytes.
BAD_UTF8 = re.compile(b"\xc2[\x80-\x9f]|\xef\xbf\xbd")
SAVE_AS = "Save it again as UTF-8 (in Excel: CSV UTF-8) and import that file"


class EncodingProblem(Exception):
    """A file whose text cannot be read exactly; the message names the file and the line."""


class NotUtf8(Exception):
    """A file taken for UTF-8 from its first bytes holds other bytes further on."""


@dataclass(frozen=True)
class FileScan:
    """What one pass over a file's bytes found."""

    digest: str  # SHA-256
    lines: int  # physical lines; a last line without a line break counts
    records: int  # CSV records holding any text (quoted line breaks kept inside a record)
    # Only checked when asked: the first byte that is not UTF-8 (its line and value), and
    # whether UTF-8 text other than ASCII (or a UTF-8 mark) came before it.
    not_utf8: tuple[int, int] | None = None
    utf8_before: bool = False
    bad: tuple[int, str] | None = None  # the first C1 control or U+FFFD: its line and itself
    wide: tuple[int, int] | None = None  # the first line with too many delimiters, and them


def detect(head: bytes) -> str:
    """The encoding of a file from its first bytes: UTF-16 (by its mark, or its zero bytes),
    UTF-8 (with or without a mark) when the bytes are valid UTF-8, else Windows-1252."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return UTF16
    zeros = _zero_bytes(head)
    if zeros:
        return zeros
    try:
        head.decode(UTF8)
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # not merely a character cut at the sample's end
            return CP1252
    return UTF8


def _zero_bytes(head: bytes) -> str | None:
    """UTF-16 without a mark, little- or big-endian, when nearly every other byte of the sample
    is zero (as in text of Latin letters)."""
    sample = head[:4096]
    if len(sample) < 4:
        return None
    if sample[1::2].count(0) > 0.9 * len(sample[1::2]):
        return UTF16_LE
    if sample[0::2].count(0) > 0.9 * len(sample[0::2]):
        return UTF16_BE
    return None


def decode_head(head: bytes, encoding: str) -> str:
    """The first bytes of a file as text (a character cut at the end is dropped)."""
    if encoding == UTF16:
        encoding = UTF16_BE if head.startswith(codecs.BOM_UTF16_BE) else UTF16_LE
    codec = "utf-8-sig" if encoding == UTF8 else encoding
    errors = "ignore" if encoding in (UTF16_LE, UTF16_BE) else "replace"
    return head.decode(codec, errors=errors).removeprefix("\ufeff")


def describe_mixed(name: str, line: int, byte: int) -> str:
    """Why a file that is UTF-8 up to some byte and not after it is refused."""
    return (
        f"{name}, line {line}: byte 0x{byte:02X} is not UTF-8, yet the text before it is UTF-8: "
        f"the file mixes two encodings, so its text cannot be read exactly. {SAVE_AS}."
    )


def describe_bad(name: str, line: int, character: str) -> str:
    """Why a file with a C1 control character or U+FFFD is refused."""
    what = (
        "a replacement character (U+FFFD), the mark of a character lost by an earlier conversion"
        if character == "\ufffd"
        else f"the control character U+{ord(character):04X}, which is how a Windows-1252 "
        "character looks when the file was converted with the wrong encoding"
    )
    return f"{name}, line {line}: holds {what}. Nothing was imported. {SAVE_AS}."


def transcode(source: Path, target: Path, encoding: str, name: str, cr_lines: bool = False) -> None:
    """Write `source` (in `encoding`) to `target` as UTF-8 without a mark, with `cr_lines` each
    carriage return a line feed; refuse text that does not decode exactly or holds a C1 control
    character or U+FFFD."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    lines = 0
    with source.open("rb") as reading, target.open("wb") as writing:
        first = True
        while True:
            chunk = reading.read(CHUNK)
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                if not chunk:
                    raise EncodingProblem(
                        f"{name}: the file ends in the middle of a {LABELS[encoding]} character, "
                        f"so it was probably cut short. {SAVE_AS}."
                    ) from None
                line = lines + text_line(chunk, exc.start, encoding)
                raise EncodingProblem(
                    f"{name}, line {line}: byte 0x{exc.object[exc.start]:02X} is not a character "
                    f"in {LABELS[encoding]}, the encoding the file seems to be in. {SAVE_AS}."
                ) from None
            if first:
                text, first = text.removeprefix("\ufeff"), False
            if cr_lines:
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            data = text.encode(UTF8)  # whole characters: none is cut between two chunks
            bad = _bad_bytes(data, lines)
            if bad:
                raise EncodingProblem(describe_bad(name, *bad))
            writing.write(data)
            lines += data.count(b"\n")
            if not chunk:
                return


def text_line(chunk: bytes, position: int, encoding: str) -> int:
    """The line (from 1, within `chunk`) of the byte at `position` of text in `encoding`."""
    if encoding.startswith(UTF16):  # a line break is two bytes, not always b"\n" alone
        return chunk[:position].decode(encoding, errors="ignore").count("\n") + 1
    return chunk[:position].count(b"\n") + 1


def scan(
    path: Path,
    check_utf8: bool,
    delimiter: str = ",",
    max_cells: int = 1_000,
    on_wide: Callable[[], None] = lambda: None,
) -> FileScan:
    """Hash, line count and record count of a file in one pass over its bytes; with
    `check_utf8`, also whether it is valid UTF-8 throughout and free of bad characters. A line
    with more than `max_cells` delimiters ends the pass at once, after calling `on_wide`."""
    digest, lines, last = hashlib.sha256(), 0, b"\n"
    counter = RecordCounter()
    widths = LineWidths(ord(delimiter), max_cells)
    decoder = codecs.getincrementaldecoder(UTF8)(errors="strict") if check_utf8 else None
    not_utf8, bad, tail, ascii_so_far = None, None, b"", True
    # One chunk in memory at a time (a list of them held the whole file: 0.8 GB for the huge
    # demo studio); the empty last chunk ends the UTF-8 decoding.
    for chunk in itertools.chain(_chunks(path), [b""]):
        digest.update(chunk)
        line_breaks = np.flatnonzero(np.frombuffer(chunk, np.uint8) == 10)
        wide = widths.add(chunk, line_breaks)
        if wide:
            on_wide()
            return FileScan(digest.hexdigest(), lines, 0, wide=(lines + wide[0], wide[1]))
        breaks = counter.add(chunk, line_breaks)
        # An ASCII chunk after whole characters is UTF-8 and holds no bad character (those need
        # bytes above 127): told apart cheaply, it skips half the pass's time on most exports.
        plain = chunk.isascii() and not (decoder and decoder.getstate()[0])
        if decoder and not not_utf8 and bad is None and not plain:
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                # The decoder's text: the bytes of a character the chunk before left unfinished
                # (on the line the chunk starts on), then the chunk.
                held, start = exc.object, exc.start
                not_utf8 = (lines + held.count(b"\n", 0, start) + 1, held[start])
                ascii_so_far = ascii_so_far and held[:start].isascii()
            else:  # the last bytes of the chunk before: a character may be cut between them
                bad = _bad_bytes(tail + chunk, lines - tail.count(b"\n"))
                ascii_so_far = ascii_so_far and text.isascii()  # bytes held back are not in it
        lines += breaks
        tail, last = (tail + chunk[-2:])[-2:], chunk[-1:] or last
    return FileScan(
        digest.hexdigest(),
        lines + (last != b"\n"),
        counter.total(),
        not_utf8,
        not_utf8 is not None and not ascii_so_far,
        bad,
    )


def sample_lines(path: Path, places: int = 32, size: int = 4096) -> list[str]:
    """Whole lines of a UTF-8 file from `places` places spread over it: at each, those within
    `size` bytes after the first line break. A line may be part of a record with a quoted line
    break: the lines are only for a guess (`parse.Layout.head`)."""
    length = path.stat().st_size
    lines: list[str] = []
    with path.open("rb") as handle:
        for place in range(places):
            handle.seek(length * place // places)
            lines += handle.read(size).decode(UTF8, errors="ignore").split("\n")[1:-1]
    return [line.removesuffix("\r") for line in lines]


def _bad_bytes(data: bytes, lines_before: int) -> tuple[int, str] | None:
    """The line and character of the first C1 control or U+FFFD in UTF-8 `data`, whose first
    line is line `lines_before` + 1 (cheap tests first: most chunks hold neither lead byte)."""
    if b"\xc2" not in data and b"\xef\xbf\xbd" not in data:
        return None
    found = BAD_UTF8.search(data)
    if not found:
        return None
    return lines_before + data.count(b"\n", 0, found.start()) + 1, found.group().decode()


def _chunks(path: Path) -> Iterator[bytes]:
    """The bytes of a file in chunks."""
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


class LineWidths:
    """Finds, chunk by chunk, the first line holding more than `limit` delimiters (quoted ones
    included: it bounds the cells a line can have)."""

    def __init__(self, delimiter: int, limit: int) -> None:
        self.delimiter, self.limit = delimiter, limit
        self.pending_bytes = 0  # bytes of the line not yet ended
        self.pending = 0  # and its delimiters

    def add(self, chunk: bytes, breaks: np.ndarray) -> tuple[int, int] | None:
        """The line (from 1, within `chunk`) and delimiters of the first line too wide, given
        the positions of the chunk's line breaks."""
        ends = np.append(breaks, len(chunk))
        lengths = np.diff(ends, prepend=-1) - 1
        lengths[0] += self.pending_bytes
        tail = chunk[int(ends[-2]) + 1 :] if len(breaks) else chunk
        if lengths.max() > self.limit:  # only a line longer than the limit can hold too many
            data = np.frombuffer(chunk, np.uint8)
            per_line = np.diff(
                np.searchsorted(np.flatnonzero(data == self.delimiter), ends), prepend=0
            )
            per_line[0] += self.pending
            over = np.flatnonzero(per_line > self.limit)
            if len(over):
                return int(over[0]) + 1, int(per_line[over[0]])
        self.pending = (0 if len(breaks) else self.pending) + tail.count(self.delimiter)
        self.pending_bytes = int(lengths[-1])
        return None


class RecordCounter:
    """Counts CSV records that hold any text, chunk by chunk: a line break ends a record unless
    an odd number of quotes came before it (a doubled quote counts twice, so it changes
    nothing), and a record of nothing but a carriage return is a blank line."""

    def __init__(self) -> None:
        self.records = 0
        self.quotes = 0  # quotes seen so far: odd while inside a quoted cell
        self.pending = 0  # bytes other than carriage returns in the record not yet ended

    def add(self, chunk: bytes, breaks: np.ndarray | None = None) -> int:
        """Count the records that end in `chunk` (whose line breaks are at `breaks`, found here
        when not given); return how many line breaks it holds."""
        data = np.frombuffer(chunk, np.uint8)
        breaks = np.flatnonzero(data == 10) if breaks is None else breaks
        # Most chunks hold no quote or no carriage return: a byte search rules them out cheaply.
        quotes = np.flatnonzero(data == 34) if b'"' in chunk else NONE
        returns = np.flatnonzero(data == 13) if b"\r" in chunk else NONE
        ends = breaks[((np.searchsorted(quotes, breaks) + self.quotes) & 1) == 0]
        starts = np.concatenate(([0], ends[:-1] + 1))
        sizes = ends - starts - (np.searchsorted(returns, ends) - np.searchsorted(returns, starts))
        if len(ends):
            sizes[0] += self.pending
            self.pending = 0
            self.records += int(np.count_nonzero(sizes > 0))
        rest = int(ends[-1]) + 1 if len(ends) else 0
        self.pending += len(data) - rest - (len(returns) - int(np.searchsorted(returns, rest)))
        self.quotes += len(quotes)
        return len(breaks)

    def total(self) -> int:
        """Records counted, the last one included when the file does not end with a line break."""
        return int(self.records + (self.pending > 0))
