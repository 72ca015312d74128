//! The one registry of finding codes. A code is a family letter and three
//! digits; codes are never renumbered or reused. The family names the kind of
//! problem (F file, H header, R required, V value, D date, T text,
//! U uniqueness, E evidence, P portal, W assessment window, S the SPD sheet
//! of the pemda, O agencies on the roster, L ideas of LAN's Laboratorium
//! Inovasi), not its severity, since a
//! template may change severity.
//!
//! Each entry carries its texts in Bahasa Indonesia and English: a one-line
//! summary, an explanation for `bimtek explain`, the message template and the
//! fix hint. `{name}` in a message is filled from the finding's arguments.
//!
//! Each code is a variant of [`Code`], listed once in `codes!` below in the
//! table's order; emitters name it (`Code::F001`), so a code that is not
//! registered does not compile. Text from users and templates is read with
//! [`Code::parse`].

use super::{Lang, Severity, Text};
use std::fmt;

/// Declares [`Code`], one variant per registered code in the registry's
/// order, with its name as text.
macro_rules! codes {
    ($($code:ident)*) => {
        /// A finding code. Every code is a variant (`Code::F001`), so a
        /// mistyped code does not compile; its texts are [`Code::info`].
        #[derive(Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code {
            $($code),*
        }

        impl Code {
            /// Every code, in the registry's order.
            pub const ALL: &[Code] = &[$(Code::$code),*];

            /// The code as the reports write it, such as `F001`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$code => stringify!($code)),*
                }
            }
        }
    };
}

codes! {
    F001 F002 F003 F004 F005 F006 F007 F008 F009 F010 F011 F012 F013 F014 F015 F016 F017 F018 F019 F020 F021
    H001 H002 H003 H004 R001 V001 V002 V003 V004 V005 V006 V007 V008 V009 V010 D001 D002 D003 D004
    D005 D006 D007 D008 T001 T002 T003 U001 U002 U003 U004 U005 U006 E001 E002 E003 E004 E005 E006
    E007 E008 E009 E010 E011 E012 E013 E014 E015 E016 E017 E018 S001 S002 S003 P001 P002 P003 P004
    P005 P006 W001 W002 W003 W004 O001 O002 O003 O004 O005 O006 L001 L002 L003 L004 L005 L006 L007 L008 L009 L010 L011 L012 L013 L014
}

impl Code {
    /// The registry's entry for this code.
    pub fn info(self) -> &'static CodeInfo {
        &CODES[self as usize]
    }

    /// The code a user or a template names, in any case (`f001`): `None`
    /// when no such code is registered.
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(text))
    }
}

/// Codes sort as their text does (`D001` before `F001`), not in the
/// registry's family order: reports sort findings by code.
impl Ord for Code {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Everything bimtek knows about one finding code.
#[derive(Debug)]
pub struct CodeInfo {
    pub code: Code,
    pub severity: Severity,
    pub summary: Text<&'static str>,
    pub explain: Text<&'static str>,
    pub message: Text<&'static str>,
    pub hint: Text<&'static str>,
}

impl CodeInfo {
    pub fn summary(&self, lang: Lang) -> &'static str {
        lang.pick::<&str>(&self.summary)
    }
    pub fn explain(&self, lang: Lang) -> &'static str {
        lang.pick::<&str>(&self.explain)
    }
    pub fn message(&self, lang: Lang) -> &'static str {
        lang.pick::<&str>(&self.message)
    }
    pub fn hint(&self, lang: Lang) -> &'static str {
        lang.pick::<&str>(&self.hint)
    }
}

use Severity::{Error, Info, Warning};

/// All codes, grouped by family; entry `i` is the code `Code::ALL[i]`
/// (checked below when compiling).
pub static CODES: [CodeInfo; Code::ALL.len()] = [
    // ---------------------------------------------------------------- F: files
    CodeInfo {
        code: Code::F001,
        severity: Error,
        summary: [
            "Berkas rusak atau tidak dapat dibaca",
            "File is corrupt or cannot be read",
        ],
        explain: [
            "Berkas tidak dapat dibuka sebagai lembar kerja: isinya terpotong (misalnya unduhan atau lampiran surel yang tidak lengkap) atau rusak. Inovasi di dalamnya tidak ikut diperiksa, berkas lain tetap diperiksa. Pesannya menyebut apa yang rusak (arsip xlsx/ods, isi XML, bagian yang hilang, struktur .xls lama, baris data CSV, atau pembacaan dari disk), lalu rincian teknis dari pembaca lembar kerja dalam bahasa Inggris, untuk disertakan bila melapor.\nContoh: inovasi.xlsx yang hanya terunduh separuh.\nPerbaikan: minta OPD mengirim ulang berkas, atau buka di Excel/LibreOffice lalu simpan ulang sebagai .xlsx.",
            "The file cannot be opened as a workbook: it is truncated (an incomplete download or mail attachment) or damaged. Its innovations are not checked; other files still are. The message says what is damaged (the xlsx/ods container, an XML part, a missing part, an old .xls container, a CSV record, or reading from the disk), then the spreadsheet reader's own technical detail, to include in a report.\nExample: an inovasi.xlsx that was only half downloaded.\nFix: ask the agency to send the file again, or open it in Excel/LibreOffice and save it again as .xlsx.",
        ],
        message: [
            "Berkas tidak dapat dibaca: {what} (rincian teknis: {detail})",
            "The file cannot be read: {what} (technical detail: {detail})",
        ],
        hint: [
            "Minta OPD mengirim ulang berkas, atau buka dan simpan ulang sebagai .xlsx.",
            "Ask the agency to send it again, or open it and save it again as .xlsx.",
        ],
    },
    CodeInfo {
        code: Code::F002,
        severity: Error,
        summary: ["Berkas dilindungi kata sandi", "File is password-protected"],
        explain: [
            "Berkas dienkripsi dengan kata sandi, sehingga isinya tidak dapat dibaca tanpa kata sandi itu. bimtek tidak membuka enkripsi.\nPerbaikan: minta OPD menghapus kata sandi (Excel: File > Info > Protect Workbook > Encrypt with Password, kosongkan) lalu kirim ulang.",
            "The file is encrypted with a password, so its content cannot be read without it. bimtek does not decrypt.\nFix: ask the agency to remove the password (Excel: File > Info > Protect Workbook > Encrypt with Password, clear it) and send it again.",
        ],
        message: [
            "Berkas dilindungi kata sandi dan tidak dapat dibaca",
            "The file is password-protected and cannot be read",
        ],
        hint: [
            "Hapus kata sandi di Excel (File > Info > Protect Workbook) lalu simpan ulang.",
            "Remove the password in Excel (File > Info > Protect Workbook) and save again.",
        ],
    },
    CodeInfo {
        code: Code::F003,
        severity: Error,
        summary: [
            "Berkas kosong atau tanpa data inovasi",
            "File is empty or holds no innovation rows",
        ],
        explain: [
            "Berkas tidak berisi baris inovasi: ukurannya nol, lembarnya kosong, atau hanya ada baris judul kolom.\nPerbaikan: pastikan OPD mengirim berkas yang sudah diisi.",
            "The file holds no innovation rows: it is zero bytes, its sheets are empty, or only the header row is there.\nFix: make sure the agency sends the filled-in file.",
        ],
        message: [
            "Tidak ada data inovasi ({detail})",
            "No innovation data ({detail})",
        ],
        hint: [
            "Minta OPD mengirim berkas yang sudah diisi.",
            "Ask the agency for the filled-in file.",
        ],
    },
    CodeInfo {
        code: Code::F004,
        severity: Error,
        summary: ["Bukan lembar kerja", "Not a spreadsheet"],
        explain: [
            "Isi berkas bukan lembar kerja walaupun namanya berakhiran .xls/.xlsx: misalnya tabel HTML hasil unduhan portal web, PDF, atau dokumen lain yang diganti namanya.\nPerbaikan: buka berkas di Excel/LibreOffice dan simpan sebagai .xlsx, atau minta berkas aslinya.",
            "The content is not a spreadsheet although the name ends in .xls/.xlsx: for example an HTML table downloaded from a web portal, a PDF, or another document that was renamed.\nFix: open it in Excel/LibreOffice and save it as .xlsx, or ask for the original file.",
        ],
        message: [
            "Isi berkas adalah {kind}, bukan lembar kerja",
            "The file content is {kind}, not a spreadsheet",
        ],
        hint: [
            "Buka di Excel/LibreOffice lalu simpan sebagai .xlsx.",
            "Open it in Excel/LibreOffice and save it as .xlsx.",
        ],
    },
    CodeInfo {
        code: Code::F005,
        severity: Error,
        summary: ["Baris judul kolom tidak ditemukan", "No header row found"],
        explain: [
            "Di baris-baris teratas setiap lembar tidak ada baris yang judul kolomnya dikenali sebagai isian templat (misalnya \"Nama Inovasi\", \"Tahapan Inovasi\"). Tanpa baris judul, kolom tidak dapat dipetakan.\nPerbaikan: gunakan judul kolom seperti di formulir portal, atau tambahkan ejaan OPD sebagai alias di templat.",
            "None of the top rows of any sheet has column headers recognised as template fields (for example \"Nama Inovasi\", \"Tahapan Inovasi\"). Without a header row the columns cannot be mapped.\nFix: use the portal form's column headers, or add the agency's spelling as an alias in the template.",
        ],
        message: [
            "Tidak ditemukan baris judul kolom yang dikenali di {scanned} baris teratas",
            "No recognised header row in the top {scanned} rows",
        ],
        hint: [
            "Beri judul kolom seperti di formulir portal (Nama Inovasi, Tahapan Inovasi, ...).",
            "Give the columns the portal form's headers (Nama Inovasi, Tahapan Inovasi, ...).",
        ],
    },
    CodeInfo {
        code: Code::F006,
        severity: Info,
        summary: [
            "Teks dibaca sebagai Windows-1252",
            "Text decoded as Windows-1252",
        ],
        explain: [
            "Berkas CSV tidak disimpan sebagai UTF-8; bimtek membacanya sebagai Windows-1252, cara Excel di Windows menyimpan teks. Biasanya hasilnya benar; periksa huruf beraksen dan tanda kutip.\nPerbaikan: tidak wajib. Agar pasti, simpan sebagai \"CSV UTF-8\".",
            "The CSV file is not UTF-8; bimtek decoded it as Windows-1252, the encoding Excel uses on Windows. The result is usually right; check accented letters and quotes.\nFix: not required. To be sure, save as \"CSV UTF-8\".",
        ],
        message: [
            "Teks bukan UTF-8; dibaca sebagai Windows-1252",
            "Text is not UTF-8; decoded as Windows-1252",
        ],
        hint: [
            "Simpan ulang sebagai \"CSV UTF-8 (Comma delimited)\".",
            "Save again as \"CSV UTF-8 (Comma delimited)\".",
        ],
    },
    CodeInfo {
        code: Code::F007,
        severity: Warning,
        summary: [
            "Isi berkas tidak sesuai ekstensinya",
            "File content does not match its extension",
        ],
        explain: [
            "Nama berkas menyebut satu format, tetapi isinya format lain (misalnya CSV yang diberi nama .xlsx). bimtek membaca isinya apa adanya.\nPerbaikan: beri nama sesuai isinya atau simpan ulang sebagai .xlsx.",
            "The file name says one format but the content is another (for example a CSV named .xlsx). bimtek reads the content as it is.\nFix: rename it to match its content, or save it again as .xlsx.",
        ],
        message: [
            "Berkas bernama .{ext} tetapi isinya {kind}; dibaca sebagai {kind}",
            "The file is named .{ext} but holds {kind}; read as {kind}",
        ],
        hint: [
            "Simpan ulang berkas dengan format yang benar.",
            "Save the file again in the right format.",
        ],
    },
    CodeInfo {
        code: Code::F008,
        severity: Info,
        summary: ["Lembar tersembunyi dilewati", "Hidden sheet skipped"],
        explain: [
            "Lembar yang disembunyikan di buku kerja tidak diperiksa, karena biasanya berisi daftar pilihan atau data lama.\nPerbaikan: jika lembar itu berisi inovasi, tampilkan (Unhide) lalu simpan.",
            "A hidden sheet of the workbook is not checked, since it usually holds lists or old data.\nFix: if it holds innovations, unhide it and save.",
        ],
        message: ["Lembar tersembunyi dilewati", "Hidden sheet skipped"],
        hint: [
            "Tampilkan lembar (Unhide) jika berisi data inovasi.",
            "Unhide the sheet if it holds innovations.",
        ],
    },
    CodeInfo {
        code: Code::F009,
        severity: Error,
        summary: [
            "Berkas melampaui batas aman pembacaan",
            "File goes past a safety limit",
        ],
        explain: [
            "Berkas ini tersusun sedemikian rupa sehingga membacanya akan menghabiskan memori atau waktu tanpa batas, jadi bimtek tidak membacanya. Biasanya: sebuah .xlsx kecil yang isinya mengembang menjadi lebih dari 1 GiB (ciri \"bom zip\"), satu baris CSV yang lebih panjang dari 16 MiB (biasanya karena tanda kutip yang tidak ditutup), sebuah lembar yang membentang lebih dari 16 juta sel, atau satu nilai sel yang lebih panjang dari 16 MiB. Pesannya menyebut batas mana yang terlampaui. Inovasi di dalamnya tidak diperiksa, berkas lain tetap diperiksa.\nContoh: lampiran inovasi.xlsx berukuran 1 MB yang mengembang menjadi 4 GB.\nPerbaikan: jangan buka berkas itu; minta OPD mengirim ulang berkas yang disimpan dari Excel/LibreOffice.",
            "Reading this file would take unbounded memory or time, so bimtek stops before reading it: an .xlsx whose content inflates to more than 1 GiB (or to more than 200 times its compressed size, the mark of a \"zip bomb\"), a CSV record longer than 16 MiB (usually an unclosed quote), an ODS sheet whose repeated rows or columns span more than 16 million cells, an .xls sheet whose DIMENSIONS record or cells span more than 16 million cells (BIFF8's whole grid), or one XML tag, text or cell value longer than 16 MiB. Its innovations are not checked; other files still are.\nExample: a 1 MB inovasi.xlsx attachment that inflates to 4 GB.\nFix: do not open the file; ask the agency to send it again, saved from Excel/LibreOffice.",
        ],
        message: [
            "Berkas melampaui batas aman dan tidak dibaca ({detail})",
            "The file goes past a safety limit and is not read ({detail})",
        ],
        hint: [
            "Jangan buka berkas ini; minta OPD mengirim ulang berkas yang disimpan dari Excel/LibreOffice.",
            "Do not open this file; ask the agency to send it again, saved from Excel/LibreOffice.",
        ],
    },
    CodeInfo {
        code: Code::F010,
        severity: Error,
        summary: [
            "Tanda kutip CSV tidak ditutup",
            "Unclosed quote in a CSV file",
        ],
        explain: [
            "Sebuah sel CSV dibuka dengan tanda kutip (\") yang tidak pernah ditutup, sehingga semua baris sesudahnya terbaca sebagai isi satu sel: inovasi-inovasi itu hilang dari pemeriksaan.\nContoh: `\"Si Cantik;Dinas Kesehatan;Penerapan` tanpa kutip penutup.\nPerbaikan: tutup atau hapus tanda kutip di baris yang disebut, atau simpan ulang dari Excel sebagai CSV.",
            "A CSV cell opens with a quote (\") that is never closed, so every line after it is read as the content of one cell: those innovations are missing from the check.\nExample: `\"Si Cantik;Dinas Kesehatan;Penerapan` without a closing quote.\nFix: close or remove the quote on the line named, or save the file again from Excel as CSV.",
        ],
        message: [
            "Tanda kutip yang dibuka di baris {line} tidak pernah ditutup; sisa berkas terbaca sebagai satu sel",
            "A quote opened on line {line} is never closed; the rest of the file was read as one cell",
        ],
        hint: [
            "Tutup atau hapus tanda kutip di baris {line}, atau simpan ulang dari Excel sebagai CSV.",
            "Close or remove the quote on line {line}, or save the file again from Excel as CSV.",
        ],
    },
    CodeInfo {
        code: Code::F011,
        severity: Error,
        summary: [
            "Berkas atau folder tidak ditemukan",
            "File or folder not found",
        ],
        explain: [
            "Jalur yang diberikan di baris perintah tidak ada: biasanya salah ketik, atau folder dipindahkan. Di Windows, alamat folder yang diakhiri \\ tepat sebelum tanda kutip penutup (\"D:\\Data\\\") membuat tanda kutip ikut terbaca. Masukan lain tetap diperiksa.\nPerbaikan: periksa ejaan jalurnya; hapus \\ di akhir alamat folder.",
            "A path given on the command line does not exist: usually a typo, or a folder that was moved. On Windows a folder path ending in \\ right before the closing quote (\"D:\\Data\\\") makes the quote part of the path. The other inputs are still checked.\nFix: check the path's spelling; drop a trailing \\ from a folder path.",
        ],
        message: ["Jalur ini tidak ditemukan", "This path does not exist"],
        hint: [
            "Periksa ejaan jalur; di Windows jangan akhiri alamat folder dengan \\ sebelum tanda kutip.",
            "Check the path's spelling; on Windows do not end a folder path with \\ before the quote.",
        ],
    },
    CodeInfo {
        code: Code::F012,
        severity: Info,
        summary: [
            "Lembar bukan data dilewati",
            "Sheet that is not data skipped",
        ],
        explain: [
            "Lembar ini bagian dari formulir atau dari umpan balik, bukan data inovasi, jadi tidak dibaca: lembar bernama Petunjuk, Contoh, Referensi atau Daftar Pilihan (huruf besar/kecil dan spasi diabaikan), lembar yang disebut templat ([settings] skip_sheets), dan lembar temuan di buku kerja umpan balik bimtek (`export --feedback`), yang lembar datanya dibaca sebagai inovasi OPD.\nContoh: formulir dari `bimtek template form` yang dikirim kembali dengan lembar Petunjuk dan Contoh masih ada.\nPerbaikan: tidak perlu. Bila lembar itu memang berisi inovasi, pindahkan barisnya ke lembar data (misalnya Inovasi).",
            "This sheet belongs to the form or to the feedback, not to the innovation data, so it is not read: sheets named Petunjuk, Contoh, Referensi or Daftar Pilihan (ignoring case and spaces), sheets the template names ([settings] skip_sheets), and the findings sheet of a bimtek feedback workbook (`export --feedback`), whose data sheets are read as the agency's innovations.\nExample: a form from `bimtek template form` returned with its Petunjuk and Contoh sheets still in it.\nFix: none needed. If the sheet does hold innovations, move its rows to the data sheet (for example Inovasi).",
        ],
        message: [
            "Lembar \"{sheet}\" dilewati: {why}",
            "Sheet \"{sheet}\" skipped: {why}",
        ],
        hint: [
            "Tidak perlu tindakan; isi inovasi di lembar data.",
            "Nothing to do; enter innovations on the data sheet.",
        ],
    },
    CodeInfo {
        code: Code::F013,
        severity: Info,
        summary: ["Bukan daftar inovasi", "Not a list of innovations"],
        explain: [
            "Lembar atau berkas CSV ini tampak seperti daftar rujukan (misalnya `kode_opd,nama_opd`, daftar kabupaten/kota, daftar pilihan), bukan daftar inovasi: judul kolomnya tidak punya kolom nama inovasi, cocok dengan kurang dari tiga isian templat, dan kolomnya sedikit (paling banyak 8). Kolom yang hanya berjudul `nama` di samping tanpa isian lain dianggap nama hal yang didaftar (provinsi, kategori), bukan nama inovasi. Lembar itu dilewati tanpa galat. Berkas yang memang tampak seperti daftar inovasi tetapi judul kolomnya tidak dikenali tetap mendapat F005.\nPerbaikan: tidak perlu. Bila berkas itu seharusnya berisi inovasi, beri judul kolom seperti di formulir portal (Nama Inovasi, Tahapan Inovasi, ...).",
            "This sheet or CSV file looks like a reference list (for example `kode_opd,nama_opd`, a list of regencies, a list of choices), not a list of innovations: its header has no innovation-name column, matches fewer than three template fields, and has few columns (8 at most). A column headed just `nama` with no other field beside it is taken as the name of what is listed (a province, a category), not an innovation name. It is skipped without an error. A file that does look like an innovation list but whose headers are not recognised still gets F005.\nFix: none needed. If the file should hold innovations, give its columns the portal form's headers (Nama Inovasi, Tahapan Inovasi, ...).",
        ],
        message: [
            "Bukan daftar inovasi (tanpa kolom Nama Inovasi); dilewati",
            "Not a list of innovations (no Nama Inovasi column); skipped",
        ],
        hint: [
            "Bila berisi inovasi, beri judul kolom seperti di formulir portal.",
            "If it holds innovations, give it the portal form's column headers.",
        ],
    },
    CodeInfo {
        code: Code::F014,
        severity: Info,
        summary: [
            "Keluaran bimtek sendiri dilewati",
            "bimtek's own output skipped",
        ],
        explain: [
            "Berkas atau folder ini ditulis oleh bimtek sendiri, jadi tidak dibaca sebagai data OPD: buku kerja laporan (`--format xlsx`), laporan HTML, JSON, CSV atau tabel, dan folder atau zip paket ekspor (`export --out`). bimtek mengenalinya dari tanda yang ditulisnya: properti dokumen `bimtek` di buku kerja, `<meta name=\"generator\" content=\"bimtek\">` di HTML, `\"tool\": {\"name\": \"bimtek\"}` di JSON dan di manifest.json paket, baris judul laporan CSV, dan baris pertama laporan tabel (`bimtek VERSI · TEMPLAT`) yang ditulis dengan `-o`. Tanpa aturan ini, `-o hasil.xlsx` di folder yang diperiksa menggandakan inovasi pada pemeriksaan berikutnya. Buku kerja umpan balik (`export --feedback`) bukan keluaran semacam itu melainkan data OPD yang dikirim untuk diperbaiki dan dikembalikan: lembar datanya dibaca, lembar temuannya tidak (F012). Bila umpan balik ditulis ke folder yang diperiksa, berkas itu mengulang berkas OPD dan mendapat U004.\nPerbaikan: tidak perlu; sebaiknya tulis hasil ke luar folder masukan.",
            "This file or folder was written by bimtek itself, so it is not read as agency data: the report workbook (`--format xlsx`), an HTML, JSON, CSV or table report, and an export package folder or zip (`export --out`). bimtek knows them by the mark it writes: the `bimtek` document property in workbooks, `<meta name=\"generator\" content=\"bimtek\">` in HTML, `\"tool\": {\"name\": \"bimtek\"}` in JSON and in a package's manifest.json, the CSV report's header row, and the first line of the table report (`bimtek VERSION · TEMPLATE`) written with `-o`. Without this rule `-o hasil.xlsx` in the checked folder doubles the innovations on the next check. A feedback workbook (`export --feedback`) is no such output but the agency's data, sent to be fixed and returned: its data sheets are read, its findings sheet is not (F012). Written into the checked folder, it repeats the agency's file and gets U004.\nFix: none needed; better write results outside the input folder.",
        ],
        message: [
            "Dilewati: {what}, bukan data OPD",
            "Skipped: {what}, not agency data",
        ],
        hint: [
            "Tulis hasil bimtek ke luar folder yang diperiksa.",
            "Write bimtek's results outside the folder being checked.",
        ],
    },
    CodeInfo {
        code: Code::F015,
        severity: Warning,
        summary: [
            "Tautan keluar dari folder masukan ditolak",
            "Link out of the input folders refused",
        ],
        explain: [
            "Di folder masukan ada tautan (symlink) yang menunjuk ke luar folder-folder yang diberikan, misalnya ke /etc/passwd. bimtek tidak mengikutinya, sama seperti tautan bukti dukung: isi di luar folder tidak boleh terbaca lalu ikut terkirim ke OPD lewat umpan balik. Berkas yang disebut langsung di baris perintah boleh berupa tautan.\nPerbaikan: salin berkasnya ke dalam folder masukan, atau sebut berkas itu langsung di baris perintah.",
            "The input folder holds a link (symlink) pointing out of the given folders, for example to /etc/passwd. bimtek does not follow it, as with evidence links: content from outside must not be read and then sent to an agency in its feedback. A file named directly on the command line may be a link.\nFix: copy the file into the input folder, or name it directly on the command line.",
        ],
        message: [
            "Tautan menunjuk ke luar folder masukan ({target}); tidak dibaca",
            "The link points out of the input folders ({target}); not read",
        ],
        hint: [
            "Salin berkasnya ke dalam folder, atau sebut langsung di baris perintah.",
            "Copy the file into the folder, or name it directly on the command line.",
        ],
    },
    CodeInfo {
        code: Code::F016,
        severity: Warning,
        summary: ["Bukan berkas biasa", "Not a regular file"],
        explain: [
            "Jalur ini bukan berkas biasa: pipa bernama (FIFO), soket, berkas perangkat (misalnya /dev/zero), atau tautan yang menunjuk ke salah satunya atau ke berkas yang tidak ada. Membacanya dapat menunggu selamanya atau tidak pernah selesai, jadi bimtek melewatinya.\nPerbaikan: hapus dari folder masukan, atau ganti dengan berkas lembar kerja yang sebenarnya.",
            "This path is not a regular file: a named pipe (FIFO), a socket, a device file (for example /dev/zero), or a link to one of them or to a file that does not exist. Reading it could wait forever or never end, so bimtek skips it.\nFix: remove it from the input folder, or replace it with the real spreadsheet file.",
        ],
        message: [
            "Bukan berkas biasa ({what}); tidak dibaca",
            "Not a regular file ({what}); not read",
        ],
        hint: [
            "Hapus dari folder atau ganti dengan berkas lembar kerja.",
            "Remove it or replace it with the spreadsheet file.",
        ],
    },
    CodeInfo {
        code: Code::F017,
        severity: Info,
        summary: [
            "Temuan sejenis terlalu banyak; sisanya tidak dicantumkan",
            "Too many findings of one code; the rest are not listed",
        ],
        explain: [
            "Satu berkas mencantumkan paling banyak 5.000 temuan untuk setiap kode (pengaturan templat `max_findings_per_code`; 0 berarti tanpa batas), dan seluruh pemeriksaan paling banyak 10.000 temuan untuk setiap kode, berkas yang lebih dulu dalam urutan diutamakan (`max_findings_per_code_in_run`). Temuan sesudahnya tidak dicantumkan satu per satu, tetapi tetap dihitung pada galat dan peringatan inovasinya, dan satu temuan F017 per berkas dan kode menyebut berapa banyak lagi. Tanpa batas ini sebuah CSV 12 MB dengan selusin kesalahan di setiap baris menghabiskan hampir 8 GB memori, dan sebuah folder berisi 98 CSV kecil semacam itu 3,6 GB.\nContoh: 180.000 temuan V001 di satu berkas: 5.000 dicantumkan, dan F017 menyebut 175.000 lainnya.\nPerbaikan: perbaiki kesalahan yang tercantum (biasanya satu kesalahan yang berulang di setiap baris, misalnya kolom yang tertukar), lalu periksa ulang.",
            "One file lists at most 5,000 findings of each code (template setting `max_findings_per_code`; 0 means no limit), and the whole run at most 10,000 of each code, earlier files in the order first (`max_findings_per_code_in_run`). Findings past that are not listed one by one, but still count for their innovations' errors and warnings, and one F017 per file and code says how many more there were. Without the limits a 12 MB CSV with a dozen mistakes on every row took almost 8 GB of memory, and a folder of 98 small CSVs of that kind 3.6 GB.\nExample: 180,000 V001 findings in one file: 5,000 are listed, and F017 tells of the other 175,000.\nFix: fix the listed mistakes (usually one mistake repeated on every row, such as swapped columns), then check again.",
        ],
        message: [
            "{more} temuan {code} lainnya di berkas ini tidak dicantumkan (batas {limit} {scope}); semuanya tetap dihitung pada inovasinya",
            "{more} more {code} findings in this file are not listed (limit {limit} {scope}); they still count for their innovations",
        ],
        hint: [
            "Perbaiki temuan {code} yang tercantum (biasanya satu kesalahan yang berulang di setiap baris), lalu periksa ulang.",
            "Fix the listed {code} findings (usually one mistake repeated on every row), then check again.",
        ],
    },
    CodeInfo {
        code: Code::F018,
        severity: Error,
        summary: [
            "Nomor baris muncul dua kali di satu lembar",
            "A row number appears twice in one sheet",
        ],
        explain: [
            "XML sebuah lembar .xlsx menomori dua baris dengan nomor yang sama, atau menomori sebuah baris lebih kecil daripada baris sebelumnya (misalnya baris 2, 3, lalu 2 lagi). Excel tidak pernah menulis seperti itu; biasanya berkas dibuat atau disunting oleh program lain. Kedua baris dibaca sebagai inovasi terpisah, tetapi keduanya memakai nomor baris yang sama, sehingga temuan, umpan balik dan paket tidak dapat membedakannya.\nContoh: `<row r=\"2\">` muncul lagi sesudah `<row r=\"3\">`.\nPerbaikan: buka berkas di Excel atau LibreOffice, simpan ulang, dan pastikan setiap inovasi ada di barisnya sendiri.",
            "The XML of an .xlsx sheet numbers two rows alike, or numbers a row lower than the one before it (rows 2, 3, then 2 again). Excel never writes that; the file was usually made or edited by another program. Both rows are read as separate innovations, but they share one row number, so findings, feedback and the package cannot tell them apart.\nExample: `<row r=\"2\">` appears again after `<row r=\"3\">`.\nFix: open the file in Excel or LibreOffice, save it again, and make sure each innovation has its own row.",
        ],
        message: [
            "Nomor baris ini muncul lagi di lembar sesudah baris {after}; baris-baris itu dibaca terpisah tetapi bernomor sama",
            "This row number appears again in the sheet after row {after}; the rows are read separately but share one number",
        ],
        hint: [
            "Buka berkas di Excel atau LibreOffice, simpan ulang, dan pastikan setiap inovasi ada di barisnya sendiri.",
            "Open the file in Excel or LibreOffice, save it again, and make sure each innovation has its own row.",
        ],
    },
    CodeInfo {
        code: Code::F019,
        severity: Warning,
        summary: ["Sebagian lembar tidak dibaca", "Some sheets were not read"],
        explain: [
            "bimtek membaca paling banyak 500 lembar dari satu buku kerja, dan membaca isi setiap lembar paling banyak sekali: lembar yang menunjuk isi yang sama dengan lembar sebelumnya tidak dibaca lagi. Sebuah .xlsx 0,4 MB dengan 4.000 lembar yang semuanya menunjuk satu isi sebelumnya memakan 82 detik.\nContoh: sebuah buku kerja dengan 4.000 lembar yang semuanya menunjuk isi lembar pertama.\nPerbaikan: pecah buku kerja menjadi beberapa berkas, atau simpan ulang dari Excel/LibreOffice.",
            "bimtek reads at most 500 sheets of one workbook, and reads the content of each sheet at most once: a sheet pointing at the same content as an earlier one is not read again. A 0.4 MB .xlsx with 4,000 sheets all pointing at one content took 82 seconds.\nExample: workbook.xml lists 4,000 sheets that all point at xl/worksheets/sheet1.xml.\nFix: split the workbook into several files, or save it again from Excel/LibreOffice.",
        ],
        message: [
            "Sebagian lembar tidak dibaca: {detail}",
            "Some sheets were not read: {detail}",
        ],
        hint: [
            "Pecah buku kerja menjadi beberapa berkas, atau simpan ulang dari Excel/LibreOffice.",
            "Split the workbook into several files, or save it again from Excel/LibreOffice.",
        ],
    },
    CodeInfo {
        code: Code::F020,
        severity: Error,
        summary: [
            "Batas inovasi satu pemeriksaan tercapai; sisa baris tidak diperiksa",
            "The run's limit of innovations was reached; the rest of the rows were not checked",
        ],
        explain: [
            "Satu pemeriksaan memeriksa paling banyak 524.288 inovasi (pengaturan templat `max_innovations_in_run`; 0 berarti tanpa batas), berkas yang lebih dulu dalam urutan diutamakan: separuh baris satu lembar Excel, sepuluh kali daftar nasional. Baris sesudah batas itu tidak dibaca sebagai inovasi: tidak diperiksa, tidak dinilai, tidak diekspor. Satu temuan F020 per berkas menyebut lembar dan baris tempat pemeriksaan berhenti dan berapa baris yang tidak diperiksa; temuan ini galat, sehingga berkas dan pemeriksaan tidak pernah tampak bersih. Tanpa batas ini sebuah CSV 50 MB berisi baris beberapa byte menjadi jutaan inovasi dan memakan memori jauh melebihi ukuran berkasnya.\nContoh: sebuah CSV berisi 3.000.000 baris pendek: 524.288 diperiksa, F020 menyebut baris tempat berhenti dan 2.475.712 baris yang tidak diperiksa.\nPerbaikan: pecah berkas atau folder menjadi beberapa pemeriksaan, atau naikkan `max_innovations_in_run` di templat.",
            "One run checks at most 524,288 innovations (template setting `max_innovations_in_run`; 0 means no limit), earlier files in the order first: half the rows of an Excel sheet, ten times the national list. The rows past the limit are not read as innovations: they are not checked, scored or exported. One F020 per file names the sheet and row where checking stopped and how many rows were not checked; it is an error, so the file and the run never look clean. Without the limit a 50 MB CSV of rows of a few bytes is millions of innovations and takes memory far beyond the file's size.\nExample: a CSV of 3,000,000 short rows: 524,288 are checked, and F020 names the row where checking stopped and the 2,475,712 rows not checked.\nFix: split the file or folder into several runs, or raise `max_innovations_in_run` in the template.",
        ],
        message: [
            "Pemeriksaan berhenti di baris ini: batas {limit} inovasi dalam satu pemeriksaan tercapai, dan {rows} baris berkas ini sejak baris ini tidak diperiksa",
            "Checking stopped at this row: the limit of {limit} innovations in one run was reached, and {rows} rows of this file from this row on were not checked",
        ],
        hint: [
            "Pecah berkas atau folder menjadi beberapa pemeriksaan, atau naikkan `max_innovations_in_run` di templat.",
            "Split the file or folder into several runs, or raise `max_innovations_in_run` in the template.",
        ],
    },
    CodeInfo {
        code: Code::F021,
        severity: Error,
        summary: [
            "Batas bukti dukung satu pemeriksaan tercapai; sisa baris tidak diperiksa",
            "The run's limit of evidence statements was reached; the rest of the rows were not checked",
        ],
        explain: [
            "Satu pemeriksaan menyimpan paling banyak 400.000 pernyataan bukti dukung (pengaturan templat `max_statements_in_run`; 0 berarti tanpa batas), berkas yang lebih dulu dalam urutan diutamakan: bukti satu provinsi, 20.000 inovasi dengan 20 indikator. Satu pernyataan adalah satu baris lembar bukti dukung, atau kolom-kolom `Indikator N` satu indikator pada satu baris inovasi. Pemeriksaan berkas berhenti di baris pertama yang pernyataannya tidak muat lagi: baris itu dan sisa berkas tidak diperiksa, tidak dinilai, tidak diekspor. Baris inovasi disimpan utuh bersama semua buktinya atau tidak sama sekali, sehingga tidak ada inovasi yang dinilai dengan sebagian buktinya. Baris lembar bukti dukung yang tidak diperiksa tidak dilampirkan ke inovasi yang disebutnya: inovasi itu dapat tampak kurang bukti (E010) sampai pemeriksaannya dipecah. Satu temuan F021 per berkas menyebut lembar dan baris tempat pemeriksaan berhenti dan berapa baris yang tidak diperiksa; temuan ini galat, sehingga berkas dan pemeriksaan tidak pernah tampak bersih. Tanpa batas ini sebuah CSV 50 MB berisi baris bukti beberapa byte menjadi jutaan pernyataan dan memakan memori jauh melebihi ukuran berkasnya.\nContoh: sebuah lembar bukti dukung CSV berisi 3.000.000 baris pendek: 400.000 disimpan, F021 menyebut baris tempat berhenti dan 2.600.000 baris yang tidak diperiksa.\nPerbaikan: pecah berkas atau folder menjadi beberapa pemeriksaan, atau naikkan `max_statements_in_run` di templat.",
            "One run keeps at most 400,000 evidence statements (template setting `max_statements_in_run`; 0 means no limit), earlier files in the order first: a province's evidence, 20,000 innovations with 20 indicators. A statement is one row of an evidence sheet, or the `Indikator N` columns of one indicator in an innovation's row. A file stops being checked at the first row whose statements no longer fit: that row and the rest of the file are not checked, scored or exported. An innovation's row is kept whole with all its evidence or not at all, so no innovation is scored on part of its evidence. The rows of an evidence sheet that are not checked are not attached to the innovations they name: those innovations may look short of evidence (E010) until the run is split. One F021 per file names the sheet and row where checking stopped and how many rows were not checked; it is an error, so the file and the run never look clean. Without the limit a 50 MB CSV of evidence rows of a few bytes is millions of statements and takes memory far beyond the file's size.\nExample: an evidence CSV of 3,000,000 short rows: 400,000 are kept, and F021 names the row where checking stopped and the 2,600,000 rows not checked.\nFix: split the file or folder into several runs, or raise `max_statements_in_run` in the template.",
        ],
        message: [
            "Pemeriksaan berhenti di baris ini: batas {limit} pernyataan bukti dukung dalam satu pemeriksaan tercapai, dan {rows} baris berkas ini sejak baris ini tidak diperiksa",
            "Checking stopped at this row: the limit of {limit} evidence statements in one run was reached, and {rows} rows of this file from this row on were not checked",
        ],
        hint: [
            "Pecah berkas atau folder menjadi beberapa pemeriksaan, atau naikkan `max_statements_in_run` di templat.",
            "Split the file or folder into several runs, or raise `max_statements_in_run` in the template.",
        ],
    },
    // ---------------------------------------------------------------- H: headers
    CodeInfo {
        code: Code::H001,
        severity: Info,
        summary: ["Kolom tidak dikenal", "Unknown column"],
        explain: [
            "Judul kolom ini tidak cocok dengan isian templat mana pun, sehingga isinya tidak diperiksa dan tidak diekspor. Dilaporkan sekali per lembar.\nPerbaikan: jika kolom itu sebenarnya isian portal, ganti judulnya dengan label portal, atau tambahkan ejaannya sebagai alias di templat.",
            "This column header matches no template field, so its content is neither checked nor exported. Reported once per sheet.\nFix: if the column is really a portal field, rename it to the portal label, or add the spelling as an alias in the template.",
        ],
        message: [
            "Kolom \"{header}\" tidak dikenal dan tidak diperiksa",
            "Column \"{header}\" is not known and is not checked",
        ],
        hint: [
            "Ganti judul dengan label portal, atau tambahkan alias di templat.",
            "Rename it to the portal label, or add an alias in the template.",
        ],
    },
    CodeInfo {
        code: Code::H002,
        severity: Error,
        summary: ["Kolom wajib tidak ada", "Required column missing"],
        explain: [
            "Lembar tidak memiliki kolom untuk isian wajib ini, sehingga semua inovasi di lembar itu kekurangan isian tersebut. Dilaporkan sekali per lembar, bukan per baris, tetapi dihitung pada setiap inovasi di lembar itu: tidak satu pun bersih, dan ekspor mengecualikannya. Untuk isian yang hanya sebagian sumber mewajibkannya (IID 2026: Asta Cita, Klaster PKPN) ini peringatan (templat: required_severity).\nPerbaikan: tambahkan kolom dengan label portal dan isi untuk setiap inovasi.",
            "The sheet has no column for this required field, so every innovation on it lacks it. Reported once per sheet, not per row, but counted for every innovation on the sheet: none of them is clean, and export leaves them out. For a field only some sources require (IID 2026: Asta Cita, Klaster PKPN) it is a warning (template: required_severity).\nFix: add the column with the portal label and fill it for every innovation.",
        ],
        message: [
            "Kolom wajib \"{label}\" tidak ada di lembar ini",
            "Required column \"{label}\" is missing from this sheet",
        ],
        hint: [
            "Tambahkan kolom \"{label}\" dan isi untuk setiap inovasi.",
            "Add a \"{label}\" column and fill it for every innovation.",
        ],
    },
    CodeInfo {
        code: Code::H003,
        severity: Warning,
        summary: [
            "Dua kolom untuk isian yang sama",
            "Two columns for the same field",
        ],
        explain: [
            "Dua kolom dipetakan ke isian templat yang sama (misalnya \"Nama Inovasi\" dan \"Judul Inovasi\"). Hanya kolom pertama yang dipakai, sehingga isian itu meragukan pada setiap inovasi di lembar tersebut: masing-masing menghitung peringatan ini.\nPerbaikan: hapus atau ganti nama kolom yang berlebih.",
            "Two columns map to the same template field (for example \"Nama Inovasi\" and \"Judul Inovasi\"). Only the first one is used, so the field is in doubt for every innovation on the sheet: each of them counts this warning.\nFix: delete or rename the extra column.",
        ],
        message: [
            "Kolom \"{header}\" juga dipetakan ke {field} (sudah ada di kolom {first}); kolom ini diabaikan",
            "Column \"{header}\" also maps to {field} (already column {first}); this column is ignored",
        ],
        hint: [
            "Hapus atau ganti nama salah satu kolom.",
            "Delete or rename one of the columns.",
        ],
    },
    CodeInfo {
        code: Code::H004,
        severity: Info,
        summary: [
            "Kolom berisi isian sistem lain",
            "Column holds another system's field",
        ],
        explain: [
            "Judul kolom cocok dengan isian templat, tetapi nilainya milik isian lain dengan nama yang sama di sistem daerah (templat: foreign_values). Contoh: beberapa sistem daerah memakai \"Klasifikasi\" untuk tematik / non tematik, sedangkan Klasifikasi Inovasi IID 2026 adalah Inovasi Perangkat Daerah / Desa / Masyarakat. Kolom itu tidak dibaca sebagai isian templat; dilaporkan sekali per lembar, bukan per baris.\nPerbaikan: tambahkan kolom dengan isian portal yang sebenarnya, atau ganti judul kolom ini (misalnya \"Tematik\").",
            "The column header matches a template field, but its values belong to another field of the same name in a regional system (template: foreign_values). Example: some regional apps use \"Klasifikasi\" for tematik / non tematik, while the IID 2026 Klasifikasi Inovasi is Inovasi Perangkat Daerah / Desa / Masyarakat. The column is not read as the template field; reported once per sheet, not per row.\nFix: add a column with the real portal field, or rename this column (for example \"Tematik\").",
        ],
        message: [
            "Kolom \"{header}\" berisi nilai sistem lain (\"{value}\"), bukan {label}",
            "Column \"{header}\" holds another system's values (\"{value}\"), not {label}",
        ],
        hint: [
            "Isi {label} di kolom tersendiri; ganti judul kolom ini.",
            "Fill {label} in its own column; rename this one.",
        ],
    },
    // ---------------------------------------------------------------- R: required values
    CodeInfo {
        code: Code::R001,
        severity: Error,
        summary: ["Isian wajib kosong", "Required value empty"],
        explain: [
            "Isian yang wajib di portal (bertanda *) kosong untuk inovasi ini. Portal tidak menerima inovasi tanpa isian wajib. Penanda kosong seperti \"-\", \"n/a\" atau \"tidak ada\" di sel pilihan, angka atau tanggal dihitung kosong (templat: placeholders). Isian yang hanya sebagian sumber mewajibkannya (IID 2026: Asta Cita, Klaster PKPN) dilaporkan sebagai peringatan (templat: required_severity).\nPerbaikan: isi sel tersebut.",
            "A field the portal requires (marked *) is empty for this innovation. The portal does not accept an innovation without it. Placeholders such as \"-\", \"n/a\" or \"tidak ada\" in a choice, number or date cell count as empty (template: placeholders). A field only some sources require (IID 2026: Asta Cita, Klaster PKPN) is reported as a warning (template: required_severity).\nFix: fill the cell.",
        ],
        message: ["{label} wajib diisi", "{label} is required"],
        hint: ["Isi sel {cell}.", "Fill cell {cell}."],
    },
    // ---------------------------------------------------------------- V: values
    CodeInfo {
        code: Code::V001,
        severity: Error,
        summary: [
            "Nilai tidak termasuk pilihan yang diizinkan",
            "Value not among the allowed values",
        ],
        explain: [
            "Isian ini hanya boleh berisi salah satu pilihan portal. Nilainya tidak cocok dengan pilihan mana pun, bahkan setelah huruf besar/kecil, spasi dan tanda baca diabaikan.\nPerbaikan: pilih salah satu nilai yang diizinkan. bimtek menyebut yang paling mirip hanya bila memang mirip (salah ketik, templat: suggest_threshold); nilai dari skema lain (misalnya \"Teknologi\" untuk Jenis Inovasi) hanya diberi daftar pilihan.",
            "This field only takes one of the portal's options. The value matches none of them, even ignoring case, spaces and punctuation.\nFix: choose one of the allowed values. bimtek names the closest only when it is close (a typo; template: suggest_threshold); a value of another scheme (for example \"Teknologi\" for Jenis Inovasi) gets the list of options only.",
        ],
        message: [
            "\"{value}\" bukan pilihan yang sah untuk {label}{closest}",
            "\"{value}\" is not an allowed value for {label}{closest}",
        ],
        hint: ["Pilihan yang sah: {allowed}.", "Allowed values: {allowed}."],
    },
    CodeInfo {
        code: Code::V002,
        severity: Info,
        summary: ["Ejaan dinormalkan", "Spelling normalised"],
        explain: [
            "Nilai ditulis dengan ejaan lain dari pilihan portal (misalnya \"ujicoba\" untuk \"Uji Coba\"). bimtek mengenalinya dan memakai ejaan portal dalam ekspor.\nPerbaikan: tidak wajib; gunakan ejaan portal agar konsisten.",
            "The value is spelled differently from the portal option (for example \"ujicoba\" for \"Uji Coba\"). bimtek recognises it and uses the portal spelling in exports.\nFix: not required; use the portal spelling for consistency.",
        ],
        message: [
            "\"{value}\" dibaca sebagai \"{canonical}\"",
            "\"{value}\" read as \"{canonical}\"",
        ],
        hint: ["Tulis \"{canonical}\".", "Write \"{canonical}\"."],
    },
    CodeInfo {
        code: Code::V003,
        severity: Warning,
        summary: ["Angka tidak dapat dibaca", "Number cannot be read"],
        explain: [
            "Isian ini berupa angka (misalnya anggaran dalam rupiah), tetapi teksnya tidak dapat dibaca sebagai angka. Format Indonesia seperti \"Rp 1.500.000,00\" diterima.\nPerbaikan: tulis angkanya saja, misalnya 1500000 atau Rp 1.500.000.",
            "This field is a number (for example a budget in rupiah), but the text cannot be read as one. Indonesian format such as \"Rp 1.500.000,00\" is accepted.\nFix: write just the number, for example 1500000 or Rp 1.500.000.",
        ],
        message: [
            "\"{value}\" tidak dapat dibaca sebagai angka untuk {label}",
            "\"{value}\" cannot be read as a number for {label}",
        ],
        hint: [
            "Tulis angka, misalnya Rp 1.500.000.",
            "Write a number, for example Rp 1.500.000.",
        ],
    },
    CodeInfo {
        code: Code::V004,
        severity: Error,
        summary: ["Sel berisi galat rumus", "Cell holds a formula error"],
        explain: [
            "Sel berisi hasil rumus yang galat (#REF!, #N/A, #DIV/0!, #VALUE!, ...), biasanya karena rumus merujuk ke lembar atau sel yang sudah dihapus.\nPerbaikan: perbaiki rumus atau ganti dengan nilai biasa (Paste Special > Values).",
            "The cell holds a formula error (#REF!, #N/A, #DIV/0!, #VALUE!, ...), usually because the formula points at a deleted sheet or cell.\nFix: repair the formula or replace it with a plain value (Paste Special > Values).",
        ],
        message: [
            "{label} berisi galat rumus {value}",
            "{label} holds the formula error {value}",
        ],
        hint: [
            "Perbaiki rumus di {cell} atau tempel sebagai nilai.",
            "Repair the formula in {cell} or paste it as a value.",
        ],
    },
    CodeInfo {
        code: Code::V005,
        severity: Error,
        summary: ["Koordinat tidak dapat dibaca", "Coordinates cannot be read"],
        explain: [
            "Koordinat harus ditulis \"lintang,bujur\" dalam derajat desimal, misalnya \"-3.3194,114.5908\".\nPerbaikan: salin koordinat dari Google Maps (klik kanan pada lokasi).",
            "Coordinates must be written \"lat,lng\" in decimal degrees, for example \"-3.3194,114.5908\".\nFix: copy them from Google Maps (right-click the place).",
        ],
        message: [
            "\"{value}\" bukan koordinat lintang,bujur",
            "\"{value}\" is not a lat,lng coordinate",
        ],
        hint: [
            "Tulis seperti \"-3.3194,114.5908\" (lintang,bujur).",
            "Write it like \"-3.3194,114.5908\" (lat,lng).",
        ],
    },
    CodeInfo {
        code: Code::V006,
        severity: Error,
        summary: [
            "Koordinat di luar Indonesia",
            "Coordinates outside Indonesia",
        ],
        explain: [
            "Koordinat terbaca, tetapi letaknya di luar wilayah Indonesia. Sering terjadi karena lintang dan bujur tertukar atau tanda minus hilang.\nPerbaikan: periksa urutan (lintang dulu, lalu bujur) dan tanda minus untuk lintang selatan.",
            "The coordinates parse but lie outside Indonesia. Often latitude and longitude are swapped or a minus sign is lost.\nFix: check the order (latitude first, then longitude) and the minus sign for southern latitudes.",
        ],
        message: [
            "Koordinat {value} berada di luar Indonesia{swapped}",
            "Coordinates {value} lie outside Indonesia{swapped}",
        ],
        hint: [
            "Lintang dulu, lalu bujur; lintang selatan bertanda minus.",
            "Latitude first, then longitude; southern latitudes are negative.",
        ],
    },
    CodeInfo {
        code: Code::V007,
        severity: Error,
        summary: ["Bilangan di luar rentang", "Number out of range"],
        explain: [
            "Isian ini berupa bilangan bulat dalam rentang tertentu (misalnya Asta Cita 1 sampai 8).\nPerbaikan: tulis bilangan dalam rentang yang disebut.",
            "This field is a whole number within a range (for example Asta Cita 1 to 8).\nFix: write a number within the range given.",
        ],
        message: [
            "{label} harus bilangan bulat{range}, bukan \"{value}\"",
            "{label} must be a whole number{range}, not \"{value}\"",
        ],
        hint: [
            "Tulis bilangan bulat{range}.",
            "Write a whole number{range}.",
        ],
    },
    CodeInfo {
        code: Code::V008,
        severity: Error,
        summary: ["Tautan tidak diterima", "Link not accepted"],
        explain: [
            "Isian ini harus berupa tautan jenis tertentu (templat: links), misalnya video KIPP yang diunggah ke YouTube. Teks biasa, nama berkas, atau tautan ke situs lain tidak diterima.\nContoh: \"video.mp4\" atau \"https://vimeo.com/123\" untuk tautan video yang harus YouTube.\nPerbaikan: unggah ke layanan yang diminta dan tempel tautan lengkapnya.",
            "This field must be a link of a given kind (template: links), for example a KIPP video published on YouTube. Plain text, a file name, or a link to another site is not accepted.\nExample: \"video.mp4\" or \"https://vimeo.com/123\" where a YouTube link is required.\nFix: upload to the service asked for and paste the full link.",
        ],
        message: [
            "{label} \"{value}\" bukan tautan yang diterima ({kinds})",
            "{label} \"{value}\" is not an accepted link ({kinds})",
        ],
        hint: [
            "Tempel tautan lengkap, misalnya https://www.youtube.com/watch?v=....",
            "Paste the full link, for example https://www.youtube.com/watch?v=....",
        ],
    },
    CodeInfo {
        code: Code::V009,
        severity: Warning,
        summary: [
            "Isian lebih panjang daripada yang dimuat sel Excel",
            "Value longer than an Excel cell holds",
        ],
        explain: [
            "Satu sel Excel memuat paling banyak 32.767 karakter. Isian ini lebih panjang, sehingga buku kerja yang ditulis bimtek (paket, umpan balik, --format xlsx) memuatnya terpotong dengan tanda \"… [dipotong bimtek: N karakter]\" di ujungnya; CSV dan JSON memuatnya utuh.\nContoh: uraian yang tertempel berulang kali hingga 40.000 karakter.\nPerbaikan: persingkat isian hingga di bawah 32.767 karakter.",
            "An Excel cell holds at most 32,767 characters. This value is longer, so the workbooks bimtek writes (the package, feedback, --format xlsx) hold it cut, ending in the marker \"… [cut by bimtek: N characters]\"; the CSV and JSON hold it whole.\nExample: a description pasted over and over until it is 40,000 characters long.\nFix: shorten the value to under 32,767 characters.",
        ],
        message: [
            "{label} berisi {length} karakter, lebih dari 32.767 yang dimuat satu sel Excel; di buku kerja isian ini terpotong",
            "{label} holds {length} characters, more than the 32,767 an Excel cell holds; workbooks hold it cut",
        ],
        hint: [
            "Persingkat isian ini; teks lengkapnya tetap ada di CSV dan JSON.",
            "Shorten this value; the full text stays in the CSV and JSON.",
        ],
    },
    // ---------------------------------------------------------------- D: dates
    CodeInfo {
        code: Code::V010,
        severity: Error,
        summary: ["Nominal di luar rentang", "Amount out of range"],
        explain: [
            "Isian ini berupa nominal rupiah dengan batas di templat (min, max), misalnya anggaran yang tidak boleh negatif (min = 0). Nominal terbaca, tetapi di luar batas itu.\nContoh: \"Rp -2.500.000\" untuk anggaran dengan min = 0.\nPerbaikan: tulis nominal di dalam batas yang disebut; tanda minus biasanya salah ketik.",
            "This field is a rupiah amount with bounds in the template (min, max), for example a budget that may not be negative (min = 0). The amount reads, but lies outside those bounds.\nExample: \"Rp -2.500.000\" for a budget with min = 0.\nFix: write an amount within the bounds given; a minus sign is usually a typo.",
        ],
        message: [
            "{label} harus nominal{range}, bukan \"{value}\"",
            "{label} must be an amount{range}, not \"{value}\"",
        ],
        hint: [
            "Tulis nominal rupiah{range}, misalnya Rp 1.500.000.",
            "Write a rupiah amount{range}, such as Rp 1,500,000.",
        ],
    },
    CodeInfo {
        code: Code::D001,
        severity: Error,
        summary: ["Tanggal tidak dapat dibaca", "Date cannot be read"],
        explain: [
            "Teks di isian tanggal tidak dapat dibaca sebagai tanggal. Diterima: sel tanggal Excel, dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, yyyy-mm-dd, \"17 Mei 2022\", \"17 May 2022\", dan bulan-tahun.\nPerbaikan: tulis tanggal seperti 17/05/2024.",
            "The text in a date field cannot be read as a date. Accepted: Excel date cells, dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, yyyy-mm-dd, \"17 Mei 2022\", \"17 May 2022\", and month-year.\nFix: write the date like 17/05/2024.",
        ],
        message: [
            "\"{value}\" tidak dapat dibaca sebagai tanggal untuk {label}",
            "\"{value}\" cannot be read as a date for {label}",
        ],
        hint: ["Tulis seperti 17/05/2024.", "Write it like 17/05/2024."],
    },
    CodeInfo {
        code: Code::D002,
        severity: Error,
        summary: ["Tanggal yang bisa dibaca dua cara", "Ambiguous date"],
        explain: [
            "Tanggal dapat dibaca lebih dari satu cara: tahun dua digit (\"05/06/24\"), atau urutan bulan/hari gaya Amerika (\"05/17/2024\"). bimtek tidak menebak.\nPerbaikan: tulis hari/bulan/tahun lengkap, misalnya 17/05/2024.",
            "The date can be read more than one way: a two-digit year (\"05/06/24\") or the American month/day order (\"05/17/2024\"). bimtek does not guess.\nFix: write day/month/full year, for example 17/05/2024.",
        ],
        message: [
            "\"{value}\" bisa dibaca lebih dari satu cara untuk {label} ({reason})",
            "\"{value}\" is ambiguous for {label} ({reason})",
        ],
        hint: [
            "Tulis hari/bulan/tahun empat digit, misalnya 17/05/2024.",
            "Write day/month/four-digit year, for example 17/05/2024.",
        ],
    },
    CodeInfo {
        code: Code::D003,
        severity: Error,
        summary: ["Tanggal tidak mungkin", "Impossible date"],
        explain: [
            "Bagian-bagian tanggal terbaca, tetapi tanggal itu tidak ada di kalender (misalnya 31/02/2025 atau bulan 13).\nPerbaikan: periksa hari dan bulan.",
            "The parts of the date parse, but the day does not exist (for example 31/02/2025 or month 13).\nFix: check the day and month.",
        ],
        message: [
            "\"{value}\" bukan tanggal yang ada di kalender ({label})",
            "\"{value}\" is not a calendar date ({label})",
        ],
        hint: ["Periksa hari dan bulan.", "Check the day and month."],
    },
    CodeInfo {
        code: Code::D004,
        severity: Error,
        summary: ["Tanggal di masa depan", "Date in the future"],
        explain: [
            "Tanggal jatuh setelah tanggal acuan pemeriksaan (--as-of, bawaan hari ini). Inovasi yang belum diterapkan tidak dapat dilaporkan dengan tanggal itu.\nPerbaikan: periksa tahun; biasanya salah ketik.",
            "The date falls after the check's reference date (--as-of, default today). An innovation cannot be reported with a date that has not come yet.\nFix: check the year; usually a typo.",
        ],
        message: [
            "{label} {value} jatuh setelah {as_of}",
            "{label} {value} falls after {as_of}",
        ],
        hint: ["Periksa tahunnya.", "Check the year."],
    },
    CodeInfo {
        code: Code::D005,
        severity: Warning,
        summary: ["Uji coba setelah penerapan", "Trial after application"],
        explain: [
            "Waktu uji coba jatuh setelah waktu penerapan. Uji coba biasanya mendahului penerapan, tetapi tidak ada sumber resmi yang mewajibkan urutan itu, sehingga bawaannya peringatan (templat: [severity] D005). Tanggal yang hanya ditulis tahun (\"2024\") atau bulan dan tahun dibandingkan hanya sampai ketelitian itu: uji coba 01/02/2024 tidak \"setelah\" penerapan \"2024\".\nPerbaikan: tukar atau perbaiki kedua tanggal.",
            "The trial date falls after the application date. A trial usually comes before application, but no official source requires the order, so it is a warning by default (template: [severity] D005). A date written as a year only (\"2024\") or month and year is compared only to that precision: a trial on 01/02/2024 is not \"after\" an application in \"2024\".\nFix: swap or correct the two dates.",
        ],
        message: [
            "Waktu uji coba {value} jatuh setelah waktu penerapan {penerapan}",
            "Trial date {value} falls after the application date {penerapan}",
        ],
        hint: [
            "Perbaiki waktu uji coba atau waktu penerapan.",
            "Correct the trial or the application date.",
        ],
    },
    CodeInfo {
        code: Code::D006,
        severity: Error,
        summary: [
            "Tanggal yang dibutuhkan tahapan kosong",
            "Date required by the stage is missing",
        ],
        explain: [
            "Tahapan inovasi menuntut tanggal tertentu: tahapan Penerapan butuh waktu penerapan, tahapan Uji Coba butuh waktu uji coba (galat; templat: requires). Waktu penerapan juga diminta pada tahapan Inisiatif dan Uji Coba (SIMONDA, INOVAHUB, daftar portal bertanda *); kosong di sana adalah peringatan (templat: recommends).\nPerbaikan: isi tanggal itu, atau perbaiki tahapannya.",
            "The innovation's stage requires a date: Penerapan needs the application date, Uji Coba needs the trial date (an error; template: requires). The application date is also asked at Inisiatif and Uji Coba (SIMONDA, INOVAHUB, the portal list marks it *); empty there is a warning (template: recommends).\nFix: fill that date, or correct the stage.",
        ],
        message: [
            "Tahapan {stage} membutuhkan {label}, tetapi kosong",
            "Stage {stage} needs {label}, but it is empty",
        ],
        hint: [
            "Isi {label} atau perbaiki tahapan.",
            "Fill {label} or correct the stage.",
        ],
    },
    CodeInfo {
        code: Code::D007,
        severity: Warning,
        summary: ["Tanggal tidak lengkap", "Incomplete date"],
        explain: [
            "Hanya bulan dan tahun (atau hanya tahun) yang tertulis. Portal meminta tanggal lengkap; bimtek memakai hari pertama periode itu untuk pemeriksaan lain.\nPerbaikan: tulis tanggal lengkap.",
            "Only the month and year (or only the year) is given. The portal asks for a full date; bimtek uses the first day of that period for its other checks.\nFix: write the full date.",
        ],
        message: [
            "{label} \"{value}\" hanya menyebut {precision}",
            "{label} \"{value}\" gives only the {precision}",
        ],
        hint: [
            "Tulis tanggal lengkap, misalnya 17/05/2024.",
            "Write the full date, for example 17/05/2024.",
        ],
    },
    CodeInfo {
        code: Code::D008,
        severity: Error,
        summary: ["Umur inovasi belum cukup", "Innovation not old enough"],
        explain: [
            "Skema ini meminta inovasi sudah berjalan sekian tahun (templat: min_age_years), dihitung mundur dari tanggal acuan (--as-of, isi dengan tanggal penutupan pendaftaran) ke tanggal mulai implementasi. KIPP 2021-2022: 2 tahun, kelompok replikasi 1 tahun. \"Umur inovasi belum satu tahun\" adalah alasan penolakan pada seleksi administrasi.\nPerbaikan: periksa tanggal mulai dan buktinya; bila memang terlalu baru, ajukan tahun berikutnya.",
            "This scheme asks that the innovation has run for some years (template: min_age_years), counted back from the reference date (--as-of; use the registration closing date) to the implementation start. KIPP 2021-2022: 2 years, 1 for the replication group. \"Younger than one year\" is a reason for rejection at the administrative selection.\nFix: check the start date and its proof; if it really is too new, submit it next year.",
        ],
        message: [
            "{label} {value}: umur inovasi {age} pada {as_of}; minimal {min} tahun (mulai paling lambat {latest})",
            "{label} {value}: the innovation is {age} old on {as_of}; the minimum is {min} year(s) (start by {latest})",
        ],
        hint: [
            "Periksa tanggal mulai penerapan dan buktinya, atau ajukan tahun berikutnya.",
            "Check the implementation start date and its proof, or submit next year.",
        ],
    },
    // ---------------------------------------------------------------- T: text
    CodeInfo {
        code: Code::T001,
        severity: Error,
        summary: ["Teks terlalu pendek", "Text too short"],
        explain: [
            "Isian ini punya jumlah kata minimum (rancang bangun: 300 kata). Kata dihitung seperti orang menghitung: tanda baca dan tag HTML tidak dihitung, kata berulang bertanda hubung (masing-masing) dihitung satu.\nPerbaikan: lengkapi uraian: dasar hukum, permasalahan, isu strategis, metode pembaharuan, keunggulan, tahapan inovasi.",
            "This field has a minimum word count (rancang bangun: 300 words). Words are counted as a person would: punctuation and HTML tags do not count, hyphenated words (masing-masing) count once.\nFix: complete the text: legal basis, problem, strategic issue, method, advantages, stages.",
        ],
        message: [
            "{label} berisi {words} kata; minimal {min} kata",
            "{label} has {words} words; at least {min} are needed",
        ],
        hint: [
            "Tambahkan {missing} kata lagi: dasar hukum, permasalahan, metode, keunggulan, tahapan.",
            "Add {missing} more words: legal basis, problem, method, advantages, stages.",
        ],
    },
    CodeInfo {
        code: Code::T002,
        severity: Error,
        summary: ["Teks terlalu panjang", "Text too long"],
        explain: [
            "Isian ini punya jumlah kata maksimum (templat: max_words), misalnya bagian proposal KIPP: ringkasan 200 kata, signifikansi 600 kata. Formulir daring memotong atau menolak teks yang lebih panjang. Kata dihitung seperti pada T001.\nPerbaikan: ringkas uraian sampai batasnya.",
            "This field has a maximum word count (template: max_words), for example the KIPP proposal sections: summary 200 words, significance 600. Online forms cut or refuse longer text. Words are counted as for T001.\nFix: shorten the text to the limit.",
        ],
        message: [
            "{label} berisi {words} kata; paling banyak {max} kata",
            "{label} has {words} words; at most {max} are allowed",
        ],
        hint: ["Kurangi {excess} kata.", "Remove {excess} words."],
    },
    CodeInfo {
        code: Code::T003,
        severity: Error,
        summary: ["Jawaban pengisi", "Filler answer"],
        explain: [
            "Bagian ini diisi jawaban pengisi: \"-\", satu-dua kata, atau judul pertanyaannya sendiri. Seleksi administrasi menolak proposal dengan bagian yang tidak dijawab. Batasnya diatur per isian di templat (filler_below_words).\nPerbaikan: jawab pertanyaan bagian ini dengan uraian.",
            "This section holds a filler answer: \"-\", a word or two, or the question itself. Administrative selection rejects a proposal with an unanswered section. The limit is set per field in the template (filler_below_words).\nFix: answer the section's question in full.",
        ],
        message: [
            "{label} berisi jawaban pengisi \"{value}\" (kurang dari {min} kata atau judul pertanyaannya)",
            "{label} holds a filler answer \"{value}\" (under {min} words, or the question itself)",
        ],
        hint: [
            "Tulis uraian jawaban di {cell}.",
            "Write the answer in {cell}.",
        ],
    },
    // ---------------------------------------------------------------- U: uniqueness
    CodeInfo {
        code: Code::U001,
        severity: Warning,
        summary: [
            "Nama inovasi ganda dalam satu OPD",
            "Duplicate innovation name within an agency",
        ],
        explain: [
            "Nama inovasi yang sama (setelah huruf besar/kecil, spasi dan tanda baca diabaikan) muncul dua kali atau lebih pada OPD yang sama. Biasanya baris tersalin dua kali. Nama yang sama di pemda lain (kolom Nama Pemda berbeda) bukan duplikat: tiap pemda melaporkan inovasinya sendiri.\nPerbaikan: hapus baris ganda, atau bedakan namanya jika memang dua inovasi.",
            "The same innovation name (ignoring case, spaces and punctuation) appears twice or more in one agency. Usually a row was copied twice. The same name in another pemda (a different Nama Pemda column) is no duplicate: each pemda reports its own innovations.\nFix: delete the duplicate row, or give the two innovations distinct names.",
        ],
        message: [
            "\"{value}\" juga ada di {other}",
            "\"{value}\" also appears at {other}",
        ],
        hint: [
            "Hapus baris ganda atau bedakan namanya.",
            "Delete the duplicate or rename one.",
        ],
    },
    CodeInfo {
        code: Code::U002,
        severity: Warning,
        summary: [
            "Nama inovasi sama di OPD lain",
            "Same innovation name in another agency",
        ],
        explain: [
            "Nama inovasi yang sama dilaporkan oleh dua OPD. Bisa jadi inovasi bersama yang dilaporkan dua kali. Hanya dalam satu pemda: baris yang menyebut pemda lain tidak dibandingkan.\nPerbaikan: sepakati satu OPD pelapor, atau bedakan namanya.",
            "Two agencies report an innovation with the same name. It may be a joint innovation reported twice. Only within one pemda: rows naming another pemda are not compared.\nFix: agree on one reporting agency, or distinguish the names.",
        ],
        message: [
            "\"{value}\" juga dilaporkan oleh {agency} ({other})",
            "\"{value}\" is also reported by {agency} ({other})",
        ],
        hint: [
            "Sepakati satu OPD pelapor atau bedakan namanya.",
            "Agree on one reporting agency or distinguish the names.",
        ],
    },
    CodeInfo {
        code: Code::U003,
        severity: Error,
        summary: ["OPD belum punya inovasi", "Agency has no innovation"],
        explain: [
            "Penghargaan ini mewajibkan setiap OPD/SKPD yang terdaftar di templat ([award] agencies) mengirim minimal satu inovasi (misalnya Kalsel Innovation Award mulai 2026). OPD ini tidak punya satu pun inovasi di berkas yang diperiksa. OPD sebuah inovasi dibaca dari kolom OPD-nya, atau dari nama foldernya.\nPerbaikan: minta OPD itu mengirim inovasinya, atau tambahkan ejaan namanya di [award.spellings] bila inovasinya ada dengan nama OPD lain.",
            "This award requires every agency listed in the template ([award] agencies) to submit at least one innovation (for example the Kalsel Innovation Award from 2026). This agency has none in the files checked. An innovation's agency is read from its agency column, or its folder name.\nFix: ask the agency for its innovation, or add its spelling to [award.spellings] if its innovations carry another agency name.",
        ],
        message: [
            "{value} belum mengirim satu pun inovasi",
            "{value} has not submitted any innovation",
        ],
        hint: [
            "Minta {value} mengirim minimal satu inovasi.",
            "Ask {value} to submit at least one innovation.",
        ],
    },
    CodeInfo {
        code: Code::U004,
        severity: Warning,
        summary: ["Dua berkas saling mengulang", "Two files repeat each other"],
        explain: [
            "Dua berkas memuat inovasi yang sama dari OPD yang sama, misalnya satu daftar yang disimpan dua kali dengan nama berbeda, atau formulir yang dikirim ulang. Satu temuan menyebut kedua berkas dan berapa inovasi yang sama, bukan satu U001 per inovasi. Dianggap mengulang bila setidaknya separuh inovasi berkas yang lebih kecil (dan minimal dua) sama nama dan OPD-nya dengan berkas lain.\nPerbaikan: hapus salah satu berkas dari folder, atau simpan versi lama di luar folder masukan.",
            "Two files hold the same innovations of the same agencies, for example one list saved twice under two names, or a form sent again. One finding names both files and how many innovations they share, instead of one U001 per innovation. Files repeat each other when at least half the innovations of the smaller one (and at least two) have the same name and agency as in the other.\nFix: remove one of the files from the folder, or keep old versions outside the input folder.",
        ],
        message: [
            "Berkas ini mengulang {other}: {count} inovasi sama",
            "This file repeats {other}: {count} innovations in common",
        ],
        hint: [
            "Hapus salah satu berkas atau pindahkan versi lama ke luar folder.",
            "Remove one of the files or move the old version out of the folder.",
        ],
    },
    CodeInfo {
        code: Code::U005,
        severity: Error,
        summary: [
            "Judul proposal ganda dalam satu instansi",
            "Duplicate proposal title within one instansi",
        ],
        explain: [
            "Dua proposal dari instansi yang sama (templat: [award] group_by) memakai judul yang sama (setelah huruf besar/kecil, spasi dan tanda baca diabaikan). Pada KIPP, judul yang sama adalah alasan penolakan di seleksi administrasi.\nPerbaikan: gabungkan kedua proposal, atau beri judul yang berbeda.",
            "Two proposals of the same instansi (template: [award] group_by) carry the same title (ignoring case, spaces and punctuation). In KIPP identical titles are a reason for rejection at administrative selection.\nFix: merge the two proposals, or give them distinct titles.",
        ],
        message: [
            "Judul \"{value}\" juga dipakai di {other} ({group})",
            "Title \"{value}\" is also used at {other} ({group})",
        ],
        hint: [
            "Beri judul yang berbeda atau gabungkan proposalnya.",
            "Give a distinct title or merge the proposals.",
        ],
    },
    CodeInfo {
        code: Code::U006,
        severity: Error,
        summary: [
            "Kuota proposal instansi terlampaui",
            "Instansi proposal quota exceeded",
        ],
        explain: [
            "Satu instansi boleh mengirim paling banyak sekian proposal per kelompok (templat: [award] quota; KIPP 2021: 10 kelompok umum dan 5 kelompok replikasi). Proposal setelah kuota terpenuhi, dalam urutan berkas dan baris, dilaporkan.\nPerbaikan: lakukan seleksi awal di instansi dan kirim proposal terbaik saja.",
            "One instansi may send at most so many proposals per kelompok (template: [award] quota; KIPP 2021: 10 umum and 5 replikasi). Proposals past the quota, in file and row order, are reported.\nFix: pre-select within the instansi and send only the best proposals.",
        ],
        message: [
            "{group} mengirim {count} proposal kelompok {kelompok}; kuota {max}",
            "{group} sends {count} proposals of kelompok {kelompok}; the quota is {max}",
        ],
        hint: [
            "Pilih {max} proposal terbaik untuk kelompok {kelompok}.",
            "Choose the best {max} proposals for kelompok {kelompok}.",
        ],
    },
    // ---------------------------------------------------------------- E: evidence
    CodeInfo {
        code: Code::E001,
        severity: Error,
        summary: [
            "Parameter dipilih tanpa bukti dukung",
            "Parameter chosen without evidence",
        ],
        explain: [
            "Untuk indikator ini sudah dipilih parameter, tetapi tidak ada dokumen atau tautan bukti dukung. Verifikator BSKDN tidak memberi nilai tanpa bukti, sehingga poin indikator ini hilang.\nPerbaikan: lampirkan dokumen yang diminta indikator, atau hapus parameternya.",
            "A parameter is chosen for this indicator but no evidence document or link is given. BSKDN verifiers give no points without evidence, so the indicator's points are lost.\nFix: attach the document the indicator asks for, or clear the parameter.",
        ],
        message: [
            "Indikator {indicator} ({name}): parameter dipilih tetapi bukti dukung tidak ada",
            "Indicator {indicator} ({name}): a parameter is chosen but there is no evidence",
        ],
        hint: [
            "Lampirkan bukti dukung untuk indikator {indicator}.",
            "Attach evidence for indicator {indicator}.",
        ],
    },
    CodeInfo {
        code: Code::E002,
        severity: Warning,
        summary: [
            "Bukti dukung tanpa parameter",
            "Evidence without a parameter",
        ],
        explain: [
            "Ada bukti dukung untuk indikator ini, tetapi parameternya tidak dipilih, sehingga indikator tidak bernilai.\nPerbaikan: pilih parameter (1, 2 atau 3) yang sesuai dengan bukti.",
            "Evidence is given for this indicator but no parameter is chosen, so it scores nothing.\nFix: choose the parameter (1, 2 or 3) the evidence supports.",
        ],
        message: [
            "Indikator {indicator} ({name}): ada bukti \"{value}\" tetapi parameter tidak dipilih",
            "Indicator {indicator} ({name}): evidence \"{value}\" but no parameter chosen",
        ],
        hint: [
            "Pilih parameter 1, 2 atau 3 untuk indikator {indicator}.",
            "Choose parameter 1, 2 or 3 for indicator {indicator}.",
        ],
    },
    CodeInfo {
        code: Code::E003,
        severity: Error,
        summary: ["Berkas bukti tidak ditemukan", "Evidence file not found"],
        explain: [
            "Berkas yang disebut sebagai bukti tidak ada di folder bukti (bawaan: folder lembar kerja, termasuk bukti/ dan evidence/, atau --evidence). Nama dicocokkan tanpa membedakan huruf besar/kecil, garis miring Windows, dan boleh hanya nama berkasnya.\nPerbaikan: salin berkasnya ke folder bukti atau perbaiki namanya.",
            "The file named as evidence is not in the evidence folder (default: the workbook's folder, including bukti/ and evidence/, or --evidence). Names match regardless of case and Windows slashes, and a bare file name is enough.\nFix: copy the file into the evidence folder or correct its name.",
        ],
        message: [
            "Indikator {indicator}: berkas bukti \"{value}\" tidak ditemukan",
            "Indicator {indicator}: evidence file \"{value}\" not found",
        ],
        hint: [
            "Salin berkas ke folder bukti atau perbaiki namanya.",
            "Copy the file into the evidence folder or correct its name.",
        ],
    },
    CodeInfo {
        code: Code::E004,
        severity: Error,
        summary: [
            "Jenis berkas tidak diterima indikator",
            "File type not accepted by the indicator",
        ],
        explain: [
            "Setiap indikator hanya menerima jenis berkas tertentu (misalnya PDF saja untuk SK, JPG/PNG untuk foto). Jenis dinilai dari isi berkas, bukan hanya dari namanya: berkas teks yang diberi nama .pdf ditolak portal.\nPerbaikan: simpan ulang dokumen sebagai jenis yang diterima.",
            "Each indicator accepts only certain file types (for example PDF only for decrees, JPG/PNG for photos). The type is judged by content, not just the name: a text file named .pdf is rejected by the portal.\nFix: save the document again in an accepted type.",
        ],
        message: [
            "Indikator {indicator}: \"{value}\" berisi {kind}; indikator ini menerima {types}",
            "Indicator {indicator}: \"{value}\" holds {kind}; this indicator accepts {types}",
        ],
        hint: ["Simpan ulang sebagai {types}.", "Save it again as {types}."],
    },
    CodeInfo {
        code: Code::E005,
        severity: Error,
        summary: ["Berkas bukti kosong", "Evidence file is empty"],
        explain: [
            "Berkas bukti kosong (ukurannya 0), biasanya unduhan atau salinan yang gagal.\nPerbaikan: salin ulang berkas aslinya.",
            "The evidence file is 0 bytes, usually a failed download or copy.\nFix: copy the original file again.",
        ],
        message: [
            "Indikator {indicator}: berkas bukti \"{value}\" kosong (ukurannya 0)",
            "Indicator {indicator}: evidence file \"{value}\" is empty (0 bytes)",
        ],
        hint: [
            "Salin ulang berkas aslinya.",
            "Copy the original file again.",
        ],
    },
    CodeInfo {
        code: Code::E006,
        severity: Error,
        summary: [
            "Berkas bukti melebihi batas ukuran",
            "Evidence file over the size limit",
        ],
        explain: [
            "Portal menolak unggahan di atas batas ukuran indikator (umumnya 2 MB).\nPerbaikan: kompres PDF atau kecilkan gambar, atau unggah hanya halaman yang relevan.",
            "The portal rejects uploads above the indicator's size limit (usually 2 MB).\nFix: compress the PDF or shrink the image, or upload only the relevant pages.",
        ],
        message: [
            "Indikator {indicator}: \"{value}\" berukuran {size} MB; batas {max} MB",
            "Indicator {indicator}: \"{value}\" is {size} MB; the limit is {max} MB",
        ],
        hint: [
            "Kompres berkas hingga di bawah {max} MB.",
            "Compress the file below {max} MB.",
        ],
    },
    CodeInfo {
        code: Code::E007,
        severity: Error,
        summary: ["PDF terpotong", "Truncated PDF"],
        explain: [
            "PDF tidak berakhir dengan penanda akhir berkas (%%EOF): isinya terpotong, biasanya karena unduhan atau salinan yang tidak selesai. Portal dan verifikator tidak dapat membukanya.\nPerbaikan: salin ulang atau ekspor ulang PDF-nya.",
            "The PDF does not end with its end-of-file marker (%%EOF): it is cut off, usually by an unfinished download or copy. The portal and verifiers cannot open it.\nFix: copy or export the PDF again.",
        ],
        message: [
            "Indikator {indicator}: PDF \"{value}\" terpotong",
            "Indicator {indicator}: PDF \"{value}\" is truncated",
        ],
        hint: [
            "Salin atau ekspor ulang PDF-nya.",
            "Copy or export the PDF again.",
        ],
    },
    CodeInfo {
        code: Code::E008,
        severity: Error,
        summary: ["PDF dilindungi kata sandi", "Password-protected PDF"],
        explain: [
            "PDF dienkripsi; verifikator tidak dapat membukanya.\nPerbaikan: simpan ulang PDF tanpa kata sandi.",
            "The PDF is encrypted; verifiers cannot open it.\nFix: save the PDF again without a password.",
        ],
        message: [
            "Indikator {indicator}: PDF \"{value}\" dilindungi kata sandi",
            "Indicator {indicator}: PDF \"{value}\" is password-protected",
        ],
        hint: [
            "Simpan ulang PDF tanpa kata sandi.",
            "Save the PDF again without a password.",
        ],
    },
    CodeInfo {
        code: Code::E009,
        severity: Error,
        summary: [
            "Tanggal dokumen di luar rentang tahun indikator",
            "Document date outside the indicator's years",
        ],
        explain: [
            "Setiap indikator meminta dokumen dari tahun tertentu relatif terhadap tahun penilaian T (misalnya T-2 sampai T-0). Dokumen dari tahun lain tidak dinilai.\nPerbaikan: lampirkan dokumen dari rentang tahun yang diminta.",
            "Each indicator asks for documents from certain years relative to the assessment year T (for example T-2 to T-0). Documents from other years are not scored.\nFix: attach a document from the years asked for.",
        ],
        message: [
            "Indikator {indicator}: dokumen bertanggal {date}, di luar {from}-{to}",
            "Indicator {indicator}: document dated {date}, outside {from}-{to}",
        ],
        hint: [
            "Lampirkan dokumen bertahun {from}-{to}.",
            "Attach a document from {from}-{to}.",
        ],
    },
    CodeInfo {
        code: Code::E010,
        severity: Error,
        summary: [
            "Indikator wajib belum diisi",
            "Mandatory indicator not filled",
        ],
        explain: [
            "Lima indikator SID wajib diisi (Regulasi, SDM, Kecepatan penciptaan, Kemanfaatan, Video). Tanpa parameter, indikator ini tidak bernilai dan inovasi dapat dianggap tidak lengkap.\nPerbaikan: pilih parameter dan lampirkan bukti.",
            "Five SID indicators are mandatory (Regulasi, SDM, Kecepatan penciptaan, Kemanfaatan, Video). Without a parameter the indicator scores nothing and the innovation may count as incomplete.\nFix: choose a parameter and attach evidence.",
        ],
        message: [
            "Indikator wajib {indicator} ({name}) belum diisi",
            "Mandatory indicator {indicator} ({name}) is not filled",
        ],
        hint: [
            "Pilih parameter dan lampirkan bukti untuk indikator {indicator}.",
            "Choose a parameter and attach evidence for indicator {indicator}.",
        ],
    },
    CodeInfo {
        code: Code::E011,
        severity: Warning,
        summary: [
            "Satu berkas bukti dipakai beberapa inovasi",
            "One evidence file used by several innovations",
        ],
        explain: [
            "Isi berkas yang sama persis (walau namanya berbeda) dipakai sebagai bukti oleh inovasi yang berbeda. Verifikator memeriksa kecocokan bukti dengan inovasinya; bukti yang dipakai ulang sering ditolak.\nPerbaikan: pastikan setiap inovasi punya buktinya sendiri.",
            "Exactly the same file content (even under different names) serves as evidence for different innovations. Verifiers match evidence to its innovation; reused evidence is often rejected.\nFix: make sure each innovation has its own evidence.",
        ],
        message: [
            "Berkas {value} juga dipakai oleh \"{other}\"",
            "File {value} is also used by \"{other}\"",
        ],
        hint: [
            "Lampirkan bukti khusus untuk inovasi ini.",
            "Attach evidence specific to this innovation.",
        ],
    },
    CodeInfo {
        code: Code::E012,
        severity: Error,
        summary: [
            "Rujukan bukti keluar dari folder bukti",
            "Evidence reference leaves the evidence folder",
        ],
        explain: [
            "Rujukan berkas memakai \"..\", jalur absolut (C:\\..., /...), atau tautan yang menunjuk ke luar folder bukti. bimtek tidak membaca berkas di luar folder bukti.\nPerbaikan: salin berkas ke folder bukti dan tulis jalurnya relatif terhadap folder itu, atau cukup nama berkasnya.",
            "The file reference uses \"..\", an absolute path (C:\\..., /...), or a link pointing out of the evidence folder. bimtek never reads files outside the evidence folder.\nFix: copy the file into the evidence folder and write its path relative to it, or just its name.",
        ],
        message: [
            "Indikator {indicator}: rujukan \"{value}\" keluar dari folder bukti dan tidak dibaca",
            "Indicator {indicator}: reference \"{value}\" leaves the evidence folder and is not read",
        ],
        hint: [
            "Salin berkas ke folder bukti; tulis nama berkasnya saja.",
            "Copy the file into the evidence folder; write just its name.",
        ],
    },
    CodeInfo {
        code: Code::E013,
        severity: Error,
        summary: [
            "Tautan tidak diterima indikator",
            "Link not accepted by the indicator",
        ],
        explain: [
            "Hanya indikator tertentu yang menerima tautan (video: YouTube atau Google Drive); indikator lain meminta berkas. Tautan juga harus utuh.\nPerbaikan: unggah berkasnya, atau perbaiki tautannya.",
            "Only some indicators accept a link (video: YouTube or Google Drive); the others ask for a file. The link must also be complete.\nFix: upload the file, or correct the link.",
        ],
        message: [
            "Indikator {indicator}: tautan \"{value}\" tidak diterima",
            "Indicator {indicator}: link \"{value}\" is not accepted",
        ],
        hint: [
            "Indikator ini meminta berkas {types}.",
            "This indicator asks for a {types} file.",
        ],
    },
    CodeInfo {
        code: Code::E014,
        severity: Warning,
        summary: [
            "Baris bukti tidak cocok dengan inovasi mana pun",
            "Evidence row matches no innovation",
        ],
        explain: [
            "Baris bukti dukung menyebut inovasi (nama atau nomor) yang tidak ada di data profil inovasi, sehingga buktinya tidak terhitung.\nPerbaikan: samakan nama inovasi dengan lembar profil.",
            "An evidence row names an innovation (by name or number) that is not in the profile data, so its evidence counts for nothing.\nFix: make the innovation name match the profile sheet.",
        ],
        message: [
            "Bukti untuk \"{value}\" tidak cocok dengan inovasi mana pun",
            "Evidence for \"{value}\" matches no innovation",
        ],
        hint: [
            "Tulis nama inovasi persis seperti di lembar profil.",
            "Write the innovation name exactly as in the profile sheet.",
        ],
    },
    CodeInfo {
        code: Code::E015,
        severity: Error,
        summary: ["Parameter tidak dapat dibaca", "Parameter cannot be read"],
        explain: [
            "Parameter indikator ditulis 1, 2 atau 3, atau dengan teks salah satu pilihannya.\nPerbaikan: tulis 1, 2 atau 3.",
            "An indicator's parameter is written 1, 2 or 3, or as the text of one of its options.\nFix: write 1, 2 or 3.",
        ],
        message: [
            "Indikator {indicator}: parameter \"{value}\" tidak dikenal",
            "Indicator {indicator}: parameter \"{value}\" is not known",
        ],
        hint: ["Tulis 1, 2 atau 3.", "Write 1, 2 or 3."],
    },
    CodeInfo {
        code: Code::E016,
        severity: Error,
        summary: ["Indikator tidak dikenal", "Unknown indicator"],
        explain: [
            "Baris bukti menyebut indikator yang tidak ada di templat (nomor 1-20 atau nama indikator), atau sel Indikator-nya kosong (pesannya menyebut selnya). Pada lembar inovasi, kolom `Indikator N Bukti`/`Parameter`/`Tanggal` untuk nomor yang tidak ada di templat dilaporkan sekali per kolom, di judulnya, dan isinya tidak dibaca sebagai bukti dukung.\nPerbaikan: tulis nomor indikator portal (1-20).",
            "An evidence row names an indicator the template does not have (number 1-20 or the indicator's name), or its Indikator cell is empty (the message names the cell). On an innovation sheet, an `Indikator N Bukti`/`Parameter`/`Tanggal` column for a number the template does not have is told once per column, at its header, and its cells are not read as evidence.\nFix: write the portal's indicator number (1-20).",
        ],
        message: ["Indikator {what}", "Indicator {what}"],
        hint: [
            "Tulis nomor indikator 1-20.",
            "Write an indicator number 1-20.",
        ],
    },
    CodeInfo {
        code: Code::E017,
        severity: Warning,
        summary: [
            "Berkas bukti ditemukan di folder lain",
            "Evidence file found in another folder",
        ],
        explain: [
            "Berkas tidak ada di jalur yang ditulis, tetapi berkas bernama sama ada di folder lain, dan berkas itulah yang diperiksa. Sering folder itu milik inovasi lain: bukti inovasi A menunjuk ke A/kecepatan.pdf, padahal yang ada hanya B/kecepatan.pdf milik inovasi B. Tidak dilaporkan: rujukan yang hanya berupa nama berkas, atau yang foldernya menjadi ujung folder berkas yang ditemukan atau sebaliknya (tertulis bukti/SIPANDU/sk.pdf, ditemukan SIPANDU/sk.pdf di bawah --evidence bukti).\nContoh: tertulis \"bukti/inovasi-a/kecepatan.pdf\", yang dipakai \"bukti/inovasi-b/kecepatan.pdf\".\nPerbaikan: salin berkas yang benar ke folder yang ditulis, atau perbaiki jalurnya.",
            "The file is not at the path written, but a file of the same name is in another folder, and that file is the one checked. Often that folder belongs to another innovation: innovation A's evidence points at A/kecepatan.pdf while only innovation B's B/kecepatan.pdf exists. Not reported: a reference that is only a file name, or whose folders end the found file's folders or the other way round (bukti/SIPANDU/sk.pdf written, SIPANDU/sk.pdf found under --evidence bukti).\nExample: \"bukti/inovasi-a/kecepatan.pdf\" written, \"bukti/inovasi-b/kecepatan.pdf\" used.\nFix: copy the right file into the folder written, or correct the path.",
        ],
        message: [
            "Indikator {indicator}: berkas \"{value}\" tidak ada di jalur itu; yang dipakai {used}",
            "Indicator {indicator}: file \"{value}\" is not at that path; used {used}",
        ],
        hint: [
            "Pastikan berkas itu memang bukti inovasi ini, lalu perbaiki jalurnya atau salin berkasnya ke folder yang ditulis.",
            "Make sure that file is this innovation's evidence, then correct the path or copy the file into the folder written.",
        ],
    },
    CodeInfo {
        code: Code::E018,
        severity: Warning,
        summary: ["Tidak ada bukti dukung sama sekali", "No evidence at all"],
        explain: [
            "Tidak satu pun berkas masukan memuat bukti dukung: tidak ada lembar bukti (satu baris per dokumen) dan tidak ada kolom \"Indikator N ...\". Bukti tidak diperiksa, dan nilai kematangan (indikator) setiap inovasi 0, sehingga perkiraan indeks pemda hanya dari jumlah inovasi (dan SPD bila diberikan). Disebut sekali untuk seluruh pemeriksaan, pada berkas masukan pertama. Bila ada bukti di salah satu berkas, inovasi yang tidak punya bukti sama sekali mendapat E010 untuk tiap indikator wajib.\nPerbaikan: sertakan lembar bukti dukung (lihat bimtek template) beserta folder bukti/.",
            "No input file holds evidence: there is no evidence sheet (one row per document) and no \"Indikator N ...\" columns. Evidence is not checked, and every innovation's maturity (indicator) score is 0, so the pemda index estimate rests on the number of innovations (and the SPD, when given) only. Said once for the whole check, at the first input file. When any file holds evidence, an innovation with none at all gets E010 for each mandatory indicator.\nFix: include the evidence sheet (see bimtek template) with its bukti/ folder.",
        ],
        message: [
            "Tidak ada bukti dukung: {count} inovasi tanpa bukti, nilai kematangan IID-nya 0",
            "No evidence given for {count}: their IID maturity score is 0",
        ],
        hint: [
            "Sertakan lembar bukti dukung dan folder bukti/.",
            "Include the evidence sheet and the bukti/ folder.",
        ],
    },
    // ---------------------------------------------------------------- S: the SPD sheet
    CodeInfo {
        code: Code::S001,
        severity: Error,
        summary: ["Nilai SPD tidak dapat dibaca", "SPD value cannot be read"],
        explain: [
            "Lembar SPD (--spd-sheet) memberi nilai yang tidak dapat dibaca untuk indikator ini: bukan salah satu pilihannya (atau 1, 2, 3), atau bukan angka untuk indikator berupa ukuran (persen, jumlah). Indikator itu tidak diberi poin.\nContoh: Opini BPK \"baik\" (pilihannya TMP/TW, WDP, WTP).\nPerbaikan: tulis salah satu pilihan indikator, atau angkanya saja (8,17 atau 8.17).",
            "The SPD sheet (--spd-sheet) gives a value this indicator cannot read: not one of its options (or 1, 2, 3), or not a number for an indicator that is a measure (percent, count). The indicator scores nothing.\nExample: Opini BPK \"baik\" (its options are TMP/TW, WDP, WTP).\nFix: write one of the indicator's options, or just the number (8,17 or 8.17).",
        ],
        message: [
            "SPD {no} ({name}): \"{value}\" tidak dapat dibaca",
            "SPD {no} ({name}): \"{value}\" cannot be read",
        ],
        hint: [
            "Tulis salah satu pilihan indikator, atau angkanya.",
            "Write one of the indicator's options, or the number.",
        ],
    },
    CodeInfo {
        code: Code::S002,
        severity: Warning,
        summary: [
            "Indikator SPD wajib tidak diisi",
            "Mandatory SPD indicator not filled",
        ],
        explain: [
            "Indikator SPD bertanda wajib di templat ([[spd]] mandatory, iid.md §3.2) tidak punya nilai di lembar SPD, sehingga poinnya 0 dalam perkiraan.\nPerbaikan: isi nilai indikator beserta bukti dukungnya.",
            "An SPD indicator the template marks mandatory ([[spd]] mandatory, iid.md §3.2) has no value in the SPD sheet, so it scores 0 in the estimate.\nFix: fill the indicator's value and its evidence.",
        ],
        message: [
            "Indikator SPD wajib {no} ({name}) tidak diisi",
            "Mandatory SPD indicator {no} ({name}) is not filled",
        ],
        hint: [
            "Isi nilai dan bukti dukung indikator {no}.",
            "Fill indicator {no}'s value and evidence.",
        ],
    },
    CodeInfo {
        code: Code::S003,
        severity: Warning,
        summary: [
            "Indikator SPD tanpa bukti dukung",
            "SPD indicator without evidence",
        ],
        explain: [
            "Indikator SPD diberi nilai tetapi kolom bukti dukungnya kosong. Verifikator tidak memberi poin tanpa bukti, sehingga poin ini dihitung sebagai klaim saja, tidak dalam SPD terverifikasi yang dipakai perkiraan.\nPerbaikan: sebutkan dokumen bukti (nomor/tanggal/tentang, berkas PDF).",
            "An SPD indicator has a value but its evidence cell is empty. Verifiers give no points without evidence, so these points count as claimed only, not in the verified SPD the estimate uses.\nFix: name the evidence document (number/date/subject, a PDF file).",
        ],
        message: [
            "SPD {no} ({name}): nilai \"{value}\" ({points} poin) tanpa bukti dukung",
            "SPD {no} ({name}): value \"{value}\" ({points} points) without evidence",
        ],
        hint: [
            "Sebutkan dokumen bukti di kolom bukti.",
            "Name the evidence document in the evidence column.",
        ],
    },
    // ---------------------------------------------------------------- P, W: portal and window
    CodeInfo {
        code: Code::P001,
        severity: Warning,
        summary: ["Belum terinput di portal", "Not entered in the portal"],
        explain: [
            "Inovasi ada di berkas OPD tetapi tidak ada di data portal yang diberikan (--baseline): belum terinput. Nama dicocokkan setelah huruf besar/kecil dan tanda baca diabaikan, lalu dengan kemiripan kata (ambang di templat).\nPerbaikan: input inovasi ini di portal sebelum batas waktu.",
            "The innovation is in the agency's file but not in the portal data given (--baseline): never entered. Names match ignoring case and punctuation, then by word similarity (threshold in the template).\nFix: enter it in the portal before the deadline.",
        ],
        message: [
            "\"{value}\" belum terinput di portal",
            "\"{value}\" is not entered in the portal",
        ],
        hint: [
            "Input inovasi ini di portal.",
            "Enter this innovation in the portal.",
        ],
    },
    CodeInfo {
        code: Code::P002,
        severity: Warning,
        summary: ["Data portal belum diperbarui", "Portal entry out of date"],
        explain: [
            "Inovasi ada di portal, tetapi isian portal berbeda dari berkas OPD (tahapan, tanggal, inisiator, urusan atau ejaan nama): belum terupdate.\nPerbaikan: perbarui isian portal sesuai data OPD (atau perbaiki berkas OPD bila portal yang benar).",
            "The innovation is in the portal, but the portal differs from the agency's file (stage, dates, initiator, affairs or name spelling): not updated.\nFix: update the portal entry from the agency's data (or correct the agency's file if the portal is right).",
        ],
        message: [
            "\"{value}\" di portal berbeda: {changes}",
            "\"{value}\" differs in the portal: {changes}",
        ],
        hint: [
            "Perbarui isian portal (nilai portal -> nilai OPD).",
            "Update the portal entry (portal value -> agency value).",
        ],
    },
    CodeInfo {
        code: Code::P003,
        severity: Warning,
        summary: [
            "Cocok dengan lebih dari satu inovasi di portal",
            "Ambiguous portal match",
        ],
        explain: [
            "Dua atau lebih inovasi di portal sama miripnya dengan inovasi ini; bimtek tidak menebak mana yang sama.\nPerbaikan: samakan nama inovasi dengan salah satu inovasi di portal, atau hapus inovasi ganda di portal.",
            "Two or more portal entries are equally close to this innovation; bimtek does not guess which is the same.\nFix: make the name match one portal entry, or remove the duplicate entry in the portal.",
        ],
        message: [
            "\"{value}\" sama miripnya dengan beberapa inovasi di portal: {candidates}",
            "\"{value}\" is equally close to several portal entries: {candidates}",
        ],
        hint: [
            "Samakan nama dengan inovasi di portal yang benar.",
            "Make the name match the right portal entry.",
        ],
    },
    CodeInfo {
        code: Code::P004,
        severity: Info,
        summary: ["Hanya ada di portal", "Only in the portal"],
        explain: [
            "Inovasi di portal ini tidak ada di berkas OPD mana pun. Mungkin OPD menghapusnya, mengganti namanya, atau lupa mengirim.\nPerbaikan: tanyakan ke OPD; hapus dari portal bila memang tidak dilaporkan lagi.",
            "This portal entry is in no agency file. The agency may have dropped or renamed it, or forgot to send it.\nFix: ask the agency; remove it from the portal if it is no longer reported.",
        ],
        message: [
            "\"{value}\" ada di portal tetapi tidak di berkas OPD",
            "\"{value}\" is in the portal but in no agency file",
        ],
        hint: [
            "Tanyakan ke OPD apakah inovasi ini masih dilaporkan.",
            "Ask the agency whether it is still reported.",
        ],
    },
    CodeInfo {
        code: Code::P005,
        severity: Warning,
        summary: [
            "Inovasi di portal lama belum diperbarui",
            "Portal entry not updated for long",
        ],
        explain: [
            "Tanggal terakhir diperbarui di portal lebih lama dari batas (--stale-after, bawaan dari templat) sebelum tanggal acuan.\nPerbaikan: perbarui isian dan bukti dukungnya di portal.",
            "The portal's last-updated date is older than the limit (--stale-after, default from the template) before the reference date.\nFix: update the entry and its evidence in the portal.",
        ],
        message: [
            "Inovasi di portal terakhir diperbarui {value} ({days} hari lalu)",
            "The portal entry was last updated {value} ({days} days ago)",
        ],
        hint: [
            "Perbarui isian dan bukti dukung di portal.",
            "Update the entry and its evidence in the portal.",
        ],
    },
    CodeInfo {
        code: Code::P006,
        severity: Warning,
        summary: [
            "Skor kematangan di portal berbeda",
            "Maturity score in the portal differs",
        ],
        explain: [
            "Estimasi Skor Kematangan di unduhan portal berbeda dari skor yang dihitung bimtek dari parameter yang dipilih di berkas OPD (skor klaim). Artinya parameter atau bukti dukung di portal tidak sama dengan yang ada di folder.\nPerbaikan: samakan parameter dan bukti dukung di portal dengan berkas OPD (atau sebaliknya).",
            "The Estimasi Skor Kematangan in the portal download differs from the score bimtek computes from the parameters chosen in the agency's file (the claimed score). The parameters or evidence in the portal are not those in the folder.\nFix: make the portal's parameters and evidence match the agency's file (or the other way round).",
        ],
        message: [
            "Skor kematangan di portal {portal}, di berkas OPD {claimed}",
            "Maturity score in the portal {portal}, in the agency's file {claimed}",
        ],
        hint: [
            "Samakan parameter dan bukti dukung di portal dengan berkas OPD.",
            "Make the portal's parameters and evidence match the agency's file.",
        ],
    },
    CodeInfo {
        code: Code::W001,
        severity: Error,
        summary: [
            "Penerapan di luar rentang penilaian",
            "Application outside the assessment window",
        ],
        explain: [
            "Tahun ini hanya inovasi yang mulai diterapkan di dalam rentang penilaian (templat: [window]) yang dinilai, atau yang lebih lama tetapi punya waktu pengembangan di dalam rentang itu.\nPerbaikan: isi waktu pengembangan bila inovasi dikembangkan di dalam rentang, atau jangan laporkan tahun ini.",
            "This year only innovations first applied inside the assessment window (template: [window]) are scored, or older ones with a development date inside it.\nFix: fill the development date if it was developed inside the window, or do not report it this year.",
        ],
        message: [
            "Waktu penerapan {value} sebelum rentang {window}, tanpa waktu pengembangan di dalamnya (pengembangan: {pengembangan})",
            "Application date {value} is before the window {window}, with no development date inside it (development: {pengembangan})",
        ],
        hint: [
            "Isi waktu pengembangan di dalam {window}, atau jangan laporkan.",
            "Fill a development date inside {window}, or do not report it.",
        ],
    },
    CodeInfo {
        code: Code::W002,
        severity: Error,
        summary: [
            "Penerapan terlalu baru untuk tahun ini",
            "Application too new for this year",
        ],
        explain: [
            "Inovasi yang mulai diterapkan setelah akhir rentang penilaian belum dapat dilaporkan tahun ini. Pada tahapan Penerapan tanpa waktu penerapan, uji coba yang sudah setelah rentang berarti penerapannya juga setelah rentang: dilaporkan pada waktu uji coba. Tanggal setelah tanggal acuan hanya dilaporkan sebagai D004.\nPerbaikan: laporkan tahun depan, atau periksa tanggalnya.",
            "An innovation first applied after the end of the assessment window cannot be reported this year. At stage Penerapan with no application date, a trial already after the window means the application is after it too: reported on the trial date. A date after the reference date is reported as D004 only.\nFix: report it next year, or check the date.",
        ],
        message: [
            "{what} {value} setelah rentang {window}{implied}",
            "{what} {value} is after the window {window}{implied}",
        ],
        hint: [
            "Laporkan tahun depan atau periksa tanggal.",
            "Report it next year or check the date.",
        ],
    },
    CodeInfo {
        code: Code::W003,
        severity: Error,
        summary: [
            "Sudah dilaporkan terlalu sering tanpa pengembangan",
            "Reported too often without development",
        ],
        explain: [
            "Inovasi yang sama sudah masuk data tahun-tahun sebelumnya sebanyak batas di templat ([window] max_prior_entries). Kab. Tegal 2024: \"maksimal dua kali\", sehingga masukan ketiga dilaporkan walaupun ada waktu pengembangan di dalam rentang; templat dapat melonggarkannya ([window] development_lifts_limit = true).\nPerbaikan: jangan laporkan lagi, atau laporkan sebagai inovasi baru bila memang berbeda.",
            "The same innovation is already in earlier years' data as often as the template allows ([window] max_prior_entries). Kab. Tegal 2024: \"maksimal dua kali\" (at most twice), so the third entry is reported even with a development date inside the window; a template may relax this ([window] development_lifts_limit = true).\nFix: do not report it again, or report it as a new innovation if it really differs.",
        ],
        message: [
            "\"{value}\" sudah dilaporkan {count} kali ({years}); batas {max} kali",
            "\"{value}\" was reported {count} times ({years}); the limit is {max}",
        ],
        hint: [
            "Jangan laporkan lagi tahun ini.",
            "Do not report it again this year.",
        ],
    },
    CodeInfo {
        code: Code::W004,
        severity: Warning,
        summary: [
            "Pengembangan di luar rentang penilaian",
            "Development outside the assessment window",
        ],
        explain: [
            "Waktu penerapan di dalam rentang penilaian, tetapi waktu pengembangan terbaru di luarnya (SIMONDA: \"Pengembangan terbaru di luar rentang\"). Inovasi tetap layak karena penerapannya, tetapi tanggal pengembangan itu tidak dapat dipakai dan mungkin salah ketik.\nPerbaikan: periksa tanggal pengembangan; kosongkan bila tidak ada pengembangan di dalam rentang.",
            "The application date is inside the assessment window, but the latest development date is outside it (SIMONDA: \"Pengembangan terbaru di luar rentang\"). The innovation stays eligible through its application, but that development date cannot count and may be a typo.\nFix: check the development date; clear it if nothing was developed inside the window.",
        ],
        message: [
            "Waktu pengembangan {value} di luar rentang {window}",
            "Development date {value} is outside the window {window}",
        ],
        hint: [
            "Periksa tanggal pengembangan.",
            "Check the development date.",
        ],
    },
    // ---------------------------------------------------------------- O: agencies on the roster
    CodeInfo {
        code: Code::O001,
        severity: Warning,
        summary: [
            "OPD di daftar belum mengirim apa pun",
            "Agency on the roster sent nothing",
        ],
        explain: [
            "Perangkat daerah (atau unit: UPT Puskesmas, sekolah, desa) ini ada di daftar OPD (--roster, atau [roster] templat), tetapi tidak ada berkas dari OPD ini dan tidak ada inovasi yang tercatat atas namanya, juga tidak di data portal (--baseline). Nama OPD di data dicocokkan dengan nama dan alias di daftar setelah huruf besar/kecil, spasi dan tanda baca diabaikan; sebuah berkas milik OPD yang dinamai foldernya (atau nama berkasnya). Temuan ini menunjuk baris OPD di daftar, bukan berkas data.\nContoh: daftar memuat Dinas Pendidikan, folder masukan tidak punya berkas atau baris Dinas Pendidikan.\nPerbaikan: tagih OPD itu; bila inovasinya ada dengan ejaan lain, tambahkan ejaan itu di kolom Alias daftar.",
            "This agency (or unit: a UPT Puskesmas, a school, a village) is on the roster (--roster, or the template's [roster]), but no file comes from it and no innovation is recorded under its name, nor in the portal data (--baseline). Agency names in the data match the roster's names and aliases ignoring case, spaces and punctuation; a file belongs to the agency its folder (or its file name) names. The finding points at the agency's line on the roster, not at a data file.\nExample: the roster lists Dinas Pendidikan; the input folder holds no file or row of Dinas Pendidikan.\nFix: remind the agency; if its innovations are there under another spelling, add that spelling to the roster's Alias column.",
        ],
        message: [
            "{value} belum mengirim berkas atau inovasi apa pun",
            "{value} has sent no file and no innovation",
        ],
        hint: [
            "Tagih {value}; ejaan lain namanya di data masuk ke kolom Alias daftar OPD.",
            "Remind {value}; other spellings of its name in the data go in the roster's Alias column.",
        ],
    },
    CodeInfo {
        code: Code::O002,
        severity: Warning,
        summary: [
            "OPD di daftar mengirim berkas tanpa inovasi",
            "Agency on the roster sent files without any innovation",
        ],
        explain: [
            "Ada berkas dari OPD di daftar ini (menurut nama folder atau nama berkasnya), tetapi tidak satu pun inovasi tercatat atas nama OPD itu: berkasnya kosong, rusak, bukan data inovasi, atau barisnya menyebut OPD lain. Temuan tentang berkas itu sendiri (misalnya F003) menjelaskan sebabnya.\nPerbaikan: lihat temuan pada berkas yang disebut, lalu minta OPD mengirim ulang berkas yang terisi.",
            "Files came from this agency on the roster (by their folder or file name), but no innovation is recorded under its name: the files are empty, broken, not innovation data, or their rows name another agency. The findings on those files (for example F003) say why.\nFix: see the findings on the files named, and ask the agency for a filled-in file.",
        ],
        message: [
            "{value} mengirim {count} berkas tanpa satu pun inovasi: {files}",
            "{value} sent {count} file(s) without any innovation: {files}",
        ],
        hint: [
            "Lihat temuan pada berkas itu dan minta {value} mengirim ulang berkas yang terisi.",
            "See the findings on those files and ask {value} for a filled-in file.",
        ],
    },
    CodeInfo {
        code: Code::O003,
        severity: Warning,
        summary: [
            "Inovasi OPD di daftar hanya ada di portal",
            "Agency on the roster has innovations only in the portal",
        ],
        explain: [
            "Data portal (--baseline) mencatat inovasi atas nama OPD di daftar ini, tetapi berkas yang diperiksa tidak memuat satu pun inovasinya. Tanpa berkas OPD, isian portal itu tidak dapat diperiksa atau diperbarui.\nPerbaikan: minta OPD mengirim berkas inovasinya (yang sudah di portal juga).",
            "The portal data (--baseline) records innovations under this agency on the roster, but the files checked hold none of its innovations. Without the agency's file those portal entries cannot be checked or updated.\nFix: ask the agency for its innovations file (including those already in the portal).",
        ],
        message: [
            "{value} punya {count} inovasi di data portal ({names}) tetapi tidak ada di berkas yang diperiksa",
            "{value} has {count} innovation(s) in the portal data ({names}) but none in the files checked",
        ],
        hint: [
            "Minta {value} mengirim berkas inovasinya.",
            "Ask {value} for its innovations file.",
        ],
    },
    CodeInfo {
        code: Code::O004,
        severity: Warning,
        summary: [
            "Nama OPD tidak ada di daftar",
            "Agency name not on the roster",
        ],
        explain: [
            "Inovasi di berkas ini tercatat atas nama OPD yang tidak cocok dengan nama atau alias mana pun di daftar OPD (setelah huruf besar/kecil, spasi dan tanda baca diabaikan). bimtek tidak menebak OPD mana yang dimaksud: inovasinya tidak dihitung untuk OPD di daftar. Nama yang mirip disebut di petunjuk.\nContoh: \"Dinkes Kab\" bila daftar hanya memuat \"Dinas Kesehatan\" dengan alias \"Dinkes\".\nPerbaikan: tambahkan ejaan ini di kolom Alias OPD yang benar, tambahkan OPD-nya ke daftar, atau perbaiki nama di berkas.",
            "Innovations in this file are recorded under an agency name that matches no name or alias on the roster (ignoring case, spaces and punctuation). bimtek does not guess which agency is meant: its innovations do not count for any agency on the roster. A similar name is given in the hint.\nExample: \"Dinkes Kab\" when the roster lists only \"Dinas Kesehatan\" with the alias \"Dinkes\".\nFix: add this spelling to the right agency's Alias column, add the agency to the roster, or correct the name in the file.",
        ],
        message: [
            "\"{value}\" ({count} inovasi) tidak ada di daftar OPD",
            "\"{value}\" ({count} innovations) is not on the roster",
        ],
        hint: [
            "Tambahkan \"{value}\" ke daftar OPD atau sebagai alias{near}.",
            "Add \"{value}\" to the roster or as an alias{near}.",
        ],
    },
    CodeInfo {
        code: Code::O005,
        severity: Warning,
        summary: [
            "Nama di daftar OPD tercantum dua kali",
            "Name listed twice on the roster",
        ],
        explain: [
            "Nama atau alias di baris ini sudah menjadi nama atau alias OPD lain di daftar (setelah huruf besar/kecil, spasi dan tanda baca diabaikan). Satu nama hanya boleh menunjuk satu OPD; baris (atau alias) ini diabaikan.\nPerbaikan: hapus baris ganda, atau hapus alias dari salah satu OPD.",
            "The name or alias on this row already names another agency on the roster (ignoring case, spaces and punctuation). One name may point at one agency only; this row (or alias) is ignored.\nFix: remove the duplicate row, or remove the alias from one of the agencies.",
        ],
        message: [
            "\"{value}\" sudah menjadi nama atau alias {other}",
            "\"{value}\" already names {other}",
        ],
        hint: [
            "Hapus baris ganda atau alias yang bentrok dari daftar OPD.",
            "Remove the duplicate row or the clashing alias from the roster.",
        ],
    },
    CodeInfo {
        code: Code::O006,
        severity: Warning,
        summary: ["Baris daftar OPD tanpa nama", "Roster row without a name"],
        explain: [
            "Baris daftar OPD ini berisi alias atau kelompok tetapi kolom Nama-nya kosong, sehingga tidak menjadi OPD di daftar dan diabaikan.\nPerbaikan: isi kolom Nama, atau hapus barisnya.",
            "This roster row has an alias or a group but an empty Nama column, so it names no agency and is ignored.\nFix: fill the Nama column, or remove the row.",
        ],
        message: [
            "Baris tanpa Nama diabaikan ({value})",
            "A row without a Nama is ignored ({value})",
        ],
        hint: [
            "Isi kolom Nama atau hapus barisnya.",
            "Fill the Nama column or remove the row.",
        ],
    },
    // ---------------------------------------------------------------- L: Laboratorium Inovasi ideas
    CodeInfo {
        code: Code::L001,
        severity: Warning,
        summary: [
            "Jumlah ide di judul kelompok tidak sama dengan baris di bawahnya",
            "The idea count in a group title differs from the rows under it",
        ],
        explain: [
            "Daftar ide Laboratorium Inovasi LAN mengelompokkan ide per pemda di bawah baris judul, misalnya \"Laboratorium Inovasi Pemerintah Kota Yogyakarta (120 Ide Inovasi)\" (pengaturan templat `group_titles` menyebut awal judulnya). Pemda setiap ide diambil dari judul kelompoknya, dan angka dalam kurung dibandingkan dengan jumlah baris ide yang terbaca di bawahnya sampai judul berikutnya atau akhir lembar. Bila berbeda, ada ide yang hilang, tergandakan, atau masuk kelompok lain.\nContoh: judul menyebut 120 ide, di bawahnya 118 baris.\nPerbaikan: cocokkan daftar dengan catatan lab; perbaiki angka di judul atau lengkapi barisnya.",
            "LAN's Laboratorium Inovasi idea lists group the ideas per pemda under a title row, such as \"Laboratorium Inovasi Pemerintah Kota Yogyakarta (120 Ide Inovasi)\" (the template setting `group_titles` names how a title begins). Each idea's pemda is taken from its group's title, and the number in brackets is compared with the idea rows read under it, up to the next title or the end of the sheet. When they differ, ideas are missing, doubled, or in another group.\nExample: the title says 120 ideas, 118 rows follow.\nFix: compare the list with the lab's records; correct the number in the title or complete the rows.",
        ],
        message: [
            "Judul kelompok {pemda} menyebut {stated} ide, terbaca {read} baris ide",
            "The group title of {pemda} states {stated} ideas, {read} idea rows were read",
        ],
        hint: [
            "Cocokkan jumlah di judul dengan baris ide di bawahnya.",
            "Make the count in the title match the idea rows under it.",
        ],
    },
    CodeInfo {
        code: Code::L002,
        severity: Warning,
        summary: [
            "Ide yang hampir sama dua kali dalam satu pemda",
            "Nearly the same idea twice in one pemda",
        ],
        explain: [
            "Dua ide inovasi dari satu pemda memakai kata-kata yang hampir sama: paling sedikit bagian kata yang ditetapkan pengaturan templat `similar_ideas` (dari ide yang lebih panjang; huruf besar/kecil, tanda baca dan kata sambung diabaikan). Biasanya satu ide yang diusulkan dua unit, atau ditulis ulang dengan sedikit perubahan. Nama yang sama persis sesudah dilipat sudah dilaporkan U001/U002. Temuan ini menunjuk ide yang kemudian dan menyebut ide yang lebih dulu.\nContoh: \"Sistem Informasi Posyandu Digital\" dan \"Sistem Informasi Posyandu Digital Terpadu\" di Kabupaten Uji.\nPerbaikan: gabungkan kedua ide bila memang sama, atau bedakan namanya sesuai isinya.",
            "Two innovation ideas of one pemda use nearly the same words: at least the share set by the template setting `similar_ideas` (of the longer idea; case, punctuation and joining words ignored). Usually one idea proposed by two units, or written again with small changes. Names equal once folded are reported as U001/U002 already. The finding points at the later idea and names the earlier one.\nExample: \"Sistem Informasi Posyandu Digital\" and \"Sistem Informasi Posyandu Digital Terpadu\" in Kabupaten Uji.\nFix: merge the two ideas if they are one, or name each after what it does.",
        ],
        message: [
            "\"{value}\" hampir sama ({percent}% kata) dengan \"{other_name}\" di {other}",
            "\"{value}\" is nearly the same ({percent}% of words) as \"{other_name}\" at {other}",
        ],
        hint: [
            "Gabungkan bila satu ide, atau bedakan namanya.",
            "Merge them if they are one idea, or tell them apart by name.",
        ],
    },
    CodeInfo {
        code: Code::L003,
        severity: Error,
        summary: [
            "Ide diluncurkan sebelum tahap Diagnose",
            "Idea launched before its Diagnose stage",
        ],
        explain: [
            "Ide inovasi lahir pada tahap Diagnose Laboratorium Inovasi dan diluncurkan sesudahnya (Deliver, Display). Bila Tanggal Peluncuran lebih awal daripada Tanggal Diagnose, salah satu tanggal keliru (sering hari dan bulan tertukar, atau tahun salah ketik). Diperiksa hanya bila kedua tanggal tercatat, dan hanya serinci tanggal yang kurang rinci (bulan atau tahun saja).\nContoh: Tanggal Diagnose 12/10/2026, Tanggal Peluncuran 01/03/2026.\nPerbaikan: periksa kedua tanggal pada catatan lab dan betulkan yang salah.",
            "An innovation idea is born at the lab's Diagnose stage and launched after it (Deliver, Display). A launch date earlier than the diagnose date means one of them is wrong (often day and month swapped, or a mistyped year). Checked only when both dates are recorded, and only as finely as the coarser date (month or year only).\nExample: diagnose date 12/10/2026, launch date 01/03/2026.\nFix: check both dates against the lab's records and correct the wrong one.",
        ],
        message: [
            "{label} {value} lebih awal daripada Tanggal Diagnose {diagnose}",
            "{label_en} {value} is before the diagnose date {diagnose}",
        ],
        hint: [
            "Betulkan tanggal yang salah: peluncuran sesudah Diagnose.",
            "Correct the wrong date: the launch comes after Diagnose.",
        ],
    },
    CodeInfo {
        code: Code::L004,
        severity: Warning,
        summary: [
            "Kode ide tidak mengikuti skema kode LAN",
            "Idea code does not follow LAN's code scheme",
        ],
        explain: [
            "LAN memberi setiap ide kode `YY SRC LLnn BBB NNN`: dua angka tahun (15 = 2015), sumber (LI Lab Inovasi, DI Direktori, SIV SINOVIK, APE APEKSI, APK APKASI, PP1-PP4 Proyek Perubahan; pengaturan templat `code_sources`), lokasi (dua huruf provinsi dan dua angka kabupaten/kota, 00 = provinsi), tiga huruf urusan (KES, PDK, KIF, ...) dan tiga angka nomor urut, dipisah spasi. Kode yang menyimpang tidak bisa dipilah menurut tahun, lokasi atau urusan. Pesan menyebut bagian pertama yang menyimpang. Kode kosong tidak diperiksa.\nContoh: `15 LI YO5 AKP 013` (angka nol lokasi hilang), `16 LI KL10` (terpotong).\nPerbaikan: tulis kode lengkap menurut skema, misalnya `15 LI YO05 AKP 013`.",
            "LAN gives each idea a code `YY SRC LLnn BBB NNN`: two digits of year (15 = 2015), the source (LI Lab Inovasi, DI Direktori, SIV SINOVIK, APE APEKSI, APK APKASI, PP1-PP4 Proyek Perubahan; template setting `code_sources`), the location (two letters of province and two digits of kabupaten/kota, 00 = the province), three letters of urusan (KES, PDK, KIF, ...) and three digits of running number, separated by spaces. A code off the scheme cannot be sorted by year, location or urusan. The message names the first part that is off. An empty code is not checked.\nExample: `15 LI YO5 AKP 013` (the location's zero dropped), `16 LI KL10` (cut short).\nFix: write the whole code as the scheme says, such as `15 LI YO05 AKP 013`.",
        ],
        message: [
            "Kode {value} tidak mengikuti skema LAN: {why}",
            "Code {value} does not follow LAN's scheme: {why_en}",
        ],
        hint: [
            "Tulis kode sebagai tahun, sumber, lokasi, urusan, nomor: 15 LI YO05 KIF 001.",
            "Write the code as year, source, location, urusan, number: 15 LI YO05 KIF 001.",
        ],
    },
    CodeInfo {
        code: Code::L005,
        severity: Warning,
        summary: [
            "Bagian urusan kode ide masih `...`",
            "The urusan part of an idea code is still `...`",
        ],
        explain: [
            "Bagian keempat kode LAN (`YY SRC LLnn BBB NNN`) adalah tiga huruf urusan pemerintahan ide (KES kesehatan, PDK pendidikan, KIF komunikasi dan informatika, ...). Daftar lab sering mengisinya `...` selama urusan belum ditentukan; ide itu belum bisa dipilah menurut urusan.\nContoh: `16 LI JT20 ... 001`.\nPerbaikan: tentukan urusan ide dan ganti `...` dengan kodenya.",
            "The fourth part of LAN's code (`YY SRC LLnn BBB NNN`) is the three letters of the idea's government affair (KES health, PDK education, KIF communication and informatics, ...). Lab lists often hold `...` there while the urusan is undecided; such an idea cannot be sorted by urusan yet.\nExample: `16 LI JT20 ... 001`.\nFix: decide the idea's urusan and replace `...` with its code.",
        ],
        message: [
            "Kode {value}: urusan belum diisi (`...`)",
            "Code {value}: the urusan is not filled in (`...`)",
        ],
        hint: [
            "Ganti `...` dengan kode urusan tiga huruf (KES, PDK, KIF, ...).",
            "Replace `...` with the three-letter urusan code (KES, PDK, KIF, ...).",
        ],
    },
    CodeInfo {
        code: Code::L006,
        severity: Warning,
        summary: ["Satu kode ide dipakai dua kali", "One idea code used twice"],
        explain: [
            "Kode LAN (`YY SRC LLnn BBB NNN`) menandai satu ide; nomor urut di ujungnya membedakan ide dengan lokasi dan urusan yang sama. Dua baris satu berkas dengan kode yang sama membuat ide tertukar saat ditelusuri. Hanya kode yang mengikuti skema dibandingkan (kode yang menyimpang adalah L004). Temuan ini menunjuk baris yang kemudian dan menyebut baris yang lebih dulu.\nContoh: `16 LI KL10 KIF 130` pada dua ide berbeda.\nPerbaikan: beri ide yang kemudian nomor urut berikutnya yang belum dipakai.",
            "A LAN code (`YY SRC LLnn BBB NNN`) marks one idea; its running number tells apart the ideas of one location and urusan. Two rows of one file with the same code mix the ideas up when they are followed. Only codes that follow the scheme are compared (the others are L004). The finding points at the later row and names the earlier.\nExample: `16 LI KL10 KIF 130` on two different ideas.\nFix: give the later idea the next unused running number.",
        ],
        message: [
            "Kode {value} sudah dipakai ({other})",
            "Code {value} is already used ({other_en})",
        ],
        hint: [
            "Beri ide ini nomor urut yang belum dipakai.",
            "Give this idea a running number not yet used.",
        ],
    },
    CodeInfo {
        code: Code::L007,
        severity: Warning,
        summary: [
            "Ide diluncurkan di laboratorium, belum dimasukkan ke IID",
            "Idea launched in the lab, not yet entered in the IID",
        ],
        explain: [
            "Ide yang sudah sampai tahap peluncuran Laboratorium Inovasi (pengaturan templat `launched_stages`: Deliver, Display, Documentation) sudah menjadi inovasi, dan baru dinilai Indeks Inovasi Daerah bila dimasukkan ke IID. Ide dicari di daftar inovasi IID pemdanya (`--iid`, dibaca dengan templat iid-2026) dan unduhan portal (`--baseline`) dengan aturan pencocokan nama yang sama dengan perbandingan portal: nama yang sama sesudah huruf besar/kecil dan tanda baca diabaikan, lalu kemiripan kata (`--match-threshold`), di dalam pemda yang sama (Pemkot, Pemkab, Pemerintah Kota ... dibaca sebagai Kota, Kabupaten ...); entri tanpa pemda cocok dengan pemda mana pun.\nContoh: \"Posyandu Digital\" di tahap Display, tidak ada di daftar IID Kabupaten Uji.\nPerbaikan: masukkan inovasinya ke IID, atau samakan namanya bila sudah dimasukkan dengan nama lain.",
            "An idea that has reached a launch stage of the Laboratorium Inovasi (template setting `launched_stages`: Deliver, Display, Documentation) is an innovation now, and counts in the Indeks Inovasi Daerah only once entered in the IID. The idea is looked for in its pemda's IID innovation lists (`--iid`, read with the iid-2026 template) and portal downloads (`--baseline`) by the name-matching rules of the portal comparison: the same name once case and punctuation are folded, then word similarity (`--match-threshold`), within the same pemda (Pemkot, Pemkab, Pemerintah Kota ... read as Kota, Kabupaten ...); an entry naming no pemda matches any pemda.\nExample: \"Posyandu Digital\" at Display, absent from Kabupaten Uji's IID list.\nFix: enter the innovation in the IID, or make the names match when it was entered under another name.",
        ],
        message: [
            "\"{value}\" diluncurkan di laboratorium (tahap {stage}), belum dimasukkan ke IID",
            "\"{value}\" launched in the lab (stage {stage}), not yet entered in the IID",
        ],
        hint: [
            "Masukkan inovasinya ke IID, atau samakan namanya dengan entri IID-nya.",
            "Enter the innovation in the IID, or make its name match its IID entry.",
        ],
    },
    CodeInfo {
        code: Code::L008,
        severity: Warning,
        summary: [
            "Ide yang diluncurkan cocok dengan lebih dari satu entri IID",
            "Launched idea matches more than one IID entry",
        ],
        explain: [
            "Dua atau lebih entri di daftar IID (`--iid`, `--baseline`) sama miripnya dengan ide yang sudah diluncurkan ini; bimtek tidak menebak mana yang sama, dan menyebut semuanya.\nContoh: ide \"Posyandu Digital Desa\" dan entri IID \"Posyandu Digital\" serta \"Desa Digital Posyandu\".\nPerbaikan: samakan nama ide dengan entri IID-nya, atau hapus entri ganda di IID.",
            "Two or more entries of the IID lists (`--iid`, `--baseline`) are equally close to this launched idea; bimtek does not guess which is the same, and names them all.\nExample: the idea \"Posyandu Digital Desa\" and the IID entries \"Posyandu Digital\" and \"Desa Digital Posyandu\".\nFix: make the idea's name match its IID entry, or remove the duplicate entry in the IID.",
        ],
        message: [
            "\"{value}\" sama miripnya dengan beberapa entri IID: {candidates}",
            "\"{value}\" is equally close to several IID entries: {candidates_en}",
        ],
        hint: [
            "Samakan nama ide dengan entri IID yang benar.",
            "Make the idea's name match the right IID entry.",
        ],
    },
    CodeInfo {
        code: Code::L009,
        severity: Info,
        summary: [
            "Ide serupa dengan inovasi di tempat lain",
            "Idea like innovations elsewhere",
        ],
        explain: [
            "Dengan `--catalog BERKAS` (daftar inovasi apa pun, misalnya lembar Direktori Inovasi LAN), setiap ide dibandingkan dengan inovasi katalog dari pemda lain: paling banyak tiga yang paling mirip, dengan kemiripan (bagian kata yang sama dari nama yang lebih panjang, seperti L002; paling sedikit pengaturan templat `similar_catalog`) dan pemdanya. Ide yang serupa adalah replikasi: pelajari inovasi itu atau replikasikan; ide tanpa temuan ini baru bagi katalog. Inovasi pemda ide itu sendiri tidak dibandingkan (itu urusan L007).\nContoh: \"Sistem Antrian Online Puskesmas\" serupa dengan \"Antrian Online Puskesmas\" (Kota Malang, 75 %).\nPerbaikan: tidak ada yang salah; hubungi pemda itu untuk belajar atau mereplikasi.",
            "With `--catalog FILE` (any innovation list, such as LAN's Direktori Inovasi sheet), each idea is compared with the catalogue's innovations of other pemda: at most the three closest, with their similarity (the share of words of the longer name, as L002 counts; at least the template setting `similar_catalog`) and pemda. An idea like them is a replication: learn from the innovation or replicate it; an idea without this finding is new to the catalogue. Innovations of the idea's own pemda are not compared (that is L007's part).\nExample: \"Sistem Antrian Online Puskesmas\" is like \"Antrian Online Puskesmas\" (Kota Malang, 75 %).\nFix: nothing is wrong; ask that pemda, to learn or to replicate.",
        ],
        message: [
            "\"{value}\" serupa dengan {similar}: pelajari atau replikasi",
            "\"{value}\" is like {similar_en}: learn from it or replicate it",
        ],
        hint: [
            "Hubungi pemda itu untuk belajar atau mereplikasi inovasinya.",
            "Ask that pemda, to learn from its innovation or to replicate it.",
        ],
    },
    CodeInfo {
        code: Code::L010,
        severity: Warning,
        summary: [
            "Tahap ide mundur di daftar lab yang lebih baru",
            "An idea's stage goes back in a later list of the lab",
        ],
        explain: [
            "Tahap 5D sebuah ide hanya maju: Drum-up, Diagnose, Design, Deliver, Display, lalu Documentation (urutan pilihan isian `tahap` templat). Bila satu pemeriksaan memuat dua daftar ide satu lab (satu pemda), misalnya daftar bulan lalu dan bulan ini, setiap ide di daftar yang lebih baru dibandingkan dengan ide yang sama di daftar sebelumnya. Urutan daftar diambil dari tanggal pada nama lembarnya, atau pada nama berkas atau foldernya (`2026-05`, `31-05-2026`, `Mei 2026`, `20260531`, atau tahun saja); daftar tanpa tanggal, atau bertanggal sama, tidak dibandingkan. Ide yang sama: kode LAN-nya sama, atau namanya sama setelah huruf besar/kecil, spasi dan tanda baca diabaikan. Temuan ini menunjuk tahap di daftar yang lebih baru dan menyebut daftar sebelumnya.\nContoh: `ide 2026-05.xlsx` mencatat Posyandu Digital di tahap Design, `ide 2026-06.xlsx` di tahap Diagnose.\nPerbaikan: betulkan tahap di daftar baru; bila ide memang diulang dari awal, catat alasannya pada catatan lab.",
            "An idea's 5D stage only moves on: Drum-up, Diagnose, Design, Deliver, Display, then Documentation (the order of the template's `tahap` field values). When one check holds two idea lists of one lab (one pemda), such as last month's and this month's, each idea of the later list is compared with the same idea in the list before. The lists are ordered by a date in their sheet's name, or else in their file's or folder's name (`2026-05`, `31-05-2026`, `Mei 2026`, `20260531`, or a year alone); lists without a date, or of the same date, are not compared. The same idea: the same LAN code, or the same name ignoring case, spaces and punctuation. The finding points at the stage in the later list and names the earlier list.\nExample: `ide 2026-05.xlsx` has Posyandu Digital at Design, `ide 2026-06.xlsx` at Diagnose.\nFix: correct the stage in the new list; if the idea really started over, say why in the lab's records.",
        ],
        message: [
            "Tahap {stage} di daftar {date} lebih awal daripada {before} di daftar {before_date}, {other}",
            "Stage {stage} in the list of {date} is earlier than {before} in the list of {before_date}, {other_en}",
        ],
        hint: [
            "Betulkan tahap ide ini: tahap 5D tidak mundur.",
            "Correct this idea's stage: a 5D stage does not go back.",
        ],
    },
    CodeInfo {
        code: Code::L011,
        severity: Error,
        summary: [
            "Tanggal peluncuran masih akan datang pada tahap yang sudah meluncurkan ide",
            "Launch date still to come at a stage that has launched the idea",
        ],
        explain: [
            "Sebelum tahap Deliver, Tanggal Peluncuran sebuah ide adalah rencana, dan tanggal yang akan datang wajar. Pada tahap yang sudah meluncurkan ide (pengaturan templat `launched_stages`: Deliver, Display, Documentation) ide sudah diluncurkan, sehingga Tanggal Peluncuran sesudah tanggal acuan (--as-of, bawaan hari ini) keliru: tanggalnya salah ketik, atau tahapnya belum sampai. Diperiksa serinci tanggalnya (bulan atau tahun saja).\nContoh: tahap Display, Tanggal Peluncuran 01/03/2027, diperiksa 06/12/2026.\nPerbaikan: tulis tanggal peluncuran yang sebenarnya, atau betulkan tahapnya.",
            "Before the Deliver stage an idea's launch date is a plan, and a date still to come is normal. At a stage that has launched the idea (the template setting `launched_stages`: Deliver, Display, Documentation) the idea is out, so a launch date after the reference date (--as-of, today by default) is wrong: a mistyped date, or a stage not reached yet. Compared as finely as the date (month or year only).\nExample: stage Display, launch date 01/03/2027, checked on 06/12/2026.\nFix: write the real launch date, or correct the stage.",
        ],
        message: [
            "{label} {value} sesudah tanggal acuan {as_of}, padahal tahapnya {stage}",
            "{label_en} {value} is after the reference date {as_of}, yet the stage is {stage}",
        ],
        hint: [
            "Tulis tanggal peluncuran yang sebenarnya, atau betulkan tahapnya.",
            "Write the real launch date, or correct the stage.",
        ],
    },
    CodeInfo {
        code: Code::L012,
        severity: Warning,
        summary: [
            "Tahun kode ide tidak sama dengan tahun lab",
            "The idea code's year is not the lab's year",
        ],
        explain: [
            "Dua angka pertama kode LAN (`YY SRC LLnn BBB NNN`) adalah tahun (15 = 2015); pada buku kerja LAN 2015-2017 tahun itu adalah tahun lab yang melahirkan ide (hanya satu sumber, sehingga pemeriksaan ini dinyalakan pengaturan templat `code_year`). Tahun lab sebuah ide: tahun yang disebut judul kelompoknya (\"Laboratorium Inovasi Kota Uji 2026 (12 Ide Inovasi)\"), bila tidak ada tahun Tanggal Diagnose-nya, bila tidak ada pengaturan templat `lab_year`. Hanya kode yang mengikuti skema diperiksa (yang lain L004).\nContoh: kode `25 LI UJ01 KES 001` di bawah judul lab 2026.\nPerbaikan: betulkan tahun kode, atau tahun di judul atau tanggal diagnose.",
            "The first two digits of a LAN code (`YY SRC LLnn BBB NNN`) are the year (15 = 2015); in LAN's 2015-2017 workbook that is the year of the lab the idea came from (one source only, so the template setting `code_year` turns this check on). An idea's lab year: the year its group's title names (\"Laboratorium Inovasi Kota Uji 2026 (12 Ide Inovasi)\"), else the year of its diagnose date, else the template setting `lab_year`. Only codes that follow the scheme are checked (the others are L004).\nExample: code `25 LI UJ01 KES 001` under the title of a 2026 lab.\nFix: correct the code's year, or the year in the title or the diagnose date.",
        ],
        message: [
            "Kode {value}: tahun {yy} tidak sama dengan tahun lab {year} (dari {from})",
            "Code {value}: the year {yy} is not the lab's year {year} (from {from_en})",
        ],
        hint: [
            "Betulkan dua angka tahun di awal kode, atau tahun labnya.",
            "Correct the code's two year digits, or the lab's year.",
        ],
    },
    CodeInfo {
        code: Code::L013,
        severity: Warning,
        summary: [
            "Unit di daftar lab belum punya ide",
            "Unit on the lab's roster has no idea",
        ],
        explain: [
            "Setiap unit peserta Laboratorium Inovasi (OPD, kecamatan, puskesmas, BUMD) diharapkan membawa paling sedikit satu ide inovasi ke tahap Diagnose. Unit ini ada di daftar unit (--roster), tetapi tidak satu pun ide di daftar ide yang diperiksa tercatat atas namanya (kolom Inovator). Nama unit dicocokkan dengan nama dan alias di daftar setelah huruf besar/kecil, spasi dan tanda baca diabaikan, seperti temuan O: daftar OPD (pada templat lain temuan ini O001). Temuan ini menunjuk baris unit di daftar.\nContoh: daftar unit memuat Puskesmas Kota, daftar ide tidak memuat satu pun ide Puskesmas Kota.\nPerbaikan: dampingi unit itu menemukan idenya; bila idenya ada dengan ejaan nama lain, tambahkan ejaan itu di kolom Alias daftar.",
            "Every unit taking part in a Laboratorium Inovasi (agencies, kecamatan, puskesmas, BUMD) is expected to bring at least one innovation idea to the Diagnose stage. This unit is on the roster (--roster), but no idea in the idea lists checked is recorded under its name (the Inovator column). Unit names match the roster's names and aliases ignoring case, spaces and punctuation, as for the O roster findings (in other templates this finding is O001). The finding points at the unit's line on the roster.\nExample: the roster lists Puskesmas Kota; the idea lists hold no idea of Puskesmas Kota.\nFix: coach the unit to find its idea; if its ideas are there under another spelling, add that spelling to the roster's Alias column.",
        ],
        message: [
            "{value} belum punya satu pun ide di daftar ide",
            "{value} has no idea in the idea lists",
        ],
        hint: [
            "Dampingi {value} menemukan idenya; ejaan lain namanya di data masuk ke kolom Alias daftar.",
            "Coach {value} to find its idea; other spellings of its name in the data go in the roster's Alias column.",
        ],
    },
    CodeInfo {
        code: Code::L014,
        severity: Warning,
        summary: [
            "Unit pemilik ide tidak ada di daftar lab",
            "Unit with ideas is not on the lab's roster",
        ],
        explain: [
            "Ide di berkas ini tercatat atas nama unit (kolom Inovator) yang tidak cocok dengan nama atau alias mana pun di daftar unit (--roster; huruf besar/kecil, spasi dan tanda baca diabaikan). bimtek tidak menebak unit mana yang dimaksud: idenya tidak dihitung untuk unit di daftar (pada templat lain temuan ini O004). Nama yang mirip disebut di petunjuk.\nContoh: \"Dinas Pariwisata\" bila daftar unit tidak memuatnya.\nPerbaikan: tambahkan ejaan ini di kolom Alias unit yang benar, tambahkan unitnya ke daftar, atau perbaiki nama di daftar ide.",
            "Ideas in this file are recorded under a unit (the Inovator column) that matches no name or alias on the roster (--roster; ignoring case, spaces and punctuation). bimtek does not guess which unit is meant: its ideas count for no unit on the roster (in other templates this finding is O004). A similar name is given in the hint.\nExample: \"Dinas Pariwisata\" when the roster does not list it.\nFix: add this spelling to the right unit's Alias column, add the unit to the roster, or correct the name in the idea list.",
        ],
        message: [
            "\"{value}\" ({count} ide) tidak ada di daftar unit lab",
            "\"{value}\" ({count} ideas) is not on the lab's roster",
        ],
        hint: [
            "Tambahkan \"{value}\" ke daftar unit atau sebagai alias{near}.",
            "Add \"{value}\" to the roster or as an alias{near}.",
        ],
    },
];

// Entry `i` of the table is the code `i` of the enum, so `Code::info` is an
// index: a table out of step with the enum does not compile.
const _: () = {
    let mut i = 0;
    while i < CODES.len() {
        assert!(
            CODES[i].code as usize == i,
            "CODES is out of step with Code"
        );
        i += 1;
    }
};

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn codes_are_unique_sorted_and_well_formed() {
        let mut seen = BTreeSet::new();
        for c in &CODES {
            assert!(seen.insert(c.code), "duplicate code {}", c.code);
            let b = c.code.as_str().as_bytes();
            assert_eq!(b.len(), 4, "{}", c.code);
            assert!(b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit));
            for t in c
                .summary
                .iter()
                .chain(&c.explain)
                .chain(&c.message)
                .chain(&c.hint)
            {
                assert!(!t.trim().is_empty(), "{} has an empty text", c.code);
            }
        }
    }

    #[test]
    fn a_code_is_read_in_any_case_and_sorts_as_its_text() {
        assert_eq!(Code::parse("f001"), Some(Code::F001));
        assert_eq!(Code::parse("L006"), Some(Code::L006));
        assert_eq!(Code::parse("F999"), None);
        assert_eq!(Code::parse(""), None);
        assert!(Code::D001 < Code::F001 && Code::E018 < Code::F001);
        assert_eq!(Code::V003.info().code, Code::V003);
        assert_eq!(Code::V003.to_string(), "V003");
    }

    #[test]
    fn code_list_snapshot() {
        // Codes are a public contract: adding is fine, renumbering is not.
        let list: Vec<_> = CODES.iter().map(|c| c.code.as_str()).collect();
        let expected = [
            "F001", "F002", "F003", "F004", "F005", "F006", "F007", "F008", "F009", "F010", "F011",
            "F012", "F013", "F014", "F015", "F016", "F017", "F018", "F019", "F020", "F021", "H001",
            "H002", "H003", "H004", "R001", "V001", "V002", "V003", "V004", "V005", "V006", "V007",
            "V008", "V009", "V010", "D001", "D002", "D003", "D004", "D005", "D006", "D007", "D008",
            "T001", "T002", "T003", "U001", "U002", "U003", "U004", "U005", "U006", "E001", "E002",
            "E003", "E004", "E005", "E006", "E007", "E008", "E009", "E010", "E011", "E012", "E013",
            "E014", "E015", "E016", "E017", "E018", "S001", "S002", "S003", "P001", "P002", "P003",
            "P004", "P005", "P006", "W001", "W002", "W003", "W004", "O001", "O002", "O003", "O004",
            "O005", "O006", "L001", "L002", "L003", "L004", "L005", "L006", "L007", "L008", "L009",
            "L010", "L011", "L012", "L013", "L014",
        ];
        assert_eq!(&list[..], &expected[..]);
    }
}
