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
    let cmd = cmd
        .about(
            "bimtek: periksa data inovasi daerah (IID) dari lembar kerja OPD sebelum diinput ke \
             portal",
        )
        .mut_arg("lang", |a| {
            a.help("Bahasa pesan dan bantuan: id (Bahasa Indonesia, bawaan) atau en (English)")
                .hide_default_value(true)
                .hide_possible_values(true)
        })
        .mut_subcommand("check", |c| {
            check_args(c.about("Baca lembar kerja OPD dan periksa setiap inovasi terhadap templat"))
        })
        .mut_subcommand("show", |c| {
            check_args(
                c.about(
                    "Tampilkan satu inovasi sebagai kartu: isiannya, 20 indikator dengan bukti \
                     dan poinnya, dan apa yang kurang",
                )
                .mut_arg("query", |a| {
                    a.help(
                        "Inovasinya: (sebagian) namanya, nomor barisnya, atau id-nya \
                         (berkas:lembar:baris seperti di JSON)",
                    )
                }),
            )
        })
        .mut_subcommand("export", |c| {
            check_args(
                c.about(
                    "Tulis paket pengiriman yang sudah dibersihkan (--out FOLDER atau BERKAS.zip), \
                     atau satu buku kerja umpan balik per OPD (--feedback FOLDER)",
                )
                .mut_arg("out", |a| {
                    a.help("Paketnya: sebuah folder, atau berkas .zip")
                })
                .mut_arg("feedback", |a| {
                    a.help("Tulis satu buku kerja umpan balik per OPD ke folder ini")
                })
                .mut_arg("include_invalid", |a| {
                    a.help("Sertakan inovasi yang bergalat, ditandai di kolom status")
                }),
            )
        })
        .mut_subcommand("explain", |c| {
            c.about("Jelaskan sebuah kode temuan (atau daftar semua kode)")
                .mut_arg("code", |a| {
                    a.help("Kode temuan seperti R001; tanpa kode, semua kode didaftar")
                })
        })
        .mut_subcommand("template", |c| {
            c.about(
                "Templat pengiriman: daftar dan tampilkan templat bawaan, tulis formulir kosong \
                 untuk OPD, periksa berkas templat sendiri",
            )
            .mut_subcommand("list", |c| {
                c.about("Daftar templat bawaan dengan tahun dan sumbernya")
            })
            .mut_subcommand("show", |c| {
                c.about(
                    "Tampilkan templat: isian dan aturannya, indikator, rentang waktu, penghargaan",
                )
                .mut_arg("template", |a| a.help(TEMPLATE_ARG))
            })
            .mut_subcommand("form", |c| {
                c.about(
                    "Tulis formulir kosong (xlsx) untuk diisi OPD: petunjuk, baris judul kolom \
                     dengan catatan dan pilihan, lembar bukti dan rujukan",
                )
                .mut_arg("template", |a| a.help(TEMPLATE_ARG))
                .mut_arg("output", |a| a.help("Buku kerja yang ditulis (.xlsx)"))
                .mut_arg("force", |a| a.help("Timpa berkas bila sudah ada"))
            })
            .mut_subcommand("check", |c| {
                c.about(
                    "Periksa berkas templat sendiri; kesalahan ditunjukkan sebagai \
                     berkas:baris:kolom. Kode keluar 1 bila ada kesalahan",
                )
                .mut_arg("file", |a| a.help("Berkas templat (.toml)"))
            })
        });
    headings(cmd, true)
}

const TEMPLATE_ARG: &str = "Id templat bawaan (iid-2026) atau jalur berkas .toml";

/// The options `check`, `show` and `export` share.
fn check_args(cmd: Command) -> Command {
    cmd.mut_arg("paths", |a| {
        a.help(
            "Berkas atau folder (dijelajahi sampai ke subfoldernya): xlsx, xlsm, xlsb, xls, ods, \
             csv, tsv",
        )
    })
    .mut_arg("format", |a| {
        a.help(
            "Bentuk laporan: table (tabel, bawaan), json, csv, html (halaman mandiri untuk \
             proyektor atau peramban), xlsx (buku kerja untuk Excel; perlu -o BERKAS.xlsx)",
        )
        .hide_default_value(true)
        .hide_possible_values(true)
    })
    .mut_arg("template", |a| {
        a.help("Templat: id templat bawaan (bawaan: iid-2026) atau jalur berkas .toml")
            .hide_default_value(true)
    })
    .mut_arg("as_of", |a| {
        a.help("Tanggal acuan (yyyy-mm-dd) untuk \"tanggal di masa depan\"; bawaan: hari ini")
    })
    .mut_arg("fail_on", |a| {
        a.help(
            "Tingkat terendah yang membuat kode keluar 1: error (galat, bawaan), warning \
             (peringatan), never (tidak pernah)",
        )
        .hide_default_value(true)
        .hide_possible_values(true)
    })
    .mut_arg("quiet", |a| a.help("Tanpa bilah kemajuan"))
    .mut_arg("width", |a| {
        a.help("Lebar tabel dalam kolom (bawaan: lebar terminal, atau 100)")
    })
    .mut_arg("output", |a| {
        a.help("Tulis laporan ke berkas ini (secara atomik), bukan ke layar")
    })
    .mut_arg("force", |a| {
        a.help("Timpa berkas hasil atau paket yang sudah ada")
    })
    .mut_arg("watch", |a| {
        a.help(
            "Terus berjalan: periksa ulang setiap kali berkas masukan atau bukti berubah, lalu \
             gambar ulang laporannya (JSON: satu baris per pemeriksaan)",
        )
    })
    .mut_arg("evidence", |a| {
        a.help(
            "Folder berkas bukti dukung; boleh diberikan lebih dari sekali. Bawaan: folder tiap \
             buku kerja, dengan bukti/ dan evidence/ di dalamnya",
        )
    })
    .mut_arg("spd", |a| {
        a.help("Poin SPD pemda (0-63), untuk melengkapi perkiraan IID")
    })
    .mut_arg("pemda", |a| {
        a.help("Nama pemda bila baris-barisnya tidak menyebut pemda (bawaan: Pemda)")
            .hide_default_value(true)
    })
    .mut_arg("baseline", |a| {
        a.help(
            "Yang sudah ada di portal: unduhan daftarnya (xlsx, xls, csv, atau tabel HTML yang \
             disimpan sebagai .xls) atau kiriman sebelumnya. Tandai berkas tahun lalu dengan \
             tahunnya: --baseline 2025=inovasi-2025.xlsx",
        )
    })
    .mut_arg("year", |a| {
        a.help("Tahun penilaian (bawaan: tahun templat)")
    })
    .mut_arg("stale_after", |a| {
        a.help(
            "Tandai isian portal yang tidak diperbarui selama sekian hari sebelum --as-of \
             (bawaan: dari templat)",
        )
    })
    .mut_arg("match_threshold", |a| {
        a.help(
            "Kemiripan nama (0-1) yang membuat isian portal dianggap inovasi yang sama \
             (bawaan: dari templat)",
        )
    })
}

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
    // Positional arguments under their own heading, options under "Pilihan".
    let ids: Vec<(String, bool)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    for (id, positional) in ids {
        cmd = cmd.mut_arg(id, |a| {
            a.help_heading(if positional { "Argumen" } else { "Pilihan" })
        });
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
            format!(
                "pilihan \"{}\" tidak dikenal",
                get(ContextKind::InvalidArg)?
            )
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
