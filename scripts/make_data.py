#!/usr/bin/env python3
"""Generate bimtek's sample data and binary loader fixtures.

Run from the repository root:

    pip install -r scripts/requirements-data.txt && python3 scripts/make_data.py

It writes:

* ``sample-data/``: the fictional "Kabupaten Tanah Merah" with five agencies
  (OPD), one spreadsheet each, in the formats agencies really send (xlsx with
  title rows, Excel-saved ``;`` CSV in Windows-1252, ods, old BIFF8 xls, xlsx
  with a space in its name), plus ``sample-data/README.md`` (Bahasa
  Indonesia). Most rows are clean; a set of deliberate mistakes is listed in
  MISTAKES below and in the README. Evidence (bukti dukung): a long-layout
  sheet ``Bukti Dukung`` in the Dinas Kesehatan workbook, wide-layout
  ``Indikator N Parameter/Bukti`` columns in the Dinas Sosial workbook, and the
  tiny real evidence files under ``<agency>/bukti/`` (scripts/evfiles.py).
* ``tests/fixtures/load/``: tiny files with one property each for the loader
  tests, plus a generated block in ``tests/fixtures/README.md`` (between the
  ``make_data.py`` markers; text outside the markers is kept).

The output is deterministic: fixed dates, fixed seeds, fixed zip entry
timestamps (2026-11-01 08:00:00), fixed document properties, and a seeded
replacement for the random salts/keys of the encrypted fixture. Byte-identical
output needs the pinned package versions and the same zlib (tested with
CPython 3.11, zlib 1.2.13). The generated files are committed; CI does not run
this script.

"Today" for the sample data is 2026-11-24 (dates after it are deliberate).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import xlwt
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904

import evfiles as ev  # scripts/evfiles.py

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample-data"
LOAD = ROOT / "tests" / "fixtures" / "load"
FIXTURES_README = ROOT / "tests" / "fixtures" / "README.md"

ZIP_DATE = (2026, 11, 1, 8, 0, 0)
DOC_DATE = dt.datetime(2026, 11, 1, 8, 0, 0)
DOC_DATE_ISO = "2026-11-01T08:00:00Z"
KAB = "Kabupaten Tanah Merah"

# ---------------------------------------------------------------------------
# Deliberate mistakes in sample-data/ (kept in sync with sample-data/README.md).
# Row numbers are spreadsheet rows (1-based, header included).
#
#  file / sheet                          cell(s)   innovation                     mistake
#  Dinas Kesehatan xlsx "Inovasi 2026"   J7        GEMAS Cegah Stunting           Urusan is a #N/A error cell (broken VLOOKUP)
#                                        N7        GEMAS Cegah Stunting           Rancang Bangun has 40 words (< 300)
#                                        K8 > L8   Ambulans Desa Siaga            uji coba 10/03/2025 after penerapan 01/11/2024
#                                        D9, L9    TB Tuntas Bersama Kader        tahapan Penerapan but Waktu Penerapan empty
#  Dinas Pendidikan csv (row = record)   E4        e-Rapor Terpadu Sekolah Dasar  nama_inisiator empty (required)
#                                        K4        e-Rapor Terpadu Sekolah Dasar  waktu_penerapan "05/17/24" (m/d, 2-digit year)
#                                        I5        Liga Pelajar Tanah Merah       urusan "Olahraga Prestasi" (no such urusan;
#                                                                                  close to "Kepemudaan dan Olahraga")
#                                        T5        Liga Pelajar Tanah Merah       anggaran "sekitar 2 juta"
#                                        A3 = A6   Pojok Baca Café Literasi       same name twice in one agency
#  Dinas Kominfo ods "Inovasi"           J3        LAPOR BUPATI                   Waktu Uji Coba "segera" (not a date)
#                                        Q3        LAPOR BUPATI                   Koordinat "dekat kantor bupati"
#                                        Q5        INDESTRA Internet Desa Terang  Koordinat "51.5074,-0.1278" (London)
#                                        R5        INDESTRA Internet Desa Terang  Asta Cita 9 (allowed 1-8)
#  Dinas PUPR xls "Sheet1"               M4        RULAH GORO                     Waktu Uji Coba "Mei 2024" (month-year only)
#                                        N4        RULAH GORO                     Penerapan Awal "31/02/2025" (impossible)
#                                        O4        RULAH GORO                     Pengembangan Terbaru "15/01/2027" (after today)
#  Dinas Sosial xlsx "Sheet1"            (file)    -                              no Klasifikasi column (required column missing)
#                                        B2        SI  CANTIK                     same name as Dinkes "Si Cantik" (C6 there)
#                                        C3        Lumbung Sosial Desa            tahapan "Selesai" (not an allowed value)
#                                        P3        Lumbung Sosial Desa            Tujuan Inovasi Daerah empty (required)
#                                        S4        Kartu Lansia Sejahtera         Anggaran is a #REF! error cell
# Evidence (bukti dukung; BUKTI_DINKES / WIDE_DINSOS below), one of each:
#  Dinkes xlsx "Bukti Dukung"            G22       TB Tuntas Bersama Kader        indikator 17 file is a text file named .pdf (E004)
#                                        G29       Klinik Sanitasi Keliling       indikator 18 PDF of 2,202,010 bytes > 2 MB (E006)
#                                        G26       Klinik Sanitasi Keliling       indikator 2 file does not exist (E003)
#                                        E20       TB Tuntas Bersama Kader        indikator 2 (years T-2..T-0) dated 11/02/2019 (E009)
#                                        G17, G23  Ambulans Desa / TB Tuntas      indikator 18 files byte-identical, two names (E011)
#                                        (none)    Ambulans Desa Siaga            no indikator 17 row at all (E010; profile row 8)
#  Dinsos xlsx "Sheet1"                  Z3, AA3   Lumbung Sosial Desa            Indikator 18 Parameter 2, Bukti empty (E001)
#                                        Y4        KALASERA Kartu Lansia Sejahtera indikator 17 PDF cut off, no %%EOF (E007)
#  GEMAS Cegah Stunting (Dinkes) has no evidence rows: evidence checks do not apply to it.
# Every other row is clean (some use variant spellings a checker must accept:
# "UJI COBA", "ujicoba", "PENERAPAN", "Inisiasi", "Non-Digital", "Perangkat
# Daerah" as inisiator, "PUPR", "Ketentraman, Ketertiban Umum dan Perlindungan
# Masyarakat", "Perumahan Rakyat dan Kawasan Pemukiman", "lat, lng" with a space).
# ---------------------------------------------------------------------------

BENTUK_TK = "Inovasi Tata Kelola Pemerintahan Daerah"
BENTUK_PP = "Inovasi Pelayanan Publik"
BENTUK_LAIN = "Inovasi Daerah lainnya sesuai dengan Urusan Pemerintahan yang menjadi kewenangan Daerah"
KL_PD = "Inovasi Perangkat Daerah"
KL_DESA = "Inovasi Desa"
KL_MASY = "Inovasi Masyarakat"

BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember"]
DESA = ["Desa Sungai Raya", "Desa Padang Luas", "Kelurahan Bukit Merah", "Desa Tanjung Harapan",
        "Desa Muara Baru", "Desa Air Hitam", "Kelurahan Batu Ampar", "Desa Sungai Lurus",
        "Desa Karang Anyar", "Desa Teluk Bayur Hulu"]

# ---------------------------------------------------------------------------
# Rancang bangun: seeded generator over sentence pools.
# ---------------------------------------------------------------------------

REG_UMUM = [
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah memberi ruang bagi pemerintah daerah untuk melakukan inovasi dalam penyelenggaraan urusan pemerintahan yang menjadi kewenangannya.",
    "Peraturan Pemerintah Nomor 38 Tahun 2017 tentang Inovasi Daerah menjadi acuan utama, terutama mengenai bentuk, kriteria, tahapan, dan pelaporan inovasi daerah.",
    "Peraturan Menteri Dalam Negeri Nomor 104 Tahun 2018 tentang Penilaian dan Pemberian Penghargaan dan/atau Insentif Inovasi Daerah dipakai sebagai pedoman penyusunan profil inovasi.",
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik mewajibkan setiap penyelenggara layanan untuk terus meningkatkan mutu pelayanan kepada masyarakat.",
    "Peraturan Bupati Tanah Merah Nomor 12 Tahun 2023 tentang Pedoman Pengelolaan Inovasi Daerah mengatur tata cara pengusulan, uji coba, dan penetapan inovasi di lingkungan pemerintah kabupaten.",
]
REG_PENETAPAN = [
    "Di tingkat perangkat daerah, inovasi ini ditetapkan melalui Keputusan Kepala {opd} Nomor {nomor_sk} Tahun {tahun_sk} tentang Penetapan Inovasi {nama}.",
    "Pelaksanaannya diperkuat dengan Keputusan Bupati Tanah Merah Nomor {nomor_sk} Tahun {tahun_sk} tentang Tim Pelaksana {nama}.",
]
POOL = {
    "permasalahan": [
        "Sebelum inovasi ini dijalankan, {masalah}.",
        "Data {opd} tahun {tahun_data} menunjukkan bahwa {indikator} baru mencapai {n1} persen, masih di bawah target daerah sebesar {n2} persen.",
        "Keterbatasan jumlah petugas dan jarak tempuh yang jauh antara desa dengan pusat layanan membuat {sasaran} sering tidak terlayani tepat waktu.",
        "Pencatatan yang masih dilakukan secara manual menyebabkan data sering terlambat, ganda, atau tidak lengkap ketika dibutuhkan untuk pengambilan keputusan.",
        "Koordinasi antarbidang dan dengan pemerintah desa belum berjalan optimal sehingga kegiatan yang ada berjalan sendiri-sendiri dan sulit dipantau.",
        "Keluhan yang masuk melalui kotak saran dan media sosial menunjukkan bahwa waktu tunggu layanan rata-rata mencapai {jam} jam untuk satu kali urusan.",
        "Wilayah {kab} yang terdiri atas {kec} kecamatan dengan banyak desa terpencil memperberat upaya pemerataan {layanan}.",
        "Masyarakat juga belum banyak mengetahui hak dan prosedur layanan karena informasi hanya tersedia di kantor dinas.",
    ],
    "isu": [
        "Isu strategis yang melatarbelakangi inovasi ini adalah pemerataan akses {layanan} bagi seluruh lapisan masyarakat, termasuk warga di desa terpencil.",
        "Rencana Pembangunan Jangka Menengah Daerah {kab} menempatkan peningkatan kualitas {layanan} sebagai salah satu prioritas pembangunan daerah.",
        "Inovasi ini sejalan dengan agenda nasional Asta Cita, khususnya penguatan sumber daya manusia dan pemerataan pembangunan dari desa.",
        "Tuntutan akuntabilitas dan keterbukaan informasi publik mendorong {opd} untuk menyajikan data kinerja yang dapat dipantau oleh masyarakat.",
        "Keterbatasan ruang fiskal daerah mengharuskan setiap program dirancang efisien dengan memanfaatkan sumber daya yang sudah tersedia.",
        "Capaian standar pelayanan minimal pada urusan {layanan} masih menjadi catatan dalam evaluasi kinerja pemerintah daerah.",
    ],
    "isu_digital": [
        "Transformasi digital pemerintahan menuntut setiap perangkat daerah untuk menyediakan layanan yang cepat, transparan, dan dapat diakses kapan saja.",
        "Penerapan Sistem Pemerintahan Berbasis Elektronik juga menuntut data yang terintegrasi antarperangkat daerah dan tidak lagi tersimpan dalam berkas terpisah.",
    ],
    "isu_nondigital": [
        "Sebagian besar sasaran belum memiliki akses internet yang stabil sehingga pendekatan tatap muka tetap menjadi pilihan yang paling tepat.",
        "Kearifan lokal berupa budaya gotong royong di desa menjadi modal sosial yang dapat dimanfaatkan untuk mempercepat perubahan.",
    ],
    "metode": [
        "Metode pembaharuan yang diterapkan adalah {metode}.",
        "Setiap kegiatan dicatat dalam satu format baku sehingga data dari seluruh kecamatan dapat direkap setiap bulan tanpa kerja ulang.",
        "Inovasi ini melibatkan kader, tokoh masyarakat, dan pemerintah desa sebagai mitra pelaksana, bukan sekadar penerima program.",
        "Alur layanan dipangkas dari {langkah_lama} tahap menjadi {langkah_baru} tahap sehingga waktu penyelesaian menjadi lebih singkat.",
        "Pemantauan dilakukan melalui rapat evaluasi bulanan yang membahas capaian, kendala lapangan, dan tindak lanjut perbaikan.",
    ],
    "metode_digital": [
        "Layanan yang sebelumnya menggunakan berkas kertas kini dialihkan ke {media} sehingga {sasaran} dapat mengakses layanan tanpa harus datang ke kantor.",
        "Data yang masuk langsung tersaji dalam dasbor yang dapat dipantau pimpinan secara waktu nyata, lengkap dengan peta sebaran per desa.",
        "Petugas di lapangan cukup menggunakan telepon pintar untuk memasukkan data, sedangkan verifikasi dilakukan oleh operator di tingkat kecamatan.",
    ],
    "metode_nondigital": [
        "Petugas kini mendatangi langsung {sasaran} melalui jadwal kunjungan terpadu yang disepakati bersama pemerintah desa.",
        "Setiap desa menunjuk satu orang penghubung yang bertugas mengumpulkan kebutuhan warga dan menyampaikannya dalam pertemuan rutin.",
        "Materi penyuluhan disusun dalam bahasa yang sederhana dan dilengkapi gambar sehingga mudah dipahami oleh semua kalangan.",
    ],
    "keunggulan": [
        "Keunggulan {nama} terletak pada kemudahan pelaksanaannya sehingga dapat dijalankan oleh petugas dengan kemampuan teknis yang beragam.",
        "Biaya operasional inovasi ini relatif rendah karena memanfaatkan sarana, tenaga, dan anggaran rutin yang sudah tersedia.",
        "Inovasi ini mudah direplikasi oleh perangkat daerah lain maupun kabupaten tetangga karena prosedur dan formatnya telah dibakukan.",
        "Kebaruan inovasi terlihat dari penggabungan layanan yang sebelumnya terpisah ke dalam satu alur terpadu.",
        "Data yang dihasilkan dapat dipakai langsung sebagai bahan perencanaan dan penganggaran pada tahun berikutnya.",
        "Partisipasi masyarakat meningkat karena warga dilibatkan sejak tahap perencanaan hingga evaluasi.",
        "Belum ada layanan serupa di {kab} sebelumnya, sehingga inovasi ini menjadi rujukan bagi perangkat daerah lain.",
    ],
    "tahapan": [
        "Tahapan pelaksanaan diawali dengan identifikasi masalah dan pemetaan kebutuhan {sasaran} pada bulan {bulan_awal} {tahun_data}.",
        "Tahap berikutnya adalah penyusunan rancangan, prosedur operasional standar, serta sosialisasi kepada petugas dan mitra di tingkat kecamatan.",
        "Uji coba dilaksanakan di {n_lokasi} lokasi percontohan, yaitu {lokasi}, selama kurang lebih {bulan_uji} bulan.",
        "Hasil uji coba dievaluasi bersama tim inovasi daerah untuk memperbaiki kekurangan sebelum diterapkan di seluruh wilayah {kab}.",
        "Setelah dinyatakan layak, inovasi diterapkan secara bertahap dan dipantau melalui laporan bulanan kepada Kepala {opd}.",
        "Ke depan, {opd} merencanakan pengembangan lanjutan berupa perluasan cakupan dan penguatan integrasi data dengan perangkat daerah lain.",
    ],
}
HEADINGS = ("Dasar Hukum", "Permasalahan", "Isu Strategis", "Metode Pembaharuan", "Keunggulan dan Kebaruan",
            "Tahapan Inovasi")


def words(text: str) -> int:
    return len(text.split())


def rancang_bangun(c: dict) -> str:
    """At least 300 words (about 520-620 here) in six parts; wording varies per innovation."""
    rng = random.Random(zlib.crc32(c["nama"].encode("utf-8")))
    lok = rng.sample(DESA, 3)
    v = dict(
        nama=c["nama"], opd=c["opd"], kab=KAB, sasaran=c["sasaran"], masalah=c["masalah"],
        layanan=c["layanan"], indikator=c["indikator"], metode=c["metode"],
        media=c.get("media", "aplikasi berbasis web dan Android"),
        nomor_sk=f"{rng.randint(100, 899)}/{rng.randint(10, 99)}/{c['kode']}",
        tahun_sk=rng.choice([2023, 2024]), tahun_data=rng.choice([2022, 2023]),
        n1=rng.randint(38, 64), n2=rng.choice([80, 85, 90, 95]), jam=rng.randint(3, 9),
        kec=12, langkah_lama=rng.randint(7, 11), langkah_baru=rng.randint(3, 5),
        bulan_awal=BULAN[rng.randint(0, 11)], n_lokasi="tiga", lokasi=f"{lok[0]}, {lok[1]}, dan {lok[2]}",
        bulan_uji=rng.randint(3, 6),
    )
    digital = c["digital"]

    def pick(pool: list[str], k: int) -> list[str]:
        return [s.format(**v) for s in rng.sample(pool, min(k, len(pool)))]

    parts = [
        pick(REG_UMUM, rng.randint(3, 4)) + [f"Selain itu, {r} menjadi dasar hukum sektoral yang relevan." for r in c["regulasi"]]
        + pick(REG_PENETAPAN, 1),
        pick(POOL["permasalahan"], rng.randint(4, 5)),
        pick(POOL["isu"], rng.randint(2, 3)) + pick(POOL["isu_digital" if digital else "isu_nondigital"], 1),
        pick(POOL["metode"], 3) + pick(POOL["metode_digital" if digital else "metode_nondigital"], 2) + list(c["khusus"]),
        pick(POOL["keunggulan"], rng.randint(3, 4)),
        [s.format(**v) for s in POOL["tahapan"][: rng.randint(5, 6)]],
    ]
    style = rng.randint(0, 2)
    heads = HEADINGS
    paras = []
    for i, (h, sents) in enumerate(zip(heads, parts)):
        body = " ".join(sents)
        if style == 0:
            paras.append(f"{h}\n{body}")
        elif style == 1:
            paras.append(f"{i + 1}. {h}: {body}")
        else:
            paras.append(body)
    text = "\n\n".join(paras) if style != 1 else "\n".join(paras)
    assert words(text) >= 300, (c["nama"], words(text))
    return text


RB_PENDEK = ("GEMAS adalah gerakan bersama masyarakat untuk mencegah stunting melalui kunjungan rumah "
             "oleh kader posyandu, pemberian makanan tambahan, dan penyuluhan gizi bagi ibu hamil dan "
             "balita di desa lokus stunting. Kegiatan dilaksanakan setiap bulan dan hasilnya dilaporkan kader ke puskesmas terdekat.")
assert words(RB_PENDEK) == 40, words(RB_PENDEK)

# ---------------------------------------------------------------------------
# Innovations. Keys are the canonical fields; values are what the agency typed.
# A value "#N/A"/"#REF!" in an xlsx becomes an error cell (openpyxl does that).
# ---------------------------------------------------------------------------

D = dt.date

DINKES = [
    dict(nama="SIPANDU Posyandu Digital", kode="DINKES", tahapan="Penerapan", inisiator="OPD",
         nama_inisiator="Bidang Kesehatan Masyarakat Dinas Kesehatan", jenis="Digital", bentuk=BENTUK_PP,
         klasifikasi=KL_PD, urusan="Kesehatan", uji=D(2023, 9, 4), penerapan=D(2024, 2, 1),
         pengembangan=D(2025, 6, 16), koordinat="-2.9871,115.2043", asta=4, pkpn="Kesehatan", anggaran=85000000,
         digital=True, sasaran="ibu hamil, bayi, dan balita", layanan="pelayanan kesehatan dasar",
         indikator="cakupan penimbangan balita di posyandu",
         masalah="pencatatan hasil penimbangan di 214 posyandu masih memakai buku register dan laporannya baru sampai ke dinas dua bulan kemudian",
         metode="pencatatan hasil kegiatan posyandu secara daring oleh kader dengan formulir elektronik yang langsung terhubung ke puskesmas",
         media="aplikasi SIPANDU berbasis Android yang dapat dipakai tanpa sinyal lalu dikirim saat tersambung internet",
         khusus=["Kader posyandu mendapat pelatihan dua hari dan satu telepon pintar per posyandu dari dana desa.",
                 "Balita dengan berat badan tidak naik dua bulan berturut-turut otomatis ditandai agar segera dikunjungi bidan desa."],
         regulasi=["Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan"],
         tujuan="Mempercepat dan merapikan pelaporan kegiatan posyandu sehingga balita berisiko gizi kurang dapat ditangani lebih dini.",
         manfaat="Kader tidak lagi merekap laporan secara manual; puskesmas dan dinas memperoleh data penimbangan setiap bulan tepat waktu; intervensi gizi menjadi lebih tepat sasaran.",
         hasil="Sebanyak 214 posyandu melapor secara daring; keterlambatan laporan turun dari rata-rata 45 hari menjadi 5 hari; cakupan penimbangan naik dari 61% menjadi 83%."),
    dict(nama="Si Cantik", kode="DINKES", tahapan="UJI COBA", inisiator="ASN", nama_inisiator="dr. Rina Marlina",
         jenis="Digital", bentuk=BENTUK_PP, klasifikasi=KL_PD, urusan="Kesehatan", uji=D(2025, 8, 11),
         penerapan=None, pengembangan=None, koordinat="-2.9912,115.1987", asta=4, pkpn="Kesehatan", anggaran=25000000,
         digital=True, sasaran="pasien rawat jalan puskesmas", layanan="pelayanan kesehatan di puskesmas",
         indikator="kepuasan pasien terhadap waktu tunggu",
         masalah="pasien harus datang sejak subuh untuk mengambil nomor antrean dan menunggu berjam-jam di ruang tunggu yang sempit",
         metode="pendaftaran dan pengambilan nomor antrean puskesmas melalui pesan WhatsApp dan laman web yang terhubung ke sistem informasi puskesmas",
         khusus=["Nama Si Cantik merupakan singkatan dari Sistem Informasi Cepat Antrean Klinik.",
                 "Pasien menerima pemberitahuan ketika nomor antreannya tinggal lima nomor lagi."],
         regulasi=["Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan"],
         tujuan="Mengurangi waktu tunggu dan kepadatan ruang tunggu puskesmas.",
         manfaat="Pasien dapat menunggu giliran dari rumah; petugas pendaftaran dapat mengatur jadwal poli dengan lebih baik.",
         hasil="Selama uji coba di Puskesmas Bukit Merah, waktu tunggu rata-rata turun dari 2,5 jam menjadi 40 menit."),
    # Row 7: Urusan is a #N/A error cell, Rancang Bangun has only 40 words.
    dict(nama="GEMAS Cegah Stunting", kode="DINKES", tahapan="Penerapan", inisiator="Kepala Daerah",
         nama_inisiator="H. Ahmad Fauzi, S.E.", jenis="Non Digital", bentuk=BENTUK_LAIN, klasifikasi=KL_PD,
         urusan="#N/A", uji=D(2023, 11, 6), penerapan=D(2024, 4, 15), pengembangan=None,
         koordinat="-3.0102,115.2311", asta=4, pkpn="Kesehatan", anggaran=120000000, rb=RB_PENDEK,
         tujuan="Menurunkan prevalensi stunting di desa lokus melalui gerakan bersama masyarakat.",
         manfaat="Keluarga berisiko stunting mendapat pendampingan rutin; desa memiliki data sasaran yang jelas.",
         hasil="Prevalensi stunting di 15 desa lokus turun dari 24,1% (2023) menjadi 18,7% (2025)."),
    # Row 8: uji coba (10/03/2025) after penerapan (01/11/2024).
    dict(nama="Ambulans Desa Siaga", kode="DINKES", tahapan="Penerapan", inisiator="Masyarakat",
         nama_inisiator="Forum Desa Siaga Kecamatan Bukit Merah", jenis="Non Digital", bentuk=BENTUK_PP,
         klasifikasi=KL_DESA, urusan="Kesehatan", uji=D(2025, 3, 10), penerapan=D(2024, 11, 1), pengembangan=None,
         koordinat="-2.9633, 115.1750", asta=4, pkpn="Kesehatan", anggaran=None,
         digital=False, sasaran="ibu bersalin dan warga gawat darurat di desa terpencil", layanan="rujukan kesehatan",
         indikator="persalinan yang ditolong di fasilitas kesehatan",
         masalah="warga desa yang jauh dari puskesmas kesulitan mendapatkan kendaraan ketika harus dirujuk pada malam hari",
         metode="penyediaan kendaraan rujukan milik desa yang dikelola forum desa siaga dengan jadwal sopir bergiliran",
         khusus=["Kendaraan yang dipakai adalah mobil siaga desa yang dibeli dari dana desa dan dirawat bersama oleh warga.",
                 "Nomor telepon sopir siaga ditempel di setiap rumah ibu hamil dan di papan informasi desa."],
         regulasi=["Undang-Undang Nomor 6 Tahun 2014 tentang Desa"],
         tujuan="Menjamin setiap warga desa yang membutuhkan rujukan dapat diantar ke fasilitas kesehatan dalam waktu kurang dari satu jam.",
         manfaat="Warga tidak lagi menyewa kendaraan dengan biaya mahal; angka persalinan di rumah menurun.",
         hasil="Sebanyak 12 desa memiliki ambulans desa; 341 rujukan terlayani sepanjang 2025."),
    # Row 9: tahapan Penerapan but Waktu Penerapan empty.
    dict(nama="TB Tuntas Bersama Kader", kode="DINKES", tahapan="Penerapan", inisiator="OPD",
         nama_inisiator="Seksi Pencegahan dan Pengendalian Penyakit Menular", jenis="Non-Digital", bentuk=BENTUK_PP,
         klasifikasi=KL_PD, urusan="Kesehatan", uji=D(2024, 1, 8), penerapan=None, pengembangan=None,
         koordinat="-2.9950,115.2160", asta=4, pkpn="Kesehatan", anggaran=40000000,
         digital=False, sasaran="penderita tuberkulosis dan keluarganya", layanan="pengendalian penyakit menular",
         indikator="angka keberhasilan pengobatan tuberkulosis",
         masalah="banyak penderita tuberkulosis berhenti minum obat sebelum enam bulan karena merasa sudah sembuh",
         metode="pendampingan minum obat oleh kader terlatih yang tinggal di desa yang sama dengan penderita",
         khusus=["Setiap kader mendampingi paling banyak lima penderita dan mencatat kepatuhan minum obat pada kartu kendali.",
                 "Kader juga melakukan investigasi kontak serumah untuk menemukan kasus baru lebih awal."],
         regulasi=["Peraturan Presiden Nomor 67 Tahun 2021 tentang Penanggulangan Tuberkulosis"],
         tujuan="Meningkatkan angka keberhasilan pengobatan tuberkulosis dan menemukan kasus baru lebih dini.",
         manfaat="Penderita tidak putus obat; penularan di lingkungan keluarga dapat ditekan.",
         hasil="Angka keberhasilan pengobatan naik dari 71% menjadi 89%; 46 kasus baru ditemukan dari investigasi kontak."),
    dict(nama="Klinik Sanitasi Keliling", kode="DINKES", tahapan="Penerapan", inisiator="ASN",
         nama_inisiator="Siti Nurhaliza, S.KM.", jenis="Non Digital", bentuk=BENTUK_LAIN, klasifikasi=KL_PD,
         urusan="Kesehatan", uji=D(2024, 6, 3), penerapan=D(2024, 10, 1), pengembangan=None,
         koordinat="-3.0215,115.1893", asta=4, pkpn="Kesehatan", anggaran=30000000,
         digital=False, sasaran="rumah tangga tanpa jamban sehat", layanan="kesehatan lingkungan",
         indikator="cakupan akses jamban sehat",
         masalah="konsultasi sanitasi hanya tersedia di puskesmas sehingga warga yang mengalami diare berulang tidak mendapat penanganan penyebab dari lingkungan rumahnya",
         metode="kunjungan sanitarian ke rumah warga untuk memeriksa jamban, sarana air bersih, dan pengelolaan sampah sekaligus memberi solusi murah",
         khusus=["Sanitarian membawa contoh cetakan kloset dan saringan air sederhana yang dapat dibuat sendiri oleh warga.",
                 "Rumah yang sudah memperbaiki jambannya diberi stiker Rumah Sehat sebagai penghargaan."],
         regulasi=["Peraturan Menteri Kesehatan Nomor 3 Tahun 2014 tentang Sanitasi Total Berbasis Masyarakat"],
         tujuan="Mendekatkan layanan konsultasi kesehatan lingkungan kepada warga yang rumahnya berisiko.",
         manfaat="Warga mendapat saran perbaikan sanitasi yang sesuai kemampuan; kasus diare berulang berkurang.",
         hasil="Sebanyak 1.120 rumah dikunjungi; 38 desa menyatakan diri bebas buang air besar sembarangan."),
]

# Dinas Pendidikan: web-app export, Excel-saved ";" CSV in Windows-1252. Dates are text.
DISDIK = [
    dict(nama="Gerakan “Sekolah Ramah Anak”", kode="DISDIK", tahapan="Penerapan", inisiator="Kepala Daerah",
         nama_inisiator="Hj. Nurul Aini, M.Pd.", jenis="Non Digital", bentuk=BENTUK_PP, klasifikasi=KL_PD,
         urusan="Pendidikan", uji="2024-03-01", penerapan="17/05/2024", pengembangan="",
         koordinat="-2.9790,115.2101", asta="4", pkpn="Pendidikan", anggaran="Rp 1.500.000,00",
         digital=False, sasaran="peserta didik SD dan SMP", layanan="pendidikan dasar",
         indikator="sekolah yang memenuhi indikator sekolah ramah anak",
         masalah="masih ditemukan perundungan, hukuman fisik, dan lingkungan sekolah yang tidak aman bagi anak",
         metode="penerapan komitmen sekolah ramah anak yang disusun bersama guru, komite sekolah, orang tua, dan siswa",
         khusus=["Setiap sekolah membentuk tim pencegahan dan penanganan kekerasan serta menyediakan kotak pengaduan “Sahabat Siswa”.",
                 "Kegiatan Jum’at Bersih dan Jum’at Bercerita dijadwalkan setiap pekan untuk membangun suasana sekolah yang menyenangkan."],
         regulasi=["Undang-Undang Nomor 35 Tahun 2014 tentang Perubahan atas Undang-Undang Nomor 23 Tahun 2002 tentang Perlindungan Anak",
                   "Peraturan Menteri Pendidikan, Kebudayaan, Riset, dan Teknologi Nomor 46 Tahun 2023 tentang Pencegahan dan Penanganan Kekerasan di Lingkungan Satuan Pendidikan"],
         tujuan="Mewujudkan sekolah yang aman, bersih, sehat, dan bebas kekerasan bagi seluruh peserta didik.",
         manfaat="Siswa merasa aman dan nyaman belajar; guru memiliki pedoman disiplin positif; orang tua dilibatkan dalam pengawasan.",
         hasil="Sebanyak 96 sekolah menandatangani komitmen; laporan perundungan yang tertangani naik dari 12 menjadi 57 kasus per tahun."),
    dict(nama="Pojok Baca Café Literasi", kode="DISDIK", tahapan="Penerapan", inisiator="Perangkat Daerah",
         nama_inisiator="André Wijaya, S.Pd.", jenis="Non-Digital", bentuk=BENTUK_LAIN, klasifikasi=KL_PD,
         urusan="Pendidikan", uji="17 Mei 2024", penerapan="3 Agustus 2024", pengembangan="",
         koordinat="-2.9811,115.2049", asta="4", pkpn="Pendidikan", anggaran="Rp 7.250.000,00",
         digital=False, sasaran="siswa dan warga sekitar sekolah", layanan="literasi dan pendidikan nonformal",
         indikator="nilai literasi membaca pada rapor pendidikan",
         masalah="minat baca siswa rendah dan perpustakaan sekolah jarang dikunjungi karena koleksinya lama dan ruangannya tidak nyaman",
         metode="penataan sudut baca bergaya kafe di sekolah dan balai desa dengan buku yang dipilih sendiri oleh siswa",
         khusus=["Café Literasi buka pada jam istirahat dan sore hari; siswa yang membaca sepuluh buku mendapat kartu anggota “Sahabat Buku”.",
                 "Buku-buku berasal dari donasi alumni, penerbit daerah, dan pertukaran antarsekolah setiap semester."],
         regulasi=["Undang-Undang Nomor 20 Tahun 2003 tentang Sistem Pendidikan Nasional"],
         tujuan="Meningkatkan minat baca siswa dan warga melalui ruang baca yang nyaman dan dekat.",
         manfaat="Siswa memiliki tempat membaca yang menyenangkan; orang tua ikut membaca bersama anak di akhir pekan.",
         hasil="Kunjungan ke sudut baca rata-rata 140 orang per minggu; nilai literasi rapor pendidikan naik dari 'sedang' ke 'baik' di 14 sekolah."),
    # Line 4: nama_inisiator empty; waktu_penerapan "05/17/24" (month first, two-digit year).
    dict(nama="e-Rapor Terpadu Sekolah Dasar", kode="DISDIK", tahapan="Penerapan", inisiator="ASN",
         nama_inisiator="", jenis="Digital", bentuk=BENTUK_TK, klasifikasi=KL_PD, urusan="Pendidikan",
         uji="12/02/2024", penerapan="05/17/24", pengembangan="", koordinat="-2.9845,115.2012", asta="4",
         pkpn="Pendidikan", anggaran="Rp 12.000.000",
         digital=True, sasaran="guru dan operator sekolah dasar", layanan="tata kelola pendidikan dasar",
         indikator="sekolah yang menyerahkan rapor tepat waktu",
         masalah="setiap sekolah memakai format rapor sendiri dan rekap nilai ke dinas dikirim dalam bentuk kertas yang sering hilang atau terlambat",
         metode="penggunaan satu aplikasi rapor daring untuk seluruh sekolah dasar negeri dan swasta di kabupaten",
         media="aplikasi e-Rapor berbasis web yang dapat diakses dari komputer sekolah maupun telepon pintar guru",
         khusus=["Nilai yang diisi guru langsung terekap di tingkat dinas sehingga pengawas dapat melihat sebaran capaian belajar per kecamatan.",
                 "Orang tua dapat mengunduh rapor anak melalui tautan yang dikirim sekolah."],
         regulasi=["Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik"],
         tujuan="Menyeragamkan dan mempercepat penyusunan rapor serta rekap capaian belajar sekolah dasar.",
         manfaat="Guru menghemat waktu pengisian rapor; dinas memperoleh data capaian belajar tanpa menunggu kiriman kertas.",
         hasil="Sebanyak 183 sekolah dasar memakai e-Rapor; rapor semester genap 2024 terkumpul 100% tepat waktu."),
    # Line 5: urusan "Olahraga Prestasi" (not in the 38); anggaran "sekitar 2 juta".
    dict(nama="Liga Pelajar Tanah Merah", kode="DISDIK", tahapan="Penerapan", inisiator="Anggota DPRD",
         nama_inisiator="Drs. Hendra Saputra", jenis="Non Digital", bentuk=BENTUK_LAIN, klasifikasi=KL_PD,
         urusan="Olahraga Prestasi", uji="2024-07-15", penerapan="02/09/2024", pengembangan="",
         koordinat="-2.9760,115.2155", asta="4", pkpn="Non PKPN", anggaran="sekitar 2 juta",
         digital=False, sasaran="pelajar SMP se-kabupaten", layanan="pembinaan olahraga pelajar",
         indikator="pelajar yang mengikuti kompetisi olahraga terjadwal",
         masalah="kompetisi olahraga pelajar hanya diadakan menjelang seleksi tingkat provinsi sehingga bibit atlet sulit ditemukan",
         metode="penyelenggaraan kompetisi sepak bola dan bola voli antarsekolah secara berjenjang dari tingkat kecamatan hingga kabupaten setiap semester",
         khusus=["Pertandingan dijadwalkan pada hari Sabtu agar tidak mengganggu jam belajar.",
                 "Pelatih dari klub lokal menjadi pencari bakat dan mencatat pemain potensial di setiap pertandingan."],
         regulasi=["Undang-Undang Nomor 11 Tahun 2022 tentang Keolahragaan"],
         tujuan="Menyediakan kompetisi olahraga pelajar yang rutin untuk menjaring bibit atlet daerah.",
         manfaat="Pelajar memiliki wadah berprestasi; klub dan sekolah memperoleh data bibit atlet.",
         hasil="Sebanyak 42 SMP ikut liga musim 2024/2025; 18 pelajar masuk seleksi atlet pelajar provinsi."),
    # Line 6: same name as line 3 (duplicate within the agency; entered by another bidang).
    dict(nama="Pojok Baca Café Literasi", kode="DISDIK", tahapan="ujicoba", inisiator="ASN",
         nama_inisiator="Maria Oktaviani, S.Pd.", jenis="Non Digital", bentuk=BENTUK_LAIN, klasifikasi=KL_PD,
         urusan="Pendidikan", uji="2024-07-22", penerapan="", pengembangan="",
         koordinat="-3.0012,115.1904", asta="4", pkpn="Pendidikan", anggaran="",
         digital=False, sasaran="warga desa dan anak putus sekolah", layanan="literasi masyarakat",
         indikator="warga yang aktif meminjam buku",
         masalah="anak putus sekolah dan warga dewasa di desa tidak memiliki akses bacaan selain buku pelajaran lama",
         metode="perluasan sudut baca bergaya kafe ke balai desa yang dikelola pemuda desa dan relawan taman bacaan",
         khusus=["Relawan membuka sudut baca setiap sore dan menyediakan kelas membaca bagi warga yang belum lancar membaca.",
                 "Koleksi diputar antardesa setiap tiga bulan agar bacaan selalu baru."],
         regulasi=["Undang-Undang Nomor 43 Tahun 2007 tentang Perpustakaan"],
         tujuan="Memperluas akses bacaan bagi warga desa di luar lingkungan sekolah.",
         manfaat="Warga dewasa dan anak putus sekolah mendapat akses bacaan dan pendampingan membaca.",
         hasil="Uji coba di 3 balai desa; 260 warga terdaftar sebagai peminjam."),
]

# Dinas Kominfo: .ods. uji/penerapan/pengembangan: date -> ODS date cell, str -> text cell.
KOMINFO = [
    dict(nama="TAMASA Tanah Merah Satu Data", kode="DISKOMINFO", tahapan="Penerapan", inisiator="OPD",
         nama_inisiator="Bidang Statistik dan Persandian", jenis="Digital", bentuk=BENTUK_TK, klasifikasi=KL_PD,
         urusan="Statistik", uji=D(2023, 10, 2), penerapan=D(2024, 3, 18), pengembangan=D(2025, 9, 1),
         koordinat="-2.9868,115.2079", asta=7, pkpn="Non PKPN", ket="Sudah diverifikasi Balitbangda 2025",
         digital=True, sasaran="perangkat daerah dan masyarakat pengguna data", layanan="statistik sektoral",
         indikator="perangkat daerah yang memutakhirkan data sektoral tepat waktu",
         masalah="data sektoral tersebar di setiap perangkat daerah dengan format berbeda sehingga angka yang sama bisa berbeda di dokumen perencanaan",
         metode="pengumpulan, pemeriksaan, dan penyebarluasan data sektoral melalui satu portal data dengan walidata di Dinas Komunikasi dan Informatika",
         media="portal data terbuka TAMASA yang memuat dataset, metadata, dan visualisasi",
         khusus=["Setiap perangkat daerah menunjuk produsen data yang mengunggah dataset sesuai daftar data yang disepakati dalam Forum Satu Data.",
                 "Walidata memeriksa kelengkapan metadata sebelum dataset dipublikasikan."],
         regulasi=["Peraturan Presiden Nomor 39 Tahun 2019 tentang Satu Data Indonesia"],
         tujuan="Menyediakan data sektoral yang akurat, mutakhir, terpadu, dan mudah diakses.",
         manfaat="Perencanaan daerah memakai satu sumber data; masyarakat dapat mengunduh data tanpa surat permohonan.",
         hasil="Sebanyak 612 dataset dari 31 perangkat daerah terbit; 9.400 unduhan sepanjang 2025."),
    # Row 3: Waktu Uji Coba "segera"; Koordinat "dekat kantor bupati".
    dict(nama="LAPOR BUPATI", kode="DISKOMINFO", tahapan="Uji Coba", inisiator="Kepala Daerah",
         nama_inisiator="H. Ahmad Fauzi, S.E.", jenis="Digital", bentuk=BENTUK_PP, klasifikasi=KL_PD,
         urusan="Komunikasi dan Informatika", uji="segera", penerapan=None, pengembangan=None,
         koordinat="dekat kantor bupati", asta=7, pkpn="Non PKPN", ket="Menunggu SK Bupati",
         digital=True, sasaran="warga yang ingin menyampaikan pengaduan", layanan="pengelolaan pengaduan publik",
         indikator="pengaduan yang ditindaklanjuti dalam lima hari kerja",
         masalah="pengaduan masyarakat masuk lewat banyak saluran dan tidak tercatat sehingga sulit dipastikan tindak lanjutnya",
         metode="satu kanal pengaduan melalui WhatsApp dan laman web yang meneruskan setiap aduan ke perangkat daerah terkait dengan batas waktu jawaban",
         media="kanal Layanan Aspirasi dan Pengaduan Online Rakyat (LAPOR BUPATI) yang terhubung dengan SP4N-LAPOR!",
         khusus=["Setiap aduan diberi nomor tiket sehingga pelapor dapat memantau status tindak lanjutnya.",
                 "Bupati menerima ringkasan aduan yang belum dijawab setiap hari Senin."],
         regulasi=["Peraturan Presiden Nomor 76 Tahun 2013 tentang Pengelolaan Pengaduan Pelayanan Publik"],
         tujuan="Memastikan setiap pengaduan masyarakat tercatat dan ditindaklanjuti tepat waktu.",
         manfaat="Warga memiliki saluran pengaduan yang jelas; pimpinan dapat memantau kinerja perangkat daerah dalam menjawab aduan.",
         hasil="Tahap uji coba belum dimulai; kanal WhatsApp dan laman web sudah disiapkan."),
    dict(nama="Smart Kampung Tanah Merah", kode="DISKOMINFO", tahapan="Inisiasi", inisiator="Masyarakat",
         nama_inisiator="Komunitas Relawan TIK Tanah Merah", jenis="Digital", bentuk=BENTUK_LAIN, klasifikasi=KL_MASY,
         urusan="Komunikasi dan Informatika", uji=None, penerapan=None, pengembangan=None,
         koordinat="-3.0310,115.2402", asta=6, pkpn="Ekonomi Kerakyatan dan Desa", ket="Usulan Relawan TIK",
         digital=True, sasaran="pemerintah desa dan pelaku usaha mikro di desa", layanan="layanan administrasi desa",
         indikator="desa yang memiliki layanan administrasi daring",
         masalah="surat keterangan dari desa masih harus diurus langsung ke kantor desa yang sering tutup saat perangkat desa bertugas di luar",
         metode="pendampingan desa oleh relawan TIK untuk membuka layanan surat-menyurat dan etalase produk usaha desa secara daring",
         media="laman desa dan formulir permohonan surat daring",
         khusus=["Relawan TIK melatih dua operator di setiap desa dan menyediakan templat laman desa yang seragam.",
                 "Produk usaha mikro desa dipajang dalam etalase daring yang tertaut ke laman desa."],
         regulasi=["Undang-Undang Nomor 6 Tahun 2014 tentang Desa"],
         tujuan="Mendorong desa menyediakan layanan administrasi dan informasi secara daring.",
         manfaat="Warga dapat mengurus surat tanpa menunggu di kantor desa; produk desa dikenal lebih luas.",
         hasil="Rancangan telah dipaparkan di forum perangkat daerah; lima desa menyatakan bersedia menjadi percontohan."),
    # Row 5: Koordinat "51.5074,-0.1278" (London); Asta Cita 9.
    dict(nama="INDESTRA Internet Desa Terang", kode="DISKOMINFO", tahapan="Penerapan", inisiator="OPD",
         nama_inisiator="Bidang Infrastruktur TIK", jenis="Digital", bentuk=BENTUK_PP, klasifikasi=KL_DESA,
         urusan="Komunikasi dan Informatika", uji="10/01/2024", penerapan=D(2024, 6, 3), pengembangan=None,
         koordinat="51.5074,-0.1278", asta=9, pkpn="Ekonomi Kerakyatan dan Desa", ket="Koordinat dicek ulang",
         digital=True, sasaran="warga desa tanpa sinyal seluler", layanan="akses internet publik",
         indikator="desa yang memiliki titik akses internet publik",
         masalah="masih terdapat desa yang belum terjangkau sinyal seluler sehingga warga dan sekolah tidak dapat mengakses layanan daring",
         metode="pembangunan titik akses internet di balai desa menggunakan jaringan radio dari menara milik pemerintah kabupaten",
         media="jaringan nirkabel desa yang dikelola bersama pemerintah desa",
         khusus=["Biaya langganan ditanggung bersama oleh pemerintah kabupaten dan dana desa dengan perjanjian kerja sama.",
                 "Operator desa dilatih merawat perangkat dan melaporkan gangguan melalui grup koordinasi."],
         regulasi=["Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik"],
         tujuan="Membuka akses internet di desa yang belum terjangkau sinyal seluler.",
         manfaat="Warga dapat mengakses layanan daring; siswa dapat mengikuti asesmen berbasis komputer di desa.",
         hasil="Sebanyak 27 desa tersambung internet; rata-rata 180 pengguna per hari per titik akses."),
    dict(nama="SiTTE Tanda Tangan Elektronik", kode="DISKOMINFO", tahapan="Penerapan", inisiator="ASN",
         nama_inisiator="Rudi Hartono, S.Kom.", jenis="Digital", bentuk=BENTUK_TK, klasifikasi=KL_PD,
         urusan="Persandian", uji=D(2024, 2, 5), penerapan="01/07/2024", pengembangan=None,
         koordinat="-2.9859,115.2088", asta=7, pkpn="Non PKPN", ket="",
         digital=True, sasaran="pejabat penandatangan dan pemohon layanan", layanan="persandian dan keamanan informasi",
         indikator="dokumen dinas yang ditandatangani secara elektronik",
         masalah="dokumen dinas harus menunggu pejabat berada di kantor untuk ditandatangani sehingga layanan perizinan dan kepegawaian sering tertunda",
         metode="penerapan tanda tangan elektronik tersertifikasi untuk naskah dinas dan dokumen layanan",
         media="aplikasi naskah dinas elektronik yang terhubung dengan layanan sertifikat elektronik",
         khusus=["Setiap pejabat penandatangan memiliki sertifikat elektronik pribadi yang diterbitkan melalui kerja sama dengan otoritas sertifikat nasional.",
                 "Keaslian dokumen dapat diperiksa oleh siapa saja dengan memindai kode QR."],
         regulasi=["Undang-Undang Nomor 11 Tahun 2008 tentang Informasi dan Transaksi Elektronik beserta perubahannya"],
         tujuan="Mempercepat penandatanganan dokumen dinas tanpa mengurangi keamanannya.",
         manfaat="Pelayanan tidak tertunda saat pejabat bertugas di luar kantor; penggunaan kertas berkurang.",
         hasil="Sebanyak 48.000 dokumen ditandatangani secara elektronik pada 2025; waktu penandatanganan rata-rata turun dari 3 hari menjadi 4 jam."),
]

# Dinas PUPR: old .xls. Dates: ("serial", date) General number; ("fmt", date) date-formatted; str text.
PUPR = [
    dict(nama="SIMANTAP Jalan", kode="PUPR", tahapan="PENERAPAN", inisiator="OPD",
         nama_inisiator="Bidang Bina Marga", klasifikasi=KL_PD, jenis="Digital", bentuk=BENTUK_TK, asta=3,
         pkpn="Infrastruktur, Perumahan dan Ketahanan Bencana", urusan="PUPR",
         uji=("serial", D(2022, 3, 14)), penerapan=("serial", D(2022, 7, 4)), pengembangan=("serial", D(2025, 2, 10)),
         anggaran=250000000, koordinat="-2.9902,115.2231",
         digital=True, sasaran="pengguna jalan kabupaten", layanan="penyelenggaraan jalan",
         indikator="ruas jalan kabupaten dalam kondisi mantap",
         masalah="data kondisi jalan kabupaten hanya diperbarui setahun sekali sehingga kerusakan baru diketahui setelah ada keluhan warga",
         metode="survei kondisi jalan berbasis foto bergeotag yang dikirim petugas dan warga lalu dinilai oleh tim teknis",
         media="aplikasi SIMANTAP (Sistem Pemantauan Kemantapan Jalan) berbasis peta",
         khusus=["Pada pengembangan tahun 2025 ditambahkan fitur laporan warga dan prioritas penanganan otomatis berdasarkan lalu lintas harian.",
                 "Setiap ruas jalan memiliki riwayat penanganan yang dapat dilihat dalam peta."],
         regulasi=["Undang-Undang Nomor 38 Tahun 2004 tentang Jalan sebagaimana diubah dengan Undang-Undang Nomor 2 Tahun 2022"],
         tujuan="Menyediakan data kondisi jalan kabupaten yang mutakhir untuk prioritas penanganan.",
         manfaat="Kerusakan jalan cepat diketahui; anggaran pemeliharaan diarahkan ke ruas yang paling membutuhkan.",
         hasil="Panjang jalan kabupaten kondisi mantap naik dari 58% (2022) menjadi 71% (2025)."),
    dict(nama="IRTAPA Irigasi Tersier Partisipatif", kode="PUPR", tahapan="Penerapan", inisiator="Masyarakat",
         nama_inisiator="P3A Tirta Makmur Desa Sungai Raya", klasifikasi=KL_DESA, jenis="Non Digital",
         bentuk=BENTUK_LAIN, asta=2, pkpn="Kedaulatan Pangan", urusan="Pekerjaan Umum dan Penataan Ruang",
         uji=("fmt", D(2024, 1, 15)), penerapan=("fmt", D(2024, 9, 2)), pengembangan=None,
         anggaran=180000000, koordinat="-3.0451,115.1702",
         digital=False, sasaran="petani pemakai air", layanan="pengelolaan irigasi",
         indikator="luas sawah yang mendapat air irigasi dua kali tanam",
         masalah="saluran irigasi tersier banyak yang rusak dan tidak terawat karena tidak jelas siapa yang bertanggung jawab",
         metode="perbaikan dan pemeliharaan saluran tersier oleh perkumpulan petani pemakai air dengan bantuan bahan dan pendampingan teknis dari dinas",
         khusus=["Petani menyumbang tenaga kerja, sedangkan dinas menyediakan semen, pasir, dan gambar kerja sederhana.",
                 "Jadwal gotong royong pembersihan saluran disepakati sebelum musim tanam."],
         regulasi=["Undang-Undang Nomor 17 Tahun 2019 tentang Sumber Daya Air"],
         tujuan="Memulihkan fungsi saluran irigasi tersier dengan melibatkan petani.",
         manfaat="Air sampai ke petak sawah paling ujung; biaya perbaikan lebih murah karena swadaya.",
         hasil="Sebanyak 1.250 hektare sawah kembali dapat ditanami dua kali setahun."),
    # Row 4: "Mei 2024", "31/02/2025", "15/01/2027".
    dict(nama="RULAH GORO Rumah Layak Huni Gotong Royong", kode="PUPR", tahapan="Penerapan", inisiator="ASN",
         nama_inisiator="Ir. Bambang Sutrisno", klasifikasi=KL_PD, jenis="Non Digital", bentuk=BENTUK_PP, asta=6,
         pkpn="Infrastruktur, Perumahan dan Ketahanan Bencana", urusan="Perumahan Rakyat dan Kawasan Pemukiman",
         uji="Mei 2024", penerapan="31/02/2025", pengembangan="15/01/2027",
         anggaran=500000000, koordinat="-3.0089,115.2510",
         digital=False, sasaran="keluarga miskin yang menempati rumah tidak layak huni", layanan="perumahan rakyat",
         indikator="rumah tidak layak huni yang tertangani",
         masalah="bantuan bedah rumah hanya menjangkau sedikit keluarga karena seluruh pekerjaan dikerjakan penyedia jasa",
         metode="bantuan bahan bangunan yang dikerjakan secara gotong royong oleh warga dengan pengawasan fasilitator teknis",
         khusus=["Satu rumah dikerjakan oleh kelompok beranggotakan sepuluh warga dalam waktu rata-rata tiga minggu.",
                 "Fasilitator teknis memastikan rumah memenuhi syarat keselamatan bangunan, kecukupan luas, dan sanitasi."],
         regulasi=["Undang-Undang Nomor 1 Tahun 2011 tentang Perumahan dan Kawasan Permukiman"],
         tujuan="Memperbanyak jumlah rumah tidak layak huni yang dapat diperbaiki dengan anggaran yang sama.",
         manfaat="Biaya per rumah lebih rendah; warga terlibat dan merasa memiliki hasil pembangunan.",
         hasil="Sebanyak 210 rumah diperbaiki pada 2024-2025, dua kali lipat dibanding pola lama."),
    dict(nama="DRASTIS Drainase Cerdas Perkotaan", kode="PUPR", tahapan="Uji Coba", inisiator="OPD",
         nama_inisiator="Bidang Sumber Daya Air", klasifikasi=KL_PD, jenis="Digital", bentuk=BENTUK_PP, asta=3,
         pkpn="Infrastruktur, Perumahan dan Ketahanan Bencana", urusan="Pekerjaan Umum dan Penataan Ruang",
         uji=("fmt", D(2025, 4, 14)), penerapan=None, pengembangan=None,
         anggaran=75000000, koordinat="-2.9877,115.2065",
         digital=True, sasaran="warga kawasan perkotaan rawan genangan", layanan="pengelolaan drainase perkotaan",
         indikator="titik genangan di kawasan perkotaan",
         masalah="genangan di pusat kota sering terjadi karena pintu air dan saluran tersumbat tidak terpantau saat hujan lebat",
         metode="pemasangan sensor ketinggian air di saluran utama yang mengirim peringatan kepada petugas pintu air",
         media="sensor ketinggian air dan dasbor peringatan dini yang dapat dibuka melalui telepon pintar",
         khusus=["Peringatan dikirim melalui pesan singkat ketika ketinggian air melewati ambang batas.",
                 "Data curah hujan dari stasiun cuaca terdekat dipakai untuk memperkirakan waktu puncak genangan."],
         regulasi=["Peraturan Menteri Pekerjaan Umum Nomor 12/PRT/M/2014 tentang Penyelenggaraan Sistem Drainase Perkotaan"],
         tujuan="Mengurangi lama dan luas genangan di kawasan perkotaan.",
         manfaat="Petugas dapat membuka pintu air lebih cepat; warga mendapat peringatan dini.",
         hasil="Uji coba di 4 titik saluran utama; lama genangan di Jalan Merdeka turun dari 3 jam menjadi 1 jam."),
]

# Dinas Sosial: xlsx with a space in the name, no Klasifikasi column.
DINSOS = [
    # Row 2: "SI  CANTIK" = Dinkes "Si Cantik" after case/space folding (cross-agency duplicate).
    dict(nama="SI  CANTIK", kode="DINSOS", tahapan="Penerapan", inisiator="OPD",
         nama_inisiator="Bidang Perlindungan dan Jaminan Sosial", jenis="Digital", bentuk=BENTUK_PP,
         urusan="Sosial", uji=D(2024, 2, 12), penerapan=D(2024, 6, 10), pengembangan=None,
         koordinat="-2.9880,115.2120", asta=6, pkpn="Penurunan Kemiskinan", anggaran=60000000,
         digital=True, sasaran="keluarga penerima bantuan sosial", layanan="perlindungan dan jaminan sosial",
         indikator="keluarga miskin yang datanya sesuai kondisi lapangan",
         masalah="warga tidak mengetahui apakah mereka terdaftar sebagai penerima bantuan dan harus datang ke kantor dinas untuk menanyakannya",
         metode="layanan cek status kepesertaan bantuan sosial secara mandiri dengan nomor induk kependudukan dan usulan perbaikan data dari desa",
         media="layanan SI CANTIK (Sistem Informasi Cek Bantuan Sosial Terintegrasi) melalui laman web dan WhatsApp",
         khusus=["Usulan perbaikan data diverifikasi oleh pendamping sosial sebelum diteruskan ke musyawarah desa.",
                 "Hasil verifikasi diumumkan di papan informasi desa agar dapat disanggah warga."],
         regulasi=["Undang-Undang Nomor 11 Tahun 2009 tentang Kesejahteraan Sosial",
                   "Undang-Undang Nomor 13 Tahun 2011 tentang Penanganan Fakir Miskin"],
         tujuan="Memudahkan warga mengetahui status kepesertaan bantuan sosial dan memperbaiki data penerima.",
         manfaat="Warga tidak perlu datang ke kantor dinas; data penerima bantuan lebih tepat sasaran.",
         hasil="Sebanyak 21.400 pengecekan mandiri pada 2025; 1.870 usulan perbaikan data ditindaklanjuti."),
    # Row 3: tahapan "Selesai"; Tujuan empty.
    dict(nama="Lumbung Sosial Desa", kode="DINSOS", tahapan="Selesai", inisiator="Masyarakat",
         nama_inisiator="Karang Taruna Desa Padang Luas", jenis="Non Digital", bentuk=BENTUK_LAIN,
         urusan="Sosial", uji=D(2023, 8, 7), penerapan=D(2024, 1, 22), pengembangan=None,
         koordinat="-3.0377,115.1988", asta=6, pkpn="Penurunan Kemiskinan", anggaran=15000000,
         digital=False, sasaran="keluarga rentan dan korban bencana di desa", layanan="penanganan fakir miskin",
         indikator="keluarga rentan yang mendapat bantuan darurat dalam 24 jam",
         masalah="bantuan darurat bagi keluarga yang tertimpa musibah baru datang berhari-hari kemudian karena harus menunggu proses dari kabupaten",
         metode="lumbung beras dan kebutuhan pokok yang dikelola karang taruna dari sumbangan warga dan dana desa untuk bantuan darurat",
         khusus=["Stok lumbung dicatat di buku kas yang diperiksa setiap bulan oleh badan permusyawaratan desa.",
                 "Keluarga penerima dapat mengembalikan bantuan dalam bentuk tenaga pada kegiatan sosial desa."],
         regulasi=["Undang-Undang Nomor 11 Tahun 2009 tentang Kesejahteraan Sosial"],
         tujuan="",
         manfaat="Keluarga yang tertimpa musibah segera mendapat bahan makanan; solidaritas warga meningkat.",
         hasil="Lumbung berdiri di 8 desa; 156 keluarga terbantu dalam waktu kurang dari 24 jam."),
    # Row 4: Anggaran is a #REF! error cell.
    dict(nama="KALASERA Kartu Lansia Sejahtera", kode="DINSOS", tahapan="Penerapan", inisiator="Kepala Daerah",
         nama_inisiator="H. Ahmad Fauzi, S.E.", jenis="Non Digital", bentuk=BENTUK_PP,
         urusan="Sosial", uji=D(2024, 5, 6), penerapan=D(2024, 9, 16), pengembangan=None,
         koordinat="-2.9921,115.2075", asta=6, pkpn="Penurunan Kemiskinan", anggaran="#REF!",
         digital=False, sasaran="lanjut usia terlantar dan miskin", layanan="rehabilitasi sosial lanjut usia",
         indikator="lansia terlantar yang mendapat pendampingan",
         masalah="lanjut usia yang hidup sendiri tidak terpantau dan sering tidak mendapat layanan kesehatan maupun bantuan",
         metode="kartu identitas lansia yang memberi prioritas layanan di puskesmas, kantor desa, dan penyaluran bantuan, disertai kunjungan pendamping",
         khusus=["Pendamping lansia dari unsur kader desa mengunjungi lansia pemegang kartu minimal dua kali sebulan.",
                 "Kartu memuat nomor kontak keluarga terdekat dan pendamping yang dapat dihubungi dalam keadaan darurat."],
         regulasi=["Undang-Undang Nomor 13 Tahun 1998 tentang Kesejahteraan Lanjut Usia"],
         tujuan="Memastikan lansia terlantar dan miskin terpantau dan mendapat prioritas layanan dasar.",
         manfaat="Lansia tidak perlu antre lama di fasilitas layanan; keluarga dan desa ikut memantau kondisi lansia.",
         hasil="Sebanyak 2.340 lansia menerima kartu; 97% dikunjungi pendamping setiap bulan."),
    dict(nama="Kampung Siaga Bencana Tanah Merah", kode="DINSOS", tahapan="Penerapan", inisiator="OPD",
         nama_inisiator="Bidang Rehabilitasi dan Perlindungan Sosial", jenis="Non Digital", bentuk=BENTUK_PP,
         urusan="Ketentraman, Ketertiban Umum dan Perlindungan Masyarakat", uji=D(2024, 3, 4), penerapan=D(2024, 8, 19),
         pengembangan=None, koordinat="-3.0520,115.1655", asta=6, pkpn="Infrastruktur, Perumahan dan Ketahanan Bencana",
         anggaran=45000000,
         digital=False, sasaran="warga desa rawan banjir dan longsor", layanan="perlindungan sosial korban bencana",
         indikator="desa rawan bencana yang memiliki rencana kontinjensi",
         masalah="desa di bantaran sungai mengalami banjir tahunan tetapi belum memiliki jalur evakuasi, lumbung logistik, maupun relawan terlatih",
         metode="pembentukan kampung siaga bencana dengan relawan Taruna Siaga Bencana, peta risiko desa, dan simulasi evakuasi tahunan",
         khusus=["Setiap kampung siaga bencana memiliki gudang logistik kecil dan daftar warga rentan yang harus dievakuasi lebih dahulu.",
                 "Simulasi evakuasi dilakukan bersama sekolah dan puskesmas setempat sebelum musim hujan."],
         regulasi=["Undang-Undang Nomor 24 Tahun 2007 tentang Penanggulangan Bencana"],
         tujuan="Menyiapkan masyarakat desa rawan bencana agar mampu melindungi diri dan warga rentan.",
         manfaat="Evakuasi berlangsung lebih cepat dan tertib; warga rentan mendapat prioritas pertolongan.",
         hasil="Sebanyak 6 kampung siaga bencana terbentuk dengan 180 relawan; tidak ada korban jiwa pada banjir Januari 2025."),
]


# ---------------------------------------------------------------------------
# Evidence (bukti dukung). Files are tiny but real (scripts/evfiles.py): PDFs with a
# correct xref and %%EOF, baseline JPEGs, PNGs, MP4s with an `ftyp` box.
# Dinas Kesehatan: long layout, sheet "Bukti Dukung" (one row per innovation x
# indicator document). Dinas Sosial: wide layout, "Indikator N Parameter" /
# "Indikator N Bukti" columns in the profile sheet. References are relative to
# the workbook's folder.
# ---------------------------------------------------------------------------

BUKTI_HEAD = ["Nama Inovasi", "Indikator", "Parameter", "Nomor Dokumen", "Tanggal Dokumen", "Tentang", "File"]


def sk(opd: str, judul: str, nomor: str, tentang: str) -> bytes:
    return ev.pdf(["PEMERINTAH KABUPATEN TANAH MERAH", opd.upper(), "", judul.upper(), f"NOMOR {nomor}",
                   "TENTANG", tentang.upper(), "", "(dokumen contoh fiktif - bimtek sample-data)"])


def laporan(opd: str, judul: str, nama: str, isi: str) -> bytes:
    return ev.pdf([opd, judul, nama, "", isi, "", "(dokumen contoh fiktif - bimtek sample-data)"])


KES = "Dinas Kesehatan Kabupaten Tanah Merah"
SOS = "Dinas Sosial Kabupaten Tanah Merah"
# TB Tuntas (indikator 18) and Ambulans Desa (indikator 18) upload the same PDF under two names.
REKAP_SAMA = laporan(KES, "Rekapitulasi Kemanfaatan Inovasi Tahun 2025", "TB Tuntas Bersama Kader",
                     "Angka keberhasilan pengobatan TB naik dari 71 persen menjadi 89 persen.")

# (innovation, indikator, parameter, nomor dokumen, tanggal, tentang, File cell, (path on disk, bytes) or None)
# Deliberate mistakes (see MISTAKES above): TB Tuntas 2 dated 2019, TB Tuntas 17 a text
# file named .pdf, TB Tuntas 18 = Ambulans Desa 18 byte for byte, Ambulans Desa has no
# indikator 17 row, Klinik Sanitasi 2 names a missing file, Klinik Sanitasi 18 is 2.1 MB.
# GEMAS Cegah Stunting has no evidence rows at all (evidence checks skip it).
BUKTI_DINKES = [
    ("SIPANDU Posyandu Digital", 1, 1, "440/112/Dinkes/2024", D(2024, 1, 15),
     "Penetapan Inovasi SIPANDU Posyandu Digital", "Bukti\\SIPANDU\\SK Regulasi.PDF",
     ("bukti/SIPANDU/SK Regulasi.pdf", sk(KES, "Keputusan Kepala Dinas Kesehatan a.n. Bupati Tanah Merah",
                                          "440/112/Dinkes/2024", "Penetapan Inovasi SIPANDU Posyandu Digital"))),
    ("SIPANDU Posyandu Digital", 2, 2, "800/045/Dinkes/2024", D(2024, 1, 22),
     "Tim Pelaksana SIPANDU Posyandu Digital Tahun 2024-2026", "bukti/SIPANDU/sk-tim-pelaksana.pdf",
     ("bukti/SIPANDU/sk-tim-pelaksana.pdf", sk(KES, "Keputusan Kepala Dinas Kesehatan", "800/045/Dinkes/2024",
                                               "Tim Pelaksana SIPANDU Posyandu Digital Tahun 2024-2026"))),
    ("SIPANDU Posyandu Digital", 3, 1, "900/210/Dinkes/2025", D(2025, 1, 6),
     "Dokumen Pelaksanaan Anggaran Dinas Kesehatan 2025", "bukti/SIPANDU/dpa-2025.pdf",
     ("bukti/SIPANDU/dpa-2025.pdf", laporan(KES, "Dokumen Pelaksanaan Anggaran Tahun 2025", "SIPANDU Posyandu Digital",
                                            "Belanja pemeliharaan aplikasi SIPANDU Rp 85.000.000 (halaman 47)."))),
    ("SIPANDU Posyandu Digital", 4, 3, "", D(2025, 7, 1),
     "Tangkapan layar aplikasi SIPANDU", "bukti/SIPANDU/tangkapan-layar-aplikasi.png",
     ("bukti/SIPANDU/tangkapan-layar-aplikasi.png", ev.png(24, 16, (30, 136, 229)))),
    ("SIPANDU Posyandu Digital", 17, 2, "440/318/Dinkes/2024", D(2024, 3, 4),
     "Laporan Tahapan Penciptaan SIPANDU", "bukti/SIPANDU/laporan-penciptaan.pdf",
     ("bukti/SIPANDU/laporan-penciptaan.pdf", laporan(KES, "Laporan Tahapan Penciptaan Inovasi", "SIPANDU Posyandu Digital",
                                                      "Identifikasi Sep 2023, rancangan Okt 2023, uji coba Nov 2023 - Jan 2024."))),
    ("SIPANDU Posyandu Digital", 18, 3, "440/502/Dinkes/2025", D(2025, 10, 20),
     "Rekapitulasi Cakupan Penimbangan 2025", "bukti/sipandu/Rekap Kemanfaatan.pdf",
     ("bukti/SIPANDU/Rekap Kemanfaatan.pdf", laporan(KES, "Rekapitulasi Cakupan Penimbangan 2025", "SIPANDU Posyandu Digital",
                                                     "214 posyandu melapor daring; cakupan penimbangan 61 menjadi 83 persen."))),
    ("SIPANDU Posyandu Digital", 20, 3, "", D(2025, 8, 17),
     "Video Inovasi SIPANDU Posyandu Digital", "https://www.youtube.com/watch?v=Sp4ndUPosy1", None),

    ("Si Cantik", 1, "SK Kepala Daerah atau SK Kepala Perangkat Daerah a.n. Kepala Daerah", "440/377/Dinkes/2025",
     D(2025, 8, 1), "Penetapan Uji Coba Si Cantik", "bukti/Si Cantik/sk-uji-coba.pdf",
     ("bukti/Si Cantik/sk-uji-coba.pdf", sk(KES, "Keputusan Kepala Dinas Kesehatan a.n. Bupati Tanah Merah",
                                            "440/377/Dinkes/2025", "Penetapan Uji Coba Inovasi Si Cantik"))),
    ("Si Cantik", 2, "1-10 SDM", "800/391/Dinkes/2025", D(2025, 8, 4),
     "Tim Pengelola Si Cantik", "SK Tim Si Cantik.pdf",
     ("bukti/Si Cantik/SK Tim Si Cantik.pdf", sk(KES, "Surat Perintah Kepala Dinas Kesehatan", "800/391/Dinkes/2025",
                                                 "Tim Pengelola Antrean Daring Si Cantik"))),
    ("Si Cantik", 12, 2, "", D(2025, 9, 15),
     "Tangkapan layar kanal informasi antrean", "bukti/Si Cantik/kanal-informasi.png",
     ("bukti/Si Cantik/kanal-informasi.png", ev.png(20, 14, (37, 211, 102)))),
    ("Si Cantik", 17, 3, "440/402/Dinkes/2025", D(2025, 8, 8),
     "Proposal Inovasi Si Cantik", "bukti/Si Cantik/proposal.pdf",
     ("bukti/Si Cantik/proposal.pdf", laporan(KES, "Proposal Inovasi", "Si Cantik",
                                              "Rancangan Mei 2025, pengembangan Juni - Juli 2025, uji coba Agustus 2025."))),
    ("Si Cantik", "Kemanfaatan inovasi", 1, "", D(2025, 10, 31),
     "Tangkapan layar jumlah pengguna", "bukti/Si Cantik/jumlah-pengguna.jpg",
     ("bukti/Si Cantik/jumlah-pengguna.jpg", ev.jpeg(16, 8, 200))),
    ("Si Cantik", "Video inovasi daerah", 2, "", D(2025, 9, 1),
     "Video Inovasi Si Cantik", "bukti/Si Cantik/video-si-cantik.mp4",
     ("bukti/Si Cantik/video-si-cantik.mp4", ev.mp4("Video Inovasi Si Cantik - Dinas Kesehatan Kabupaten Tanah Merah"))),

    ("Ambulans Desa Siaga", 1, 1, "440/655/Dinkes/2024", D(2024, 10, 21),
     "Penetapan Inovasi Ambulans Desa Siaga", "bukti/Ambulans Desa/sk-ambulans-desa.pdf",
     ("bukti/Ambulans Desa/sk-ambulans-desa.pdf", sk(KES, "Keputusan Kepala Dinas Kesehatan a.n. Bupati Tanah Merah",
                                                     "440/655/Dinkes/2024", "Penetapan Inovasi Ambulans Desa Siaga"))),
    ("Ambulans Desa Siaga", 2, 2, "800/661/Dinkes/2024", D(2024, 10, 28),
     "Pengelola dan Sopir Siaga Ambulans Desa", "bukti/Ambulans Desa/sk-sopir-siaga.pdf",
     ("bukti/Ambulans Desa/sk-sopir-siaga.pdf", sk(KES, "Keputusan Kepala Dinas Kesehatan", "800/661/Dinkes/2024",
                                                   "Pengelola dan Sopir Siaga Ambulans Desa"))),
    ("Ambulans Desa Siaga", 18, 2, "440/088/Dinkes/2025", D(2025, 11, 28),
     "Rekapitulasi Rujukan 2025", "bukti/Ambulans Desa/rekap-rujukan-2025.pdf",
     ("bukti/Ambulans Desa/rekap-rujukan-2025.pdf", REKAP_SAMA)),
    ("Ambulans Desa Siaga", 20, 2, "", D(2025, 6, 10),
     "Video Inovasi Ambulans Desa Siaga", "https://drive.google.com/file/d/1AmbulansDesaSiaga2025xYz/view", None),

    ("TB Tuntas Bersama Kader", 1, 1, "440/020/Dinkes/2024", D(2024, 1, 10),
     "Penetapan Inovasi TB Tuntas Bersama Kader", "bukti/TB Tuntas/sk-penetapan.pdf",
     ("bukti/TB Tuntas/sk-penetapan.pdf", sk(KES, "Keputusan Kepala Dinas Kesehatan a.n. Bupati Tanah Merah",
                                             "440/020/Dinkes/2024", "Penetapan Inovasi TB Tuntas Bersama Kader"))),
    ("TB Tuntas Bersama Kader", 2, 1, "800/009/P2P/2019", D(2019, 2, 11),
     "Kader Pendamping Minum Obat", "bukti/TB Tuntas/sk-kader-2019.pdf",
     ("bukti/TB Tuntas/sk-kader-2019.pdf", sk(KES, "Keputusan Kepala Dinas Kesehatan", "800/009/P2P/2019",
                                              "Kader Pendamping Minum Obat Tuberkulosis"))),
    ("TB Tuntas Bersama Kader", 5, 1, "005/118/Dinkes/2025", D(2025, 3, 12),
     "Undangan Bimtek Kader TB", "bukti/TB Tuntas/bimtek-kader.pdf",
     ("bukti/TB Tuntas/bimtek-kader.pdf", laporan(KES, "Undangan, Daftar Hadir dan Sertifikat Bimtek", "TB Tuntas Bersama Kader",
                                                  "Bimbingan teknis kader pendamping minum obat, 12 Maret 2025."))),
    ("TB Tuntas Bersama Kader", 17, 2, "440/031/Dinkes/2024", D(2024, 1, 20),
     "Laporan Tahapan Penciptaan TB Tuntas", "bukti/TB Tuntas/laporan-penciptaan.pdf",
     ("bukti/TB Tuntas/laporan-penciptaan.pdf",
      "LAPORAN TAHAPAN PENCIPTAAN INOVASI TB TUNTAS BERSAMA KADER\r\n"
      "Disalin dari Word sebagai teks biasa, lalu namanya diganti menjadi .pdf.\r\n"
      "Identifikasi masalah Oktober 2023, uji coba Januari 2024.\r\n".encode("ascii"))),
    ("TB Tuntas Bersama Kader", 18, 3, "440/512/Dinkes/2025", D(2025, 11, 28),
     "Rekapitulasi Pasien Sembuh 2025", "bukti/TB Tuntas/rekap-pasien-sembuh.pdf",
     ("bukti/TB Tuntas/rekap-pasien-sembuh.pdf", REKAP_SAMA)),
    ("TB Tuntas Bersama Kader", 20, 1, "", D(2025, 5, 5),
     "Video Inovasi TB Tuntas Bersama Kader", "https://www.youtube.com/watch?v=TbTuntas025", None),

    ("Klinik Sanitasi Keliling", 1, 1, "440/590/Dinkes/2024", D(2024, 9, 23),
     "Penetapan Inovasi Klinik Sanitasi Keliling", "bukti/Sanitasi/sk-klinik-sanitasi.pdf",
     ("bukti/Sanitasi/sk-klinik-sanitasi.pdf", sk(KES, "Keputusan Kepala Dinas Kesehatan a.n. Bupati Tanah Merah",
                                                  "440/590/Dinkes/2024", "Penetapan Inovasi Klinik Sanitasi Keliling"))),
    ("Klinik Sanitasi Keliling", 2, 2, "800/601/Dinkes/2024", D(2024, 9, 30),
     "Tim Sanitarian Keliling", "bukti/Sanitasi/sk-tim-sanitarian.pdf", None),  # file never written
    ("Klinik Sanitasi Keliling", 10, 1, "", D(2025, 2, 14),
     "Foto kunjungan rumah berlatar spanduk", "bukti/Sanitasi/foto-kunjungan.jpg",
     ("bukti/Sanitasi/foto-kunjungan.jpg", ev.jpeg(24, 16, 96))),
    ("Klinik Sanitasi Keliling", 17, 1, "440/612/Dinkes/2024", D(2024, 10, 1),
     "Laporan Tahapan Penciptaan Klinik Sanitasi Keliling", "bukti/Sanitasi/laporan-penciptaan.pdf",
     ("bukti/Sanitasi/laporan-penciptaan.pdf", laporan(KES, "Laporan Tahapan Penciptaan Inovasi", "Klinik Sanitasi Keliling",
                                                       "Identifikasi Januari 2024, uji coba Juni - September 2024."))),
    ("Klinik Sanitasi Keliling", 18, 3, "440/233/Dinkes/2025", D(2025, 11, 14),
     "Daftar Rumah yang Dikunjungi (hasil pindai)", "bukti/Sanitasi/daftar-rumah-dikunjungi.pdf",
     ("bukti/Sanitasi/daftar-rumah-dikunjungi.pdf",
      ev.pdf([KES, "Daftar Rumah yang Dikunjungi Sanitarian 2025", "Klinik Sanitasi Keliling",
              "(hasil pindai 60 halaman)"], pad=2_202_010))),  # 2.1 MiB > 2 MB
    ("Klinik Sanitasi Keliling", 20, 2, "", D(2025, 7, 7),
     "Video Inovasi Klinik Sanitasi Keliling", "https://www.youtube.com/watch?v=KlinikSan01", None),
]

# Dinas Sosial, wide layout: indicator -> (parameter, Bukti cell) per innovation, in DINSOS order.
# Lumbung Sosial Desa: Indikator 18 Parameter 2 but no Bukti. KALASERA: indikator 17 PDF truncated.
WIDE_IND = [1, 2, 17, 18, 20]
WIDE_DINSOS = [
    {1: (1, "bukti/sk-si-cantik.pdf"), 2: (2, "bukti\\SK Tim SI CANTIK.pdf"),
     17: (2, "bukti/laporan-penciptaan-si-cantik.pdf"), 18: (3, "bukti/rekap-pengecekan-2025.png"),
     20: (3, "https://www.youtube.com/watch?v=SiCantikDs1")},
    {1: (1, "bukti/sk-lumbung-sosial.pdf"), 2: (1, "bukti/st-karang-taruna.pdf"),
     17: (1, "bukti/proposal-lumbung.pdf"), 18: (2, None),
     20: (2, "https://drive.google.com/file/d/1LumbungSosialDesa2025Ab/view")},
    {1: (2, "bukti/perbup-kalasera.pdf"), 2: (3, "bukti/sk-pendamping-lansia.pdf"),
     17: (1, "bukti/laporan-kalasera.pdf"), 18: (3, "bukti/daftar-penerima-kartu.jpg"),
     20: (2, "https://www.youtube.com/watch?v=KalaseraDs1")},
    {1: (1, "Perbup Kampung Siaga.pdf"), 2: (2, "BUKTI/sk-tagana.pdf"),
     17: (2, "bukti/laporan-penciptaan-kampung-siaga.pdf"), 18: (1, "bukti/rekap-desa-tangguh.pdf"),
     20: (3, "bukti/video-kampung-siaga.mp4")},
]
FILES_DINSOS = {
    "bukti/sk-si-cantik.pdf": sk(SOS, "Keputusan Kepala Dinas Sosial a.n. Bupati Tanah Merah", "460/101/Dinsos/2024",
                                 "Penetapan Inovasi SI CANTIK"),
    "bukti/SK Tim SI CANTIK.pdf": sk(SOS, "Keputusan Kepala Dinas Sosial", "800/102/Dinsos/2024",
                                     "Tim Pengelola SI CANTIK Tahun 2024-2026"),
    "bukti/laporan-penciptaan-si-cantik.pdf": laporan(SOS, "Laporan Tahapan Penciptaan Inovasi", "SI CANTIK",
                                                      "Rancangan Desember 2023, uji coba Februari - Mei 2024."),
    "bukti/rekap-pengecekan-2025.png": ev.png(24, 12, (0, 150, 136)),
    "bukti/sk-lumbung-sosial.pdf": sk(SOS, "Keputusan Kepala Dinas Sosial a.n. Bupati Tanah Merah", "460/015/Dinsos/2024",
                                      "Penetapan Inovasi Lumbung Sosial Desa"),
    "bukti/st-karang-taruna.pdf": sk(SOS, "Surat Tugas Kepala Dinas Sosial", "800/016/Dinsos/2024",
                                     "Pengelola Lumbung Sosial Desa dari Karang Taruna"),
    "bukti/proposal-lumbung.pdf": laporan(SOS, "Proposal Inovasi", "Lumbung Sosial Desa",
                                          "Musyawarah desa Juli 2023, uji coba Agustus - Desember 2023."),
    "bukti/perbup-kalasera.pdf": sk(SOS, "Peraturan Bupati Tanah Merah", "21 Tahun 2024",
                                    "Kartu Lansia Sejahtera (KALASERA)"),
    "bukti/sk-pendamping-lansia.pdf": sk(SOS, "Keputusan Bupati Tanah Merah", "800/377/Dinsos/2024",
                                         "Pendamping Lansia Pemegang Kartu KALASERA"),
    "bukti/laporan-kalasera.pdf": ev.truncated(laporan(SOS, "Laporan Tahapan Penciptaan Inovasi", "KALASERA Kartu Lansia Sejahtera",
                                                       "Pendataan lansia Mei 2024, uji coba Mei - September 2024.")),
    "bukti/daftar-penerima-kartu.jpg": ev.jpeg(16, 16, 160),
    "bukti/Perbup Kampung Siaga.pdf": sk(SOS, "Peraturan Bupati Tanah Merah", "27 Tahun 2024",
                                         "Kampung Siaga Bencana"),
    "bukti/sk-tagana.pdf": sk(SOS, "Keputusan Kepala Dinas Sosial", "800/412/Dinsos/2024",
                              "Relawan Taruna Siaga Bencana Kampung Siaga Bencana"),
    "bukti/laporan-penciptaan-kampung-siaga.pdf": laporan(SOS, "Laporan Tahapan Penciptaan Inovasi",
                                                          "Kampung Siaga Bencana Tanah Merah",
                                                          "Pemetaan risiko Maret 2024, simulasi evakuasi Juli 2024."),
    "bukti/rekap-desa-tangguh.pdf": laporan(SOS, "Rekapitulasi Kemanfaatan Inovasi 2025", "Kampung Siaga Bencana Tanah Merah",
                                            "6 kampung siaga bencana, 180 relawan terlatih."),
    "bukti/video-kampung-siaga.mp4": ev.mp4("Video Inovasi Kampung Siaga Bencana - Dinas Sosial Kabupaten Tanah Merah"),
}


def make_evidence_files() -> list[Path]:
    out = []
    for *_, f in BUKTI_DINKES:
        if f is not None:
            out.append(SAMPLE / "Dinas Kesehatan" / f[0])
            write_bytes(out[-1], f[1])
    for rel, data in FILES_DINSOS.items():
        out.append(SAMPLE / "Dinas Sosial" / rel)
        write_bytes(out[-1], data)
    return out


for _opd, _rows in [("Dinas Kesehatan", DINKES), ("Dinas Pendidikan", DISDIK),
                    ("Dinas Komunikasi dan Informatika", KOMINFO),
                    ("Dinas Pekerjaan Umum dan Penataan Ruang", PUPR), ("Dinas Sosial", DINSOS)]:
    for _c in _rows:
        _c.setdefault("opd", _opd)


def rb_for(c: dict) -> str:
    return c.get("rb") or rancang_bangun(c)


# ---------------------------------------------------------------------------
# Packaging helpers (deterministic zips, document properties).
# ---------------------------------------------------------------------------

def norm_zip_bytes(data: bytes, patches: dict[str, callable] | None = None) -> bytes:
    """Rewrite a zip with fixed entry dates and normalised docProps/core.xml."""
    patches = patches or {}
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)",
                              rb"\g<1>" + DOC_DATE_ISO.encode() + rb"\g<2>", body)
            if info.filename in patches:
                body = patches[info.filename](body)
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 0
            dst.writestr(zi, body)
    return out.getvalue()


def wb_bytes(wb: openpyxl.Workbook, creator: str = "bimtek make_data.py", patches=None) -> bytes:
    wb.properties.creator = creator
    wb.properties.lastModifiedBy = creator
    wb.properties.created = DOC_DATE
    wb.properties.modified = DOC_DATE
    buf = io.BytesIO()
    wb.save(buf)
    return norm_zip_bytes(buf.getvalue(), patches)


def save_wb(wb, path: Path, **kw) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(wb_bytes(wb, **kw))


def write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


# ---------------------------------------------------------------------------
# ODS writer (by hand, so dates/zip layout are under our control).
# Cell values: None, str, int/float, date -> date cell, ("datetext", str) text.
# ---------------------------------------------------------------------------

ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/"')


def _ods_text(s: str) -> str:
    out = []
    for line in s.split("\n"):
        # runs of spaces need <text:s/>
        line = escape(line)
        line = re.sub(r"  +", lambda m: " " + f'<text:s text:c="{len(m.group()) - 1}"/>', line)
        line = re.sub(r"^ ", '<text:s/>', line)
        out.append(f"<text:p>{line}</text:p>")
    return "".join(out)


def _ods_cell(v, header=False) -> str:
    if v is None or v == "":
        return "<table:table-cell/>"
    if isinstance(v, dt.date):
        return (f'<table:table-cell table:style-name="ce1" office:value-type="date" '
                f'office:date-value="{v.isoformat()}"><text:p>{v:%d/%m/%Y}</text:p></table:table-cell>')
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return (f'<table:table-cell office:value-type="float" office:value="{v}">'
                f'<text:p>{v}</text:p></table:table-cell>')
    style = ' table:style-name="ce2"' if header else ""
    return f'<table:table-cell{style} office:value-type="string">{_ods_text(str(v))}</table:table-cell>'


def ods_bytes(sheets: list[tuple[str, list[list]]]) -> bytes:
    tables = []
    for name, rows in sheets:
        ncol = max((len(r) for r in rows), default=1)
        xml_rows = []
        for i, r in enumerate(rows):
            cells = "".join(_ods_cell(v, header=(i == 0)) for v in r)
            xml_rows.append(f"<table:table-row>{cells}</table:table-row>")
        tables.append(f'<table:table table:name="{escape(name)}">'
                      f'<table:table-column table:number-columns-repeated="{ncol}"/>'
                      + "".join(xml_rows) + "</table:table>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-content {ODS_NS} office:version="1.3">'
        "<office:automatic-styles>"
        '<number:date-style style:name="N37"><number:day number:style="long"/><number:text>/</number:text>'
        '<number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/>'
        "</number:date-style>"
        '<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N37"/>'
        '<style:style style:name="ce2" style:family="table-cell" style:parent-style-name="Default">'
        '<style:text-properties fo:font-weight="bold"/></style:style>'
        "</office:automatic-styles>"
        "<office:body><office:spreadsheet>" + "".join(tables) + "</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    styles = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-styles {ODS_NS} office:version="1.3"><office:styles>'
        '<style:default-style style:family="table-cell"><style:text-properties fo:font-size="10pt"/></style:default-style>'
        '<style:style style:name="Default" style:family="table-cell"/>'
        "</office:styles></office:document-styles>"
    )
    meta = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-meta {ODS_NS} office:version="1.3"><office:meta>'
        "<meta:generator>bimtek scripts/make_data.py</meta:generator>"
        f"<meta:creation-date>{DOC_DATE:%Y-%m-%dT%H:%M:%S}</meta:creation-date>"
        f"<dc:date>{DOC_DATE:%Y-%m-%dT%H:%M:%S}</dc:date>"
        "</office:meta></office:document-meta>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, body in [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                           ("content.xml", content), ("styles.xml", styles), ("meta.xml", meta),
                           ("META-INF/manifest.xml", manifest)]:
            z.writestr(zipfile.ZipInfo(name, date_time=ZIP_DATE), body.encode("utf-8"))
    return norm_zip_bytes(buf.getvalue())


# ---------------------------------------------------------------------------
# (a) sample-data
# ---------------------------------------------------------------------------

HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
BOLD = Font(bold=True)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")


def style_header(ws, row: int, col0: int, ncol: int) -> None:
    for c in range(col0, col0 + ncol):
        cell = ws.cell(row=row, column=c)
        cell.font = BOLD
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def set_widths(ws, col0: int, widths: list[int]) -> None:
    for i, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(col0 + i)].width = w


def put(ws, row: int, col: int, v, datefmt="dd/mm/yyyy"):
    cell = ws.cell(row=row, column=col, value=v)
    if isinstance(v, dt.date):
        cell.number_format = datefmt
    elif isinstance(v, int) and v > 1000:
        cell.number_format = "#,##0"
    cell.alignment = WRAP_TOP
    return cell


DINKES_HEAD = ["No", "Nama Inovasi*", "Tahapan Inovasi*", "Inisiator Inovasi Daerah", "Nama Inisiator*",
               "Jenis Inovasi", "Bentuk Inovasi Daerah", "Klasifikasi Inovasi", "Urusan Pemerintahan Utama",
               "Waktu Uji Coba Inovasi Daerah*", "Waktu Penerapan Inovasi Daerah*",
               "Waktu Pengembangan Inovasi Daerah", "Rancang Bangun", "Tujuan Inovasi Daerah",
               "Manfaat yang Diperoleh", "Hasil Inovasi", "Koordinat*", "Asta Cita", "Klaster PKPN", "Anggaran"]


def make_dinkes() -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Inovasi 2026"
    col0, hrow = 2, 4  # header at B4, data from B5
    last = get_column_letter(col0 + len(DINKES_HEAD) - 1)
    ws["B1"] = "DAFTAR INOVASI DAERAH DINAS KESEHATAN"
    ws.merge_cells(f"B1:{last}1")
    ws["B1"].font = Font(bold=True, size=14)
    ws["B1"].alignment = Alignment(horizontal="center")
    ws["B2"] = "KABUPATEN TANAH MERAH TAHUN 2026"
    ws["B2"].font = Font(bold=True, size=12)
    for i, h in enumerate(DINKES_HEAD):
        ws.cell(row=hrow, column=col0 + i, value=h)
    style_header(ws, hrow, col0, len(DINKES_HEAD))
    for n, c in enumerate(DINKES, start=1):
        vals = [n, c["nama"], c["tahapan"], c["inisiator"], c["nama_inisiator"], c["jenis"], c["bentuk"],
                c["klasifikasi"], c["urusan"], c["uji"], c["penerapan"], c["pengembangan"], rb_for(c),
                c["tujuan"], c["manfaat"], c["hasil"], c["koordinat"], c["asta"], c["pkpn"], c["anggaran"]]
        for i, v in enumerate(vals):
            if v is not None:
                put(ws, hrow + n, col0 + i, v)
    ws.column_dimensions["A"].width = 3
    set_widths(ws, col0, [5, 28, 14, 16, 26, 12, 30, 22, 22, 14, 14, 14, 60, 40, 40, 40, 20, 9, 16, 15])
    ws.freeze_panes = "D5"
    # Long evidence layout on a second sheet, header in row 1, data from row 2.
    bs = wb.create_sheet("Bukti Dukung")
    for i, h in enumerate(BUKTI_HEAD, start=1):
        bs.cell(row=1, column=i, value=h)
    style_header(bs, 1, 1, len(BUKTI_HEAD))
    for r, (nama, ind, param, nomor, tgl, tentang, ref, _f) in enumerate(BUKTI_DINKES, start=2):
        for i, v in enumerate([nama, ind, param, nomor, tgl, tentang, ref], start=1):
            if v != "":
                put(bs, r, i, v)
    set_widths(bs, 1, [28, 20, 24, 22, 14, 44, 48])
    bs.freeze_panes = "B2"
    path = SAMPLE / "Dinas Kesehatan" / "inovasi-dinkes-2026.xlsx"
    save_wb(wb, path, creator="Operator Dinkes")
    return path


DISDIK_HEAD = ["nama_inovasi", "opd", "tahapan_inovasi", "inisiator", "nama_inisiator", "jenis_inovasi",
               "bentuk_inovasi", "klasifikasi", "urusan_utama", "waktu_uji_coba", "waktu_penerapan",
               "waktu_pengembangan", "rancang_bangun", "tujuan_inovasi", "manfaat_diperoleh", "hasil_inovasi",
               "koordinat", "asta_cita", "klaster_pkpn", "anggaran"]


def make_disdik() -> Path:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    w.writerow(DISDIK_HEAD)
    for c in DISDIK:
        w.writerow([c["nama"], "Dinas Pendidikan", c["tahapan"], c["inisiator"], c["nama_inisiator"],
                    c["jenis"], c["bentuk"], c["klasifikasi"], c["urusan"], c["uji"], c["penerapan"],
                    c["pengembangan"], rb_for(c), c["tujuan"], c["manfaat"], c["hasil"], c["koordinat"],
                    c["asta"], c["pkpn"], c["anggaran"]])
    path = SAMPLE / "Dinas Pendidikan" / "data_inovasi_disdik.csv"
    # Excel keeps in-cell line breaks as bare LF inside quotes; records end with CRLF.
    write_bytes(path, buf.getvalue().encode("cp1252"))
    return path


KOMINFO_HEAD = ["Judul Inovasi", "Perangkat Daerah", "Tahapan", "Inisiator", "Nama Inovator", "Jenis", "Bentuk",
                "Klasifikasi", "Urusan", "Waktu Uji Coba", "Waktu Implementasi", "Waktu Pengembangan",
                "Rancang Bangun dan Pokok Perubahan Yang Dilakukan", "Tujuan", "Manfaat", "Hasil", "Koordinat",
                "Asta Cita", "Klaster PKPN", "Keterangan Internal"]


def make_kominfo() -> Path:
    rows = [KOMINFO_HEAD]
    for c in KOMINFO:
        rows.append([c["nama"], "Dinas Komunikasi dan Informatika", c["tahapan"], c["inisiator"],
                     c["nama_inisiator"], c["jenis"], c["bentuk"], c["klasifikasi"], c["urusan"], c["uji"],
                     c["penerapan"], c["pengembangan"], rb_for(c), c["tujuan"], c["manfaat"], c["hasil"],
                     c["koordinat"], c["asta"], c["pkpn"], c["ket"]])
    path = SAMPLE / "Dinas Komunikasi dan Informatika" / "inovasi-diskominfo.ods"
    write_bytes(path, ods_bytes([("Inovasi", rows)]))
    return path


PUPR_HEAD = ["No", "Nama Inovasi", "OPD Pelaksana", "Tahapan", "Inisiator", "Nama Inisiator", "Klasifikasi", "Jenis",
             "Bentuk", "Asta Cita", "Klaster PKPN", "Urusan", "Waktu Uji Coba", "Penerapan Awal",
             "Pengembangan Terbaru", "Rancang Bangun", "Tujuan", "Manfaat", "Hasil", "Anggaran", "Koordinat"]


def excel_serial(d: dt.date) -> int:
    return (d - dt.date(1899, 12, 30)).days


def xls_book() -> xlwt.Workbook:
    return xlwt.Workbook(encoding="utf-8")


def make_pupr() -> Path:
    wb = xls_book()
    ws = wb.add_sheet("Sheet1")
    head = xlwt.easyxf("font: bold on; pattern: pattern solid, fore_colour light_turquoise; align: wrap on")
    wrap = xlwt.easyxf("align: wrap on, vert top")
    datefmt = xlwt.easyxf("align: vert top", num_format_str="DD/MM/YYYY")
    money = xlwt.easyxf("align: vert top", num_format_str="#,##0")
    for i, h in enumerate(PUPR_HEAD):
        ws.write(0, i, h, head)
    for n, c in enumerate(PUPR, start=1):
        vals = [n, c["nama"], "Dinas Pekerjaan Umum dan Penataan Ruang", c["tahapan"], c["inisiator"],
                c["nama_inisiator"], c["klasifikasi"], c["jenis"], c["bentuk"], c["asta"], c["pkpn"], c["urusan"],
                c["uji"], c["penerapan"], c["pengembangan"], rb_for(c), c["tujuan"], c["manfaat"], c["hasil"],
                c["anggaran"], c["koordinat"]]
        for i, v in enumerate(vals):
            if v is None:
                continue
            if isinstance(v, tuple):
                kind, d = v
                if kind == "serial":
                    ws.write(n, i, excel_serial(d))  # General-format number
                else:
                    ws.write(n, i, d, datefmt)
            elif isinstance(v, int) and v > 1000:
                ws.write(n, i, v, money)
            else:
                ws.write(n, i, v, wrap)
    for i, w in enumerate([5, 28, 26, 12, 14, 26, 22, 12, 30, 9, 24, 24, 14, 14, 14, 60, 40, 40, 40, 15, 20]):
        ws.col(i).width = 256 * w
    path = SAMPLE / "Dinas PUPR" / "inovasi_pupr_2026.xls"
    out = io.BytesIO()
    wb.save(out)
    write_bytes(path, out.getvalue())
    return path


DINSOS_HEAD = ["#", "Nama Inovasi*", "Tahapan*", "Nama Inisiator*", "Koordinat*", "Urusan Pemerintahan Utama",
               "Waktu Uji Coba", "Waktu Penerapan*", "Waktu Pengembangan", "Inisiator Inovasi Daerah",
               "Jenis Inovasi", "Bentuk Inovasi Daerah", "Asta Cita", "Klaster PKPN", "Rancang Bangun",
               "Tujuan Inovasi Daerah", "Manfaat yang diperoleh", "Hasil Inovasi", "Anggaran"]


def make_dinsos() -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    head = DINSOS_HEAD + [f"Indikator {k} {w}" for k in WIDE_IND for w in ("Parameter", "Bukti")]
    for i, h in enumerate(head, start=1):
        ws.cell(row=1, column=i, value=h)
    style_header(ws, 1, 1, len(head))
    for n, c in enumerate(DINSOS, start=1):
        vals = [n, c["nama"], c["tahapan"], c["nama_inisiator"], c["koordinat"], c["urusan"], c["uji"],
                c["penerapan"], c["pengembangan"], c["inisiator"], c["jenis"], c["bentuk"], c["asta"], c["pkpn"],
                rb_for(c), c["tujuan"], c["manfaat"], c["hasil"], c["anggaran"]]
        for ind in WIDE_IND:
            vals += list(WIDE_DINSOS[n - 1][ind])
        for i, v in enumerate(vals, start=1):
            if v is not None and v != "":
                put(ws, n + 1, i, v)
    set_widths(ws, 1, [4, 28, 12, 26, 20, 24, 14, 14, 14, 16, 12, 30, 9, 22, 60, 40, 40, 40, 15]
               + [12, 36] * len(WIDE_IND))
    path = SAMPLE / "Dinas Sosial" / "Inovasi Dinsos.xlsx"
    save_wb(wb, path, creator="Admin Dinsos")
    return path


SAMPLE_README = """\
# Data contoh: Kabupaten Tanah Merah

Folder ini berisi data **fiktif** untuk mencoba `bimtek`. "Kabupaten Tanah Merah",
nama orang, nomor surat, dan angka di dalamnya karangan belaka. Setiap subfolder
mewakili satu perangkat daerah (OPD); nama OPD diambil dari nama folder. Semua berkas
dibuat oleh `scripts/make_data.py` (jangan diedit dengan tangan; ubah skripnya lalu
jalankan ulang). Tanggal "hari ini" untuk data ini: 24 November 2026.

## Berkas

- `Dinas Kesehatan/inovasi-dinkes-2026.xlsx`: dua baris judul (baris 1 digabung), baris kosong,
  header mulai di B4 dengan ejaan portal bertanda `*`, data B5:U10 (6 inovasi), tanggal berupa sel tanggal.
  Sheet kedua `Bukti Dukung` memuat data dukung indikator (tata letak panjang, lihat di bawah);
  berkasnya ada di `Dinas Kesehatan/bukti/`.
- `Dinas Pendidikan/data_inovasi_disdik.csv`: ekspor aplikasi web yang disimpan ulang dari Excel:
  pemisah `;`, Windows-1252, akhir baris CRLF, header snake_case, tanggal berupa teks
  dengan gaya campuran, anggaran `Rp 1.500.000,00` (5 inovasi).
- `Dinas Komunikasi dan Informatika/inovasi-diskominfo.ods`: ejaan header lain (`Judul Inovasi`,
  `Waktu Implementasi`, ...), satu kolom yang tidak dikenal (`Keterangan Internal`), sebagian tanggal
  berupa sel tanggal ODS (5 inovasi).
- `Dinas PUPR/inovasi_pupr_2026.xls`: format .xls lama (BIFF8), header ekspor Rote Ndao 2026
  (`OPD Pelaksana`, `Penerapan Awal`, `Pengembangan Terbaru`, ...); tanggal sebagai angka seri
  berformat General (baris 2) dan sel berformat tanggal (baris 3 dan 5) (4 inovasi).
- `Dinas Sosial/Inovasi Dinsos.xlsx`: nama berkas berspasi, header di baris 1 dengan ejaan daftar
  portal 2025/2026, **tanpa kolom Klasifikasi** (4 inovasi). Kolom T:AC memuat data dukung
  indikator wajib (tata letak lebar, lihat di bawah); berkasnya ada di `Dinas Sosial/bukti/`.

## Data dukung (bukti dukung)

Rujukan berkas dibaca relatif terhadap folder buku kerja (`--evidence DIR` untuk folder lain).
Rujukan boleh memakai garis miring terbalik Windows, huruf besar/kecil yang berbeda, atau nama
berkas saja (dicari di seluruh folder). Indikator 20 (video) boleh berupa tautan YouTube atau
Google Drive. Semua berkas bukti kecil tetapi asli: PDF satu halaman, JPEG, PNG, dan MP4 (hanya
kepala kontainer `ftyp`, tidak dapat diputar).

- **Tata letak panjang** (Dinkes, sheet `Bukti Dukung`, header di baris 1): satu baris per dokumen
  untuk satu inovasi dan satu indikator, kolom `Nama Inovasi`, `Indikator` (nomor portal 1-20 atau
  nama indikator), `Parameter` (1, 2, 3 atau teks parameter), `Nomor Dokumen`, `Tanggal Dokumen`
  (sel tanggal), `Tentang`, `File` (jalur relatif, nama berkas saja, atau tautan `https://...`).
  Lima dari enam inovasi memiliki baris bukti: kelima indikator wajib (1 Regulasi, 2 SDM,
  17 Kecepatan penciptaan, 18 Kemanfaatan, 20 Video) ditambah beberapa indikator lain (3, 4, 5,
  10, 12). `GEMAS Cegah Stunting` sengaja tanpa baris bukti. Contoh rujukan:
  `Bukti\\SIPANDU\\SK Regulasi.PDF` (berkas `bukti/SIPANDU/SK Regulasi.pdf`),
  `bukti/sipandu/Rekap Kemanfaatan.pdf` (beda huruf besar/kecil), `SK Tim Si Cantik.pdf` (nama
  saja); video berupa tautan YouTube, tautan Google Drive, atau berkas MP4
  (`bukti/Si Cantik/video-si-cantik.mp4`).
- **Tata letak lebar** (Dinsos, sheet `Sheet1`): kolom `Indikator N Parameter` dan
  `Indikator N Bukti` untuk N = 1, 2, 17, 18, 20 (kolom T sampai AC), satu baris per inovasi.
  Contoh rujukan: `bukti\\SK Tim SI CANTIK.pdf`, `BUKTI/sk-tagana.pdf`,
  `Perbup Kampung Siaga.pdf` (nama saja), `bukti/video-kampung-siaga.mp4`.

## Kesalahan yang disengaja

| Berkas | Sel | Inovasi | Kesalahan |
|---|---|---|---|
| Dinkes xlsx, sheet `Inovasi 2026` | J7 | GEMAS Cegah Stunting | Urusan berupa sel galat `#N/A` |
| Dinkes xlsx | N7 | GEMAS Cegah Stunting | Rancang Bangun hanya 40 kata (minimal 300) |
| Dinkes xlsx | K8, L8 | Ambulans Desa Siaga | uji coba 10/03/2025 sesudah penerapan 01/11/2024 |
| Dinkes xlsx | D9, L9 | TB Tuntas Bersama Kader | tahapan Penerapan tetapi Waktu Penerapan kosong |
| Disdik csv | rekaman 4, `nama_inisiator` | e-Rapor Terpadu Sekolah Dasar | Nama Inisiator kosong |
| Disdik csv | rekaman 4, `waktu_penerapan` | e-Rapor Terpadu Sekolah Dasar | `05/17/24`: bulan di depan, tahun dua digit |
| Disdik csv | rekaman 5, `urusan_utama` | Liga Pelajar Tanah Merah | `Olahraga Prestasi` bukan urusan (mirip `Kepemudaan dan Olahraga`) |
| Disdik csv | rekaman 5, `anggaran` | Liga Pelajar Tanah Merah | `sekitar 2 juta` bukan angka |
| Disdik csv | rekaman 3 dan 6 | Pojok Baca Café Literasi | nama inovasi ganda dalam satu OPD |
| Kominfo ods, sheet `Inovasi` | J3 | LAPOR BUPATI | Waktu Uji Coba `segera` |
| Kominfo ods | Q3 | LAPOR BUPATI | Koordinat `dekat kantor bupati` |
| Kominfo ods | Q5 | INDESTRA Internet Desa Terang | Koordinat `51.5074,-0.1278` (London, di luar Indonesia) |
| Kominfo ods | R5 | INDESTRA Internet Desa Terang | Asta Cita 9 (hanya 1-8) |
| PUPR xls, sheet `Sheet1` | M4 | RULAH GORO | Waktu Uji Coba `Mei 2024` (hanya bulan-tahun) |
| PUPR xls | N4 | RULAH GORO | Penerapan Awal `31/02/2025` (tanggal mustahil) |
| PUPR xls | O4 | RULAH GORO | Pengembangan Terbaru `15/01/2027` (sesudah hari ini) |
| Dinsos xlsx, sheet `Sheet1` | seluruh berkas | - | kolom wajib Klasifikasi tidak ada |
| Dinsos xlsx | B2 | SI  CANTIK | sama dengan `Si Cantik` milik Dinkes (C6) setelah beda huruf/spasi diabaikan |
| Dinsos xlsx | C3 | Lumbung Sosial Desa | tahapan `Selesai` (bukan nilai yang diizinkan) |
| Dinsos xlsx | P3 | Lumbung Sosial Desa | Tujuan Inovasi Daerah kosong |
| Dinsos xlsx | S4 | KALASERA Kartu Lansia Sejahtera | Anggaran berupa sel galat `#REF!` |

Kesalahan data dukung yang disengaja (masing-masing satu kali):

| Berkas | Sel | Inovasi | Kesalahan |
|---|---|---|---|
| Dinkes xlsx, sheet `Bukti Dukung` | G22 | TB Tuntas Bersama Kader | indikator 17: `bukti/TB Tuntas/laporan-penciptaan.pdf` sebenarnya berkas teks yang diganti namanya menjadi .pdf |
| Dinkes xlsx, sheet `Bukti Dukung` | G29 | Klinik Sanitasi Keliling | indikator 18: `bukti/Sanitasi/daftar-rumah-dikunjungi.pdf` berukuran 2,1 MB (maksimal 2 MB) |
| Dinkes xlsx, sheet `Bukti Dukung` | G26 | Klinik Sanitasi Keliling | indikator 2: berkas `bukti/Sanitasi/sk-tim-sanitarian.pdf` tidak ada |
| Dinkes xlsx, sheet `Bukti Dukung` | E20 | TB Tuntas Bersama Kader | indikator 2 (SDM, dokumen T-2 s.d. T-0 = 2024-2026) bertanggal 11/02/2019 |
| Dinkes xlsx, sheet `Bukti Dukung` | G17 dan G23 | Ambulans Desa Siaga, TB Tuntas Bersama Kader | indikator 18: `rekap-rujukan-2025.pdf` dan `rekap-pasien-sembuh.pdf` isinya sama persis (satu berkas dipakai dua inovasi) |
| Dinkes xlsx, sheet `Bukti Dukung` | (tidak ada baris) | Ambulans Desa Siaga (sheet `Inovasi 2026` baris 8) | indikator wajib 17 (Kecepatan penciptaan) tidak diisi sama sekali |
| Dinsos xlsx, sheet `Sheet1` | Z3, AA3 | Lumbung Sosial Desa | `Indikator 18 Parameter` diisi 2 tetapi `Indikator 18 Bukti` kosong |
| Dinsos xlsx, sheet `Sheet1` | Y4 | KALASERA Kartu Lansia Sejahtera | indikator 17: `bukti/laporan-kalasera.pdf` terpotong (tanpa penutup `%%EOF`) |

Semua baris bukti lain bersih: tanggal dokumen 2024-2025, jenis berkas sesuai indikator, dan
setiap berkas berbeda isinya.

Untuk CSV, "rekaman" dihitung dengan header sebagai rekaman 1; sel Rancang Bangun memuat
baris baru, jadi nomor baris fisik di berkas berbeda.

Baris lain bersih, tetapi sebagian memakai variasi ejaan yang harus diterima: `UJI COBA`,
`ujicoba`, `PENERAPAN`, `Inisiasi`, `Non-Digital`, `Perangkat Daerah` (untuk OPD), `PUPR`,
`Ketentraman, Ketertiban Umum dan Perlindungan Masyarakat`,
`Perumahan Rakyat dan Kawasan Pemukiman`, dan koordinat `lat, lng` dengan spasi.
Inovasi berstatus Uji Coba atau Inisiatif sengaja tidak memiliki Waktu Penerapan: peringatan D006,
karena Waktu Penerapan diminta di semua tahapan (SIMONDA, INOVAHUB, daftar portal).
`SIMANTAP Jalan` (PUPR) diterapkan 2022 dan memiliki Waktu Pengembangan 2025.

## Unduhan portal contoh (`../sample-portal/`)

`sample-portal/unduhan-portal-2026.xls` berisi apa yang (secara fiktif) sudah ada di portal IID
untuk Kabupaten Tanah Merah: tabel HTML yang disimpan dengan nama .xls, seperti tombol unduh
portal, dengan kolom halaman daftar portal 2025/2026 ditambah `Terakhir Diperbarui`. Letaknya di
luar `sample-data/` supaya `bimtek check sample-data` tidak membacanya sebagai berkas OPD. Coba:

    bimtek check sample-data --baseline sample-portal/unduhan-portal-2026.xls

| `#` di portal | Inovasi | Hasil |
|---|---|---|
| 1, 3, 6, 8, 11, 12, 13, 14 | SIPANDU, Klinik Sanitasi, SiTTE, IRTAPA, Sekolah Ramah Anak, Lumbung Sosial Desa, KALASERA, Kampung Siaga Bencana | sama dengan berkas OPD (`up_to_date`) |
| 1 | SIPANDU Posyandu Digital | P006: Estimasi Skor Kematangan di portal 68,50, di berkas OPD 40 (bukti di portal berbeda) |
| 2 | Ambulans Desa Siaga | P002: tahapan di portal masih Uji Coba, di berkas OPD Penerapan |
| 4 | TAMASA Tanah Merah Satu Data | sama, tetapi terakhir diperbarui 21/08/2025 (460 hari): P005 |
| 5 | Smart Kampung Tanah Merah | P002: cocok karena namanya mirip (`Smart Kampung Kabupaten Tanah Merah`, kemiripan 0,89) |
| 7 | SIMANTAP Jalan | P002: Waktu Pengembangan di portal 01/06/2023, di berkas OPD 10/02/2025 |
| 9, 10 | DRASTIS Drainase Cerdas Perkotaan | P003: `DRASTIS Drainase Cerdas` dan `DRASTIS Drainase Perkotaan` sama miripnya |
| 15 | SIPANGAN Pangan Murah Keliling | P004: hanya ada di portal (OPD-nya tidak mengirim berkas) |

Sebelas inovasi lain belum terinput (P001). `Lumbung Sosial Desa` tetap `up_to_date` karena
tahapannya di berkas OPD tidak terbaca (`Selesai`): isian yang tidak terbaca tidak dibandingkan.
"""


# ---------------------------------------------------------------------------
# (b) tests/fixtures/load
# ---------------------------------------------------------------------------

FX_HEAD = ["Nama Inovasi", "Perangkat Daerah", "Tahapan Inovasi", "Waktu Penerapan Inovasi Daerah"]
FX_ROWS = [
    ["SIPANDU Posyandu Digital", "Dinas Kesehatan", "Penerapan", D(2024, 5, 17)],
    ["Gerakan Sekolah Ramah Anak", "Dinas Pendidikan", "Uji Coba", D(2024, 8, 3)],
    ["Lumbung Sosial Desa", "Dinas Sosial", "Penerapan", D(2025, 1, 22)],
]


def fx_text_rows():
    return [[v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else v for v in r] for r in FX_ROWS]


def simple_wb(rows=None, header=FX_HEAD, title="Data Inovasi") -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    ws.append(header)
    for r in (FX_ROWS if rows is None else rows):
        ws.append(r)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "dd/mm/yyyy"
    return wb


def replace_cell(sheet_xml: bytes, ref: str, new: str) -> bytes:
    pat = re.compile(rb'<c r="' + ref.encode() + rb'"[^>]*?(?:/>|>.*?</c>)', re.S)
    out, n = pat.subn(new.encode(), sheet_xml, count=1)
    assert n == 1, ref
    return out


def fx_title_rows_b3() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data Inovasi"
    ws["A1"] = "DAFTAR INOVASI DAERAH KABUPATEN TANAH MERAH"
    ws.merge_cells("A1:D1")
    for i, h in enumerate(FX_HEAD):
        ws.cell(row=3, column=2 + i, value=h)
    for r, row in enumerate(FX_ROWS, start=4):
        for i, v in enumerate(row):
            cell = ws.cell(row=r, column=2 + i, value=v)
            if isinstance(v, dt.date):
                cell.number_format = "dd/mm/yyyy"
    return wb_bytes(wb)


def fx_merged_header() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Grup Header"
    ws["A1"], ws["B1"], ws["C1"] = "Nama Inovasi", "Perangkat Daerah", "Waktu"
    ws.merge_cells("A1:A2")
    ws.merge_cells("B1:B2")
    ws.merge_cells("C1:D1")
    ws["C2"], ws["D2"] = "Uji Coba", "Penerapan"
    data = [["SIPANDU Posyandu Digital", "Dinas Kesehatan", D(2023, 9, 4), D(2024, 2, 1)],
            ["Lumbung Sosial Desa", "Dinas Sosial", D(2023, 8, 7), D(2024, 1, 22)]]
    for r in data:
        ws.append(r)
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "dd/mm/yyyy"
    ws2 = wb.create_sheet("Normal")
    ws2.append(FX_HEAD)
    for r in FX_ROWS:
        ws2.append(r)
    for row in ws2.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "dd/mm/yyyy"
    return wb_bytes(wb)


def fx_formula_errors() -> bytes:
    head = FX_HEAD + ["Anggaran"]
    rows = [
        ["SIPANDU Posyandu Digital", "Dinas Kesehatan", "Penerapan", D(2024, 5, 17), "=VLOOKUP(A2,Anggaran!A:B,2,FALSE)"],
        ["Gerakan Sekolah Ramah Anak", "Dinas Pendidikan", "Penerapan", "#REF!", "=E5/0"],
        ["Lumbung Sosial Desa", "Dinas Sosial", "#N/A", D(2025, 1, 22), "=1500000*2"],
    ]
    wb = simple_wb(rows, head)
    patches = {"xl/worksheets/sheet1.xml": lambda x: replace_cell(replace_cell(replace_cell(
        x,
        "E2", '<c r="E2" t="e"><f>VLOOKUP(A2,Anggaran!A:B,2,FALSE)</f><v>#N/A</v></c>'),
        "E3", '<c r="E3" t="e"><f>E5/0</f><v>#DIV/0!</v></c>'),
        "E4", '<c r="E4"><f>1500000*2</f><v>3000000</v></c>')}
    return wb_bytes(wb, patches=patches)


def fx_dates() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data Inovasi"
    ws.append(FX_HEAD)
    vals = [D(2024, 5, 17), 45429, "17/05/2024", "17 Mei 2024", "2024-05-17"]
    names = ["Tanggal sebagai sel tanggal", "Tanggal sebagai angka seri General",
             "Tanggal teks dd/mm/yyyy", "Tanggal teks dengan nama bulan", "Tanggal teks ISO"]
    for n, v in zip(names, vals):
        ws.append([n, "Dinas Kesehatan", "Penerapan", v])
    ws["D2"].number_format = "dd/mm/yyyy"
    ws["D3"].number_format = "General"
    return wb_bytes(wb)


def fx_date1904() -> bytes:
    wb = simple_wb([["SIPANDU Posyandu Digital", "Dinas Kesehatan", "Penerapan", D(2024, 5, 17)]])
    wb.epoch = CALENDAR_MAC_1904
    return wb_bytes(wb)


def csv_text(delim: str, rows=None, head=FX_HEAD, newline="\n") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delim, lineterminator=newline)
    w.writerow(head)
    for r in (fx_text_rows() if rows is None else rows):
        w.writerow(r)
    return buf.getvalue()


def fx_encrypted(plain: bytes) -> bytes:
    # Seeded salts/keys and a fixed CFB directory timestamp, so the output is reproducible.
    import msoffcrypto.method.container.ecma376_encrypted as container
    import msoffcrypto.method.ecma376_agile as agile
    from msoffcrypto.format.ooxml import OOXMLFile

    class FixedDateTime(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return DOC_DATE

    rng = random.Random(20261124)
    saved = agile._random_buffer, container.datetime
    agile._random_buffer = lambda n: bytes(rng.getrandbits(8) for _ in range(n))
    container.datetime = FixedDateTime
    try:
        out = io.BytesIO()
        OOXMLFile(io.BytesIO(plain)).encrypt("rahasia", out)
    finally:
        agile._random_buffer, container.datetime = saved
    return out.getvalue()


def fx_html_table() -> bytes:
    head = "".join(f"<th>{escape(h)}</th>" for h in FX_HEAD)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in r) + "</tr>\n" for r in fx_text_rows())
    html = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">\n'
        '<head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">\n'
        "<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet>"
        "<x:Name>Data Inovasi</x:Name><x:WorksheetOptions><x:DisplayGridlines/></x:WorksheetOptions>"
        "</x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]-->\n"
        "</head>\n<body>\n<table border=\"1\">\n"
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n</body>\n</html>\n"
    )
    return html.encode("utf-8")


def fx_pdf() -> bytes:
    text = "Daftar Inovasi Daerah Kabupaten Tanah Merah"
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def fx_lockfile() -> bytes:
    # Excel owner file: length-prefixed user name (ANSI), padding, then the name again in UTF-16.
    user = "Operator Dinkes"
    b = bytes([len(user)]) + user.encode("ascii")
    b = b.ljust(54, b" ")
    b += bytes([len(user), 0]) + user.encode("utf-16-le")
    b = b.ljust(165, b" ")
    assert len(b) == 165
    return b


def fx_xls_sample() -> bytes:
    wb = xls_book()
    ws = wb.add_sheet("Data Inovasi")
    datefmt = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for i, h in enumerate(FX_HEAD):
        ws.write(0, i, h)
    for r, row in enumerate(FX_ROWS, start=1):
        for i, v in enumerate(row):
            if isinstance(v, dt.date):
                ws.write(r, i, v, datefmt)
            else:
                ws.write(r, i, v)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def xlsm_content_types(x: bytes) -> bytes:
    return x.replace(b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                     b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")


FIXTURES: list[tuple[str, str]] = []  # (name, description) in README order


def fx(name: str, desc: str, data: bytes) -> None:
    write_bytes(LOAD / name, data)
    FIXTURES.append((name, desc))


def make_fixtures() -> None:
    fx("title-rows-b3.xlsx", "title merged over A1:D1, blank row 2, header at B3:E3, data from B4 (header detection, column offset)",
       fx_title_rows_b3())
    fx("merged-header.xlsx", "sheet 1: two-row grouped header (`Waktu` merged over C1:D1 above `Uji Coba`/`Penerapan`, A1:A2 and B1:B2 merged vertically); sheet 2 `Normal`: plain one-row header (stress case, must not panic)",
       fx_merged_header())
    fx("formula-errors.xlsx", "error cells: D3 `#REF!` and C4 `#N/A` (plain), E2 `#N/A` and E3 `#DIV/0!` (formulas with cached errors); E4 formula `=1500000*2` with cached number 3000000",
       fx_formula_errors())
    fx("dates.xlsx", "waktu penerapan 2024-05-17 five ways: D2 date cell, D3 serial 45429 in a General cell, D4 text `17/05/2024`, D5 text `17 Mei 2024`, D6 text `2024-05-17`",
       fx_dates())
    fx("date1904.xlsx", "workbook in the 1904 date system (`date1904=1`); D2 = 2024-05-17 stored as serial 43967",
       fx_date1904())
    fx("semicolon.csv", "UTF-8 CSV, `;` delimiter, LF line ends", csv_text(";").encode("utf-8"))
    fx("bom.csv", "UTF-8 CSV with a byte-order mark, `,` delimiter", b"\xef\xbb\xbf" + csv_text(",").encode("utf-8"))
    cp_rows = [["Pojok Baca Café Literasi", "Dinas Pendidikan", "Penerapan", "03/08/2024"],
               ["Gerakan “Sekolah Ramah Anak”", "Dinas Pendidikan", "Uji Coba", "17/05/2024"],
               ["Jum’at Bersih", "Dinas Lingkungan Hidup", "Inisiatif", ""]]
    fx("cp1252.csv", "Windows-1252 CSV (`é` = 0xE9, curly quotes 0x93/0x94, apostrophe 0x92), `,` delimiter, CRLF",
       csv_text(",", cp_rows, newline="\r\n").encode("cp1252"))
    fx("tab.tsv", "tab-separated, UTF-8", csv_text("\t").encode("utf-8"))
    fx("crlf.csv", "UTF-8 CSV, `,` delimiter, CRLF line ends", csv_text(",", newline="\r\n").encode("utf-8"))
    qn_rows = [["SIPANDU Posyandu Digital", "Dinas Kesehatan;\nBidang Kesehatan Masyarakat", "Penerapan", "17/05/2024"],
               ["Lumbung Sosial Desa", "Dinas Sosial", "Penerapan", "22/01/2025"]]
    fx("quoted-newline.csv", "UTF-8, `;` delimiter, LF; B2 is a quoted field holding a `;` and a line break (2 data records on 3 physical lines)",
       csv_text(";", qn_rows).encode("utf-8"))
    valid = wb_bytes(simple_wb())
    fx("corrupt.xlsx", f"a valid xlsx cut to its first half ({len(valid) // 2} of {len(valid)} bytes): broken zip",
       valid[: len(valid) // 2])
    rnd = random.Random(1904)
    junk = bytes(rnd.getrandbits(8) for _ in range(512))
    assert not junk.startswith(b"PK")
    fx("not-zip.xlsx", "512 random bytes with an .xlsx name", junk)
    fx("encrypted.xlsx", "xlsx encrypted with password `rahasia` (OLE/CFB container, ECMA-376 agile encryption)",
       fx_encrypted(valid))
    fx("html-table.xls", "an HTML `<table>` saved with an .xls name (as web portals export), UTF-8", fx_html_table())
    fx("pdf-named.xlsx", "a tiny one-page PDF with an .xlsx name", fx_pdf())
    fx("csv-named.xlsx", "a plain `,` CSV (UTF-8) with an .xlsx name", csv_text(",").encode("utf-8"))
    fx("empty.xlsx", "a 0-byte file", b"")
    empty_wb = openpyxl.Workbook()
    empty_wb.active.title = "Sheet1"
    fx("empty-sheet.xlsx", "valid workbook with one empty sheet `Sheet1`", wb_bytes(empty_wb))
    fx("header-only.xlsx", "valid workbook, header row only, no data rows", wb_bytes(simple_wb([])))
    hid = openpyxl.Workbook()
    hs = hid.active
    hs.title = "Arsip 2023"
    hs.append(FX_HEAD)
    hs.append(["Inovasi Lama Tersembunyi", "Dinas Kesehatan", "Penerapan", "01/02/2021"])
    hs.sheet_state = "hidden"
    vs = hid.create_sheet("Data Inovasi")
    vs.append(FX_HEAD)
    for r in fx_text_rows():
        vs.append(r)
    hid.active = 1
    fx("hidden-sheet.xlsx", "sheet 1 `Arsip 2023` is hidden (1 data row), sheet 2 `Data Inovasi` is visible (3 rows)",
       wb_bytes(hid))
    ms = simple_wb(title="Data Inovasi")
    pt = ms.create_sheet("Petunjuk", 0)
    for line in ["PETUNJUK PENGISIAN", "1. Isi satu inovasi per baris pada sheet Data Inovasi.",
                 "2. Tanggal ditulis dd/mm/yyyy.", "3. Kolom bertanda * wajib diisi."]:
        pt.append([line])
    ms.active = 0
    fx("multi-sheet.xlsx", "sheet 1 `Petunjuk` (instructions, 4 text lines), sheet 2 `Data Inovasi` (header + 3 rows)",
       wb_bytes(ms))
    fx("sample.ods", "small ODS, header + 3 rows, dates as ODS date cells", ods_bytes([("Data Inovasi", [FX_HEAD] + FX_ROWS)]))
    fx("sample.xls", "small BIFF8 .xls (xlwt), header + 3 rows, dates as date-formatted cells", fx_xls_sample())
    fx("sample.xlsm", "small workbook with an .xlsm name and the macro-enabled content type, no VBA project",
       wb_bytes(simple_wb(), patches={"[Content_Types].xml": xlsm_content_types}))
    fx("~$lockfile.xlsx", "a 165-byte Excel owner/lock file; folder walking must skip it", fx_lockfile())
    fx(".hidden.csv", "a valid CSV whose name starts with a dot; folder walking must skip it",
       csv_text(",").encode("utf-8"))


# ---------------------------------------------------------------------------
# sample-portal/: what the national portal already holds for Tanah Merah, as its
# list download ("Unduh XLS" saves an HTML table with an .xls name). Columns: the
# 2025/26 list page (iid.md 6.1, grade C) plus "Terakhir Diperbarui" (a GUESS
# column; the template's terakhir_diperbarui). Kept outside sample-data/ so that
# `bimtek check sample-data` does not read it as an agency file.
# ---------------------------------------------------------------------------

PORTAL = ROOT / "sample-portal"
PORTAL_FILE = "unduhan-portal-2026.xls"
PORTAL_HEAD = ["#", "Nama Pemda", "Nama Akun", "Nama Inovasi*", "Tahapan*", "Nama Inisiator*", "Koordinat*",
               "Urusan Pemerintahan Utama", "Waktu Uji Coba", "Waktu Penerapan*", "Waktu Pengembangan",
               "Estimasi Skor Kematangan", "Terakhir Diperbarui"]
# (akun, nama, tahapan, nama inisiator, koordinat, urusan, uji coba, penerapan, pengembangan, skor, diperbarui)
# Each row says what it shows against the agency files (checked as of 2026-11-24).
PORTAL_ROWS = [
    # Same as the agency file: up to date; but its score in the portal (68,50) is not the 40 the
    # agency's folder claims (P006): the portal holds other evidence. Every other score is the
    # one the folder claims (0 points where the sample has no indicator data: not compared).
    ("dinkes.tanahmerah", "SIPANDU Posyandu Digital", "Penerapan", "Bidang Kesehatan Masyarakat Dinas Kesehatan",
     "-2.9871,115.2043", "Kesehatan", "04/09/2023", "01/02/2024", "16/06/2025", "68,50", "12/08/2026"),
    # P002: entered during its trial; the agency has since applied it (tahapan Uji Coba -> Penerapan).
    ("dinkes.tanahmerah", "Ambulans Desa Siaga", "Uji Coba", "Forum Desa Siaga Kecamatan Bukit Merah",
     "-2.9633,115.1750", "Kesehatan", "10/03/2025", "", "", "21,00", "14/08/2026"),
    ("dinkes.tanahmerah", "Klinik Sanitasi Keliling", "Penerapan", "Siti Nurhaliza, S.KM.",
     "-3.0215,115.1893", "Kesehatan", "03/06/2024", "01/10/2024", "", "27,00", "13/08/2026"),
    # P005: the same as the agency file, but last touched 460 days before 2026-11-24 (over 365).
    ("diskominfo.tanahmerah", "TAMASA Tanah Merah Satu Data", "Penerapan", "Bidang Statistik dan Persandian",
     "-2.9868,115.2079", "Statistik", "02/10/2023", "18/03/2024", "01/09/2025", "61,75", "21/08/2025"),
    # P002 by name similarity (0.89): the portal name has "Kabupaten" in it.
    ("diskominfo.tanahmerah", "Smart Kampung Kabupaten Tanah Merah", "Inisiatif",
     "Komunitas Relawan TIK Tanah Merah", "-3.0310,115.2402", "Komunikasi dan Informatika", "", "", "",
     "12,00", "10/08/2026"),
    ("diskominfo.tanahmerah", "SiTTE Tanda Tangan Elektronik", "Penerapan", "Rudi Hartono, S.Kom.",
     "-2.9859,115.2088", "Persandian", "05/02/2024", "01/07/2024", "", "57,00", "11/08/2026"),
    # P002: the development of 2025 is not in the portal yet (pengembangan 01/06/2023 -> 10/02/2025).
    ("pupr.tanahmerah", "SIMANTAP Jalan", "Penerapan", "Bidang Bina Marga", "-2.9902,115.2231",
     "Pekerjaan Umum dan Penataan Ruang", "14/03/2022", "04/07/2022", "01/06/2023", "48,50", "15/08/2026"),
    ("pupr.tanahmerah", "IRTAPA Irigasi Tersier Partisipatif", "Penerapan", "P3A Tirta Makmur Desa Sungai Raya",
     "-3.0451,115.1702", "Pekerjaan Umum dan Penataan Ruang", "15/01/2024", "02/09/2024", "", "44,00",
     "15/08/2026"),
    # P003: entered twice under shortened names; "DRASTIS Drainase Cerdas Perkotaan" is as close
    # to one as to the other (0.86), so bimtek names both and does not guess.
    ("pupr.tanahmerah", "DRASTIS Drainase Cerdas", "Uji Coba", "Bidang Sumber Daya Air", "-2.9877,115.2065",
     "Pekerjaan Umum dan Penataan Ruang", "14/04/2025", "", "", "22,50", "16/08/2026"),
    ("pupr.tanahmerah", "DRASTIS Drainase Perkotaan", "Uji Coba", "Bidang Sumber Daya Air", "-2.9877,115.2065",
     "Pekerjaan Umum dan Penataan Ruang", "14/04/2025", "", "", "22,50", "16/08/2026"),
    ("disdik.tanahmerah", "Gerakan “Sekolah Ramah Anak”", "Penerapan", "Hj. Nurul Aini, M.Pd.", "-2.9790,115.2101",
     "Pendidikan", "01/03/2024", "17/05/2024", "", "59,00", "09/08/2026"),
    ("dinsos.tanahmerah", "Lumbung Sosial Desa", "Penerapan", "Karang Taruna Desa Padang Luas", "-3.0377,115.1988",
     "Sosial", "07/08/2023", "22/01/2024", "", "21,00", "12/08/2026"),
    ("dinsos.tanahmerah", "KALASERA Kartu Lansia Sejahtera", "Penerapan", "H. Ahmad Fauzi, S.E.", "-2.9921,115.2075",
     "Sosial", "06/05/2024", "16/09/2024", "", "31,00", "12/08/2026"),
    ("dinsos.tanahmerah", "Kampung Siaga Bencana Tanah Merah", "Penerapan",
     "Bidang Rehabilitasi dan Perlindungan Sosial", "-3.0520,115.1655",
     "Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat", "04/03/2024", "19/08/2024", "", "26,00",
     "12/08/2026"),
    # P004: entered by an agency that sent no file this year.
    ("dkp.tanahmerah", "SIPANGAN Pangan Murah Keliling", "Penerapan", "Bidang Distribusi dan Cadangan Pangan",
     "-2.9901,115.2144", "Pangan", "02/05/2023", "07/08/2023", "", "46,75", "05/08/2026"),
]


def make_portal() -> Path:
    cell = lambda tag, v: f"<{tag}>{escape(v)}</{tag}>"
    head = "".join(cell("th", h) for h in PORTAL_HEAD)
    body = "".join(
        "<tr>" + "".join(cell("td", v) for v in (str(i), KAB) + row) + "</tr>\r\n"
        for i, row in enumerate(PORTAL_ROWS, 1)
    )
    html = ('<html><head><meta charset="utf-8"><title>Inovasi Daerah</title></head><body>\r\n'
            f'<table border="1">\r\n<thead><tr>{head}</tr></thead>\r\n<tbody>\r\n{body}</tbody></table>'
            "</body></html>\r\n")
    path = PORTAL / PORTAL_FILE
    write_bytes(path, html.encode("utf-8"))
    return path


BEGIN = "<!-- BEGIN load fixtures (generated by scripts/make_data.py; edits inside are overwritten) -->"
END = "<!-- END load fixtures -->"


def write_fixtures_readme() -> None:
    lines = [BEGIN, "Loader fixtures (`tests/fixtures/load/`), one property each; columns "
             "`Nama Inovasi`, `Perangkat Daerah`, `Tahapan Inovasi`, `Waktu Penerapan Inovasi Daerah` unless stated.",
             ""]
    lines += [f"- `load/{n}` — {d}" for n, d in FIXTURES]
    lines += [END]
    block = "\n".join(lines) + "\n"
    old = FIXTURES_README.read_text(encoding="utf-8") if FIXTURES_README.exists() else "# Test fixtures\n"
    if BEGIN in old and END in old:
        pre, rest = old.split(BEGIN, 1)
        post = rest.split(END, 1)[1].lstrip("\n")
        # Keep a blank line before what follows (the code-fixture block of make_code_fixtures.py).
        new = pre + block + ("\n" + post if post else "")
    else:
        new = old.rstrip("\n") + "\n\n" + block
    FIXTURES_README.write_text(new, encoding="utf-8")


def main() -> None:
    for p in [make_dinkes(), make_disdik(), make_kominfo(), make_pupr(), make_dinsos()]:
        print(f"{p.stat().st_size:>8}  {p.relative_to(ROOT)}")
    for p in make_evidence_files():
        print(f"{p.stat().st_size:>8}  {p.relative_to(ROOT)}")
    (SAMPLE / "README.md").write_text(SAMPLE_README, encoding="utf-8")
    p = make_portal()
    print(f"{p.stat().st_size:>8}  {p.relative_to(ROOT)}")
    make_fixtures()
    for n, _ in FIXTURES:
        print(f"{(LOAD / n).stat().st_size:>8}  {(LOAD / n).relative_to(ROOT)}")
    write_fixtures_readme()


if __name__ == "__main__":
    main()
