"""Write tests/fixtures/codes/<CODE>/: one small folder per finding code.

Each folder holds a file whose rows named "BAD ..." must trigger the code and
rows named "OK ..." must not; file-level codes also get an `ok.csv` beside the
bad file, which must not trigger it. tests/cli.rs checks every registered code
against its folder, so a new code without a fixture fails the tests.

Run: python3 scripts/make_code_fixtures.py   (standard library only; binary
file fixtures are copied from tests/fixtures/load/, made by make_data.py)
"""
import csv, os, shutil

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


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    copy("F001", "corrupt.xlsx")
    copy("F002", "encrypted.xlsx")
    copy("F003", "empty.xlsx")
    copy("F004", "html-table.xls")
    d = os.path.join(OUT, "F005")
    os.makedirs(d)
    with open(os.path.join(d, "catatan.csv"), "w", encoding="utf-8") as f:
        f.write("Catatan rapat,Tanggal\nBahas data inovasi,01/02/2025\n")
    write("F005", [clean("OK F005")], name="ok.csv")
    d = os.path.join(OUT, "F006")
    os.makedirs(d)
    with open(os.path.join(d, "cp1252.csv"), "wb") as f:
        f.write("Nama Inovasi,Nama Perangkat Daerah,Tahapan Inovasi\r\nBAD F006 Café,Dinas Uji,Inisiatif\r\n".encode("cp1252"))
    write("F006", [clean("OK F006")], name="ok.csv")
    copy("F007", "csv-named.xlsx")
    copy("F008", "hidden-sheet.xlsx")
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


if __name__ == "__main__":
    main()
