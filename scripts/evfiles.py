"""Tiny, real evidence files (bukti dukung) written by hand, standard library only.

Used by make_data.py (sample-data/*/bukti/) and make_code_fixtures.py
(tests/fixtures/codes/E0xx/bukti/). Every function is deterministic: the same
arguments give the same bytes (PNG uses zlib level 9; tested with zlib 1.2.13).

* pdf(lines)          a valid one-page PDF 1.4 (Helvetica text, correct xref, %%EOF)
* pdf(lines, pad=N)   the same, with an unreferenced stream padded so the file is N bytes
* pdf_encrypted(...)  a PDF encrypted with the standard security handler (RC4 40-bit,
                      revision 2) and a user password, so a reader asks for it
* truncated(data)     the first 60 % of a file (a PDF cut off: no %%EOF)
* png(w, h, rgb)      an 8-bit RGB PNG with a two-colour stripe pattern
* jpeg(w, h, gray)    a baseline grayscale JFIF JPEG (8x8 blocks, flat blocks, standard
                      Huffman tables), e.g. a 16x8 image of one grey level
* mp4(label)          an MP4 with a valid `ftyp` box (isom), a `free` box holding the label
                      and an empty `mdat` box: the container header only, not playable
"""

from __future__ import annotations

import hashlib
import struct
import zlib


# ---------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------

def _pdf_str(s: str) -> bytes:
    """A PDF literal string body (ASCII only), with ( ) \\ escaped."""
    b = s.encode("ascii")
    return b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _content(lines: list[str]) -> bytes:
    ops = [b"BT /F1 12 Tf 16 TL 72 760 Td"]
    for i, line in enumerate(lines):
        ops.append((b"(" if i == 0 else b"T* (") + _pdf_str(line) + b") Tj")
    ops.append(b"ET")
    return b"\n".join(ops)


def _assemble(objs: list[bytes], trailer_extra: bytes = b"") -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R".encode() + trailer_extra
            + f" >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return bytes(out)


def _page_objs(stream: bytes) -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


def pdf(lines: list[str], pad: int = 0) -> bytes:
    """One A4 page showing `lines`. pad > 0: total size exactly `pad` bytes, reached with an
    unreferenced stream object (object 6) of repeated text, as a scanned attachment would."""
    objs = _page_objs(_content(lines))
    if not pad:
        return _assemble(objs)
    base = len(_assemble(objs + [b"<< /Length 0 >>\nstream\n\nendstream"]))
    n = pad - base
    # The /Length number grows with n; fix it up until the total is exact.
    for _ in range(4):
        filler = (b"% halaman pindaian lampiran daftar penerima manfaat\n" * (n // 52 + 1))[:n]
        obj = b"<< /Length " + str(len(filler)).encode() + b" >>\nstream\n" + filler + b"\nendstream"
        data = _assemble(objs + [obj])
        if len(data) == pad:
            return data
        n -= len(data) - pad
    raise AssertionError("could not pad the PDF to the exact size")


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) & 0xFF
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for c in data:
        i = (i + 1) & 0xFF
        j = (j + s[i]) & 0xFF
        s[i], s[j] = s[j], s[i]
        out.append(c ^ s[(s[i] + s[j]) & 0xFF])
    return bytes(out)


def pdf_encrypted(lines: list[str], user_pw: str = "rahasia", owner_pw: str = "pemilik") -> bytes:
    """PDF 1.4 encrypted with the standard security handler, /V 1 /R 2 (RC4, 40-bit key),
    opened only with `user_pw` (PDF 1.7 spec, algorithms 3.1-3.4). The file ID is fixed."""
    file_id = hashlib.md5(("bimtek " + "|".join(lines)).encode("ascii")).digest()
    p = -44  # print and copy allowed, modify not
    upad = (user_pw.encode("latin-1") + _PAD)[:32]
    opad = (owner_pw.encode("latin-1") + _PAD)[:32]
    o = _rc4(hashlib.md5(opad).digest()[:5], upad)
    key = hashlib.md5(upad + o + struct.pack("<i", p) + file_id).digest()[:5]
    u = _rc4(key, _PAD)
    stream = _content(lines)
    objkey = hashlib.md5(key + struct.pack("<I", 4)[:3] + b"\x00\x00").digest()[:10]
    objs = _page_objs(_rc4(objkey, stream))
    objs.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + o.hex().upper().encode() + b"> /U <"
                + u.hex().upper().encode() + b"> /P " + str(p).encode() + b" >>")
    idhex = file_id.hex().upper().encode()
    return _assemble(objs, b" /Encrypt 6 0 R /ID [<" + idhex + b"> <" + idhex + b">]")


def truncated(data: bytes, keep: float = 0.6) -> bytes:
    """The first `keep` of `data`: an upload or copy broken off part way."""
    cut = data[: int(len(data) * keep)]
    assert b"%%EOF" not in cut
    return cut


# ---------------------------------------------------------------------------
# PNG
# ---------------------------------------------------------------------------

def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def png(w: int, h: int, rgb: tuple[int, int, int], stripe: tuple[int, int, int] = (255, 255, 255)) -> bytes:
    """8-bit RGB PNG, background `rgb` with a horizontal `stripe` band across the middle rows."""
    rows = bytearray()
    for y in range(h):
        colour = stripe if h // 3 <= y < h - h // 3 else rgb
        rows += b"\x00" + bytes(colour) * w  # filter type 0 (None)
    return (b"\x89PNG\r\n\x1a\n"
            + _chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + _chunk(b"IDAT", zlib.compress(bytes(rows), 9))
            + _chunk(b"IEND", b""))


# ---------------------------------------------------------------------------
# JPEG (baseline, grayscale, flat 8x8 blocks)
# ---------------------------------------------------------------------------

# ITU T.81 Annex K.3: luminance DC and AC Huffman tables.
_DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
_DC_VALS = list(range(12))
_AC_BITS = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7D]
_AC_VALS = bytes.fromhex(
    "01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a"
    "3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a929394"
    "95969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8"
    "e9eaf1f2f3f4f5f6f7f8f9fa")


def _huff_codes(bits: list[int], vals) -> dict[int, tuple[int, int]]:
    codes, code, k = {}, 0, 0
    for length in range(1, 17):
        for _ in range(bits[length - 1]):
            codes[vals[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    return codes


def _seg(marker: int, body: bytes) -> bytes:
    return struct.pack(">HH", 0xFF00 | marker, len(body) + 2) + body


def jpeg(w: int, h: int, gray: int) -> bytes:
    """Baseline grayscale JPEG, w and h multiples of 8, every pixel `gray` (0-255).
    Quantisation table of ones, so each block is DC only (DC = 8 * (gray - 128))."""
    assert w % 8 == 0 and h % 8 == 0 and 0 <= gray <= 255
    dc_codes = _huff_codes(_DC_BITS, _DC_VALS)
    ac_codes = _huff_codes(_AC_BITS, _AC_VALS)
    bits: list[tuple[int, int]] = []
    prev = 0
    for _ in range((w // 8) * (h // 8)):
        dc = 8 * (gray - 128)
        diff, prev = dc - prev, dc
        cat = abs(diff).bit_length()
        bits.append(dc_codes[cat])
        if cat:
            bits.append((diff if diff > 0 else diff + (1 << cat) - 1, cat))
        bits.append(ac_codes[0x00])  # EOB: all AC coefficients zero
    acc, n, scan = 0, 0, bytearray()
    for value, length in bits:
        acc, n = (acc << length) | value, n + length
        while n >= 8:
            byte = (acc >> (n - 8)) & 0xFF
            n -= 8
            scan += b"\xff\x00" if byte == 0xFF else bytes([byte])
    if n:
        byte = ((acc << (8 - n)) | ((1 << (8 - n)) - 1)) & 0xFF
        scan += b"\xff\x00" if byte == 0xFF else bytes([byte])
    return (b"\xff\xd8"
            + _seg(0xE0, b"JFIF\x00\x01\x01\x01\x00\x48\x00\x48\x00\x00")
            + _seg(0xDB, b"\x00" + b"\x01" * 64)
            + _seg(0xC0, struct.pack(">BHHB", 8, h, w, 1) + b"\x01\x11\x00")
            + _seg(0xC4, b"\x00" + bytes(_DC_BITS) + bytes(_DC_VALS))
            + _seg(0xC4, b"\x10" + bytes(_AC_BITS) + _AC_VALS)
            + _seg(0xDA, b"\x01\x01\x00\x00\x3f\x00")
            + bytes(scan) + b"\xff\xd9")


# ---------------------------------------------------------------------------
# MP4 (container header only)
# ---------------------------------------------------------------------------

def _box(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", 8 + len(body)) + kind + body


def mp4(label: str) -> bytes:
    """`ftyp` (major brand isom, minor 0x200, compatible isom iso2 avc1 mp41) at bytes 4..8,
    then a `free` box holding `label` (so two videos differ) and an empty `mdat`."""
    return (_box(b"ftyp", b"isom" + struct.pack(">I", 0x200) + b"isomiso2avc1mp41")
            + _box(b"free", label.encode("utf-8"))
            + _box(b"mdat", b""))
