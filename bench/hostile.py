#!/usr/bin/env python3
"""The hostile inputs of BENCHMARKS.md's "Safe at the edges" section, made
the same byte for byte on every run (standard library only):

  python3 bench/hostile.py OUT_DIR

writes OUT_DIR/big49.csv (one 49 MB CSV of dense rows, 20 findings each),
OUT_DIR/folder98/ (98 CSVs of 0.5 MB of the same rows) and
OUT_DIR/rows1m.xlsx (one sheet of 1,048,575 rows of 6 cells with the
same kind of mistakes, about 21 MB), OUT_DIR/short50.csv (a 50 MB CSV
of rows of four bytes, 12.5 million of them: more than the run checks,
`max_innovations_in_run`), and the statements' shapes (evidence rows of a
long layout, `Indikator N` cells of a profile row; neither is an
innovation): OUT_DIR/evidence50.csv (a 50 MB long-layout CSV of rows of
eight bytes, 6.2 million statements: the run keeps 400,000,
`max_statements_in_run`, and F021 tells of the rest) and OUT_DIR/wide50.csv
(a 50 MB CSV of 1,000 `Indikator N Bukti` columns of one character each,
24,890 rows: only the template's 20 indicators are evidence, the other 980
columns are told once each (E016), and the 20 statements a row stop at the
same limit, 20,000 rows kept, F021 at the next)."""

import os
import sys
import zipfile

LABELS = [
    "Nama Pemda", "Nama Inovasi", "Nama Perangkat Daerah", "Tahapan Inovasi",
    "Inisiator Inovasi Daerah", "Nama Inisiator", "Jenis Inovasi",
    "Bentuk Inovasi Daerah", "Klasifikasi Inovasi", "Urusan Pemerintahan Utama",
    "Waktu Uji Coba Inovasi Daerah", "Waktu Penerapan Inovasi Daerah",
    "Waktu Pengembangan Inovasi Daerah", "Rancang Bangun", "Tujuan Inovasi Daerah",
    "Manfaat yang Diperoleh", "Hasil Inovasi", "Koordinat", "Asta Cita",
    "Klaster PKPN", "Anggaran (Jika diperlukan)", "Profil Bisnis (Jika ada)",
    "Terakhir Diperbarui", "Estimasi Skor Kematangan",
]
ROW = ["P", "x", "D", "zz", "q", "", "w", "e", "r", "t", "99/99/9999", "31/02/2024",
       "x", "a", "", "", "", "999,999", "12", "k", "abc", "u", "zz", "q"]


def dense_csv(path, size):
    row = list(ROW)
    with open(path, "w") as f:
        f.write(";".join(LABELS) + "\n")
        i = 0
        while f.tell() < size:
            row[1] = "x%d" % (i % 7)
            f.write(";".join(row) + "\n")
            i += 1


# The xlsx: six columns, each value a shared string, as Excel writes them.
XLSX_HEADERS = ["Nama Inovasi", "Nama Perangkat Daerah", "Tahapan Inovasi",
                "Waktu Uji Coba Inovasi Daerah", "Waktu Penerapan Inovasi Daerah",
                "Koordinat"]
XLSX_VALUES = ["D", "zz", "99/99/9999", "31/02/2024", "999,999"]
NAMES = ["x%d" % k for k in range(7)]


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def rows1m_xlsx(path, rows=1_048_575):
    strings = XLSX_HEADERS + NAMES + XLSX_VALUES
    index = {s: k for k, s in enumerate(strings)}
    cols = "ABCDEF"

    def row_xml(r, values):
        cells = "".join('<c r="%s%d" t="s"><v>%d</v></c>' % (cols[k], r, index[v])
                        for k, v in enumerate(values))
        return '<row r="%d">%s</row>' % (r, cells)

    fixed = (1980, 1, 1, 0, 0, 0)

    def put(z, name, text):
        info = zipfile.ZipInfo(name, fixed)
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, text)

    with zipfile.ZipFile(path, "w") as z:
        put(z, "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '</Types>')
        put(z, "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>')
        put(z, "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Inovasi" sheetId="1" r:id="rId1"/></sheets></workbook>')
        put(z, "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '</Relationships>')
        put(z, "xl/sharedStrings.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>'
            % (len(strings), len(strings),
               "".join("<si><t>%s</t></si>" % xml_escape(s) for s in strings)))
        parts = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                 '<dimension ref="A1:F%d"/><sheetData>' % (rows + 1),
                 row_xml(1, XLSX_HEADERS)]
        for r in range(2, rows + 2):
            parts.append(row_xml(r, [NAMES[r % 7]] + XLSX_VALUES))
        parts.append("</sheetData></worksheet>")
        put(z, "xl/worksheets/sheet1.xml", "".join(parts))


def repeated_csv(path, size, header, row):
    """A CSV of `header` and then `row` again and again, up to `size` bytes."""
    with open(path, "w") as f:
        f.write(header + "\n")
        rows = (row + "\n") * 1000
        while f.tell() + len(rows) <= size:
            f.write(rows)


def wide_csv(path, size, columns=1000):
    with open(path, "w") as f:
        f.write("Nama Inovasi;Tahapan Inovasi;Nama Perangkat Daerah;" + ";".join("Indikator %d Bukti" % (k + 1) for k in range(columns)) + "\n")
        i = 0
        while True:
            row = "x%d;zz;D;" % (i % 7) + ";".join("a" * columns) + "\n"
            if f.tell() + len(row) > size:
                break
            f.write(row)
            i += 1


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(os.path.join(out, "folder98"), exist_ok=True)
    dense_csv(os.path.join(out, "big49.csv"), 49_000_000)
    for k in range(98):
        dense_csv(os.path.join(out, "folder98", "opd%02d.csv" % k), 500_000)
    rows1m_xlsx(os.path.join(out, "rows1m.xlsx"))
    repeated_csv(os.path.join(out, "short50.csv"), 49_999_000,
                 "Nama Inovasi;Tahapan Inovasi", "x;z")
    repeated_csv(os.path.join(out, "evidence50.csv"), 49_999_000,
                 "Nama Inovasi;Indikator;Parameter;File", "x;1;1;a")
    wide_csv(os.path.join(out, "wide50.csv"), 49_999_000)


if __name__ == "__main__":
    main()
