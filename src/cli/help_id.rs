//! `--help` in Bahasa Indonesia, the default language. The `///` docs of the
//! clap types are the English help (`--lang en`); this module puts the
//! Indonesian words on the same command tree before it parses, so both
//! languages describe the same flags. clap's own words ("Usage",
//! "[default: ...]") are replaced too: headings by a help template, defaults
//! and choices by writing them into each help text.

use clap::error::{ContextKind, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// The help layout, with Indonesian headings.
const TEMPLATE: &str =
    "{before-help}{about-with-newline}\nPenggunaan: {usage}\n\n{all-args}{after-help}";

/// The whole tree in Bahasa Indonesia.
pub fn apply(cmd: Command) -> Command {
    let cmd = helps(
        cmd.about(
            "bimtek: periksa data inovasi daerah (IID) dari lembar kerja OPD sebelum diinput ke \
             portal",
        ),
        &[(
            "lang",
            "Bahasa pesan dan bantuan: id (Bahasa Indonesia, bawaan) atau en (English)",
        )],
    )
    .mut_subcommand("check", |c| {
        helps(
            c.about("Baca lembar kerja OPD dan periksa setiap inovasi terhadap templat"),
            CHECK,
        )
    })
    .mut_subcommand("show", |c| {
        let c = c.about(
            "Tampilkan satu inovasi sebagai kartu: isiannya, 20 indikator dengan bukti dan \
             poinnya, dan apa yang kurang",
        );
        helps(helps(c, SHOW), CHECK)
    })
    .mut_subcommand("export", |c| {
        let c = c.about(
            "Tulis paket pengiriman yang sudah dibersihkan (--out FOLDER atau BERKAS.zip), atau \
             satu buku kerja umpan balik per OPD (--feedback FOLDER)",
        );
        helps(helps(c, EXPORT), CHECK)
    })
    .mut_subcommand("history", |c| {
        helps(
            c.about(
                "Kampanye yang dicatat check --history: per OPD, jumlah inovasi, galat dan skor \
                 terverifikasi pada pemeriksaan pertama, sebelumnya dan sekarang",
            ),
            &[
                (
                    "history",
                    "Basis data riwayat (bawaan: variabel lingkungan BIMTEK_HISTORY)",
                ),
                (
                    "format",
                    "Bentuk laporan: table (tabel, bawaan), json, csv, html (halaman mandiri \
                     dengan grafik kecil per OPD)",
                ),
                (
                    "from",
                    "Mulai kampanye pada tanggal ini (yyyy-mm-dd); pemeriksaan sebelumnya \
                     dilewati",
                ),
                (
                    "inputs",
                    "Hanya pemeriksaan atas masukan ini persis (seperti diberikan kepada check)",
                ),
                (
                    "width",
                    "Lebar tabel dalam kolom (bawaan: lebar terminal, atau 100)",
                ),
            ],
        )
    })
    .mut_subcommand("explain", |c| {
        helps(
            c.about("Jelaskan sebuah kode temuan (atau daftar semua kode)"),
            &[(
                "code",
                "Kode temuan seperti R001; tanpa kode, semua kode didaftar",
            )],
        )
    })
    .mut_subcommand("template", |c| {
        c.about(
            "Templat pengiriman: daftar dan tampilkan templat bawaan, tulis formulir kosong untuk \
             OPD, periksa berkas templat sendiri",
        )
        .mut_subcommand("list", |c| {
            c.about("Daftar templat bawaan dengan tahun dan sumbernya")
        })
        .mut_subcommand("show", |c| {
            helps(
                c.about(
                    "Tampilkan templat: isian dan aturannya, indikator, rentang waktu, penghargaan",
                ),
                &[("template", TEMPLATE_ARG)],
            )
        })
        .mut_subcommand("form", |c| {
            helps(
                c.about(
                    "Tulis formulir kosong (xlsx) untuk diisi OPD: petunjuk, baris judul kolom \
                     dengan catatan dan pilihan, lembar bukti dan rujukan",
                ),
                &[
                    ("template", TEMPLATE_ARG),
                    ("output", "Buku kerja yang ditulis (.xlsx)"),
                    (
                        "roster",
                        "Tulis juga (atau hanya) daftar OPD untuk check --roster: kolom Nama, \
                         Alias, Kelompok, berisi [roster] templat bila ada (.xlsx)",
                    ),
                    ("force", "Timpa berkas bila sudah ada"),
                ],
            )
        })
        .mut_subcommand("check", |c| {
            helps(
                c.about(
                    "Periksa berkas templat sendiri; kesalahan ditunjukkan sebagai \
                     berkas:baris:kolom. Kode keluar 1 bila ada kesalahan",
                ),
                &[("file", "Berkas templat (.toml)")],
            )
        })
    });
    usages(headings(cmd, true))
}

/// Each argument's help text, in the order the arguments are declared:
/// clap moves a changed argument to the end, so another order would change
/// the order of positional arguments. The texts say their defaults and
/// choices themselves (clap's "[default: ...]" is English), so [`headings`]
/// hides clap's.
fn helps(cmd: Command, texts: &[(&'static str, &'static str)]) -> Command {
    texts
        .iter()
        .fold(cmd, |cmd, &(id, text)| cmd.mut_arg(id, |a| a.help(text)))
}

const TEMPLATE_ARG: &str = "Id templat bawaan (iid-2026) atau jalur berkas .toml";

const SHOW: &[(&str, &str)] = &[(
    "query",
    "Inovasinya: (sebagian) namanya, nomor barisnya, atau id-nya (berkas:lembar:baris seperti \
     di JSON)",
)];

const EXPORT: &[(&str, &str)] = &[
    ("out", "Paketnya: sebuah folder, atau berkas .zip"),
    (
        "feedback",
        "Tulis satu buku kerja umpan balik per OPD ke folder ini",
    ),
    (
        "include_invalid",
        "Sertakan juga inovasi berstatus GALAT, ditandai di kolom status",
    ),
];

/// The options `check`, `show` and `export` share.
const CHECK: &[(&str, &str)] = &[
    (
        "paths",
        "Berkas atau folder (dijelajahi sampai ke subfoldernya): xlsx, xlsm, xlsb, xls, ods, csv, \
         tsv",
    ),
    (
        "format",
        "Bentuk laporan: table (tabel, bawaan), json, csv, html (halaman mandiri untuk proyektor \
         atau peramban), xlsx (buku kerja untuk Excel; perlu -o BERKAS.xlsx). Tidak untuk \
         export: paketnya memuat semua bentuk",
    ),
    (
        "template",
        "Templat: id templat bawaan (bawaan: iid-2026) atau jalur berkas .toml",
    ),
    (
        "as_of",
        "Tanggal acuan (yyyy-mm-dd) untuk \"tanggal di masa depan\"; bawaan: hari ini",
    ),
    (
        "fail_on",
        "Tingkat terendah yang membuat kode keluar 1: error (galat, bawaan kecuali untuk \
         export), warning (peringatan), never (tidak pernah; bawaan untuk export: paketnya tetap \
         ditulis)",
    ),
    (
        "quiet",
        "Tanpa tampilan kemajuan (dan, untuk export, tanpa ringkasan)",
    ),
    (
        "width",
        "Lebar tabel dalam kolom (bawaan: lebar terminal, atau 100)",
    ),
    (
        "output",
        "Tulis laporan ke berkas ini, bukan ke layar (bila gagal, tidak ada berkas setengah jadi)",
    ),
    ("force", "Timpa berkas hasil atau paket yang sudah ada"),
    (
        "excel_csv",
        "CSV untuk Excel di Windows berbahasa Indonesia: UTF-8 dengan penanda BOM dan `;` di \
         antara sel (dengan check --format csv dan export)",
    ),
    (
        "watch",
        "Terus berjalan: periksa ulang setiap kali berkas masukan atau bukti berubah, lalu \
         tampilkan lagi laporannya (JSON: satu baris per pemeriksaan)",
    ),
    (
        "projector",
        "Dengan --format html: halaman untuk proyektor (huruf besar berkontras tinggi, selebar \
         layar). Halaman yang ditulis selama --watch selalu begitu",
    ),
    (
        "full",
        "Dengan --watch di terminal: seluruh laporan setiap kali, bukan satu layar",
    ),
    (
        "since",
        "Bandingkan dengan laporan JSON yang disimpan (check --format json) dan sebutkan yang \
         berubah: inovasi bertambah dan berkurang, temuan beres dan baru",
    ),
    (
        "evidence",
        "Folder berkas bukti dukung; boleh diberikan lebih dari sekali. Bawaan: folder tiap buku \
         kerja, dengan bukti/ dan evidence/ di dalamnya",
    ),
    (
        "spd",
        "Poin SPD pemda (0-63), untuk melengkapi perkiraan IID",
    ),
    (
        "spd_sheet",
        "Lembar SPD pemda (xlsx, csv, ...): satu baris per indikator SPD dengan nilai dan bukti \
         dukungnya, dinilai menurut templat; pengganti --spd",
    ),
    (
        "pemda",
        "Nama pemda bila baris-barisnya tidak menyebut pemda (bawaan: Pemda)",
    ),
    (
        "baseline",
        "Yang sudah ada di portal: unduhan daftarnya (xlsx, xls, csv, atau tabel HTML yang \
         disimpan sebagai .xls) atau kiriman sebelumnya. Tandai berkas tahun lalu dengan \
         tahunnya: --baseline 2025=inovasi-2025.xlsx",
    ),
    (
        "roster",
        "Daftar OPD yang diharapkan mengirim (xlsx, csv, ...): kolom Nama, boleh juga Alias \
         (beberapa dipisah `;`) dan Kelompok. Menyebut siapa yang belum mengirim; bawaan: \
         [roster] templat",
    ),
    (
        "iid",
        "Dengan --template labinov: daftar inovasi IID pemda (berkas atau folder, dibaca dengan \
         templat iid-2026) yang harus memuat setiap ide yang sudah diluncurkan; daftar --baseline \
         juga dihitung. Boleh diberikan lebih dari sekali",
    ),
    (
        "catalog",
        "Inovasi yang sudah ada (daftar inovasi apa pun, misalnya Direktori Inovasi LAN): untuk \
         setiap ide disebut inovasi pemda lain yang paling mirip",
    ),
    ("year", "Tahun penilaian (bawaan: tahun templat)"),
    (
        "stale_after",
        "Tandai inovasi di portal yang belum diperbarui selama sekian hari sebelum --as-of (bawaan: \
         dari templat)",
    ),
    (
        "match_threshold",
        "Kemiripan nama (0-1) yang membuat inovasi di portal dianggap sama dengan inovasi di \
         berkas (bawaan: dari templat)",
    ),
    (
        "history",
        "Catat pemeriksaan ini di basis data riwayat (SQLite; dibuat bila belum ada); bawaan: \
         variabel lingkungan BIMTEK_HISTORY. bimtek history menampilkan kampanyenya",
    ),
];

/// Indonesian headings and help/version flags on `cmd` and every
/// subcommand below it.
fn headings(cmd: Command, top: bool) -> Command {
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("Perintah")
        .subcommand_value_name("PERINTAH")
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Tampilkan bantuan ini"),
        );
    if top {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Tampilkan versi"),
        );
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, |s| headings(s, false));
    }
    // Positional arguments under their own heading, options under "Opsi".
    // Flags that take no value have no default or choices to hide; those
    // that take one show an Indonesian placeholder (`<BERKAS>`).
    let ids: Vec<(String, bool, bool)> = cmd
        .get_arguments()
        .map(|a| {
            let takes_value = a.get_action().takes_values();
            (a.get_id().to_string(), a.is_positional(), takes_value)
        })
        .collect();
    for (id, positional, takes_value) in ids {
        cmd = cmd.mut_arg(id, |a| {
            let a = a.help_heading(if positional { "Argumen" } else { "Opsi" });
            if takes_value {
                let name = a
                    .get_value_names()
                    .and_then(|v| v.first())
                    .map_or_else(|| a.get_id().as_str().to_uppercase(), |v| v.to_string());
                let a = match placeholder(&name) {
                    Some(word) => a.value_name(word),
                    None => a,
                };
                a.hide_default_value(true).hide_possible_values(true)
            } else {
                a
            }
        });
    }
    cmd
}

/// The Indonesian placeholder for an English one (`FILE` -> `BERKAS`);
/// `None` keeps the English.
fn placeholder(english: &str) -> Option<&'static str> {
    Some(match english {
        "PATHS" => "BERKAS/FOLDER",
        "QUERY" => "INOVASI",
        "CODE" => "KODE",
        "TEMPLATE" => "TEMPLAT",
        "FILE" => "BERKAS",
        "FILE.json" => "BERKAS.json",
        "DIR" => "FOLDER",
        "DIR|FILE.zip" => "FOLDER|BERKAS.zip",
        "FORMAT" => "BENTUK",
        "AS_OF" => "TANGGAL",
        "DATE" => "TANGGAL",
        "FAIL_ON" => "TINGKAT",
        "LANG" => "BAHASA",
        "WIDTH" => "LEBAR",
        "POINTS" => "POIN",
        "NAME" => "NAMA",
        "[YEAR=]FILE" => "[TAHUN=]BERKAS",
        "YEAR" => "TAHUN",
        "DAYS" => "HARI",
        "X" => "ANGKA",
        _ => return None,
    })
}

/// clap writes `[OPTIONS]` into every usage line whatever the headings say;
/// each command's usage is rendered once from a built copy of the tree and
/// set, in Indonesian, as that command's own.
fn usages(cmd: Command) -> Command {
    let mut built = cmd.clone();
    built.build();
    usage_of(cmd, &mut built)
}

fn usage_of(cmd: Command, built: &mut Command) -> Command {
    let usage = built.render_usage().to_string();
    let usage = usage
        .trim()
        .trim_start_matches("Usage:")
        .trim()
        .replace("[OPTIONS]", "[OPSI]");
    let mut cmd = cmd.override_usage(usage);
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        if let Some(b) = built.find_subcommand_mut(&name) {
            cmd = cmd.mut_subcommand(&name, |s| usage_of(s, b));
        }
    }
    cmd
}

/// A syntax error said in Bahasa Indonesia from what clap knows of it, with
/// the usage line; `None` for kinds without a wording here (clap's English
/// stands).
pub fn error(e: &clap::Error) -> Option<String> {
    let get = |k: ContextKind| e.get(k).map(|v| v.to_string());
    let what = match e.kind() {
        ErrorKind::InvalidSubcommand => {
            format!(
                "perintah \"{}\" tidak dikenal",
                get(ContextKind::InvalidSubcommand)?
            )
        }
        ErrorKind::UnknownArgument => {
            format!("opsi \"{}\" tidak dikenal", get(ContextKind::InvalidArg)?)
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let mut s = format!(
                "nilai \"{}\" tidak sah untuk {}",
                get(ContextKind::InvalidValue)?,
                get(ContextKind::InvalidArg)?
            );
            if let Some(valid) = get(ContextKind::ValidValue) {
                s.push_str(&format!("; yang sah: {valid}"));
            }
            s
        }
        ErrorKind::MissingRequiredArgument => {
            format!("wajib diberikan: {}", get(ContextKind::InvalidArg)?)
        }
        ErrorKind::ArgumentConflict => format!(
            "{} tidak dapat dipakai bersama {}",
            get(ContextKind::InvalidArg)?,
            get(ContextKind::PriorArg)?
        ),
        ErrorKind::NoEquals
        | ErrorKind::TooManyValues
        | ErrorKind::TooFewValues
        | ErrorKind::WrongNumberOfValues => {
            format!(
                "{} tidak dipakai dengan benar",
                get(ContextKind::InvalidArg)?
            )
        }
        _ => return None,
    };
    let suggested = [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .find_map(get);
    let mut out = format!("bimtek: {what}");
    if let Some(s) = suggested {
        out.push_str(&format!(" (maksudnya \"{s}\"?)"));
    }
    if let Some(usage) = get(ContextKind::Usage) {
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        out.push_str(&format!("\n\nPenggunaan: {usage}"));
    }
    out.push_str("\n\nBantuan: tambahkan --help");
    Some(out)
}
