//! Generate a synthetic country of IID submissions, seeded and deterministic.
//!
//! ```text
//! generate --innovations 10k --out bench/data/10k [--seed 2026] [--evidence]
//!          [--template templates/iid-2026.toml]
//! ```
//!
//! Writes under `--out`:
//!
//! - `country/<Pemda>/<Agency>/...`: one workbook per agency (a few pemda
//!   export CSV instead), with the header spellings, title rows and date
//!   styles that pemda uses;
//! - `single/single.xlsx` and `single/single.csv`: the same innovations in
//!   one big file each, with the portal's column labels;
//! - `country-evidence/...` (with `--evidence`): the agency workbooks again,
//!   with "Indikator N Parameter" and "Indikator N Bukti" columns naming
//!   the evidence files;
//! - `evidence/<Pemda>/<Agency>/<Nama Inovasi>/NN <Indicator>.<ext>`: one
//!   small PDF/JPEG/PNG per indicator and innovation (with `--evidence`);
//! - `portal/`: what the portal already holds, for `--baseline`: this year's
//!   list as the portal's "Unduh XLS" gives it (an HTML table saved as
//!   `portal-2026.xls`): most innovations, some under a slightly different
//!   name, at an older stage or not updated for over a year, and some only
//!   in the portal; and the lists of the two years before
//!   (`inovasi-2025.csv`, `inovasi-2024.csv`), where some innovations were
//!   entered already;
//! - `schema/`: a Table Schema (frictionless) and a JSON Schema (qsv) for the
//!   single files, and the per-field Table Schema descriptors by template key
//!   that `frictionless_country.py` renames for each header style;
//! - `manifest.json`: every country file with its header style and header row.
//!
//! Everything a row holds comes from the template (field labels, aliases,
//! allowed values and their spellings, indicators), so a template change is
//! followed. About 3 % of rows carry one defect each (missing value, typo in
//! an allowed value, short rancang bangun, date outside the window, impossible
//! or ambiguous date, swapped coordinates, out-of-range number, duplicate
//! name, stage without its date, unreadable amount).
//!
//! Workbooks are written with rust_xlsxwriter's constant-memory mode, which
//! stores strings inline: a shared-strings table would make any reader hold
//! every string of the sheet in memory, which is not what agencies' exports
//! of this size look like.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};
use serde::Deserialize;
use serde_json::{Value as Json, json};
use std::collections::HashMap;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

// ---------------------------------------------------------------------------
// A small deterministic PRNG (SplitMix64): the data must not change when a
// crate's algorithm does.

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) as u128 * n as u128 >> 53) as usize
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------
// The template, read loosely: only what the generator needs.

#[derive(Deserialize)]
struct Template {
    template: TemplateHead,
    field: Vec<Field>,
    #[serde(default)]
    indicator: Vec<Indicator>,
}

#[derive(Deserialize)]
struct TemplateHead {
    /// The assessment year: this year's portal list and the two before.
    year: u16,
}

#[derive(Deserialize, Clone)]
struct Field {
    key: String,
    label: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    value: Vec<Allowed>,
    min: Option<i64>,
    max: Option<i64>,
    min_words: Option<u32>,
}

#[derive(Deserialize, Clone)]
struct Allowed {
    value: String,
    #[serde(default)]
    spellings: Vec<String>,
}

#[derive(Deserialize)]
struct Indicator {
    no: u32,
    name: String,
    #[serde(default)]
    params: Vec<String>,
    #[serde(default)]
    mandatory: bool,
    #[serde(default)]
    types: Vec<String>,
}

impl Template {
    fn index(&self, key: &str) -> usize {
        self.field
            .iter()
            .position(|f| f.key == key)
            .unwrap_or_else(|| panic!("template has no field {key}"))
    }
}

// ---------------------------------------------------------------------------
// Word lists.

const WORDS: &[&str] = &[
    "pelayanan", "masyarakat", "daerah", "inovasi", "program", "kegiatan", "pemerintah", "sistem",
    "informasi", "data", "digital", "aplikasi", "layanan", "publik", "warga", "desa", "kelurahan",
    "kecamatan", "kabupaten", "kota", "dinas", "badan", "petugas", "pegawai", "kader", "posyandu",
    "puskesmas", "sekolah", "guru", "siswa", "anak", "ibu", "balita", "lansia", "kesehatan",
    "pendidikan", "ekonomi", "usaha", "mikro", "kecil", "menengah", "pertanian", "petani", "pangan",
    "air", "bersih", "sanitasi", "jalan", "jembatan", "irigasi", "sampah", "lingkungan", "hidup",
    "bencana", "banjir", "kebakaran", "keamanan", "ketertiban", "perizinan", "izin", "dokumen",
    "kependudukan", "akta", "kelahiran", "kartu", "keluarga", "bantuan", "sosial", "miskin",
    "kemiskinan", "stunting", "gizi", "imunisasi", "vaksin", "rujukan", "antrean", "waktu", "biaya",
    "cepat", "mudah", "murah", "transparan", "akuntabel", "efektif", "efisien", "terpadu", "satu",
    "pintu", "jemput", "bola", "keliling", "mobil", "motor", "daring", "luring", "terintegrasi",
    "dasar", "hukum", "peraturan", "bupati", "wali", "gubernur", "keputusan", "surat", "edaran",
    "permasalahan", "isu", "strategis", "metode", "pembaharuan", "keunggulan", "kebaruan",
    "tahapan", "cara", "kerja", "sebelum", "sesudah", "setelah", "dengan", "tanpa", "melalui",
    "untuk", "dalam", "pada", "yang", "dan", "atau", "serta", "oleh", "dari", "ke", "di", "agar",
    "sehingga", "karena", "namun", "juga", "telah", "akan", "dapat", "belum", "sudah", "masih",
    "lebih", "kurang", "setiap", "seluruh", "sebagian", "banyak", "sedikit", "tinggi", "rendah",
    "meningkat", "menurun", "meningkatkan", "menurunkan", "mempercepat", "memudahkan",
    "mengurangi", "menambah", "memperluas", "memperkuat", "membangun", "mengembangkan",
    "menerapkan", "melaksanakan", "memantau", "mengevaluasi", "melaporkan", "mencatat",
    "mendaftar", "mengakses", "memanfaatkan", "menyediakan", "memberikan", "menerima",
    "pengaduan", "keluhan", "kepuasan", "survei", "indeks", "capaian", "target", "sasaran",
    "indikator", "kinerja", "anggaran", "belanja", "pendapatan", "retribusi", "pajak", "aset",
    "barang", "jasa", "pengadaan", "kontrak", "penyedia", "mitra", "kerja", "sama", "swasta",
    "perguruan", "tinggi", "komunitas", "relawan", "tokoh", "agama", "adat", "pemuda", "perempuan",
    "disabilitas", "inklusif", "ramah", "terbuka", "partisipasi", "kolaborasi", "sinergi",
    "koordinasi", "lintas", "sektor", "urusan", "wilayah", "terpencil", "pesisir", "pulau",
    "perbatasan", "tertinggal", "nelayan", "peternak", "pedagang", "pasar", "tradisional",
    "produk", "unggulan", "wisata", "budaya", "perpustakaan", "arsip", "literasi", "statistik",
    "peta", "spasial", "koordinat", "lokasi", "pemetaan", "basis", "tunggal", "terpusat",
    "dasbor", "laporan", "bulanan", "tahunan", "triwulan", "semester", "periode", "tahun",
    "bulan", "minggu", "hari", "jam", "menit", "persen", "jumlah", "orang", "rumah", "tangga",
    "penerima", "manfaat", "dampak", "hasil", "tujuan", "keberlanjutan", "replikasi", "pelatihan",
    "pendampingan", "sosialisasi", "bimbingan", "teknis", "sertifikat", "standar", "operasional",
    "prosedur", "mekanisme", "alur", "formulir", "berkas", "persyaratan", "verifikasi", "validasi",
];

const SYLLABLES: &[&str] = &[
    "si", "ma", "ku", "ta", "ra", "pa", "nu", "la", "be", "ga", "di", "mo", "re", "sa", "to",
    "pe", "ka", "na", "lo", "ba", "ri", "wa", "ja", "ti", "ha", "ce", "du", "ne", "gu", "so",
];

const GIVEN: &[&str] = &[
    "Sari", "Budi", "Agus", "Siti", "Dewi", "Rahmat", "Yusuf", "Made", "Nyoman", "Ketut", "Andi",
    "Muhammad", "Nur", "Fitri", "Hendra", "Wahyu", "Rina", "Indah", "Bayu", "Eko", "Lestari",
    "Yohanes", "Maria", "Fransiskus", "Daeng", "Teuku", "Cut", "Putu", "Ahmad", "Dian",
];

const FAMILY: &[&str] = &[
    "Santoso", "Wijaya", "Hidayat", "Saputra", "Pratama", "Kurniawan", "Nugroho", "Siregar",
    "Nasution", "Harahap", "Lubis", "Simanjuntak", "Manurung", "Tanjung", "Rangkuti", "Sitompul",
    "Wibowo", "Setiawan", "Hakim", "Rahman", "Syahputra", "Ndun", "Bessie", "Laka", "Fanggi",
];

const TITLES: &[&str] = &["", "", "", "dr. ", "Ir. ", "Drs. ", "Hj. "];

/// Agencies with the urusan they usually report.
const AGENCIES: &[(&str, &str)] = &[
    ("Dinas Kesehatan", "Kesehatan"),
    ("Dinas Pendidikan dan Kebudayaan", "Pendidikan"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "Pekerjaan Umum dan Penataan Ruang"),
    ("Dinas Perumahan Rakyat dan Kawasan Permukiman", "Perumahan Rakyat dan Kawasan Permukiman"),
    ("Satuan Polisi Pamong Praja", "Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat"),
    ("Dinas Sosial", "Sosial"),
    ("Dinas Tenaga Kerja", "Tenaga Kerja"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Administrasi Kependudukan dan Pencatatan Sipil"),
    ("Dinas Komunikasi dan Informatika", "Komunikasi dan Informatika"),
    ("Dinas Perhubungan", "Perhubungan"),
    ("Dinas Lingkungan Hidup", "Lingkungan Hidup"),
    ("Dinas Pertanian", "Pertanian"),
    ("Dinas Kelautan dan Perikanan", "Kelautan dan Perikanan"),
    ("Dinas Pariwisata", "Pariwisata"),
    ("Badan Perencanaan Pembangunan Daerah", "Perencanaan"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "Keuangan"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "Kepegawaian"),
    ("Dinas Penanaman Modal dan PTSP", "Penanaman Modal"),
    ("Dinas Koperasi dan UKM", "Koperasi, Usaha Kecil dan Menengah"),
    ("RSUD", "Kesehatan"),
    ("Dinas Perpustakaan dan Kearsipan", "Perpustakaan"),
    ("Dinas Pemberdayaan Masyarakat dan Desa", "Pemberdayaan Masyarakat dan Desa"),
    ("Dinas Ketahanan Pangan", "Pangan"),
    ("Dinas Pengendalian Penduduk dan KB", "Pengendalian Penduduk dan Keluarga Berencana"),
];

// ---------------------------------------------------------------------------
// Cells and rows.

#[derive(Clone, Debug)]
enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A calendar date: a date cell in workbooks that use them, dd/mm/yyyy text otherwise.
    Date(u16, u8, u8),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) if n.fract() == 0.0 => format!("{}", *n as i64),
            Cell::Number(n) => format!("{n}"),
            Cell::Date(y, m, d) => format!("{d:02}/{m:02}/{y}"),
        }
    }
}

/// How a pemda's files look.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Style {
    /// Portal labels, title rows above the header, a "No" column, date cells.
    Portal,
    /// snake_case database names, header on the first row, dates as text.
    Snake,
    /// Labels in capitals, one title row, date cells.
    Upper,
}

impl Style {
    fn name(self) -> &'static str {
        match self {
            Style::Portal => "portal",
            Style::Snake => "snake",
            Style::Upper => "upper",
        }
    }
    fn all() -> [Style; 3] {
        [Style::Portal, Style::Snake, Style::Upper]
    }
    fn date_cells(self) -> bool {
        self != Style::Snake
    }
}

/// A file's columns: the "No" column or a template field, with its header.
#[derive(Clone)]
struct Columns(Vec<(Option<usize>, String)>);

/// The template fields the generator fills, in template order. Other
/// fields (portal-export columns such as "Terakhir Diperbarui") are left out.
/// Bumped when the data changes, so `run.sh` regenerates old data.
const GENERATOR_VERSION: u32 = 3;

const GENERATED_KEYS: &[&str] = &[
    "pemda", "nama_inovasi", "perangkat_daerah", "tahapan", "inisiator", "nama_inisiator",
    "jenis", "bentuk", "klasifikasi", "urusan_utama", "waktu_uji_coba", "waktu_penerapan",
    "waktu_pengembangan", "rancang_bangun", "tujuan", "manfaat", "hasil", "koordinat",
    "asta_cita", "pkpn_klaster", "anggaran", "profil_bisnis",
];

fn columns(t: &Template, style: Style, with_pemda: bool) -> Columns {
    let mut out = Vec::new();
    if style != Style::Snake {
        out.push((None, "No".to_string()));
    }
    for (i, f) in t.field.iter().enumerate() {
        if (f.key == "pemda" && !with_pemda) || !GENERATED_KEYS.contains(&f.key.as_str()) {
            continue;
        }
        let header = match style {
            Style::Portal => f.label.clone(),
            Style::Upper => f.label.to_uppercase(),
            Style::Snake => f
                .aliases
                .iter()
                .find(|a| a.contains('_') && *a == &a.to_lowercase())
                .cloned()
                .unwrap_or_else(|| f.label.to_lowercase().replace(' ', "_")),
        };
        out.push((Some(i), header));
    }
    Columns(out)
}

struct Ctx<'a> {
    t: &'a Template,
    words: Vec<&'static str>,
    last_name: Option<String>,
    idx: HashMap<&'static str, usize>,
}

impl Ctx<'_> {
    fn f(&self, key: &'static str) -> usize {
        self.idx[key]
    }
}

fn sentence_words(rng: &mut Rng, words: &[&str], n: usize) -> String {
    let mut s = String::with_capacity(n * 9);
    let mut left_in_sentence = 0;
    for i in 0..n {
        if i > 0 {
            s.push(' ');
        }
        let w = *rng.pick(words);
        if left_in_sentence == 0 {
            left_in_sentence = rng.range(8, 20);
            let mut c = w.chars();
            if let Some(first) = c.next() {
                s.extend(first.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push_str(w);
        }
        left_in_sentence -= 1;
        if left_in_sentence == 0 || i + 1 == n {
            s.push('.');
        }
    }
    s
}

fn acronym(rng: &mut Rng) -> String {
    let n = rng.range(2, 4);
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(rng.clone_pick(SYLLABLES));
    }
    let mut prefix = ["SI", "E-", "GO ", "", ""][rng.below(5)].to_string();
    prefix.push_str(&s.to_uppercase());
    prefix
}

fn innovation_name(rng: &mut Rng, words: &[&str]) -> String {
    let mut name = acronym(rng);
    for _ in 0..rng.range(2, 4) {
        name.push(' ');
        let w = *rng.pick(words);
        let mut c = w.chars();
        if let Some(first) = c.next() {
            name.extend(first.to_uppercase());
            name.push_str(c.as_str());
        }
    }
    name
}

fn person(rng: &mut Rng) -> String {
    format!("{}{} {}", rng.pick(TITLES), rng.pick(GIVEN), rng.pick(FAMILY))
}

/// An allowed value of an enum field: mostly canonical, sometimes one of the
/// template's accepted spellings or the canonical value in capitals.
fn enum_value(rng: &mut Rng, f: &Field, prefer: Option<&str>) -> String {
    let v = match prefer.and_then(|p| f.value.iter().find(|v| v.value == p)) {
        Some(v) => v,
        None => rng.pick(&f.value),
    };
    if !v.spellings.is_empty() && rng.chance(0.03) {
        return rng.pick(&v.spellings).clone();
    }
    if rng.chance(0.01) {
        return v.value.to_uppercase();
    }
    v.value.clone()
}

fn random_date(rng: &mut Rng, y0: u16, y1: u16) -> (u16, u8, u8) {
    let y = rng.range(y0 as usize, y1 as usize) as u16;
    let m = rng.range(1, 12) as u8;
    let d = rng.range(1, 28) as u8;
    (y, m, d)
}

fn date_before(rng: &mut Rng, (y, m, d): (u16, u8, u8)) -> (u16, u8, u8) {
    // One to eight months earlier, never before the window.
    let months = rng.range(1, 8) as i32;
    let total = y as i32 * 12 + (m as i32 - 1) - months;
    let total = total.max(2024 * 12);
    ((total / 12) as u16, (total % 12 + 1) as u8, d.min(28))
}

/// One innovation, as cells indexed by template field.
fn make_row(rng: &mut Rng, ctx: &mut Ctx, pemda: &str, agency: &str, urusan: &str) -> Vec<Cell> {
    let t = ctx.t;
    let mut row = vec![Cell::Empty; t.field.len()];
    let name = innovation_name(rng, &ctx.words);
    row[ctx.f("pemda")] = Cell::Text(pemda.to_string());
    row[ctx.f("nama_inovasi")] = Cell::Text(name.clone());
    row[ctx.f("perangkat_daerah")] = Cell::Text(agency.to_string());
    let stage = match rng.below(20) {
        0..=2 => "Inisiatif",
        3..=7 => "Uji Coba",
        _ => "Penerapan",
    };
    let tahapan = &t.field[ctx.f("tahapan")];
    row[ctx.f("tahapan")] = Cell::Text(enum_value(rng, tahapan, Some(stage)));
    let inisiator = &t.field[ctx.f("inisiator")];
    let who = ["OPD", "OPD", "OPD", "ASN", "Kepala Daerah", "Masyarakat", "Anggota DPRD"];
    let who = rng.clone_pick(&who);
    row[ctx.f("inisiator")] = Cell::Text(enum_value(rng, inisiator, Some(who)));
    row[ctx.f("nama_inisiator")] = Cell::Text(person(rng));
    for key in ["jenis", "bentuk", "klasifikasi", "pkpn_klaster"] {
        let f = &t.field[ctx.f(key)];
        row[ctx.f(key)] = Cell::Text(enum_value(rng, f, None));
    }
    let urusan_field = &t.field[ctx.f("urusan_utama")];
    let prefer = if rng.chance(0.8) { Some(urusan) } else { None };
    row[ctx.f("urusan_utama")] = Cell::Text(enum_value(rng, urusan_field, prefer));
    // Dates inside the 2024-2025 window: trial before application.
    let applied = random_date(rng, 2024, 2025);
    let (applied, trial) = if applied < (2024, 3, 1) {
        ((2024, 6, applied.2), (2024, 2, applied.2))
    } else {
        (applied, date_before(rng, applied))
    };
    if stage != "Inisiatif" {
        let (y, m, d) = trial;
        row[ctx.f("waktu_uji_coba")] = Cell::Date(y, m, d);
    }
    if stage == "Penerapan" {
        let (y, m, d) = applied;
        row[ctx.f("waktu_penerapan")] = Cell::Date(y, m, d);
    }
    let rb = &t.field[ctx.f("rancang_bangun")];
    let min_words = rb.min_words.unwrap_or(300) as usize;
    let n = rng.range(min_words, 2 * min_words);
    row[ctx.f("rancang_bangun")] = Cell::Text(sentence_words(rng, &ctx.words, n));
    for key in ["tujuan", "manfaat", "hasil"] {
        let n = rng.range(30, 120);
        row[ctx.f(key)] = Cell::Text(sentence_words(rng, &ctx.words, n));
    }
    let lat = -10.5 + rng.unit() * 16.0;
    let lng = 95.5 + rng.unit() * 45.0;
    row[ctx.f("koordinat")] = Cell::Text(format!("{lat:.4},{lng:.4}"));
    row[ctx.f("asta_cita")] = Cell::Number(rng.range(1, 8) as f64);
    row[ctx.f("anggaran")] = match rng.below(10) {
        0..=3 => Cell::Number((rng.range(5, 500) * 1_000_000) as f64),
        4..=5 => Cell::Text(format!("Rp {}.000.000", rng.range(5, 500))),
        6 => Cell::Text(format!("dpa-{}.pdf", rng.range(2024, 2025))),
        _ => Cell::Empty,
    };
    if rng.chance(0.1) {
        row[ctx.f("profil_bisnis")] = Cell::Text("profil-bisnis.pdf".to_string());
    }
    if rng.chance(0.03) {
        defect(rng, ctx, &mut row);
    }
    ctx.last_name = Some(text_of(&row[ctx.f("nama_inovasi")]));
    row
}

fn text_of(c: &Cell) -> String {
    c.text()
}

trait ClonePick {
    fn clone_pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str;
}

impl ClonePick for Rng {
    fn clone_pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Give the row one defect of the kinds agencies make.
fn defect(rng: &mut Rng, ctx: &Ctx, row: &mut [Cell]) {
    match rng.below(11) {
        0 => {
            let key = rng.clone_pick(&["nama_inisiator", "tujuan", "manfaat", "hasil", "koordinat"]);
            row[ctx.f(key)] = Cell::Empty;
        }
        1 => {
            let key = rng.clone_pick(&["tahapan", "urusan_utama", "jenis", "bentuk"]);
            let mut s = text_of(&row[ctx.f(key)]);
            if s.len() > 4 {
                let cut = s.len() - 2;
                if s.is_char_boundary(cut) && s.is_char_boundary(cut + 1) {
                    s.remove(cut);
                }
            }
            row[ctx.f(key)] = Cell::Text(s);
        }
        2 => {
            let n = rng.range(120, 290);
            row[ctx.f("rancang_bangun")] = Cell::Text(sentence_words(rng, &ctx.words, n));
        }
        3 => {
            let (y, m, d) = random_date(rng, 2021, 2022);
            row[ctx.f("waktu_penerapan")] = Cell::Date(y, m, d);
        }
        4 => {
            let bad = rng.clone_pick(&["31/02/2025", "30/02/2024", "31/04/2025", "00/05/2024"]);
            row[ctx.f("waktu_penerapan")] = Cell::Text(bad.to_string());
        }
        5 => {
            let lat = -10.5 + rng.unit() * 16.0;
            let lng = 95.5 + rng.unit() * 45.0;
            row[ctx.f("koordinat")] = Cell::Text(format!("{lng:.4},{lat:.4}"));
        }
        6 => row[ctx.f("asta_cita")] = Cell::Number(*rng.pick(&[0.0, 9.0, 12.0])),
        7 => {
            if let Some(prev) = &ctx.last_name {
                row[ctx.f("nama_inovasi")] = Cell::Text(prev.clone());
            }
        }
        8 => {
            row[ctx.f("tahapan")] = Cell::Text("Penerapan".to_string());
            row[ctx.f("waktu_penerapan")] = Cell::Empty;
        }
        9 => row[ctx.f("anggaran")] = Cell::Text("sekitar 2 juta".to_string()),
        _ => {
            let (y, m, d) = random_date(rng, 2024, 2025);
            let bad = format!("{:02}/{:02}/{:02}", d.min(12), m, y % 100);
            row[ctx.f("waktu_uji_coba")] = Cell::Text(bad);
        }
    }
}

// ---------------------------------------------------------------------------
// Writers.

/// An xlsx sheet being written row by row.
struct XlsxOut {
    wb: Workbook,
    date: Format,
    date_cells: bool,
    next_row: u32,
}

impl XlsxOut {
    fn new(sheet: &str, date_cells: bool) -> Res<Self> {
        let mut wb = Workbook::new();
        wb.add_worksheet_with_constant_memory()?.set_name(sheet)?;
        Ok(XlsxOut {
            wb,
            date: Format::new().set_num_format("dd/mm/yyyy"),
            date_cells,
            next_row: 0,
        })
    }

    fn sheet(&mut self) -> Res<&mut Worksheet> {
        Ok(self.wb.worksheet_from_index(0)?)
    }

    fn texts(&mut self, texts: &[String]) -> Res<()> {
        let r = self.next_row;
        let ws = self.sheet()?;
        for (c, s) in texts.iter().enumerate() {
            if !s.is_empty() {
                ws.write_string(r, c as u16, s)?;
            }
        }
        self.next_row += 1;
        Ok(())
    }

    fn row(&mut self, no: usize, cols: &Columns, cells: &[Cell]) -> Res<()> {
        let r = self.next_row;
        let date_cells = self.date_cells;
        let XlsxOut { wb, date: fmt, .. } = self;
        let ws = wb.worksheet_from_index(0)?;
        for (c, (field, _)) in cols.0.iter().enumerate() {
            let c = c as u16;
            let cell = match field {
                None => {
                    ws.write_number(r, c, no as f64)?;
                    continue;
                }
                Some(f) => &cells[*f],
            };
            match cell {
                Cell::Empty => {}
                Cell::Text(s) => {
                    ws.write_string(r, c, s)?;
                }
                Cell::Number(n) => {
                    ws.write_number(r, c, *n)?;
                }
                Cell::Date(y, m, d) if date_cells => {
                    ws.write_date_with_format(r, c, &ExcelDateTime::from_ymd(*y, *m, *d)?, fmt)?;
                }
                other => {
                    ws.write_string(r, c, other.text())?;
                }
            }
        }
        self.next_row += 1;
        Ok(())
    }

    fn save(mut self, path: &Path, with_instructions: bool) -> Res<()> {
        if with_instructions {
            let ws = self.wb.add_worksheet_with_constant_memory()?;
            ws.set_name("Petunjuk")?;
            let lines = [
                "Petunjuk pengisian",
                "1. Isi satu baris untuk setiap inovasi.",
                "2. Tanggal ditulis dd/mm/yyyy.",
                "3. Rancang bangun minimal 300 kata.",
                "4. Koordinat ditulis lintang,bujur.",
            ];
            for (i, l) in lines.iter().enumerate() {
                ws.write_string(i as u32, 0, *l)?;
            }
        }
        self.wb.save(path)?;
        Ok(())
    }
}

struct CsvOut {
    w: csv::Writer<BufWriter<fs::File>>,
}

impl CsvOut {
    fn new(path: &Path) -> Res<Self> {
        let f = BufWriter::with_capacity(1 << 20, fs::File::create(path)?);
        Ok(CsvOut {
            w: csv::Writer::from_writer(f),
        })
    }
    fn texts(&mut self, texts: &[String]) -> Res<()> {
        self.w.write_record(texts)?;
        Ok(())
    }
    fn row(&mut self, no: usize, cols: &Columns, cells: &[Cell]) -> Res<()> {
        let rec: Vec<String> = cols
            .0
            .iter()
            .map(|(f, _)| match f {
                None => no.to_string(),
                Some(f) => cells[*f].text(),
            })
            .collect();
        self.w.write_record(&rec)?;
        Ok(())
    }
    fn finish(mut self) -> Res<()> {
        self.w.flush()?;
        Ok(())
    }
}

/// The portal's lists (`portal/`). Drawn from a random stream of their own,
/// so the agency files are the same with or without them.
struct PortalOut {
    rng: Rng,
    year: u16,
    current: BufWriter<fs::File>,
    current_rows: usize,
    earlier: Vec<CsvOut>,
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

impl PortalOut {
    fn new(dir: &Path, seed: u64, year: u16) -> Res<Self> {
        fs::create_dir_all(dir)?;
        let mut current = BufWriter::with_capacity(1 << 20, fs::File::create(dir.join(format!("portal-{year}.xls")))?);
        writeln!(
            current,
            "<html><head><meta charset=\"utf-8\"><title>Inovasi Daerah</title></head><body>\
             <table border=\"1\"><thead><tr><th>#</th><th>Nama Pemda</th><th>Nama Inovasi*</th>\
             <th>Tahapan Inovasi*</th><th>Nama Inisiator*</th><th>Urusan Pemerintahan Utama</th>\
             <th>Waktu Uji Coba Inovasi Daerah*</th><th>Waktu Penerapan Inovasi Daerah*</th>\
             <th>Estimasi Skor Kematangan</th><th>Terakhir Diperbarui</th></tr></thead><tbody>"
        )?;
        let mut earlier = Vec::new();
        for y in [year - 1, year - 2] {
            let mut w = CsvOut::new(&dir.join(format!("inovasi-{y}.csv")))?;
            w.texts(&[
                "Nama Pemda".into(),
                "Nama Inovasi".into(),
                "Tahapan Inovasi".into(),
                "Waktu Penerapan Inovasi Daerah".into(),
            ])?;
            earlier.push(w);
        }
        Ok(PortalOut { rng: Rng::new(seed.wrapping_add(2)), year, current, current_rows: 0, earlier })
    }

    fn current_row(&mut self, cells: [String; 9]) -> Res<()> {
        self.current_rows += 1;
        write!(self.current, "<tr><td>{}</td>", self.current_rows)?;
        for c in cells {
            write!(self.current, "<td>{}</td>", html_escape(&c))?;
        }
        writeln!(self.current, "</tr>")?;
        Ok(())
    }

    /// What the portal holds of one agency innovation.
    fn innovation(&mut self, ctx: &Ctx, row: &[Cell]) -> Res<()> {
        let text = |key: &'static str| text_of(&row[ctx.f(key)]);
        let (pemda, mut name, mut stage) = (text("pemda"), text("nama_inovasi"), text("tahapan"));
        let r = self.rng.unit();
        if r < 0.10 {
            // Never entered: P001.
        } else {
            if r < 0.16 {
                // Entered under a slightly different name.
                let extra = self.rng.clone_pick(&["Terpadu", "Online", "Plus", "2.0", "Kabupaten"]);
                name = format!("{name} {extra}");
            }
            if self.rng.chance(0.06) {
                // Entered at an earlier stage, not updated since: P002.
                stage = if stage == "Penerapan" { "Uji Coba" } else { "Inisiatif" }.to_string();
            }
            let updated = if self.rng.chance(0.05) {
                // Not updated for over a year: P005.
                format!("{:02}/{:02}/{}", self.rng.range(1, 28), self.rng.range(1, 12), self.year - 2)
            } else {
                format!("{:02}/{:02}/{}", self.rng.range(1, 28), self.rng.range(1, 10), self.year)
            };
            let score = format!("{},{:02}", self.rng.range(20, 90), self.rng.range(0, 99));
            self.current_row([
                pemda.clone(),
                name,
                stage.clone(),
                text("nama_inisiator"),
                text("urusan_utama"),
                text("waktu_uji_coba"),
                text("waktu_penerapan"),
                score,
                updated,
            ])?;
        }
        // Entered in earlier years too: W003 when in both and not developed
        // inside the window.
        for k in 0..self.earlier.len() {
            if self.rng.chance(0.25) {
                let rec = [pemda.clone(), text("nama_inovasi"), text("tahapan"), text("waktu_penerapan")];
                self.earlier[k].texts(&rec)?;
            }
        }
        Ok(())
    }

    /// An entry only the portal has: P004.
    fn portal_only(&mut self, ctx: &Ctx, pemda: &str) -> Res<()> {
        let name = innovation_name(&mut self.rng, &ctx.words);
        let updated = format!("{:02}/{:02}/{}", self.rng.range(1, 28), self.rng.range(1, 10), self.year);
        let cells = [
            pemda.to_string(),
            name,
            "Uji Coba".into(),
            person(&mut self.rng),
            String::new(),
            format!("{:02}/{:02}/{}", self.rng.range(1, 28), self.rng.range(1, 12), self.year - 1),
            String::new(),
            String::new(),
            updated,
        ];
        self.current_row(cells)
    }

    fn finish(mut self) -> Res<()> {
        writeln!(self.current, "</tbody></table></body></html>")?;
        self.current.flush()?;
        for w in self.earlier {
            w.finish()?;
        }
        Ok(())
    }
}

/// One agency file of the country: xlsx or csv.
enum AgencyOut {
    Xlsx(XlsxOut, PathBuf),
    Csv(CsvOut),
}

// ---------------------------------------------------------------------------
// Evidence files.

fn pdf_bytes(rng: &mut Rng, tag: &str) -> Vec<u8> {
    let mut v = format!("%PDF-1.4\n%{tag}\n").into_bytes();
    v.extend_from_slice(b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n\
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n");
    padding(rng, &mut v, b'%');
    v.extend_from_slice(b"trailer << /Root 1 0 R >>\n%%EOF\n");
    v
}

fn png_bytes(rng: &mut Rng, tag: &str) -> Vec<u8> {
    // A valid 1x1 grey PNG, then padding after IEND (readers ignore it).
    let mut v = vec![
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3A,
        0x7E, 0x9B, 0x55, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x60,
        0x00, 0x00, 0x00, 0x02, 0x00, 0x01, 0x48, 0xAF, 0xA4, 0x71, 0x00, 0x00, 0x00, 0x00, 0x49,
        0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];
    padding(rng, &mut v, 0);
    v.extend_from_slice(tag.as_bytes());
    v
}

fn jpeg_bytes(rng: &mut Rng, tag: &str) -> Vec<u8> {
    // SOI, a JFIF APP0, a comment segment as padding, EOI: the bytes a type
    // check looks at, not a decodable picture.
    let mut v = vec![
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 0x01, 0x01, 0x00, 0x00,
        0x48, 0x00, 0x48, 0x00, 0x00,
    ];
    let n = rng.range(200, 3000);
    v.extend_from_slice(&[0xFF, 0xFE]);
    v.extend_from_slice(&((n + tag.len() + 2) as u16).to_be_bytes());
    v.extend_from_slice(tag.as_bytes());
    v.extend((0..n).map(|i| b'a' + (i % 26) as u8));
    v.extend_from_slice(&[0xFF, 0xD9]);
    v
}

fn padding(rng: &mut Rng, v: &mut Vec<u8>, fill: u8) {
    let n = rng.range(200, 3000);
    if fill == b'%' {
        for i in 0..n {
            v.push(if i % 64 == 0 { b'\n' } else if i % 64 == 1 { b'%' } else { b'x' });
        }
        v.push(b'\n');
    } else {
        v.extend(std::iter::repeat_n(fill, n));
    }
}

fn file_name_safe(s: &str) -> String {
    s.chars()
        .map(|c| if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') { '-' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

struct EvidenceStats {
    files: u64,
    dirs: u64,
    defects: u64,
}

/// One folder per innovation with a file per indicator. Defects: a missing
/// mandatory file (2 % of innovations), and per file an empty file, content
/// of another type than the extension, a .docx, or a file over the size
/// limit (sparse, so it costs no disk).
/// Returns the wide-layout cells of the row: per indicator its parameter and
/// the file's path relative to the evidence root (both empty when left out).
fn write_evidence(
    rng: &mut Rng,
    t: &Template,
    root: &Path,
    rel_dir: &str,
    stats: &mut EvidenceStats,
) -> Res<Vec<Cell>> {
    let dir = root.join(rel_dir);
    let dir = dir.as_path();
    let mut extra = Vec::with_capacity(2 * t.indicator.len());
    fs::create_dir_all(dir)?;
    stats.dirs += 1;
    let skip_mandatory = if rng.chance(0.02) {
        let mandatory: Vec<u32> = t.indicator.iter().filter(|i| i.mandatory).map(|i| i.no).collect();
        mandatory.get(rng.below(mandatory.len().max(1))).copied()
    } else {
        None
    };
    for ind in &t.indicator {
        if Some(ind.no) == skip_mandatory {
            stats.defects += 1;
            extra.push(Cell::Empty);
            extra.push(Cell::Empty);
            continue;
        }
        let tag = format!("{rel_dir}/{}", ind.no);
        let pdf_ok = ind.types.iter().any(|t| t == "pdf");
        let image_ok = ind.types.iter().any(|t| t == "jpg" || t == "png");
        let ext = if pdf_ok && (!image_ok || rng.chance(0.7)) {
            "pdf"
        } else if rng.chance(0.6) {
            "jpg"
        } else {
            "png"
        };
        let mut bytes = match ext {
            "pdf" => pdf_bytes(rng, &tag),
            "jpg" => jpeg_bytes(rng, &tag),
            _ => png_bytes(rng, &tag),
        };
        let mut ext = ext.to_string();
        let roll = rng.unit();
        let mut oversize = false;
        if roll < 0.005 {
            bytes.clear();
        } else if roll < 0.010 {
            bytes = if ext == "pdf" { png_bytes(rng, &tag) } else { pdf_bytes(rng, &tag) };
        } else if roll < 0.013 {
            ext = "docx".to_string();
            bytes = b"PK\x03\x04\x14\x00\x06\x00word/document.xml".to_vec();
            bytes.extend_from_slice(tag.as_bytes());
        } else if roll < 0.0132 {
            oversize = true;
        }
        if roll < 0.0132 {
            stats.defects += 1;
        }
        let name = format!("{:02} {}.{ext}", ind.no, file_name_safe(&ind.name));
        let path = dir.join(&name);
        fs::write(&path, &bytes)?;
        let param = match ind.params.len() {
            0 => Cell::Number(rng.range(1, 3) as f64),
            n if rng.chance(0.5) => Cell::Text(ind.params[rng.below(n)].clone()),
            n => Cell::Number(rng.range(1, n) as f64),
        };
        extra.push(param);
        extra.push(Cell::Text(format!("{rel_dir}/{name}")));
        if oversize {
            // Past the 2 MB limit without using the disk.
            fs::OpenOptions::new().write(true).open(&path)?.set_len(3 << 20)?;
        }
        stats.files += 1;
    }
    Ok(extra)
}

// ---------------------------------------------------------------------------
// Schemas for the peers.

fn word_pattern(min_words: u32) -> String {
    format!("(?:\\S+\\s+){{{},}}\\S+\\s*", min_words.saturating_sub(1))
}

/// Table Schema field descriptor (without its name) for template field `f`.
fn table_field(f: &Field) -> Json {
    let mut constraints = serde_json::Map::new();
    if f.required {
        constraints.insert("required".into(), json!(true));
    }
    let mut d = serde_json::Map::new();
    match f.kind.as_str() {
        "enum" => {
            d.insert("type".into(), json!("string"));
            let mut vals: Vec<String> = Vec::new();
            for v in &f.value {
                vals.push(v.value.clone());
                vals.extend(v.spellings.iter().cloned());
            }
            constraints.insert("enum".into(), json!(vals));
        }
        "date" => {
            d.insert("type".into(), json!("date"));
            d.insert("format".into(), json!("%d/%m/%Y"));
        }
        "integer" => {
            d.insert("type".into(), json!("integer"));
            if let Some(m) = f.min {
                constraints.insert("minimum".into(), json!(m));
            }
            if let Some(m) = f.max {
                constraints.insert("maximum".into(), json!(m));
            }
        }
        "coordinate" => {
            d.insert("type".into(), json!("string"));
            constraints.insert(
                "pattern".into(),
                json!("\\s*-?\\d+(?:\\.\\d+)?\\s*[,;]\\s*-?\\d+(?:\\.\\d+)?\\s*"),
            );
        }
        // Amounts and file references hold numbers or text.
        "amount" | "file" => {
            d.insert("type".into(), json!("any"));
        }
        _ => {
            d.insert("type".into(), json!("string"));
            if let Some(w) = f.min_words {
                constraints.insert("pattern".into(), json!(word_pattern(w)));
            }
        }
    }
    if f.key == "nama_inovasi" {
        constraints.insert("unique".into(), json!(true));
    }
    if !constraints.is_empty() {
        d.insert("constraints".into(), Json::Object(constraints));
    }
    Json::Object(d)
}

/// JSON Schema property for template field `f` (as qsv validate sees a CSV
/// cell: a string, or a number/integer when the schema says so).
fn json_property(f: &Field) -> Json {
    let opt = |p: &str| if f.required { p.to_string() } else { format!("^$|{p}") };
    match f.kind.as_str() {
        "enum" => {
            let mut vals: Vec<String> = Vec::new();
            for v in &f.value {
                vals.push(v.value.clone());
                vals.extend(v.spellings.iter().cloned());
            }
            if !f.required {
                vals.push(String::new());
            }
            json!({"type": "string", "enum": vals})
        }
        "date" => json!({"type": ["string", "null"], "pattern": opt("^\\d{1,2}/\\d{1,2}/\\d{4}$")}),
        "integer" => {
            let mut p = json!({"type": if f.required { json!("integer") } else { json!(["integer", "null"]) }});
            if let Some(m) = f.min {
                p["minimum"] = json!(m);
            }
            if let Some(m) = f.max {
                p["maximum"] = json!(m);
            }
            p
        }
        "coordinate" => json!({"type": "string",
            "pattern": opt("^\\s*-?\\d+(?:\\.\\d+)?\\s*[,;]\\s*-?\\d+(?:\\.\\d+)?\\s*$")}),
        // Numbers or text (a file name): qsv casts to the first type listed.
        "amount" | "file" => json!({"type": ["string", "null"]}),
        _ => {
            let mut p = json!({"type": if f.required { json!("string") } else { json!(["string", "null"]) }});
            if f.required {
                p["minLength"] = json!(1);
            }
            if let Some(w) = f.min_words {
                p["pattern"] = json!(format!("^{}$", word_pattern(w)));
            }
            p
        }
    }
}

fn write_schemas(t: &Template, out: &Path, single: &Columns) -> Res<()> {
    let dir = out.join("schema");
    fs::create_dir_all(&dir)?;
    let mut fields = Vec::new();
    let mut props = serde_json::Map::new();
    let mut required = Vec::new();
    for (f, header) in &single.0 {
        match f {
            None => {
                fields.push(json!({"name": header, "type": "integer"}));
                props.insert(header.clone(), json!({"type": "integer"}));
            }
            Some(i) => {
                let field = &t.field[*i];
                let mut d = table_field(field);
                d["name"] = json!(header);
                fields.push(d);
                props.insert(header.clone(), json_property(field));
                if field.required {
                    required.push(header.clone());
                }
            }
        }
    }
    let table = json!({"fields": fields, "missingValues": [""]});
    fs::write(dir.join("table-schema.json"), serde_json::to_string_pretty(&table)?)?;
    let js = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "IID 2026 innovation row (from templates/iid-2026.toml)",
        "type": "object",
        "properties": props,
        "required": required,
    });
    fs::write(dir.join("json-schema.json"), serde_json::to_string_pretty(&js)?)?;
    let by_key: serde_json::Map<String, Json> =
        t.field.iter().map(|f| (f.key.clone(), table_field(f))).collect();
    fs::write(dir.join("fields-by-key.json"), serde_json::to_string_pretty(&by_key)?)?;
    Ok(())
}

// ---------------------------------------------------------------------------

struct Args {
    innovations: usize,
    out: PathBuf,
    seed: u64,
    evidence: bool,
    template: PathBuf,
}

fn parse_size(s: &str) -> Res<usize> {
    let s = s.trim().to_ascii_lowercase();
    let (num, mul) = match s.strip_suffix('k') {
        Some(n) => (n, 1000),
        None => match s.strip_suffix('m') {
            Some(n) => (n, 1_000_000),
            None => (s.as_str(), 1),
        },
    };
    Ok(num.parse::<usize>()? * mul)
}

fn args() -> Res<Args> {
    let mut a = Args {
        innovations: 1000,
        out: PathBuf::from("bench/data/1k"),
        seed: 2026,
        evidence: false,
        template: Path::new(env!("CARGO_MANIFEST_DIR")).join("../templates/iid-2026.toml"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut val = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--innovations" | "-n" => a.innovations = parse_size(&val()?)?,
            "--out" | "-o" => a.out = PathBuf::from(val()?),
            "--seed" => a.seed = val()?.parse()?,
            "--template" => a.template = PathBuf::from(val()?),
            "--evidence" => a.evidence = true,
            "--version" => {
                println!("{GENERATOR_VERSION}");
                std::process::exit(0);
            }
            "-h" | "--help" => {
                println!(
                    "generate --innovations N[k] --out DIR [--seed S] [--evidence] [--template FILE]"
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    Ok(a)
}

/// Open one agency's file under `root` and write its title rows and header.
/// Returns the writer, the file's path and its 1-based header row.
fn open_agency(
    root: &Path,
    pemda: &str,
    agency: &str,
    style: Style,
    as_csv: bool,
    cols: &Columns,
) -> Res<(AgencyOut, PathBuf, usize)> {
    let headers: Vec<String> = cols.0.iter().map(|(_, h)| h.clone()).collect();
    let dir = root.join(pemda).join(agency);
    fs::create_dir_all(&dir)?;
    let slug = agency.to_lowercase().replace(' ', "-");
    if as_csv {
        let path = dir.join(format!("inovasi-{slug}.csv"));
        let mut w = CsvOut::new(&path)?;
        w.texts(&headers)?;
        return Ok((AgencyOut::Csv(w), path, 1));
    }
    let path = dir.join(format!("inovasi-{slug}-2026.xlsx"));
    let mut w = XlsxOut::new("Inovasi", style.date_cells())?;
    let header_row = match style {
        Style::Portal => {
            w.texts(&[format!("DAFTAR INOVASI DAERAH {} TAHUN 2026", pemda.to_uppercase())])?;
            w.texts(&[format!("Perangkat Daerah: {agency}")])?;
            w.texts(&[String::new()])?;
            4
        }
        Style::Upper => {
            w.texts(&[format!("INOVASI {}", agency.to_uppercase())])?;
            2
        }
        Style::Snake => 1,
    };
    w.texts(&headers)?;
    Ok((AgencyOut::Xlsx(w, path.clone()), path, header_row))
}

/// The columns of a file with wide-layout evidence: the profile columns,
/// then "Indikator N Parameter" and "Indikator N Bukti" for each indicator.
/// Their cells follow the template fields in a row (see `write_evidence`).
fn evidence_columns(t: &Template, cols: &Columns) -> Columns {
    let mut out = cols.0.clone();
    let nf = t.field.len();
    for (i, ind) in t.indicator.iter().enumerate() {
        out.push((Some(nf + 2 * i), format!("Indikator {} Parameter", ind.no)));
        out.push((Some(nf + 2 * i + 1), format!("Indikator {} Bukti", ind.no)));
    }
    Columns(out)
}

fn pemda_name(rng: &mut Rng, i: usize) -> String {
    let kind = if i % 5 == 4 { "Kota" } else { "Kabupaten" };
    let mut s = String::new();
    for _ in 0..rng.range(2, 3) {
        s.push_str(rng.clone_pick(SYLLABLES));
    }
    let mut c = s.chars();
    let first = c.next().map(|c| c.to_uppercase().to_string()).unwrap_or_default();
    format!("{kind} {first}{} {i:03}", c.as_str())
}

fn main() -> Res<()> {
    let a = args()?;
    let t: Template = toml::from_str(&fs::read_to_string(&a.template)?)?;
    let mut idx = HashMap::new();
    for key in GENERATED_KEYS {
        idx.insert(*key, t.index(key));
    }
    let mut ctx = Ctx {
        t: &t,
        words: WORDS.to_vec(),
        last_name: None,
        idx,
    };
    let mut rng = Rng::new(a.seed);

    if a.out.join("country").exists() {
        fs::remove_dir_all(a.out.join("country"))?;
    }
    for old in ["evidence", "country-evidence"] {
        if a.out.join(old).exists() {
            fs::remove_dir_all(a.out.join(old))?;
        }
    }
    fs::create_dir_all(a.out.join("country"))?;

    // The country: pemda x agencies, innovations spread with uneven weights.
    let n_pemda = (a.innovations / 250).clamp(2, 546);
    let mut slots: Vec<(usize, usize, usize)> = Vec::new(); // (pemda, agency, weight)
    let mut pemdas = Vec::new();
    for p in 0..n_pemda {
        pemdas.push(pemda_name(&mut rng, p + 1));
        let mut order: Vec<usize> = (0..AGENCIES.len()).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        for &ag in order.iter().take(rng.range(4, 10)) {
            slots.push((p, ag, rng.range(1, 5)));
        }
    }
    let total_w: usize = slots.iter().map(|s| s.2).sum();
    let mut counts: Vec<usize> = slots.iter().map(|s| a.innovations * s.2 / total_w).collect();
    let mut left = a.innovations - counts.iter().sum::<usize>();
    let mut i = 0;
    let n_slots = counts.len();
    while left > 0 {
        counts[i % n_slots] += 1;
        left -= 1;
        i += 1;
    }

    let single_cols = columns(&t, Style::Portal, true);
    let headers = |c: &Columns| c.0.iter().map(|(_, h)| h.clone()).collect::<Vec<_>>();
    let mut single_xlsx = XlsxOut::new("Inovasi", true)?;
    single_xlsx.texts(&headers(&single_cols))?;
    // The single files sit in a folder of their own: bimtek indexes a
    // workbook's folder for evidence when no --evidence is given.
    fs::create_dir_all(a.out.join("single"))?;
    let mut single_csv = CsvOut::new(&a.out.join("single/single.csv"))?;
    single_csv.texts(&headers(&single_cols))?;

    let mut manifest_files = Vec::new();
    let mut ev = EvidenceStats {
        files: 0,
        dirs: 0,
        defects: 0,
    };
    let mut ev_rng = Rng::new(a.seed.wrapping_add(1));
    let mut portal = PortalOut::new(&a.out.join("portal"), a.seed, t.template.year)?;
    let mut single_no = 0usize;
    for (slot, &(p, ag, _)) in slots.iter().enumerate() {
        let n = counts[slot];
        if n == 0 {
            continue;
        }
        let pemda = &pemdas[p];
        let (agency, urusan) = AGENCIES[ag];
        let style = Style::all()[p % 3];
        let as_csv = p % 6 == 5;
        let cols = columns(&t, style, style == Style::Portal);
        let (mut out, rel, header_row) =
            open_agency(&a.out.join("country"), pemda, agency, style, as_csv, &cols)?;
        let ev_cols = evidence_columns(&t, &cols);
        let mut ev_out = if a.evidence {
            Some(open_agency(&a.out.join("country-evidence"), pemda, agency, style, as_csv, &ev_cols)?.0)
        } else {
            None
        };
        ctx.last_name = None;
        let mut used_dirs: HashMap<String, usize> = HashMap::new();
        for k in 0..n {
            let row = make_row(&mut rng, &mut ctx, pemda, agency, urusan);
            portal.innovation(&ctx, &row)?;
            if portal.rng.chance(0.02) {
                portal.portal_only(&ctx, pemda)?;
            }
            single_no += 1;
            single_xlsx.row(single_no, &single_cols, &row)?;
            single_csv.row(single_no, &single_cols, &row)?;
            match &mut out {
                AgencyOut::Xlsx(w, _) => w.row(k + 1, &cols, &row)?,
                AgencyOut::Csv(w) => w.row(k + 1, &cols, &row)?,
            }
            if a.evidence {
                let name = file_name_safe(&text_of(&row[ctx.f("nama_inovasi")]));
                let name = if name.is_empty() { format!("inovasi {}", k + 1) } else { name };
                let seen = used_dirs.entry(name.clone()).or_insert(0);
                *seen += 1;
                let folder = if *seen > 1 { format!("{name} ({seen})") } else { name };
                let rel_dir = format!("{pemda}/{agency}/{folder}");
                let extra = write_evidence(&mut ev_rng, &t, &a.out.join("evidence"), &rel_dir, &mut ev)?;
                let mut all = row.clone();
                all.extend(extra);
                match ev_out.as_mut() {
                    Some(AgencyOut::Xlsx(w, _)) => w.row(k + 1, &ev_cols, &all)?,
                    Some(AgencyOut::Csv(w)) => w.row(k + 1, &ev_cols, &all)?,
                    None => {}
                }
            }
        }
        for o in [Some(out), ev_out].into_iter().flatten() {
            match o {
                AgencyOut::Xlsx(w, path) => w.save(&path, style == Style::Portal)?,
                AgencyOut::Csv(w) => w.finish()?,
            }
        }
        manifest_files.push(json!({
            "path": rel.strip_prefix(&a.out).unwrap_or(&rel).to_string_lossy(),
            "format": if as_csv { "csv" } else { "xlsx" },
            "style": style.name(),
            "header_row": header_row,
            "sheet": if as_csv { Json::Null } else { json!("Inovasi") },
            "rows": n,
        }));
    }
    portal.finish()?;
    single_xlsx.save(&a.out.join("single/single.xlsx"), false)?;
    single_csv.finish()?;
    write_schemas(&t, &a.out, &single_cols)?;

    let styles: serde_json::Map<String, Json> = Style::all()
        .iter()
        .map(|s| {
            let cols = columns(&t, *s, *s == Style::Portal);
            let list: Vec<Json> = cols
                .0
                .iter()
                .map(|(f, h)| json!([h, f.map(|i| t.field[i].key.clone())]))
                .collect();
            (s.name().to_string(), Json::Array(list))
        })
        .collect();
    let manifest = json!({
        "generator": "bimtek-bench generate",
        "generator_version": GENERATOR_VERSION,
        "seed": a.seed,
        "innovations": a.innovations,
        "pemda": n_pemda,
        "country_files": manifest_files.len(),
        "styles": styles,
        "files": manifest_files,
        "evidence": if a.evidence {
            json!({"folders": ev.dirs, "files": ev.files, "defects": ev.defects})
        } else { Json::Null },
    });
    fs::write(a.out.join("manifest.json"), serde_json::to_string_pretty(&manifest)?)?;
    let mut stderr = std::io::stderr();
    writeln!(
        stderr,
        "generate: {} innovations, {} pemda, {} country files{} -> {}",
        a.innovations,
        n_pemda,
        manifest_files.len(),
        if a.evidence { format!(", {} evidence files", ev.files) } else { String::new() },
        a.out.display()
    )?;
    Ok(())
}
