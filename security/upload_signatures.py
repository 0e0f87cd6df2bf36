"""Magic numbers of the file types an upload may really be, and how to name them to an editor.

Only the first bytes are compared here; containers (ZIP, OLE2) are opened by ``security.uploads``
to tell a Word document from a spreadsheet or a plain archive.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# Kinds that are never accepted, whatever the file is called (S-LC 4.6: no executable files).
EXECUTABLE_KINDS = frozenset({"pe", "elf", "macho", "java-class", "wasm", "dex", "lnk", "msi", "script"})
# Markup that a browser would run: never accepted (SVG is not an allowed image type either).
MARKUP_KINDS = frozenset({"svg", "html", "xml"})

# (offset, magic, kind), tried in order; the first match wins.
SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"%PDF-", "pdf"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole2"),
    (0, b"PK\x03\x04", "zip"),
    (0, b"PK\x05\x06", "zip"),  # an empty archive
    (0, b"{\\rtf", "rtf"),
    (0, b"\xff\xd8\xff", "jpeg"),
    (0, b"\x89PNG\r\n\x1a\n", "png"),
    (0, b"GIF87a", "gif"),
    (0, b"GIF89a", "gif"),
    (8, b"WEBP", "webp"),  # RIFF....WEBP, checked with the RIFF below
    (0, b"BM", "bmp"),
    (0, b"II*\x00", "tiff"),
    (0, b"MM\x00*", "tiff"),
    (4, b"ftypheic", "heic"),
    (4, b"ftypheix", "heic"),
    (4, b"ftypmif1", "heic"),
    (4, b"ftypavif", "avif"),
    (0, b"8BPS", "psd"),
    (0, b"MZ", "pe"),
    (0, b"\x7fELF", "elf"),
    (0, b"\xfe\xed\xfa\xce", "macho"),
    (0, b"\xfe\xed\xfa\xcf", "macho"),
    (0, b"\xce\xfa\xed\xfe", "macho"),
    (0, b"\xcf\xfa\xed\xfe", "macho"),
    (0, b"\xca\xfe\xba\xbe", "java-class"),  # also a universal Mach-O binary: refused either way
    (0, b"\x00asm", "wasm"),
    (0, b"dex\n", "dex"),
    (0, b"L\x00\x00\x00\x01\x14\x02\x00", "lnk"),
    (0, b"#!", "script"),
    (0, b"Rar!\x1a\x07", "rar"),
    (0, b"7z\xbc\xaf\x27\x1c", "7z"),
    (0, b"\x1f\x8b", "gzip"),
    (0, b"BZh", "bzip2"),
    (0, b"\xfd7zXZ\x00", "xz"),
    (0, b"MSCF", "cab"),
    (257, b"ustar", "tar"),
    (0, b"ID3", "mp3"),
    (4, b"ftyp", "mp4"),
    (0, b"\x1aE\xdf\xa3", "mkv"),
)

LABELS = {
    "pdf": _("tài liệu PDF"),
    "ole2": _("tệp Office cũ (OLE2)"),
    "ole2-word": _("tài liệu Word cũ (.doc)"),
    "ole2-excel": _("bảng tính Excel cũ (.xls)"),
    "ole2-encrypted": _("tài liệu Office có mật khẩu"),
    "ooxml-word": _("tài liệu Word (.docx)"),
    "ooxml-excel": _("bảng tính Excel (.xlsx)"),
    "ooxml-other": _("tệp Office Open XML khác (như .pptx)"),
    "odf-text": _("văn bản OpenDocument (.odt)"),
    "odf-spreadsheet": _("bảng tính OpenDocument (.ods)"),
    "odf-other": _("tệp OpenDocument khác (như .odp)"),
    "zip": _("tệp nén ZIP"),
    "rtf": _("văn bản RTF"),
    "text": _("văn bản thuần"),
    "jpeg": _("ảnh JPEG"),
    "png": _("ảnh PNG"),
    "gif": _("ảnh GIF"),
    "webp": _("ảnh WEBP"),
    "bmp": _("ảnh BMP"),
    "tiff": _("ảnh TIFF"),
    "heic": _("ảnh HEIC"),
    "avif": _("ảnh AVIF"),
    "psd": _("tệp Photoshop (.psd)"),
    "svg": _("ảnh SVG"),
    "html": _("trang HTML"),
    "xml": _("tệp XML"),
    "pe": ".exe",
    "elf": _("ELF của Linux"),
    "macho": _("Mach-O của macOS"),
    "java-class": _("Java .class"),
    "wasm": _("WebAssembly"),
    "dex": _("Android .dex"),
    "lnk": _("lối tắt Windows .lnk"),
    "msi": _("gói cài đặt Windows .msi"),
    "script": _("tập lệnh có dòng #!"),
    "rar": _("tệp nén RAR"),
    "7z": _("tệp nén 7-Zip"),
    "gzip": _("tệp nén gzip"),
    "bzip2": _("tệp nén bzip2"),
    "xz": _("tệp nén xz"),
    "cab": _("tệp nén CAB"),
    "tar": _("tệp nén tar"),
    "mp3": _("tệp âm thanh MP3"),
    "mp4": _("tệp video MP4"),
    "mkv": _("tệp video MKV"),
    "unknown": _("tệp không rõ định dạng (nhị phân)"),
}

# What each allowed extension may really be.
DOCUMENT_FAMILIES: dict[str, frozenset[str]] = {
    "pdf": frozenset({"pdf"}),
    "doc": frozenset({"ole2-word"}),
    "xls": frozenset({"ole2-excel"}),
    "docx": frozenset({"ooxml-word"}),
    "xlsx": frozenset({"ooxml-excel"}),
    "odt": frozenset({"odf-text"}),
    "ods": frozenset({"odf-spreadsheet"}),
    "rtf": frozenset({"rtf"}),
    "csv": frozenset({"text"}),
    "txt": frozenset({"text"}),
    # A .zip may hold anything (each member is checked); an Office file is a ZIP too.
    "zip": frozenset({"zip", "ooxml-word", "ooxml-excel", "ooxml-other", "odf-text", "odf-spreadsheet", "odf-other"}),
}
IMAGE_FAMILIES: dict[str, frozenset[str]] = {
    "jpg": frozenset({"jpeg"}),
    "jpeg": frozenset({"jpeg"}),
    "png": frozenset({"png"}),
    "gif": frozenset({"gif"}),
    "webp": frozenset({"webp"}),
}
# Pillow's name of each image kind.
PILLOW_FORMATS = {"jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}

# Members of a ZIP that are programs or open as programs on Windows, by name.
DANGEROUS_MEMBER_EXTENSIONS = frozenset(
    {
        "exe", "dll", "com", "scr", "pif", "cpl", "msi", "msp", "msc", "bat", "cmd", "ps1", "psm1",
        "vbs", "vbe", "js", "jse", "wsf", "wsh", "hta", "jar", "apk", "app", "sh", "lnk", "reg",
        "gadget", "iso", "img", "vhd", "vhdx", "scf", "url", "chm", "appx", "msix", "elf", "bin",
    }
)  # fmt: skip
MACRO_MEMBER_EXTENSIONS = frozenset({"docm", "dotm", "xlsm", "xltm", "xlam", "pptm", "potm", "ppsm", "ppam", "sldm"})


def label(kind: str) -> str:
    """How to name a kind of file to an editor."""
    return str(LABELS.get(kind, kind))


# Magic numbers short enough to start a line of text ("MZ-1 report", "BMW"): they only count when
# a NUL byte follows in the header, as it always does in a real executable or bitmap.
WEAK_MAGICS = frozenset({b"MZ", b"BM", b"BZh", b"ID3"})


def match_signature(head: bytes) -> str | None:
    """The kind whose magic number starts the file, or None."""
    for offset, magic, kind in SIGNATURES:
        if head[offset : offset + len(magic)] != magic:
            continue
        if kind == "webp" and not head.startswith(b"RIFF"):
            continue
        if magic in WEAK_MAGICS and b"\x00" not in head[:64]:
            continue
        return kind
    return None
