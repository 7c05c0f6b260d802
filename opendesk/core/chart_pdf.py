"""The PDF of a WebMail conversation for the patient's chart (issue 23): pure Python (fpdf2 with
the DejaVu fonts shipped in `opendesk/core/resources/fonts`, pypdf to merge attached PDFs), so
the desktop, the portal, `opendesk-admin` and the scheduled filing make the same document.

`render(doc)` takes a `ThreadDocument` of plain, already formatted text and returns the PDF's
bytes: the practice header, the patient (name, birthdate, patient number), Regarding, every
message (sender, recipient, sent and read times, body, attachments with size and SHA-256, the
notice's delivery state), then the attachments that are images (one page each, scaled to fit)
or PDFs (their pages merged after a separator page). Other files are listed only. Each page's
footer names the audit chain's position when the PDF was made and the PDF's creation time.

Text appears literally: nothing is read as markup, and characters that would change how text
around them is shown or that the font lacks (bidi controls, zero-width characters, other
control characters, scripts DejaVu has no glyphs for) are written as `<U+202E>`. Text in
right-to-left scripts is laid out by HarfBuzz (uharfbuzz) in reading order with joined Arabic
letters; it is switched on only for the paragraphs that need it (it is slow in fpdf2).
"""

import io
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from PIL import Image

from opendesk.core.file_names import format_size

FONT_DIR = Path(__file__).resolve().parent / "resources" / "fonts"
REGULAR = FONT_DIR / "DejaVuSans.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
FAMILY = "DejaVu"
MARGIN = 15.0  # mm
FOOTER_HEIGHT = 14.0
IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/bmp", "image/tiff", "image/webp")
SCRIPT_FLAGS = ("javascript", "open_action", "launch", "additional_actions", "embedded_files")


@dataclass(frozen=True)
class PdfAttachment:
    """One attached file. `data` is the content when it should be appended (images, PDFs);
    None lists the file only."""

    name: str
    content_type: str
    size: int
    sha256: str
    flags: str = ""
    data: bytes | None = None


@dataclass(frozen=True)
class PdfMessage:
    """One message, every field already formatted for reading."""

    id: int
    sender: str
    recipient: str
    sent: str
    read: str
    subject: str
    body: str
    notice: str
    attachments: tuple[PdfAttachment, ...] = ()


@dataclass(frozen=True)
class ThreadDocument:
    practice_name: str
    practice_lines: tuple[str, ...]  # address and phone
    patient_name: str
    patient_birthdate: str
    patient_number: int
    regarding: str
    subject: str
    thread_id: int
    created: str  # the PDF's creation time, formatted
    created_at: datetime  # the same, naive UTC, for the PDF's metadata
    audit_row_id: int | None
    audit_seq: int
    audit_hash: str
    messages: tuple[PdfMessage, ...] = field(default_factory=tuple)
    version: int = 1


@cache
def _covered() -> frozenset[int]:
    """The code points DejaVu Sans (and Bold) have glyphs for."""
    from fontTools.ttLib import TTFont

    points: set[int] | None = None
    for path in (REGULAR, BOLD):
        font = TTFont(str(path), lazy=True)
        cmap = set(font.getBestCmap())
        font.close()
        points = cmap if points is None else points & cmap
    return frozenset(points or ())


def literal(text: str) -> str:
    """`text` as it is written into the PDF: line breaks and tabs kept (a tab as four spaces),
    every other control or format character and every character the font lacks as `<U+XXXX>`."""
    covered = _covered()
    out = []
    for ch in text.replace("\r\n", "\n").replace("\r", "\n"):
        if ch == "\n":
            out.append(ch)
        elif ch == "\t":
            out.append("    ")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") or (
            ord(ch) not in covered
        ):
            out.append(f"<U+{ord(ch):04X}>")
        else:
            out.append(ch)
    return "".join(out)


class _Document(FPDF):
    def __init__(self, doc: ThreadDocument) -> None:
        super().__init__(orientation="portrait", unit="mm", format="letter")
        self.doc = doc
        self.inserted: list[tuple[int, int]] = []  # (after page, pages of an attached PDF)
        self.add_font(FAMILY, "", str(REGULAR))
        self.add_font(FAMILY, "B", str(BOLD))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN + FOOTER_HEIGHT)
        self.set_creation_date(doc.created_at.replace(tzinfo=None))
        self.set_title(f"WebMail conversation {doc.thread_id}")
        self.set_creator("OpenDesk")
        self.set_producer("OpenDesk (fpdf2)")

    def pages_inserted_before(self) -> int:
        """Pages of attached PDFs merged in before this page (the footer's page number is the
        page's place in the finished file)."""
        return sum(count for after, count in self.inserted if after < self.page_no())

    def footer(self) -> None:
        d = self.doc
        shaping, self.text_shaping = self.text_shaping, None  # ASCII; may come mid-paragraph
        self.set_y(-(MARGIN + FOOTER_HEIGHT) + 4)
        self.set_font(FAMILY, "", 7)
        self.set_text_color(90, 90, 90)
        row = f"row id {d.audit_row_id}" if d.audit_row_id is not None else "no rows yet"
        self.multi_cell(
            0,
            3.5,
            f"Audit chain at filing: {row}, seq {d.audit_seq}, hash {d.audit_hash}\n"
            f"PDF created {d.created} · conversation {d.thread_id}, version {d.version} · "
            f"page {self.page_no() + self.pages_inserted_before()}",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.set_text_color(0, 0, 0)
        self.text_shaping = shaping

    # -- text helpers ---------------------------------------------------------------------------
    def shaped(self, text: str) -> str:
        """Text shaping (HarfBuzz: right-to-left order, joined Arabic letters, combining marks)
        on for text that needs it only: it costs fpdf2 a hundred times more per line."""
        needs = any(
            unicodedata.bidirectional(ch) in ("R", "AL", "AN") or unicodedata.combining(ch)
            for ch in text
        )
        if needs != bool(self.text_shaping):
            self.set_text_shaping(needs)
        return text

    def lines(self, text: str, width: float) -> list[str]:
        """`text` broken into lines of at most `width` (mm) at spaces, a longer word by
        characters: linear, where fpdf2's multi_cell measures each line again for every
        character added (a 50-message thread took seconds)."""
        measure = self.get_string_width
        space = measure(" ")
        out: list[str] = []
        for raw in text.split("\n"):
            line, line_w = "", 0.0
            for word in raw.split(" "):
                word_w = measure(word)
                while word_w > width:  # break a word that alone is wider than a line
                    cut = max(1, int(len(word) * width / word_w))
                    while cut > 1 and measure(word[:cut]) > width:
                        cut -= 1
                    if line:
                        out.append(line)
                    out.append(word[:cut])
                    line, line_w = "", 0.0
                    word = word[cut:]
                    word_w = measure(word)
                added = word_w if not line else line_w + space + word_w
                if line and added > width:
                    out.append(line)
                    line, line_w = word, word_w
                else:
                    line = word if not line else f"{line} {word}"
                    line_w = added
            out.append(line)
        return out

    def write_text(self, text: str, height: float, indent: float = 0.0) -> None:
        """A paragraph at the current position (left margin + `indent`)."""
        shown = self.shaped(literal(text))
        width = self.w - self.r_margin - self.l_margin - indent
        if self.text_shaping:  # rare: right-to-left or combining text
            self.set_x(self.l_margin + indent)
            self.multi_cell(width, height, shown, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            return
        for line in self.lines(shown, width):
            self.set_x(self.l_margin + indent)
            self.cell(width, height, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def para(self, text: str, size: float = 10, bold: bool = False, height: float = 5) -> None:
        self.set_font(FAMILY, "B" if bold else "", size)
        self.write_text(text, height)

    def pair(self, label: str, value: str) -> None:
        self.set_font(FAMILY, "B", 9)
        self.shaped(label)
        top, page = self.get_y(), self.page_no()
        self.cell(32, 5, label, new_x=XPos.LMARGIN, new_y=YPos.TOP)
        if self.page_no() == page:
            self.set_y(top)
        self.set_font(FAMILY, "", 9)
        self.write_text(value, 5, indent=32)

    def rule(self) -> None:
        self.ln(1.5)
        y = self.get_y()
        self.set_draw_color(160, 160, 160)
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.ln(2.5)


def _header(pdf: _Document, d: ThreadDocument) -> None:
    pdf.para(d.practice_name or "Practice", 14, bold=True, height=7)
    for line in d.practice_lines:
        if line.strip():
            pdf.para(line, 9, height=4.5)
    pdf.ln(2)
    pdf.para("Secure WebMail conversation — filed to the patient's chart", 12, True, 6)
    pdf.ln(1)
    pdf.pair("Patient", d.patient_name)
    pdf.pair("Birthdate", d.patient_birthdate or "-")
    pdf.pair("Patient number", str(d.patient_number))
    pdf.pair("Regarding", d.regarding)
    pdf.pair("Subject", d.subject)
    pdf.pair("Messages", str(len(d.messages)))
    pdf.rule()


def _message(pdf: _Document, n: int, m: PdfMessage) -> None:
    pdf.para(f"Message {n} (#{m.id}): {m.subject}", 11, bold=True, height=6)
    pdf.pair("From", m.sender)
    pdf.pair("To", m.recipient)
    pdf.pair("Sent", m.sent or "-")
    pdf.pair("Read", m.read or "not read")
    pdf.pair("Notice", m.notice or "-")
    pdf.ln(1.5)
    pdf.para(m.body or "(no text)", 10, height=5)
    if m.attachments:
        pdf.ln(1)
        pdf.para(f"Attachments ({len(m.attachments)})", 9, bold=True, height=5)
        for a in m.attachments:
            pdf.para(
                f"• {a.name} — {a.content_type}, {format_size(a.size)} ({a.size} bytes)\n"
                f"  SHA-256 {a.sha256}",
                8,
                height=4,
            )
    pdf.rule()


def _fits(width_px: int, height_px: int, box_w: float, box_h: float) -> tuple[float, float]:
    scale = min(box_w / width_px, box_h / height_px)
    return width_px * scale, height_px * scale


def _image_page(pdf: _Document, a: PdfAttachment, message_id: int) -> bool:
    """One page with the image scaled to fit; False when the image cannot be read."""
    assert a.data is not None
    try:
        with Image.open(io.BytesIO(a.data)) as probe:
            width_px, height_px = probe.size
            source: Image.Image | io.BytesIO = io.BytesIO(a.data)
            if probe.format != "JPEG":
                # fpdf2 embeds JPEG as it is; other formats are decoded once here.
                probe.seek(0)
                source = probe.convert("RGB") if probe.mode not in ("RGB", "L") else probe.copy()
    except (OSError, ValueError, Image.DecompressionBombError):
        return False
    pdf.add_page()
    pdf.para(f"Attachment of message #{message_id}: {a.name}", 9, bold=True, height=5)
    top = pdf.get_y() + 2
    box_w = pdf.w - 2 * MARGIN
    box_h = pdf.h - top - MARGIN - FOOTER_HEIGHT
    w, h = _fits(width_px, height_px, box_w, box_h)
    pdf.image(source, x=MARGIN + (box_w - w) / 2, y=top, w=w, h=h)
    return True


def _pdf_pages(data: bytes) -> int:
    """The page count of an attached PDF; 0 when pypdf cannot read it (or it is encrypted)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        return 0 if reader.is_encrypted else len(reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError):
        return 0


def _separator(pdf: _Document, a: PdfAttachment, message_id: int, pages: int) -> None:
    pdf.add_page()
    pdf.para(f"Attachment of message #{message_id}: {a.name}", 11, bold=True, height=6)
    follow = (
        "The page of this PDF follows (without a footer of its own)."
        if pages == 1
        else f"The {pages} pages of this PDF follow (without footers of their own)."
    )
    pdf.para(follow, 9, height=5)


def _appendable_pdf(a: PdfAttachment) -> bool:
    flags = {f.strip() for f in a.flags.split(",") if f.strip()}
    return a.content_type == "application/pdf" and not (flags & set(SCRIPT_FLAGS))


def render(doc: ThreadDocument) -> bytes:
    """The PDF's bytes (see the module's description)."""
    pdf = _Document(doc)
    pdf.add_page()
    _header(pdf, doc)
    for n, m in enumerate(doc.messages, 1):
        _message(pdf, n, m)
    inserts: list[tuple[int, bytes]] = []  # (after page index, PDF bytes)
    unappended: list[str] = []
    for m in doc.messages:
        for a in m.attachments:
            if a.data is None:
                continue
            if a.content_type in IMAGE_TYPES:
                if not _image_page(pdf, a, m.id):
                    unappended.append(a.name)
            elif _appendable_pdf(a):
                pages = _pdf_pages(a.data)
                if not pages:
                    unappended.append(a.name)
                    continue
                _separator(pdf, a, m.id, pages)
                inserts.append((pdf.page_no(), a.data))
                pdf.inserted.append((pdf.page_no(), pages))
    if unappended:
        pdf.add_page()
        pdf.para("Attachments that could not be shown as pages", 10, bold=True, height=6)
        for name in unappended:
            pdf.para(f"• {name}", 9, height=5)
    main = bytes(pdf.output())
    return _merge(main, inserts) if inserts else main


def _merge(main: bytes, inserts: Iterable[tuple[int, bytes]]) -> bytes:
    """`main` with each PDF's pages inserted after the given page; a PDF pypdf cannot read is
    left out (its separator page and the listing still name it)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(main)))
    for after, data in sorted(inserts, key=lambda item: item[0], reverse=True):
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                continue
            writer.merge(after, reader, import_outline=False)
        except (PdfReadError, ValueError, KeyError, OSError):
            continue
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
