"""Write tests/fixtures/codes/<CODE>/: one small folder per finding code.

Each folder holds a file whose rows named "BAD ..." must trigger the code and
rows named "OK ..." must not; file-level codes also get an `ok.csv` beside the
bad file, which must not trigger it. tests/cli.rs checks every registered code
against its folder, so a new code without a fixture fails the tests.

Evidence codes (E001-E016) get a profile CSV `e0xx.csv`, a long-layout evidence
file `bukti.csv` beside it and the evidence files under `bukti/` (made by
scripts/evfiles.py). Every OK innovation is fully clean: the 5 mandatory
indicators (1, 2, 17, 18 as PDF; 20 as a YouTube link), each with a parameter,
a document number and a 2025 date; the BAD innovations differ in one way.
The folders are listed in tests/fixtures/README.md (block between the
`code fixtures` markers; text outside them is kept).

Run: python3 scripts/make_code_fixtures.py   (standard library only; binary
file fixtures are copied from tests/fixtures/load/, made by make_data.py)
"""
import csv, os, re, shutil, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evfiles as ev  # noqa: E402  (scripts/evfiles.py)

ROOT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures")
OUT = os.path.join(ROOT, "codes")

HEAD = ["Nama Inovasi", "Nama Perangkat Daerah", "Tahapan Inovasi", "Inisiator Inovasi Daerah",
        "Nama Inisiator", "Jenis Inovasi", "Bentuk Inovasi Daerah", "Klasifikasi Inovasi",
        "Urusan Pemerintahan Utama", "Waktu Uji Coba Inovasi Daerah",
        "Waktu Penerapan Inovasi Daerah", "Rancang Bangun", "Tujuan Inovasi Daerah",
        "Manfaat yang Diperoleh", "Hasil Inovasi", "Koordinat", "Asta Cita", "Klaster PKPN",
        "Anggaran (Jika diperlukan)"]
KEYS = ["nama", "opd", "tahapan", "inisiator", "nama_inisiator", "jenis", "bentuk", "klasifikasi",
        "urusan", "uji", "penerapan", "rancang", "tujuan", "manfaat", "hasil", "koordinat",
        "asta", "pkpn", "anggaran"]

WORDS = ("inovasi ini mempercepat layanan posyandu dengan pencatatan digital yang "
         "terhubung ke puskesmas sehingga kader dapat memantau tumbuh kembang balita ").split()
RANCANG = " ".join(WORDS[i % len(WORDS)] for i in range(320))
LONG_RANCANG = ("uraian yang tertempel berulang kali dari dokumen lain. " * 800)[:40000]


def clean(name, opd="Dinas Uji"):
    return dict(nama=name, opd=opd, tahapan="Penerapan", inisiator="OPD",
                nama_inisiator="Tim Inovasi", jenis="Digital",
                bentuk="Inovasi Pelayanan Publik", klasifikasi="Inovasi Perangkat Daerah",
                urusan="Kesehatan", uji="01/03/2024", penerapan="01/06/2024", rancang=RANCANG,
                tujuan="Mempercepat layanan", manfaat="Layanan lebih cepat",
                hasil="Waktu tunggu turun", koordinat="-3.3194,114.5908", asta="4",
                pkpn="Kesehatan", anggaran="Rp 1.500.000")


def write(code, rows, name=None, head=None, drop=()):
    d = os.path.join(OUT, code)
    os.makedirs(d, exist_ok=True)
    head = [h for h in (head or HEAD)]
    keys = [k for k, h in zip(KEYS, HEAD) if h in head]
    for col in drop:
        i = head.index(col)
        head.pop(i)
        keys.pop(i)
    with open(os.path.join(d, name or f"{code.lower()}.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(head)
        for r in rows:
            w.writerow([r[k] for k in keys])


def bad(code, **changes):
    r = clean(f"BAD {code}")
    r.update(changes)
    return r


def row_code(code, **changes):
    write(code, [clean(f"OK {code}"), bad(code, **changes)])


def copy(code, fixture, name=None):
    d = os.path.join(OUT, code)
    os.makedirs(d, exist_ok=True)
    shutil.copyfile(os.path.join(ROOT, "load", fixture), os.path.join(d, name or fixture))
    write(code, [clean(f"OK {code}")], name="ok.csv")


# ---------------------------------------------------------------------------
# Evidence codes. bukti.csv columns and values follow the long layout: one row per
# innovation x indicator document; paths are relative to the fixture folder.
# ---------------------------------------------------------------------------

BUKTI_HEAD = ["Nama Inovasi", "Indikator", "Parameter", "Nomor Dokumen", "Tanggal Dokumen", "Tentang", "File"]
YOUTUBE = "https://www.youtube.com/watch?v=abc123xyz00"
TANGGAL = "15/03/2025"
# indicator, parameter, file stem, document title
MANDATORY = [(1, "1", "regulasi", "Penetapan Inovasi"), (2, "2", "sdm", "Tim Pelaksana Inovasi"),
             (17, "3", "penciptaan", "Laporan Tahapan Penciptaan Inovasi"),
             (18, "2", "kemanfaatan", "Rekapitulasi Kemanfaatan Inovasi"), (20, "3", None, "Video Inovasi")]
EV_README = []  # (code, description) in README order


def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def doc(name, title, no=1):
    return ev.pdf([name, title, f"Nomor 440/{no:02d}/Uji/2025", "(fixture bimtek)"])


def evidence(name):
    """Clean evidence of one innovation: (rows, files). rows: dicts with the BUKTI_HEAD
    values under short keys; files: {relative path: bytes}."""
    rows, files = [], {}
    for no, param, stem, title in MANDATORY:
        if stem is None:
            ref = YOUTUBE
        else:
            ref = f"bukti/{slug(name)}/{stem}.pdf"
            files[ref] = doc(name, title, no)
        rows.append(dict(nama=name, ind=str(no), param=param,
                         nomor="" if stem is None else f"440/{no:02d}/Uji/2025",
                         tgl=TANGGAL, tentang=f"{title} {name}", file=ref))
    return rows, files


def row_of(rows, ind):
    return next(r for r in rows if r["ind"] == str(ind))


def ev_code(code, desc, bads, extra=()):
    """Fixture folder for an evidence code. bads: {innovation name: fn(rows, files)} where fn
    changes that innovation's clean evidence in place; extra: (rows, files) that belong to no
    profile row. Writes e0xx.csv (profile), bukti.csv and bukti/..."""
    ok = f"OK {code}"
    write(code, [clean(ok)] + [clean(n) for n in bads])
    all_rows, all_files = evidence(ok)
    for name, change in bads.items():
        rows, files = evidence(name)
        change(rows, files)
        all_rows += rows
        all_files.update(files)
    for rows, files in extra:
        all_rows += rows
        all_files.update(files)
    d = os.path.join(OUT, code)
    with open(os.path.join(d, "bukti.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(BUKTI_HEAD)
        for r in all_rows:
            w.writerow([r["nama"], r["ind"], r["param"], r["nomor"], r["tgl"], r["tentang"], r["file"]])
    for rel, data in sorted(all_files.items()):
        path = os.path.join(d, *rel.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    EV_README.append((code, desc))


def replace_file(ind, data, ext=None):
    """Give indicator `ind` other file content (and optionally another extension)."""
    def change(rows, files):
        r = row_of(rows, ind)
        del files[r["file"]]
        if ext:
            r["file"] = r["file"].rsplit(".", 1)[0] + "." + ext
        files[r["file"]] = data
    return change


def set_cell(ind, key, value, drop_file=False):
    def change(rows, files):
        r = row_of(rows, ind)
        if drop_file:
            del files[r["file"]]
        r[key] = value
    return change


def make_evidence_codes():
    ev_code("E001", "BAD E001: indikator 2 has Parameter 2 but an empty File cell",
            {"BAD E001": set_cell(2, "file", "", drop_file=True)})

    def e002(rows, files):
        ref = "bukti/bad-e002/alat-kerja.png"
        files[ref] = ev.png(12, 9, (200, 60, 40))
        rows.append(dict(nama="BAD E002", ind="4", param="", nomor="", tgl=TANGGAL,
                         tentang="Foto alat kerja", file=ref))
    ev_code("E002", "BAD E002: an extra indikator 4 row with a valid PNG but no Parameter", {"BAD E002": e002})
    ev_code("E003", "BAD E003: indikator 17 names `bukti/bad-e003/tidak-ada.pdf`, which does not exist",
            {"BAD E003": set_cell(17, "file", "bukti/bad-e003/tidak-ada.pdf", drop_file=True)})
    ev_code("E004", "BAD E004 teks: indikator 17 `penciptaan.pdf` is a text file; "
                    "BAD E004 png: indikator 1 (PDF only) is a real PNG `regulasi.png`",
            {"BAD E004 teks": replace_file(17, b"Laporan tahapan penciptaan (teks biasa, bukan PDF)\r\n"),
             "BAD E004 png": replace_file(1, ev.png(16, 10, (90, 90, 200)), ext="png")})
    ev_code("E005", "BAD E005: indikator 17 `penciptaan.pdf` is 0 bytes",
            {"BAD E005": replace_file(17, b"")})
    ev_code("E006", "BAD E006: indikator 18 `kemanfaatan.pdf` is a valid PDF of 2,202,010 bytes (2.1 MiB; "
                    "padding compresses to a few KB in git)",
            {"BAD E006": replace_file(18, ev.pdf(["BAD E006", "Rekapitulasi Kemanfaatan Inovasi", "(hasil pindai)"],
                                                 pad=2_202_010))})
    ev_code("E007", "BAD E007: indikator 17 `penciptaan.pdf` cut to its first 60 % (no `%%EOF`)",
            {"BAD E007": replace_file(17, ev.truncated(doc("BAD E007", "Laporan Tahapan Penciptaan Inovasi", 17)))})
    ev_code("E008", "BAD E008: indikator 1 `regulasi.pdf` encrypted (RC4 40-bit, user password `rahasia`; "
                    "`/Encrypt` in the trailer)",
            {"BAD E008": replace_file(1, ev.pdf_encrypted(["BAD E008", "Penetapan Inovasi", "Nomor 440/01/Uji/2025"]))})
    ev_code("E009", "BAD E009: indikator 2 (years T-2..T-0) dated 11/02/2019",
            {"BAD E009": set_cell(2, "tgl", "11/02/2019")})

    def e010(rows, files):
        r = row_of(rows, 17)
        rows.remove(r)
        del files[r["file"]]
    ev_code("E010", "BAD E010: no indikator 17 row at all (the other 4 mandatory indicators are clean)",
            {"BAD E010": e010})
    shared = ev.pdf(["Rekapitulasi Kemanfaatan Inovasi", "dipakai dua inovasi", "(fixture bimtek)"])

    def e011(new_name):
        def change(rows, files):
            r = row_of(rows, 18)
            del files[r["file"]]
            r["file"] = r["file"].rsplit("/", 1)[0] + "/" + new_name
            files[r["file"]] = shared
        return change
    ev_code("E011", "BAD E011 satu and BAD E011 dua: indikator 18 files `rekap-manfaat.pdf` and "
                    "`kemanfaatan-2025.pdf` are byte-identical",
            {"BAD E011 satu": e011("rekap-manfaat.pdf"), "BAD E011 dua": e011("kemanfaatan-2025.pdf")})
    ev_code("E012", "BAD E012: indikator 1 File `../luar.pdf` (outside the evidence root; no such file is made)",
            {"BAD E012": set_cell(1, "file", "../luar.pdf", drop_file=True)})
    ev_code("E013", "BAD E013 drive: indikator 1 (no links accepted) is a Google Drive link; "
                    "BAD E013 vimeo: indikator 20 is a Vimeo link (only YouTube/Google Drive accepted)",
            {"BAD E013 drive": set_cell(1, "file", "https://drive.google.com/file/d/1RegulasiBadE013/view",
                                        drop_file=True),
             "BAD E013 vimeo": set_cell(20, "file", "https://vimeo.com/123456789")})
    stray_rows, stray_files = evidence("BAD E014 tidak ada")
    stray = ([row_of(stray_rows, 1)], {row_of(stray_rows, 1)["file"]: stray_files[row_of(stray_rows, 1)["file"]]})
    ev_code("E014", "bukti.csv row 7 names `BAD E014 tidak ada`, which is no innovation of the profile "
                    "(valid indikator 1 PDF)", {}, extra=[stray])
    ev_code("E015", "BAD E015 angka: indikator 2 Parameter `4`; BAD E015 teks: indikator 2 Parameter `tinggi`",
            {"BAD E015 angka": set_cell(2, "param", "4"), "BAD E015 teks": set_cell(2, "param", "tinggi")})

    def e016(rows, files):
        ref = "bukti/bad-e016/indikator-25.pdf"
        files[ref] = doc("BAD E016", "Dokumen Indikator 25", 25)
        rows.append(dict(nama="BAD E016", ind="25", param="1", nomor="440/25/Uji/2025", tgl=TANGGAL,
                         tentang="Dokumen Indikator 25", file=ref))
    ev_code("E016", "BAD E016: an extra row for indikator 25 (no such indicator), valid PDF", {"BAD E016": e016})


# ---------------------------------------------------------------------------
# Codes of the KIPP and award templates (issue 6): the fixture passes the template with
# args.txt. KIPP rows use the kipp-2026 headers; checked --as-of 2026-11-24 (tests/cli.rs).
# ---------------------------------------------------------------------------

KIPP_HEAD = [
    ("nama", "Judul Inovasi *"), ("upp", "Unit Penyelenggara Pelayanan (UPP) *"),
    ("instansi", "Nama Instansi *"), ("kelompok", "Kelompok *"), ("kategori", "Kategori"),
    ("mulai", "Tanggal Mulai Implementasi *"), ("top99", "Pernah Top 99"),
    ("ringkasan", "Ringkasan *"), ("latar", "Latar Belakang dan Tujuan *"),
    ("kebaruan", "Kebaruan / Nilai Tambah *"), ("implementasi", "Implementasi Inovasi *"),
    ("signifikansi", "Signifikansi *"), ("adapt1", "Adaptabilitas: Sudah Direplikasi *"),
    ("adapt2", "Adaptabilitas: Potensi Replikasi *"), ("sumber", "Sumber Daya *"),
    ("lanjut", "Strategi Keberlanjutan *"), ("video", "Tautan Video *"),
    ("sk", "SK Inisiator Inovasi *"), ("s_impl", "Surat Pernyataan Implementasi *"),
    ("s_ident", "Surat Pernyataan Identitas Inovator *"),
    ("s_repl", "Surat Pernyataan Kesediaan Replikasi *"), ("usia", "Bukti Usia Implementasi"),
]
KIPP_WORDS = ("layanan administrasi kependudukan keliling mendekatkan pelayanan kepada warga desa "
              "terpencil sehingga dokumen selesai pada hari yang sama ").split()


def words(n):
    return " ".join(KIPP_WORDS[i % len(KIPP_WORDS)] for i in range(n))


def kipp_clean(name):
    return dict(nama=name, upp="Dinas Dukcapil", instansi="Kabupaten Uji", kelompok="Umum",
                kategori="Tata Kelola Pemerintahan", mulai="02/01/2023", top99="Tidak",
                ringkasan=words(150), latar=words(250), kebaruan=words(150), implementasi=words(150),
                signifikansi=words(500), adapt1="Belum direplikasi", adapt2=words(150),
                sumber=words(150), lanjut=words(400), video="https://www.youtube.com/watch?v=abc123xyz00",
                sk="sk-inisiator.pdf", s_impl="pernyataan-implementasi.pdf",
                s_ident="pernyataan-identitas.pdf", s_repl="pernyataan-replikasi.pdf",
                usia="bukti-usia.pdf")


def kipp_code(code, bads, oks=()):
    """bads/oks: {row name: changes}; every OK row is a clean proposal with its changes."""
    d = os.path.join(OUT, code)
    os.makedirs(d, exist_ok=True)
    rows = [kipp_clean(f"OK {code}")]
    for name, changes in list(oks) + list(bads):
        r = kipp_clean(name)
        r.update(changes)
        rows.append(r)
    with open(os.path.join(d, f"{code.lower()}.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow([h for _, h in KIPP_HEAD])
        for r in rows:
            w.writerow([r[k] for k, _ in KIPP_HEAD])
    with open(os.path.join(d, "args.txt"), "w", encoding="utf-8") as f:
        f.write("--template\nkipp-2026\n")


TEMPLATES = os.path.join(ROOT, "templates")
KALSEL_UJI = """# Fixture for U003 (made by scripts/make_code_fixtures.py): the Kalsel award with two agencies.
[template]
id = "kalsel-uji"
name = "Kalsel Innovation Award (uji)"
year = 2026
extends = "kalsel-2026"

[award]
agencies = ["Dinas Uji", "BAD U003 Dinas Tanpa Inovasi"]

[award.spellings]
"Dinas Uji" = ["Dinas Uji Coba Provinsi"]
"""


def make_template_codes():
    kipp_code("T002", [("BAD T002 ringkasan", dict(ringkasan=words(260))),
                       ("BAD T002 signifikansi", dict(signifikansi=words(650)))],
              oks=[("OK T002 pas", dict(ringkasan=words(200), signifikansi=words(600)))])
    kipp_code("D008", [("BAD D008", dict(mulai="01/06/2025")),
                       ("BAD D008 replikasi", dict(kelompok="Replikasi", mulai="01/06/2026"))],
              oks=[("OK D008 replikasi", dict(kelompok="Replikasi", mulai="01/06/2025"))])
    kipp_code("V008", [("BAD V008 vimeo", dict(video="https://vimeo.com/123456789")),
                       ("BAD V008 berkas", dict(video="video-inovasi.mp4"))],
              oks=[("OK V008 drive", dict(video="https://drive.google.com/file/d/1VideoOk/view"))])
    os.makedirs(TEMPLATES, exist_ok=True)
    with open(os.path.join(TEMPLATES, "kalsel-uji.toml"), "w", encoding="utf-8", newline="\n") as f:
        f.write(KALSEL_UJI)
    write("U003", [clean("OK U003"), clean("OK U003 b", opd="Dinas Uji Coba Provinsi")])
    with open(os.path.join(OUT, "U003", "args.txt"), "w", encoding="utf-8") as f:
        f.write("--template\n{fixtures}/templates/kalsel-uji.toml\n")
    make_v010()


ANGGARAN_MIN_0 = """# iid-2026 whose budget may not be negative (V010's fixture, made by
# scripts/make_code_fixtures.py): a partial override of one field.
[template]
id = "anggaran-min-0"
name = "IID 2026, budget at least Rp 0"
year = 2026
extends = "iid-2026"

[[field]]
key = "anggaran"
min = 0
"""


def make_v010():
    """V010: a rupiah amount below the template's min (anggaran, min = 0)."""
    row_code("V010", anggaran="Rp -2.500.000")
    with open(os.path.join(OUT, "V010", "args.txt"), "w", encoding="utf-8") as f:
        f.write("--template\n{fixtures}/templates/anggaran-min-0.toml\n")
    with open(os.path.join(TEMPLATES, "anggaran-min-0.toml"), "w", encoding="utf-8", newline="\n") as f:
        f.write(ANGGARAN_MIN_0)


def make_fidelity_codes():
    """H004, W004 (IID) and T003 (KIPP): the rules as regional systems apply them."""
    # H004: a bare "Klasifikasi" column holding the 2023-24 tematik values of regional apps.
    head = ["Klasifikasi" if h == "Klasifikasi Inovasi" else h for h in HEAD]
    d = os.path.join(OUT, "H004")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "h004.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(head)
        for name, value in [("BAD H004 satu", "Non Tematik"),
                            ("BAD H004 dua", "Digitalisasi Layanan Pemerintahan")]:
            r = clean(name)
            r["klasifikasi"] = value
            w.writerow([r[k] for k in KEYS])
    write("H004", [clean("OK H004")], name="ok.csv")
    # W004: penerapan inside the window, the latest development outside it.
    d = os.path.join(OUT, "W004")
    os.makedirs(d, exist_ok=True)
    at = HEAD.index("Waktu Penerapan Inovasi Daerah") + 1
    with open(os.path.join(d, "w004.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HEAD[:at] + ["Waktu Pengembangan Inovasi Daerah"] + HEAD[at:])
        for name, dev in [("OK W004", "01/03/2025"), ("BAD W004", "01/03/2026")]:
            cells = [clean(name)[k] for k in KEYS]
            w.writerow(cells[:at] + [dev] + cells[at:])
    # The portal list shapes the sources show (iid.md §6.1): the 2024 list (MKS-MOCK) as the
    # HTML table its "Unduh XLS" gives, urusan in lower case and scores like "104.00"; the
    # 2025/26 list (KLT-MOCK) with "Nama Akun" (the login, "admin") and Koordinat.
    lists = os.path.join(ROOT, "portal-lists")
    os.makedirs(lists, exist_ok=True)
    head24 = ["#", "Nama Pemda", "Nama Inovasi*", "Tahapan Inovasi*", "Nama Inisiator*",
              "Urusan Pemerintahan Utama", "Waktu Uji Coba Inovasi Daerah*",
              "Waktu Penerapan Inovasi Daerah*", "Estimasi Skor Kematangan", "Aksi"]
    rows24 = [["1", "Kabupaten Uji", "OK P006", "Penerapan", "Tim Inovasi", "kesehatan",
               "01/03/2024", "01/06/2024", "9.00", ""],
              ["2", "Kabupaten Uji", "BAD P006", "Penerapan", "Tim Inovasi", "kesehatan",
               "01/03/2024", "01/06/2024", "104.00", ""],
              ["3", "Kabupaten Uji", "GA'DE-GA'DE PUSTAKA", "Penerapan", "Tim Inovasi",
               "perpustakaan", "01/03/2024", "01/06/2024", "62.00", ""]]
    cells = lambda r, tag: "".join(f"<{tag}>{c}</{tag}>" for c in r)
    with open(os.path.join(lists, "inovasi-daerah-2024.xls"), "w", encoding="utf-8") as f:
        f.write("<html><head><meta charset=\"utf-8\"></head><body><table><thead><tr>"
                + cells(head24, "th") + "</tr></thead><tbody>"
                + "".join("<tr>" + cells(r, "td") + "</tr>" for r in rows24)
                + "</tbody></table></body></html>")
    with open(os.path.join(lists, "inovasi-daerah-2026.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Nama Pemda", "Nama Akun", "Nama Inovasi", "Tahapan Inovasi", "Nama Inisiator",
                    "Koordinat", "Urusan Pemerintahan Utama", "Waktu Penerapan Inovasi Daerah",
                    "Waktu Pengembangan Inovasi Daerah", "Estimasi Skor Kematangan", "Aksi"])
        w.writerow(["Kabupaten Uji", "admin", "Ga'de Ga'de Pustaka", "Penerapan", "Tim Inovasi",
                    "-3.3194,114.5908", "perpustakaan", "01/06/2024", "", "62.00", ""])
        w.writerow(["Kabupaten Uji", "admin", "SIPANDU Posyandu Digital", "Uji Coba", "Tim Inovasi",
                    "-3.3194,114.5908", "kesehatan", "01/06/2024", "01/03/2025", "48.00", ""])
    # P006: the portal's score differs from the one claimed in the agency's file (indikator 1,
    # parameter 3, weight 3: 9 points; the portal says 104.00 for BAD, 9.00 for OK).
    d = os.path.join(OUT, "P006")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "p006.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HEAD + ["Indikator 1 Parameter"])
        for name in ["OK P006", "BAD P006"]:
            w.writerow([clean(name)[k] for k in KEYS] + ["3"])
    with open(os.path.join(d, "args.txt"), "w", encoding="utf-8") as f:
        f.write("--baseline\n{fixtures}/portal-lists/inovasi-daerah-2024.xls\n")
    # S001-S003: one SPD sheet (outside codes/, so it is not read as an agency file), given
    # with --spd-sheet beside a clean agency file.
    spd_dir = os.path.join(ROOT, "spd")
    os.makedirs(spd_dir, exist_ok=True)
    with open(os.path.join(spd_dir, "spd-2026.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["No", "Indikator", "Nilai", "Bukti"])
        w.writerows([
            ["1", "Visi dan Misi", "Visi dan misi", "rpjmd-2025.pdf"],
            ["3", "Kualitas peningkatan perizinan", "9,4", "perizinan.pdf"],
            ["4", "Jumlah pendapatan perkapita", "3,1", "bps-pdrb.pdf"],
            ["5a", "Progres penurunan TPT", "0,4", "bps-tpt.pdf"],
            ["5b", "Persentase TPT (T-1)", "4,12", ""],          # S003: no evidence
            ["6", "Jumlah peningkatan investasi", "12,5", "dpmptsp.pdf"],
            ["7", "Jumlah peningkatan PAD", "8,3", "lra-pad.pdf"],
            ["8", "Opini BPK", "baik", "lhp-bpk.pdf"],            # S001: not TMP/TW, WDP, WTP
            ["9", "Nilai capaian LAKIP", "BB", "lhe-sakip.pdf"],
            ["10a", "Progres penurunan angka kemiskinan", "0,9", "bps-miskin.pdf"],
            ["10b", "Persentase penduduk miskin (T-1)", "7,8", "bps-miskin.pdf"],
            ["11a", "Peningkatan IPM dua tahun terakhir", "0,7", "bps-ipm.pdf"],
            # 11b (mandatory) missing: S002.
        ])
    for code in ("S001", "S002", "S003"):
        write(code, [clean(f"OK {code}")], name="ok.csv")
        with open(os.path.join(OUT, code, "args.txt"), "w", encoding="utf-8") as f:
            f.write("--spd-sheet\n{fixtures}/spd/spd-2026.csv\n")
    # U005: one title twice in one instansi; the same title in two instansi is fine.
    kipp_code("U005", [("BAD U005 sama", {}), ("bad u005  SAMA", {})],
              oks=[("OK U005 lain", {}), ("OK U005 lain", dict(instansi="Kota Uji"))])
    # U006: 11 kelompok Umum proposals of one instansi (quota 10); Replikasi has its own quota.
    kipp_code("U006", [("BAD U006", {})],
              oks=[(f"OK U006 {n}", {}) for n in range(2, 11)]
              + [("OK U006 replikasi", dict(kelompok="Replikasi", mulai="01/06/2025"))])
    kipp_code("T003", [("BAD T003 strip", dict(kebaruan="-")),
                       ("BAD T003 judul", dict(sumber="Sumber Daya"))])


README = os.path.join(ROOT, "README.md")
BEGIN = "<!-- BEGIN code fixtures (generated by scripts/make_code_fixtures.py; edits inside are overwritten) -->"
END = "<!-- END code fixtures -->"


def make_labinov_codes():
    """L codes: LAN Laboratorium Inovasi idea lists (`--template labinov`), grouped under title rows."""
    d = os.path.join(OUT, "L001")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "args.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("--template\nlabinov\n")
    head = ["No", "Kode", "Ide Inovasi", "Inovator", "K/L/D"]
    with open(os.path.join(d, "ide.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Laboratorium Inovasi Pemerintah Kabupaten Uji (3 Ide Inovasi)", "", "", "", ""])
        w.writerow(head)
        w.writerow([1, "26 LI UJ01 KES 001", "OK L001 satu", "Dinas Kesehatan", "Pemkab Uji"])
        w.writerow([2, "26 LI UJ01 PDK 002", "OK L001 dua", "Dinas Pendidikan", "Pemkab Uji"])
        w.writerow([])
        w.writerow(["Laboratorium Inovasi Pemerintah Kota Uji (1 Ide Inovasi)", "", "", "", ""])
        w.writerow([1, "26 LI UJ02 KES 001", "OK L001 tiga", "Dinas Kesehatan", "Pemkot Uji"])
    d = os.path.join(OUT, "L002")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "args.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("--template\nlabinov\n")
    with open(os.path.join(d, "ide.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(head)
        w.writerow([1, "26 LI UJ01 KES 001", "OK L002 Sistem Informasi Posyandu Digital Desa",
                    "Dinas Kesehatan", "Pemkab Uji"])
        w.writerow([2, "26 LI UJ01 KES 002", "BAD L002 sistem informasi POSYANDU digital",
                    "Puskesmas Uji", "Pemkab Uji"])
        w.writerow([3, "26 LI UJ02 KES 001", "OK L002 Sistem Informasi Posyandu Digital Kota",
                    "Dinas Kesehatan", "Pemkot Uji"])
    d = os.path.join(OUT, "L003")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "args.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("--template\nlabinov\n")
    with open(os.path.join(d, "ide.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Ide Inovasi", "Inovator", "Tahap 5D", "Tanggal Diagnose", "Tanggal Peluncuran"])
        w.writerow(["OK L003", "Dinas Kesehatan", "Deliver", "12/10/2025", "01/03/2026"])
        w.writerow(["BAD L003", "Dinas Pendidikan", "Deliver", "12/10/2025", "01/03/2025"])
    for code, bads in (("L004", ["15 LI YO5 AKP 013", "16 LI KL10"]), ("L005", ["16 LI JT20 ... 001"]),
                       ("L006", ["15 LI YO05 KIF 001"])):
        d = os.path.join(OUT, code)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "args.txt"), "w", encoding="utf-8", newline="\n") as f:
            f.write("--template\nlabinov\n")
        with open(os.path.join(d, "ide.csv"), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(head)
            w.writerow([1, "15 LI YO05 KIF 001", f"OK {code}", "Dinas Kominfo", "Pemkot Uji"])
            for n, kode in enumerate(bads, 2):
                w.writerow([n, kode, f"BAD {code} {n}", "Dinas Kesehatan", "Pemkot Uji"])
    # L007-L009 follow the ideas out of the lab: into the pemda's IID list (`--iid`) and against
    # a catalogue of existing innovations (`--catalog`), both kept outside the checked folders.
    lists = os.path.join(ROOT, "labinov")
    os.makedirs(lists, exist_ok=True)
    with open(os.path.join(lists, "iid.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Nama Pemda", "Nama Inovasi", "Nama Perangkat Daerah", "Tahapan Inovasi"])
        w.writerow(["Kabupaten Uji", "OK L007 Posyandu Digital", "Dinas Kesehatan", "Penerapan"])
        w.writerow(["Kabupaten Uji", "OK L008 Posyandu Digital", "Dinas Kesehatan", "Penerapan"])
        w.writerow(["Kabupaten Uji", "BAD L008 Pasar Digital", "Dinas Perdagangan", "Penerapan"])
        w.writerow(["Kabupaten Uji", "BAD L008 Digital Pasar", "Dinas Perdagangan", "Penerapan"])
        w.writerow(["Kabupaten Lain", "BAD L007 Sekolah Ramah Anak", "Dinas Pendidikan", "Penerapan"])
    with open(os.path.join(lists, "katalog.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Nama Pemda", "Nama Inovasi"])
        w.writerow(["Kota Malang", "Antrian Online Puskesmas Keliling"])
        w.writerow(["Kabupaten Uji", "Guru Kunjung Rumah Siswa"])
        w.writerow(["Kota Batu", "Sistem Informasi Desa"])
    head5 = ["No", "Ide Inovasi", "Inovator", "K/L/D", "Tahap 5D"]
    follow = {
        "L007": ("--iid\n{fixtures}/labinov/iid.csv\n", [
            ["OK L007 Posyandu Digital", "Dinas Kesehatan", "Pemkab Uji", "Display"],
            ["BAD L007 Sekolah Ramah Anak", "Dinas Pendidikan", "Pemkab Uji", "Deliver"],
            ["OK L007 Guru Kunjung", "Dinas Pendidikan", "Pemkab Uji", "Design"]]),
        "L008": ("--iid\n{fixtures}/labinov/iid.csv\n", [
            ["OK L008 Posyandu Digital", "Dinas Kesehatan", "Pemkab Uji", "Display"],
            ["BAD L008 Pasar Digital Desa", "Dinas Perdagangan", "Pemkab Uji", "Display"]]),
        "L009": ("--catalog\n{fixtures}/labinov/katalog.csv\n", [
            ["BAD L009 Antrian Online Puskesmas", "Dinas Kesehatan", "Pemkab Uji", "Design"],
            ["OK L009 Guru Kunjung Rumah", "Dinas Pendidikan", "Pemkab Uji", "Design"]]),
    }
    for code, (args, rows) in follow.items():
        d = os.path.join(OUT, code)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "args.txt"), "w", encoding="utf-8", newline="\n") as f:
            f.write("--template\nlabinov\n" + args)
        with open(os.path.join(d, "ide.csv"), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(head5)
            for n, r in enumerate(rows, 1):
                w.writerow([n] + r)


def make_labchk_codes():
    """L010-L012: a lab's lists over time, launch dates at launched stages, the code's year."""
    def folder(code):
        d = os.path.join(OUT, code)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "args.txt"), "w", encoding="utf-8", newline="\n") as f:
            f.write("--template\nlabinov\n")
        return d

    def sheet(path, rows):
        with open(path, "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows(rows)

    d = folder("L010")
    head = ["Kode", "Ide Inovasi", "Inovator", "Tahap 5D"]
    sheet(os.path.join(d, "ide 2026-05.csv"), [
        head,
        ["26 LI UJ01 KES 001", "OK L010 maju", "Dinas Kesehatan", "Design"],
        ["26 LI UJ01 PDK 002", "BAD L010 mundur", "Dinas Pendidikan", "Design"],
    ])
    sheet(os.path.join(d, "ide 2026-06.csv"), [
        head,
        ["26 LI UJ01 KES 001", "OK L010 maju", "Dinas Kesehatan", "Deliver"],
        ["26 LI UJ01 PDK 002", "BAD L010 mundur", "Dinas Pendidikan", "Diagnose"],
    ])
    d = folder("L011")
    sheet(os.path.join(d, "ide.csv"), [
        ["Ide Inovasi", "Inovator", "Tahap 5D", "Tanggal Peluncuran"],
        ["OK L011 rencana", "Dinas Kesehatan", "Design", "01/03/2027"],
        ["OK L011 diluncurkan", "Dinas Pendidikan", "Display", "01/03/2026"],
        ["BAD L011", "Dinas Sosial", "Display", "01/03/2027"],
    ])
    # L013, L014: the lab's roster (`--roster`) against the units owning ideas.
    roster_dir = os.path.join(ROOT, "roster")
    os.makedirs(roster_dir, exist_ok=True)
    sheet(os.path.join(roster_dir, "l013.csv"), [
        ["Nama", "Alias", "Kelompok"],
        ["Dinas Kesehatan", "Dinkes", "OPD"],
        ["BAD L013 Puskesmas Senyap", "", "UPT"],
    ])
    sheet(os.path.join(roster_dir, "l014.csv"), [
        ["Nama", "Alias", "Kelompok"],
        ["Dinas Kesehatan", "Dinkes", "OPD"],
    ])
    head = ["Ide Inovasi", "Inovator", "Tahap 5D"]
    for code in ("L013", "L014"):
        d = folder(code)
        with open(os.path.join(d, "args.txt"), "a", encoding="utf-8", newline="\n") as f:
            f.write(f"--roster\n{{fixtures}}/roster/{code.lower()}.csv\n")
        sheet(os.path.join(d, "ok.csv"), [head, [f"OK {code}", "DINKES", "Diagnose"]])
    sheet(os.path.join(OUT, "L014", "bad-l014.csv"),
          [head, ["BAD L014", "Dinas Tak Terdaftar", "Diagnose"]])
    d = folder("L012")
    sheet(os.path.join(d, "ide.csv"), [
        ["Laboratorium Inovasi Pemerintah Kabupaten Uji 2026 (2 Ide Inovasi)", "", "", ""],
        ["No", "Kode", "Ide Inovasi", "Inovator"],
        [1, "26 LI UJ01 KES 001", "OK L012", "Dinas Kesehatan"],
        [2, "25 LI UJ01 PDK 002", "BAD L012", "Dinas Pendidikan"],
    ])


def write_readme():
    lines = [BEGIN,
             "Finding-code fixtures (`tests/fixtures/codes/<CODE>/`): rows named `BAD ...` (and files not named "
             "`ok*`) must trigger the code, rows named `OK ...` and files named `ok*` must not.",
             "",
             "Evidence codes: profile `e0xx.csv` (complete clean rows), long-layout `bukti.csv` (`Nama Inovasi`, "
             "`Indikator`, `Parameter`, `Nomor Dokumen`, `Tanggal Dokumen`, `Tentang`, `File`) and files under "
             "`bukti/<innovation>/`. Every OK innovation has indikator 1, 2, 17, 18 as valid PDFs and 20 as "
             f"`{YOUTUBE}`, each with a parameter, dated {TANGGAL}; the BAD innovations differ in one way.",
             ""]
    lines += [f"- `codes/{c}/` — {d}" for c, d in EV_README]
    lines += ["",
              "Portal and window codes: `args.txt` in a folder adds arguments (`{fixtures}` = tests/fixtures); "
              "`portal/portal-2026.xls` is the portal list as an HTML table saved as .xls, "
              "`portal/inovasi-2024.csv` and `portal/inovasi-2025.xlsx` are earlier years.",
              "",
              "- `codes/P001/` — `BAD P001` is not in the portal list",
              "- `codes/P002/` — `BAD P002` is in the portal with tahapan Uji Coba, the agency says Penerapan",
              "- `codes/P003/` — `BAD P003 Layanan` is equally close to two portal entries",
              "- `codes/P004/` — the portal has `BAD P004 hanya di portal`, no agency file does",
              "- `codes/P005/` — the portal entry of `BAD P005` was last updated 02/01/2020",
              "- `codes/W001/` — `BAD W001` was first applied 01/06/2022, before the window, with no development date",
              "- `codes/W002/` — `BAD W002` was first applied 15/03/2026, after the window",
              "- `codes/W003/` — `BAD W003` was entered in 2024 and 2025 and has no development date",
              "- `codes/P006/` — the 2024 list `portal-lists/inovasi-daerah-2024.xls` gives `BAD P006` an "
              "Estimasi Skor Kematangan of 104.00, the agency file claims 9 (indikator 1, parameter 3); "
              "`OK P006` 9.00 in both",
              "- `codes/S001/`, `codes/S002/`, `codes/S003/` — a clean agency file checked with "
              "`--spd-sheet spd/spd-2026.csv`: Opini BPK `baik` (S001), mandatory 11b missing (S002), "
              "5b `4,12` without evidence (S003)",
              "- `codes/W004/` — `BAD W004` was applied 01/06/2024 (inside the window) and developed "
              "01/03/2026 (outside); `OK W004` developed 01/03/2025",
              "- `codes/H004/` — `h004.csv` has a bare `Klasifikasi` column holding the tematik values "
              "`Non Tematik` and `Digitalisasi Layanan Pemerintahan` (one finding for the sheet); `ok.csv` "
              "has `Klasifikasi Inovasi`",
              "",
              "Template codes (`args.txt` passes the template): KIPP proposals (`--template kipp-2026`, headers "
              "of `bimtek template form kipp-2026`, every OK row a clean proposal started 02/01/2023) and the "
              "Kalsel award (`templates/kalsel-uji.toml`, extends `kalsel-2026`, lists two agencies).",
              "",
              "- `codes/T002/` — `BAD T002 ringkasan` has 260 words (max 200), `BAD T002 signifikansi` 650 (max 600); "
              "`OK T002 pas` has exactly 200 and 600",
              "- `codes/U005/` — `BAD U005 sama` and `bad u005  SAMA` are one title twice in `Kabupaten Uji` "
              "(the second is reported); `OK U005 lain` is in `Kabupaten Uji` and `Kota Uji` once each",
              "- `codes/U006/` — `Kabupaten Uji` sends 11 kelompok Umum proposals (quota 10): the 11th, "
              "`BAD U006`, is reported; its one Replikasi proposal is within its own quota",
              "- `codes/T003/` — `BAD T003 strip` answers Kebaruan with `-`, `BAD T003 judul` answers Sumber Daya "
              "with its own heading",
              "- `codes/D008/` — `BAD D008` (Umum) started 01/06/2025, under 2 years before 24/11/2026; "
              "`BAD D008 replikasi` started 01/06/2026, under 1 year; `OK D008 replikasi` started 01/06/2025",
              "- `codes/V008/` — `BAD V008 vimeo` has a Vimeo link, `BAD V008 berkas` a file name; "
              "`OK V008 drive` a Google Drive link",
              "- `codes/V009/` — `BAD V009` has a Rancang Bangun of 40,000 characters, over the 32,767 "
              "an Excel cell holds; `OK V009` a short one",
              "- `codes/V010/` — under `templates/anggaran-min-0.toml` (iid-2026 with `min = 0` on "
              "`anggaran`, a partial override), `BAD V010` has a budget of `Rp -2.500.000`; `OK V010` "
              "`Rp 1.500.000`",
              "- `codes/U003/` — the template lists `BAD U003 Dinas Tanpa Inovasi`, which has no row; "
              "`Dinas Uji` has one under its own name and one under its spelling `Dinas Uji Coba Provinsi`",
              "",
              "What is not read as data (file-level codes beside an `ok.csv`):",
              "",
              "- `codes/F005/` — `inggris.csv`: an innovation list of 10 columns whose headers are all English",
              "- `codes/F012/` — `multi-sheet.xlsx`: the form's `Petunjuk` sheet beside `Data Inovasi`",
              "- `codes/F013/` — `opd.csv`: a lookup list `kode_opd,nama_opd`; `provinsi.csv`: LAN's `id,nama` list of provinces",
              "- `codes/F014/` — `hasil.csv`: bimtek's own CSV report (its header row is the mark)",
              "- `codes/F015/` — `tautan.csv`: a link to `../F013/ok.csv`, out of the folder given",
              "- `codes/F016/` — `hilang.xlsx`: a link to `tidak-ada.xlsx`, which does not exist",
              "- `codes/U004/` — `inovasi.csv` and `inovasi-salinan.csv`: the same two innovations of `Dinas Uji`",
              "",
              "Laboratorium Inovasi codes (`args.txt` passes `--template labinov`; ideas under LAN's title rows):",
              "",
              "- `codes/L001/` — `ide.csv`: the title of `Pemerintah Kabupaten Uji` states 3 ideas, 2 rows "
              "follow before a blank row; `Pemerintah Kota Uji` states 1 and has 1",
              "- `codes/L002/` — `ide.csv`: in `Pemkab Uji`, `BAD L002 sistem informasi POSYANDU digital` shares "
              "5 of 6 words with `OK L002 Sistem Informasi Posyandu Digital Desa` (setting `similar_ideas` 0.8); "
              "the like idea of `Pemkot Uji` is another pemda's",
              "- `codes/L003/` — `ide.csv`: `BAD L003` was diagnosed 12/10/2025 and launched 01/03/2025; "
              "`OK L003` launched 01/03/2026",
              "- `codes/L004/` — `ide.csv`: `BAD L004 2` has code `15 LI YO5 AKP 013` (the location's zero "
              "dropped), `BAD L004 3` `16 LI KL10` (cut short); `OK L004` `15 LI YO05 KIF 001`",
              "- `codes/L005/` — `ide.csv`: `BAD L005 2` has code `16 LI JT20 ... 001`; `OK L005` `15 LI YO05 KIF 001`",
              "- `codes/L006/` — `ide.csv`: `BAD L006 2` has code `15 LI YO05 KIF 001`, which `OK L006` has already",
              "- `codes/L007/` — `ide.csv` with `--iid labinov/iid.csv`: `BAD L007 Sekolah Ramah Anak` is at "
              "Deliver and in the IID list only for `Kabupaten Lain`; `OK L007 Posyandu Digital` (Display) is "
              "there for `Kabupaten Uji` (the ideas' `Pemkab Uji`); `OK L007 Guru Kunjung` is not launched yet",
              "- `codes/L008/` — `ide.csv` with `--iid labinov/iid.csv`: `BAD L008 Pasar Digital Desa` "
              "(Display) is as close to `BAD L008 Pasar Digital` as to `BAD L008 Digital Pasar`",
              "- `codes/L009/` — `ide.csv` with `--catalog labinov/katalog.csv`: `BAD L009 Antrian Online "
              "Puskesmas` shares 3 of 5 words with Kota Malang's `Antrian Online Puskesmas Keliling`; "
              "`OK L009 Guru Kunjung Rumah` is like only an innovation of its own pemda",
              "",
              "Lists the L007-L009 fixtures follow the ideas into (`tests/fixtures/labinov/`, outside the checked "
              "folders): `iid.csv`, an IID list of `Kabupaten Uji`; `katalog.csv`, innovations of three pemda.",
              "- `codes/L010/` — `ide 2026-05.csv` then `ide 2026-06.csv` (ordered by the dates in their names): "
              "`BAD L010 mundur` goes from Design back to Diagnose; `OK L010 maju` from Design to Deliver",
              "- `codes/L011/` — `ide.csv`: `BAD L011` is at Display with the launch date 01/03/2027 (after the "
              "reference date); `OK L011 rencana` at Design may plan that date, `OK L011 diluncurkan` launched "
              "01/03/2026",
              "- `codes/L012/` — `ide.csv`: under the title of a 2026 lab of `Pemerintah Kabupaten Uji`, `BAD L012` "
              "has code `25 LI UJ01 PDK 002`; `OK L012` `26 LI UJ01 KES 001`",
              "- `codes/L013/` — `args.txt` adds `--roster roster/l013.csv`, which lists `BAD L013 Puskesmas "
              "Senyap`, owner of no idea; `ok.csv` has `OK L013` of `DINKES`, an alias of the listed `Dinas Kesehatan`",
              "- `codes/L014/` — `args.txt` adds `--roster roster/l014.csv`; `bad-l014.csv` has `BAD L014` of "
              "`Dinas Tak Terdaftar`, which the roster does not list; `ok.csv` `OK L014` of `DINKES`"]
    lines += [END]
    block = "\n".join(lines) + "\n"
    old = "# Test fixtures\n"
    if os.path.exists(README):
        with open(README, encoding="utf-8") as f:
            old = f.read()
    if BEGIN in old and END in old:
        pre, rest = old.split(BEGIN, 1)
        post = rest.split(END, 1)[1].lstrip("\n")
    else:
        pre, post = old, ""
    new = pre.rstrip("\n") + "\n\n" + block + ("\n" + post if post else "")
    with open(README, "w", encoding="utf-8", newline="\n") as f:
        f.write(new)


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    copy("F001", "corrupt.xlsx")
    copy("F002", "encrypted.xlsx")
    copy("F003", "empty.xlsx")
    copy("F004", "html-table.xls")
    d = os.path.join(OUT, "F005")
    os.makedirs(d)
    # An innovation list whose headers are all unknown (English): wide, so it
    # is no lookup list (F013), and it still needs its headers fixed.
    with open(os.path.join(d, "inggris.csv"), "w", encoding="utf-8") as f:
        f.write("Innovation,Agency,Stage,Initiator,Type,Form,Sector,Started,Goal,Outcome\n"
                "BAD F005 Smart Clinic,Health Office,Implementation,Agency,Digital,Public service,"
                "Health,01/06/2024,Faster service,Shorter queues\n")
    write("F005", [clean("OK F005")], name="ok.csv")
    d = os.path.join(OUT, "F006")
    os.makedirs(d)
    with open(os.path.join(d, "cp1252.csv"), "wb") as f:
        f.write("Nama Inovasi,Nama Perangkat Daerah,Tahapan Inovasi\r\nBAD F006 Café,Dinas Uji,Inisiatif\r\n".encode("cp1252"))
    write("F006", [clean("OK F006")], name="ok.csv")
    copy("F007", "csv-named.xlsx")
    copy("F008", "hidden-sheet.xlsx")
    # F009: an "xlsx" whose sheet inflates from ~20 KB to 20 MiB (ratio > 200):
    # a zip bomb in miniature, refused before calamine inflates it.
    import zipfile
    d = os.path.join(OUT, "F009")
    os.makedirs(d)
    with zipfile.ZipFile(os.path.join(d, "bom-zip.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        def add(name, data):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
        add("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        add("xl/worksheets/sheet1.xml", "<worksheet>" + " " * (20 << 20) + "</worksheet>")
    write("F009", [clean("OK F009")], name="ok.csv")
    # F010: a quote opened and never closed swallows the rest of the file.
    d = os.path.join(OUT, "F010")
    os.makedirs(d)
    with open(os.path.join(d, "kutip.csv"), "w", encoding="utf-8", newline="") as f:
        f.write('Nama Inovasi,Nama Perangkat Daerah,Tahapan Inovasi\nBAD F010,Dinas Uji,"Inisiatif\nBAD F010 b,Dinas Uji,Inisiatif\n')
    write("F010", [clean("OK F010")], name="ok.csv")
    # F011: a path on the command line that does not exist (args.txt adds it).
    write("F011", [clean("OK F011")], name="ok.csv")
    with open(os.path.join(OUT, "F011", "args.txt"), "w", encoding="utf-8") as f:
        f.write("{fixtures}/codes/F011/tidak-ada.xlsx\n")
    make_data_codes()
    make_safety_codes()
    write("H001", [clean("OK H001")], head=HEAD + ["Keterangan Internal"], name="bad.csv")
    write("H001", [clean("OK H001 b")], name="ok.csv")
    # Missing required column Klasifikasi.
    write("H002", [clean("OK H002")], drop=("Klasifikasi Inovasi",), name="bad.csv")
    write("H002", [clean("OK H002 b")], name="ok.csv")
    d = os.path.join(OUT, "H003")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "bad.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Nama Inovasi", "Judul Inovasi", "Tahapan Inovasi"])
        w.writerow(["OK H003", "OK H003", "Inisiatif"])
    write("H003", [clean("OK H003 b")], name="ok.csv")
    row_code("R001", nama_inisiator="")
    row_code("V001", tahapan="Selesai")
    row_code("V002", tahapan="UJI COBA")
    row_code("V003", anggaran="sekitar 2 juta")
    # V004 needs a real error cell: formula-errors.xlsx has them in D3/C4/E2/E3.
    copy("V004", "formula-errors.xlsx")
    row_code("V005", koordinat="dekat kantor bupati")
    row_code("V006", koordinat="51.5074,-0.1278")
    row_code("V007", asta="9")
    # V009: a value longer than the 32,767 characters an Excel cell holds.
    row_code("V009", rancang=LONG_RANCANG)
    row_code("D001", uji="segera")
    row_code("D002", penerapan="05/17/24")
    row_code("D003", penerapan="31/02/2025")
    row_code("D004", penerapan="15/01/2027")
    row_code("D005", uji="10/03/2025", penerapan="01/11/2024")
    row_code("D006", penerapan="")
    row_code("D007", penerapan="Mei 2024")
    row_code("T001", rancang="Rancang bangun yang terlalu pendek untuk portal.")
    write("U001", [clean("OK U001"), clean("BAD U001 sama"), clean("BAD  u001 SAMA")])
    write("U002", [clean("OK U002"), clean("BAD U002 bersama", opd="Dinas Satu")], name="satu.csv")
    write("U002", [clean("OK U002 b", opd="Dinas Dua"), clean("bad u002 BERSAMA", opd="Dinas Dua")],
          name="dua.csv")
    # U004: one list saved twice under two names.
    for name in ("inovasi.csv", "inovasi-salinan.csv"):
        write("U004", [clean("BAD U004 satu"), clean("BAD U004 dua")], name=name)
    write("U004", [clean("OK U004")], name="ok.csv")
    make_evidence_codes()
    make_portal_codes()
    make_template_codes()
    make_fidelity_codes()
    make_labinov_codes()
    make_labchk_codes()
    write_readme()


def make_data_codes():
    """F012-F016: what is not read as data (issue "What is data")."""
    # F012: a form's own sheet (`Petunjuk`) beside the data sheet.
    copy("F012", "multi-sheet.xlsx")
    # F013: a lookup list beside the data.
    d = os.path.join(OUT, "F013")
    os.makedirs(d)
    with open(os.path.join(d, "opd.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("kode_opd,nama_opd\n1,Dinas Uji\n2,Dinas Sosial\n")
    # LAN's reference tables: `id,nama`, the name of a province.
    with open(os.path.join(d, "provinsi.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("id,nama\n11,ACEH\n12,SUMATERA UTARA\n13,SUMATERA BARAT\n")
    write("F013", [clean("OK F013")], name="ok.csv")
    # F014: bimtek's own CSV report, written into the checked folder.
    d = os.path.join(OUT, "F014")
    os.makedirs(d)
    with open(os.path.join(d, "hasil.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("code,severity,file,sheet,row,column,cell,field,indicator,value,message,hint\n"
                "R001,error,inovasi.csv,,3,E,E3,nama_inisiator,,,Nama Inisiator wajib diisi,Isi kolomnya.\n")
    write("F014", [clean("OK F014")], name="ok.csv")
    # F015: a link pointing out of the folder given (to another fixture).
    write("F015", [clean("OK F015")], name="ok.csv")
    os.symlink("../F013/ok.csv", os.path.join(OUT, "F015", "tautan.csv"))
    # F016: a link to a file that does not exist (a pipe cannot be kept in git;
    # tests/data.rs makes one).
    write("F016", [clean("OK F016")], name="ok.csv")
    os.symlink("tidak-ada.xlsx", os.path.join(OUT, "F016", "hilang.xlsx"))


def xlsx_of(path, sheets, parts):
    """An xlsx at `path` whose workbook lists `sheets` (name, part) and holds
    `parts` (part name under xl/, sheetData XML), written by hand so that it
    can say what no spreadsheet program writes."""
    import zipfile
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    listed = "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i}"/>' for i, (n, _) in enumerate(sheets))
    rels = "".join(f'<Relationship Id="rId{i}" Type="{rel}/worksheet" Target="{p}"/>'
                   for i, (_, p) in enumerate(sheets))
    files = [("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
             ("_rels/.rels", f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
             ("xl/workbook.xml", f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>{listed}</sheets></workbook>'),
             ("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{pkg}">{rels}</Relationships>')]
    files += [(f"xl/{p}", f'<worksheet xmlns="{main}"><sheetData>{x}</sheetData></worksheet>') for p, x in parts]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def row_xml(r, cells):
    out = f'<row r="{r}">'
    for c, text in enumerate(cells):
        out += f'<c r="{chr(65 + c)}{r}" t="inlineStr"><is><t>{text}</t></is></c>'
    return out + "</row>"


def make_safety_codes():
    """F017-F021 ("Safe at the edges")."""
    # F017: a template listing two findings of a code per file; three rows
    # with a tahapan that is no allowed value (V001) in one file.
    write("F017", [clean(f"BAD F017 {c}", ) | {"tahapan": "Selesai"} for c in "abc"], name="bad.csv")
    write("F017", [clean("OK F017")], name="ok.csv")
    with open(os.path.join(OUT, "F017", "args.txt"), "w", encoding="utf-8") as f:
        f.write("--template\n{fixtures}/templates/cap-2.toml\n")
    with open(os.path.join(ROOT, "templates", "cap-2.toml"), "w", encoding="utf-8") as f:
        f.write("# iid-2026 listing at most two findings of one code per file (F017's fixture,\n"
                "# made by scripts/make_code_fixtures.py).\n[template]\nid = \"cap-2\"\n"
                "name = \"IID 2026, two findings of a code per file\"\nyear = 2026\nextends = \"iid-2026\"\n\n"
                "[settings]\nmax_findings_per_code = 2\n")
    # F018: rows numbered 2, 3, 2 in the sheet's XML.
    head = ["Nama Inovasi", "Nama Perangkat Daerah", "Tahapan Inovasi"]
    d = os.path.join(OUT, "F018")
    os.makedirs(d, exist_ok=True)
    xlsx_of(os.path.join(d, "baris-kembar.xlsx"), [("Data", "worksheets/sheet1.xml")],
            [("worksheets/sheet1.xml", row_xml(1, head) + row_xml(2, ["BAD F018 a", "Dinas Uji", "Penerapan"])
              + row_xml(3, ["OK F018", "Dinas Uji", "Penerapan"]) + row_xml(2, ["BAD F018 b", "Dinas Uji", "Penerapan"]))])
    write("F018", [clean("OK F018 b")], name="ok.csv")
    # F019: two sheets naming one part: the part is read once.
    d = os.path.join(OUT, "F019")
    os.makedirs(d, exist_ok=True)
    xlsx_of(os.path.join(d, "lembar-kembar.xlsx"),
            [("Data", "worksheets/sheet1.xml"), ("Salinan", "worksheets/sheet1.xml")],
            [("worksheets/sheet1.xml", row_xml(1, head) + row_xml(2, ["BAD F019", "Dinas Uji", "Penerapan"]))])
    write("F019", [clean("OK F019")], name="ok.csv")
    # F020: a template checking one innovation a run; the file's first row
    # is checked, the two after it are not (one file: the run's order).
    write("F020", [clean("OK F020"), clean("BAD F020 a"), clean("BAD F020 b")], name="baris.csv")
    with open(os.path.join(OUT, "F020", "args.txt"), "w", encoding="utf-8") as f:
        f.write("--template\n{fixtures}/templates/innovations-1.toml\n")
    with open(os.path.join(ROOT, "templates", "innovations-1.toml"), "w", encoding="utf-8") as f:
        f.write("# iid-2026 checking at most one innovation a run (F020's fixture,\n"
                "# made by scripts/make_code_fixtures.py).\n[template]\nid = \"innovations-1\"\n"
                "name = \"IID 2026, one innovation a run\"\nyear = 2026\nextends = \"iid-2026\"\n\n"
                "[settings]\nmax_innovations_in_run = 1\n")
    make_statement_cap()


def make_statement_cap():
    """F021: a template keeping one evidence statement a run; the profile
    row is checked, the evidence file's first row is kept and checking stops
    at its second (files in the run's order: baris.csv, then bukti.csv)."""
    write("F021", [clean("OK F021")], name="baris.csv")
    with open(os.path.join(OUT, "F021", "bukti.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(BUKTI_HEAD)
        w.writerow(["OK F021", "20", "3", "", TANGGAL, "Video Inovasi", YOUTUBE])
        w.writerow(["OK F021", "1", "1", "1/2025", TANGGAL, "Penetapan Inovasi", "bukti/regulasi.pdf"])
        w.writerow(["OK F021", "2", "2", "2/2025", TANGGAL, "Tim Pelaksana Inovasi", "bukti/sdm.pdf"])
    with open(os.path.join(OUT, "F021", "args.txt"), "w", encoding="utf-8") as f:
        f.write("--template\n{fixtures}/templates/statements-1.toml\n")
    with open(os.path.join(ROOT, "templates", "statements-1.toml"), "w", encoding="utf-8") as f:
        f.write("# iid-2026 keeping at most one evidence statement a run (F021's fixture,\n"
                "# made by scripts/make_code_fixtures.py).\n[template]\nid = \"statements-1\"\n"
                "name = \"IID 2026, one evidence statement a run\"\nyear = 2026\nextends = \"iid-2026\"\n\n"
                "[settings]\nmax_statements_in_run = 1\n")


PORTAL = os.path.join(ROOT, "portal")
PORTAL_HEAD = ["#", "Nama Pemda", "Nama Inovasi*", "Tahapan Inovasi*", "Nama Inisiator*",
               "Urusan Pemerintahan Utama", "Waktu Uji Coba Inovasi Daerah*",
               "Waktu Penerapan Inovasi Daerah*", "Estimasi Skor Kematangan", "Terakhir Diperbarui"]


def portal_row(n, name, tahapan="Penerapan", updated="01/10/2026"):
    return [str(n), "Kabupaten Uji", name, tahapan, "Tim Inovasi", "Kesehatan", "01/03/2024",
            "01/06/2024", "62,00", updated]


def make_portal_codes():
    """P001-P005 and W001-W003. The portal list is an HTML table saved as
    .xls (as the portal's "Unduh XLS" gives it); earlier years are a CSV and
    an xlsx. A fixture folder's args.txt adds CLI arguments; {fixtures} is
    tests/fixtures."""
    if os.path.isdir(PORTAL):
        shutil.rmtree(PORTAL)
    os.makedirs(PORTAL)
    rows = [
        portal_row(1, "OK P001"),
        portal_row(2, "OK P002"),
        portal_row(3, "BAD P002", tahapan="Uji Coba"),
        portal_row(4, "OK P003"),
        portal_row(5, "BAD P003 Layanan Satu"),
        portal_row(6, "BAD P003 Layanan Dua"),
        portal_row(7, "OK P004"),
        portal_row(8, "BAD P004 hanya di portal"),
        portal_row(9, "OK P005"),
        portal_row(10, "BAD P005", updated="02/01/2020"),
        portal_row(11, "OK W003"),
        portal_row(12, "BAD W003"),
    ]
    cells = lambda r, tag: "".join(f"<{tag}>{c}</{tag}>" for c in r)
    html = ("<html><head><meta charset=\"utf-8\"><title>Inovasi Daerah</title></head><body>"
            "<table border=\"1\"><thead><tr>" + cells(PORTAL_HEAD, "th") + "</tr></thead><tbody>"
            + "".join("<tr>" + cells(r, "td") + "</tr>" for r in rows) + "</tbody></table></body></html>")
    with open(os.path.join(PORTAL, "portal-2026.xls"), "w", encoding="utf-8") as f:
        f.write(html)
    # Earlier years: BAD W003 was entered in 2024 and 2025, OK W003 only in 2025.
    with open(os.path.join(PORTAL, "inovasi-2024.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Nama Inovasi", "Tahapan Inovasi", "Waktu Penerapan Inovasi Daerah"])
        w.writerow(["BAD W003", "Penerapan", "01/06/2022"])
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Inovasi 2025"
    ws.append(["Nama Inovasi", "Tahapan Inovasi", "Waktu Penerapan Inovasi Daerah"])
    ws.append(["BAD W003", "Penerapan", "01/06/2022"])
    ws.append(["OK W003", "Penerapan", "01/06/2024"])
    # openpyxl stamps the save time; make_data's writer fixes dates so the bytes are stable.
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from make_data import wb_bytes
    with open(os.path.join(PORTAL, "inovasi-2025.xlsx"), "wb") as f:
        f.write(wb_bytes(wb))

    portal_arg = "--baseline\n{fixtures}/portal/portal-2026.xls\n"
    def args(code, text):
        with open(os.path.join(OUT, code, "args.txt"), "w", encoding="utf-8") as f:
            f.write(text)
    write("P001", [clean("OK P001"), clean("BAD P001")]); args("P001", portal_arg)
    p002 = clean("BAD P002")
    write("P002", [clean("OK P002"), p002]); args("P002", portal_arg)
    write("P003", [clean("OK P003"), clean("BAD P003 Layanan")]); args("P003", portal_arg)
    write("P004", [clean("OK P004")]); args("P004", portal_arg)
    write("P005", [clean("OK P005"), clean("BAD P005")]); args("P005", portal_arg)
    row_code("W001", uji="01/03/2022", penerapan="01/06/2022")
    row_code("W002", uji="01/01/2026", penerapan="15/03/2026")
    write("W003", [clean("OK W003"), clean("BAD W003")])
    args("W003", "--baseline\n2024={fixtures}/portal/inovasi-2024.csv\n--baseline\n2025={fixtures}/portal/inovasi-2025.xlsx\n")


if __name__ == "__main__":
    main()
