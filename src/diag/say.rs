//! The catalogue of everything bimtek says that is not a finding (those are
//! in `codes.rs`): report headings and labels, summaries, troubles, the
//! `--help`. Each text is a key of [`Say`] with its words in both languages,
//! `[Bahasa Indonesia, English]`, written once here; a run shows one of
//! them with the language it was given ([`Lang::say`], [`Lang::fill`]).
//!
//! `{name}` in a text is filled from the arguments given with it, as in a
//! finding's message. A noun that is counted is written `one|many` in
//! English (`file|files`): [`Lang::counted`] takes the form the count needs.
//! Indonesian nouns do not change.

use super::{Lang, Text};

/// Declares [`Say`], one variant per text in the catalogue's order, with
/// its words.
macro_rules! catalogue {
    ($($key:ident: [$id:expr, $en:expr $(,)?],)*) => {
        /// A text of the catalogue; its words are [`Say::words`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Say {
            $($key),*
        }

        impl Say {
            /// Every text, in the catalogue's order.
            pub const ALL: &[Say] = &[$(Say::$key),*];

            /// The words in both languages.
            pub const fn words(self) -> &'static Text<&'static str> {
                match self {
                    $(Say::$key => &[$id, $en]),*
                }
            }
        }
    };
}

impl Lang {
    /// The words of `key` in this language.
    pub fn say(self, key: Say) -> &'static str {
        self.pick::<&str>(key.words())
    }

    /// The words of `key` in this language with each `{name}` filled from
    /// `args`.
    pub fn fill(self, key: Say, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        fill(key, self, args)
    }

    /// `n` (written as this language writes numbers) and the noun `key`
    /// in the form the count needs: `1 file`, `2 files`, `2 berkas`.
    pub fn counted(self, n: usize, key: Say) -> String {
        format!("{} {}", super::count(n as u64, self), self.noun(n, key))
    }

    /// The noun `key` in the form a count of `n` needs.
    pub fn noun(self, n: usize, key: Say) -> &'static str {
        let noun = self.say(key);
        match noun.split_once('|') {
            Some((one, _)) if n == 1 => one,
            Some((_, many)) => many,
            None => noun,
        }
    }
}

impl Say {
    /// Both languages of this text, each with `{name}` filled from `args`:
    /// for a text made before the language is known (a trouble, a
    /// template's mistake, a finding's argument).
    pub fn both(self, args: &[(&str, &dyn std::fmt::Display)]) -> Text {
        [fill(self, Lang::Id, args), fill(self, Lang::En, args)]
    }
}

/// The words of `key` in `lang` with each `{name}` that `args` names
/// replaced by its value; other braces stay as they are. As in a finding's
/// message, in English an argument `name_en`, when given, wins over `name`
/// (for an argument worded in each language).
fn fill(key: Say, lang: Lang, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let find = |name: &str| {
        args.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    };
    super::fill_with(lang.say(key), |name| {
        let english = match lang {
            Lang::En => find(&format!("{name}_en")),
            Lang::Id => None,
        };
        english.or_else(|| find(name))
    })
}

// Grouped by where each text is first used.
catalogue! {
    // ---------------------------------------------------- report/html.rs
    CheckReportTitle: ["Laporan pemeriksaan inovasi daerah", "Regional innovation check report"],
    ReferenceDate: ["tanggal acuan", "reference date"],
    Files: ["berkas", "files"],
    Innovations: ["inovasi", "innovations"],
    ErrorFindings: ["temuan galat", "error findings"],
    WarningFindings: ["temuan peringatan", "warning findings"],
    History: ["Riwayat", "History"],
    Runs: ["pemeriksaan", "runs"],
    Errors: ["galat", "errors"],
    VerifiedScore: ["skor verif.", "verified score"],
    PerAgency: ["Per perangkat daerah", "Per agency"],
    CleanInnovations: ["inovasi bersih", "clean innovations"],
    InnovationsWithWarnings: ["inovasi dengan peringatan", "innovations with warnings"],
    InnovationsWithErrors: ["inovasi bergalat", "innovations with errors"],
    Agency: ["Perangkat Daerah", "Agency"],
    InnovationsHead: ["Inovasi", "Innovations"],
    CleanWarningsErrors: ["Bersih / peringatan / galat", "Clean / warnings / errors"],
    CleanInnovationsHead: ["Inovasi bersih", "Clean innovations"],
    InnovationsWithErrorsHead: ["Inovasi bergalat", "Innovations with errors"],
    ScoreClaimedMean: ["Skor klaim (rerata)", "Score claimed (mean)"],
    ScoreVerifiedMean: ["Skor verif. (rerata)", "Score verified (mean)"],
    Total: ["Jumlah", "Total"],
    FindingsWithoutInnovation: ["Temuan tanpa inovasi terbaca", "Findings with no innovation read"],
    ScoreEstimate: ["Estimasi skor", "Score estimate"],
    IfEveryClaimPassed: ["bila semua klaim lolos", "if every claim passed"],
    InnovationCountScore: ["skor jumlah inovasi", "innovation-count score"],
    InnovationsNotEligible: [
        "inovasi tidak lolos kelayakan dan tidak dihitung dalam estimasi terverifikasi",
        "innovations would not pass eligibility and are left out of the verified estimate",
    ],
    EstimateIfAllCounted: [
        "Estimasi bila semua inovasi dan klaim dihitung:",
        "Estimate with every innovation and claim counted:",
    ],
    BasicServicesCovered: ["Urusan pelayanan dasar tercakup", "Basic-service affairs covered:"],
    Of: ["dari", "of"],
    NoInnovationYet: ["belum ada inovasi", "no innovation yet"],
    ShortBy: ["Kurang", "Short by"],
    EmptySeats: [
        "inovasi dari jumlah minimum pembagi; setiap kursi kosong bernilai 0.",
        "innovations of the minimum divisor; each empty seat scores 0.",
    ],
    PointsAtRisk: ["Poin yang terancam hilang", "Points at risk"],
    Innovation: ["Inovasi", "Innovation"],
    Indicator: ["Indikator", "Indicator"],
    Reason: ["Sebab", "Reason"],
    Points: ["Poin", "Points"],
    FindingsByAgency: ["Temuan per perangkat daerah", "Findings by agency"],
    Filter: ["Saring", "Filter"],
    FilterPlaceholder: ["kode, berkas, OPD, pesan...", "code, file, agency, message..."],
    Severity: ["Tingkat", "Severity"],
    All: ["semua", "all"],
    FindingsShown: ["temuan ditampilkan", "findings shown"],
    SeverityCode: ["Tingkat, kode", "Severity, code"],
    InnovationStatus: ["Inovasi (status)", "Innovation (status)"],
    Field: ["Isian", "Field"],
    Where: ["Letak", "Where"],
    Message: ["Pesan", "Message"],
    Hint: ["Saran", "Hint"],
    BackToSummary: ["&#8593; ringkasan", "&#8593; summary"],
    Row: ["baris", "row"],
    WhatChanged: ["Yang berubah", "What changed"],
    InnovationsAdded: ["Inovasi bertambah", "Innovations added"],
    InnovationsRemoved: ["Inovasi berkurang", "Innovations removed"],
    CleanInnovation: ["inovasi bersih", "clean innovation"],
    InnovationWithWarnings: ["inovasi dengan peringatan", "innovation with warnings"],
    InnovationWithErrors: ["inovasi bergalat", "innovation with errors"],
    // ---------------------------------------------------- report/xlsx.rs
    Code: ["Kode", "Code"],
    File: ["Berkas", "File"],
    Sheet: ["Lembar", "Sheet"],
    RowHead: ["Baris", "Row"],
    Column: ["Kolom", "Column"],
    Cell: ["Sel", "Cell"],
    Value: ["Nilai", "Value"],
    AgencyOpd: ["OPD", "Agency"],
    Findings: ["Temuan", "Findings"],
    InnovationName: ["Nama Inovasi", "Innovation"],
    Status: ["Status", "Status"],
    ErrorsHead: ["Galat", "Errors"],
    Warnings: ["Peringatan", "Warnings"],
    ScoreClaimed: ["Skor diklaim", "Score claimed"],
    ScoreVerified: ["Skor terverifikasi", "Score verified"],
    InThePortal: ["Di portal", "In the portal"],
    Summary: ["Ringkasan", "Summary"],
    Template: ["Templat", "Template"],
    ReferenceDateHead: ["Tanggal acuan", "Reference date"],
    FilesHead: ["Berkas", "Files"],
    Infos: ["Info", "Infos"],
    CutBy: ["[dipotong bimtek: {length} karakter]", "[cut by bimtek: {length} characters]"],
    StatusClean: ["bersih", "clean"],
    StatusWarning: ["peringatan", "warning"],
    StatusError: ["galat", "error"],
    // ---------------------------------------------------- report/card.rs
    NoPemdaNamed: ["pemda tidak disebut", "no pemda named"],
    Profile: ["Profil", "Profile"],
    NoColumn: ["(kolom tidak ada)", "(no column)"],
    IndicatorsScoreClaimed: ["Indikator - skor klaim", "Indicators - score claimed"],
    Verified: ["terverifikasi", "verified"],
    Max: ["maks.", "max"],
    Passed: ["lolos", "passed"],
    Problem: ["bermasalah", "problem"],
    Given: ["ada", "given"],
    Absent: ["tidak ada", "none"],
    MandatoryIndicator: ["* indikator wajib", "* mandatory indicator"],
    ToFix: ["Yang perlu diperbaiki", "To fix"],
    NoFindings: ["Tidak ada temuan.", "No findings."],
    HintWord: ["saran", "hint"],
    WordNoun: ["kata", "word|words"],
    EnteredAs: [
        "dimasukkan sebagai \"{name}\" (kemiripan {similarity})",
        "entered as \"{name}\" (similarity {similarity})",
    ],
    EquallyClose: [
        "sama miripnya dengan beberapa entri: {names}",
        "equally close to several entries: {names}",
    ],
    NotEnteredYet: ["belum dimasukkan", "not entered yet"],
    LikeItElsewhere: [
        "Serupa di tempat lain (katalog): pelajari atau replikasi",
        "Like it elsewhere (catalogue): learn from it or replicate it",
    ],
    NewToTheCatalogue: [
        "Serupa di tempat lain (katalog): tidak ada; ide baru bagi katalog",
        "Like it elsewhere (catalogue): none; new to the catalogue",
    ],
    No: ["No", "No"],
    Weight: ["Bobot", "Weight"],
    Parameter: ["Parameter", "Parameter"],
    Evidence: ["Bukti", "Evidence"],
    // --------------------------------------------------- report/table.rs
    ComparedWithThePortal: ["Dibandingkan dengan portal", "Compared with the portal"],
    ToEnter: ["Perlu diinput:", "To enter:"],
    CloseTo: ["mirip", "close to"],
    ToUpdate: ["Perlu diperbarui:", "To update:"],
    OnlyInThePortal: [
        "Hanya di portal (tanyakan ke OPD; hapus bila tidak dilaporkan lagi):",
        "Only in the portal (ask the agency; remove if no longer reported):",
    ],
    Clean: ["Tanpa temuan", "Clean"],
    WithWarnings: ["Ada peringatan", "With warnings"],
    WithErrors: ["Ada galat", "With errors"],
    ClaimedScore: ["Skor klaim", "Score claimed"],
    NoName: ["(tanpa nama)", "(no name)"],
    PointsAtRiskTotal: [
        "Jumlah poin terancam: {total} (skor kematangan, sebelum dibagi jumlah inovasi).",
        "Total points at risk: {total} (maturity score, before dividing by the number of innovations).",
    ],
    IidEstimate: [
        "Estimasi IID {pemda}: {iid} ({predicate})",
        "IID estimate {pemda}: {iid} ({predicate})",
    ],
    SidLine: [
        "{innovations}; SID {sid} (bila semua klaim lolos: {claimed}), termasuk skor jumlah inovasi {count_score}; SPD {spd}.",
        "{innovations}; SID {sid} (if every claim passed: {claimed}), including the innovation-count score {count_score}; SPD {spd}.",
    ],
    IidIfAllCounted: [
        "Estimasi bila semua inovasi dan klaim dihitung: {iid}. Predikat ditentukan dari nilai sebelum dibulatkan.",
        "Estimate with every innovation and claim counted: {iid}. The predicate is decided on the unrounded value.",
    ],
    BasicServicesOf: [
        "Urusan pelayanan dasar tercakup {covered} dari {all}.",
        "Basic-service affairs covered: {covered} of {all}.",
    ],
    LeftOutOne: [
        "{n} inovasi tidak lolos kelayakan dan tidak dihitung dalam estimasi terverifikasi ({why}; `bimtek explain KODE`).",
        "{n} innovation is left out of the verified estimate: it would not pass eligibility ({why}; `bimtek explain CODE`).",
    ],
    LeftOutMany: [
        "{n} inovasi tidak lolos kelayakan dan tidak dihitung dalam estimasi terverifikasi ({why}; `bimtek explain KODE`).",
        "{n} innovations are left out of the verified estimate: they would not pass eligibility ({why}; `bimtek explain CODE`).",
    ],
    NoInnovationFor: [
        "Belum ada inovasi untuk urusan: {missing}.",
        "No innovation yet for: {missing}.",
    ],
    ShortOfK: [
        "Kurang {k} dari jumlah minimum pembagi; setiap kursi kosong bernilai 0.",
        "{k} short of the minimum divisor; each empty seat scores 0.",
    ],
    NoSpd: [
        "SPD belum diberikan (--spd); IID di atas tanpa SPD.",
        "SPD not given (--spd); the IID above leaves it out.",
    ],
    // ------------------------------------------------- report/package.rs
    PackageWrittenTo: ["Paket ditulis ke", "Package written to"],
    IncludedWithErrors: [
        "di antaranya berstatus GALAT, ditandai di kolom Status",
        "of them with errors, marked in the Status column",
    ],
    ExcludedForErrors: ["dikecualikan karena berstatus GALAT", "excluded for errors"],
    CommonestReasons: [
        "Alasan tersering (jumlah inovasi, kode):",
        "Commonest reasons (innovations, code):",
    ],
    IncludedNoun: ["inovasi disertakan", "innovation included|innovations included"],
    MoreReasons: ["dan {more}: lihat dikecualikan.csv", "and {more}: see dikecualikan.csv"],
    MoreReasonNoun: ["alasan lain", "more reason|more reasons"],
    EvidencePackagedNoun: [
        "berkas bukti dikemas",
        "evidence file packaged|evidence files packaged",
    ],
    PemdaMissingOne: [
        "Nama Pemda kosong untuk {n} inovasi di entri-portal.xlsx: barisnya tidak menyebut pemda dan --pemda tidak diberikan. Beri --pemda \"NAMA PEMDA\".",
        "Nama Pemda is empty for {n} innovation in entri-portal.xlsx: its row names no pemda and --pemda was not given. Give --pemda \"NAME\".",
    ],
    PemdaMissingMany: [
        "Nama Pemda kosong untuk {n} inovasi di entri-portal.xlsx: barisnya tidak menyebut pemda dan --pemda tidak diberikan. Beri --pemda \"NAMA PEMDA\".",
        "Nama Pemda is empty for {n} innovations in entri-portal.xlsx: their rows name no pemda and --pemda was not given. Give --pemda \"NAME\".",
    ],
    NextWithExcluded: [
        "Langkah berikutnya: baca BACA-SAYA.txt di dalam paket dan input inovasinya ke portal; kembalikan yang dikecualikan ke OPD-nya (bimtek export --feedback FOLDER), lalu periksa lagi.",
        "Next: read README.txt in the package and enter the innovations into the portal; return the excluded ones to their agencies (bimtek export --feedback DIR), then check again.",
    ],
    Next: [
        "Langkah berikutnya: baca BACA-SAYA.txt di dalam paket dan input inovasinya ke portal.",
        "Next: read README.txt in the package and enter the innovations into the portal.",
    ],
    // ------------------------------------------------- report/changes.rs
    NoAgency: ["(tanpa perangkat daerah)", "(no agency)"],
    InnovationsAddedColon: ["Inovasi bertambah:", "Innovations added:"],
    InnovationsRemovedColon: ["Inovasi berkurang:", "Innovations removed:"],
    SinceTheCheckAt: [
        "Sejak pemeriksaan sebelumnya ({time}, tanggal acuan {as_of})",
        "Since the previous check ({time}, reference date {as_of})",
    ],
    SinceTheCheck: [
        "Sejak pemeriksaan sebelumnya (tanggal acuan {as_of})",
        "Since the previous check (reference date {as_of})",
    ],
    NothingChanged: ["{when}: tidak ada yang berubah.", "{when}: nothing changed."],
    WhatChangedCounts: [
        "{when}: {fixed} beres, {new} temuan baru; {added} bertambah, {removed} berkurang.",
        "{when}: {fixed} fixed, {new} new; {added} added, {removed} removed.",
    ],
    FindingsFixed: ["{fixed} beres", "{fixed} fixed"],
    NewFindingNoun: ["temuan baru", "new finding|new findings"],
    // -------------------------------------------------- export/portal.rs
    Part: ["Bagian", "Part"],
    FileToUploadLink: ["Berkas untuk diunggah / Tautan", "File to upload / Link"],
    PortalEntry: ["Entri Portal", "Portal entry"],
    // ----------------------------------------------------- export/mod.rs
    ReadmeTitle: ["PAKET PENGIRIMAN INOVASI DAERAH", "REGIONAL INNOVATION SUBMISSION PACKAGE"],
    ReadmeMadeBy: ["Dibuat dari lembar kerja OPD oleh", "Made from the agencies' spreadsheets by"],
    ReadmeContents: ["ISI PAKET", "WHAT IS IN IT"],
    ReadmeNextSteps: ["LANGKAH BERIKUTNYA", "WHAT TO DO NEXT"],
    ReadmeKeep: [
        "4. Simpan paket ini apa adanya: manifest.json membuktikan isinya tidak berubah.",
        "4. Keep this package as it is: manifest.json proves its contents unchanged.",
    ],
    ReadmeStepEnter: [
        "1. Buka data/inovasi.xlsx. Input setiap inovasi di lembar \"Inovasi\" ke portal IID, dengan berkas bukti dukungnya dari data/bukti/ (daftarnya di lembar \"Bukti\").",
        "1. Open data/inovasi.xlsx. Enter each innovation of sheet \"Inovasi\" into the IID portal, with its evidence files from data/bukti/ (listed in sheet \"Bukti\").",
    ],
    ReadmeStepReturn: [
        "2. Kembalikan inovasi di lembar \"Dikecualikan\" ke OPD-nya untuk diperbaiki (bimtek export --feedback FOLDER DATA menulis satu buku kerja per OPD). Setelah diperbaiki, periksa lagi (bimtek check DATA) dan buat paket baru.",
        "2. Return the innovations of sheet \"Dikecualikan\" to their agencies to fix (bimtek export --feedback DIR DATA writes one workbook per agency). Once fixed, check again (bimtek check DATA) and make a new package.",
    ],
    ReadmeStepUnread: [
        "3. Nilai di lembar \"Tidak Terbaca\" kosong di paket: tanyakan ke OPD-nya sebelum menginput.",
        "3. The values of sheet \"Tidak Terbaca\" are empty in the package: ask their agency before entering them.",
    ],
    ReadmeBacaSaya: [
        "Berkas ini: isi paket dan langkah berikutnya.",
        "The read-me in Bahasa Indonesia.",
    ],
    ReadmeReadme: [
        "Berkas ini dalam bahasa Inggris.",
        "This file: what the package holds and what to do next.",
    ],
    ReadmeDataInovasiXlsx: [
        "Buku kerja untuk dibuka di Excel. Lembar \"Inovasi\": satu baris per inovasi yang disertakan, kolom menurut urutan isian portal. Lembar \"Dikecualikan\", \"Bukti\" dan \"Tidak Terbaca\": daftar yang sama dengan berkas CSV di bawah.",
        "The workbook to open in Excel. Sheet \"Inovasi\": one row per included innovation, columns in the portal's field order. Sheets \"Dikecualikan\" (excluded), \"Bukti\" (evidence) and \"Tidak Terbaca\" (unreadable): the same lists as the CSV files below.",
    ],
    ReadmeEntriPortalXlsx: [
        "Untuk mengisi portal IID: per inovasi satu baris profil, lalu satu baris per indikator dengan parameter, nomor, tanggal dan tentang dokumen, dan berkas yang diunggah (atau tautan video), dalam urutan formulir portal.",
        "For entering the IID portal: per innovation one profile row, then one row per indicator with the parameter, the document's number, date and subject, and the file to upload (or the video link), in the portal form's order.",
    ],
    ReadmeDataInovasiCsv: [
        "Baris yang sama dengan lembar \"Inovasi\", untuk skrip dan program lain.",
        "The rows of sheet \"Inovasi\", for scripts and other programs.",
    ],
    ReadmeDikecualikanCsv: [
        "Inovasi yang tidak disertakan karena berstatus GALAT, dengan alasannya (lembar \"Dikecualikan\").",
        "Innovations left out because they have errors, with the reasons (sheet \"Dikecualikan\").",
    ],
    ReadmeDataBukti: [
        "Berkas bukti dukung inovasi yang disertakan: OPD/INOVASI/indikator-NN.",
        "The evidence files of the included innovations: AGENCY/INNOVATION/indikator-NN.",
    ],
    ReadmeDataBuktiCsv: [
        "Catatan bukti dukung per indikator, dengan berkasnya di data/bukti/ atau tautannya (lembar \"Bukti\").",
        "The evidence records per indicator, with their file in data/bukti/ or their link (sheet \"Bukti\").",
    ],
    ReadmeDataTidakTerbacaCsv: [
        "Nilai yang tidak dapat dibaca bimtek: dibiarkan kosong di baris inovasi, tidak ada yang dikarang (lembar \"Tidak Terbaca\").",
        "Values bimtek could not read: left empty in the rows, nothing is invented (sheet \"Tidak Terbaca\").",
    ],
    ReadmeTemuanXlsx: [
        "Semua temuan pemeriksaan, dengan sel dan saran perbaikannya, untuk dibuka di Excel.",
        "Every finding of the check, with its cell and how to fix it, to open in Excel.",
    ],
    ReadmeLaporanHtml: [
        "Laporan ringkas untuk peramban atau proyektor (tanpa internet).",
        "The summary report for a browser or a projector (no network).",
    ],
    ReadmeTemuanCsv: [
        "Temuan yang sama, untuk skrip (sama dengan bimtek check --format csv).",
        "The same findings, for scripts (the same as bimtek check --format csv).",
    ],
    ReadmeTemuanJson: [
        "Temuan yang sama, untuk skrip (sama dengan bimtek check --format json).",
        "The same findings, for scripts (the same as bimtek check --format json).",
    ],
    ReadmeManifestJson: [
        "Versi bimtek, templat, pilihan, dan sidik SHA-256 setiap berkas masukan dan berkas paket: bukti bahwa paket tidak berubah.",
        "bimtek's version, the template, the options, and the SHA-256 of every input and packaged file: proof that the package is unchanged.",
    ],
    IdHead: ["ID", "ID"],
    DocumentNumber: ["Nomor Dokumen", "Document Number"],
    DocumentDate: ["Tanggal Dokumen", "Document Date"],
    Subject: ["Tentang", "Subject"],
    FileInThePackage: ["Berkas di Paket", "File in the Package"],
    ErrorCount: ["Jumlah Galat", "Errors"],
    Reasons: ["Alasan", "Reasons"],
    ValueAsWritten: ["Nilai Tertulis", "Value as Written"],
    WorkbookCannotBeWritten: [
        "buku kerja tidak dapat ditulis ({why})",
        "the workbook cannot be written ({why})",
    ],
    // ----------------------------------------------------- report/mod.rs
    ErrorNoun: ["galat", "error|errors"],
    WarningNoun: ["peringatan", "warning|warnings"],
    FindingNoun: ["temuan", "finding|findings"],
    InnovationNoun: ["inovasi", "innovation|innovations"],
    FileNoun: ["berkas", "file|files"],
    InfoNoun: ["info", "info|infos"],
    ErrorWord: ["GALAT", "ERROR"],
    WarningWord: ["PERINGATAN", "WARNING"],
    InfoWord: ["INFO", "INFO"],
    NotEntered: ["belum terinput", "not entered"],
    Outdated: ["belum terupdate", "outdated"],
    UpToDate: ["sudah sesuai", "up to date"],
    ProgressBar: ["{bar:40} {pos}/{len} berkas {elapsed}", "{bar:40} {pos}/{len} files {elapsed}"],
    Watching: [
        "Memantau perubahan berkas... (Ctrl-C untuk berhenti)",
        "Watching for file changes... (Ctrl-C to stop)",
    ],
    DefaultSeverity: ["Tingkat bawaan", "Default severity"],
    // -------------------------------------------------- report/screen.rs
    MoreInnovations: ["... dan {n} inovasi lagi", "... and {n} more"],
    MoreAgencies: ["... dan {left} lagi", "... and {left}"],
    MoreAgencyNoun: ["perangkat daerah", "more agency|more agencies"],
    FindingsChangesFirst: ["Temuan (yang berubah lebih dulu):", "Findings (changes first):"],
    MoreFindings: [
        "... dan {n} lagi (--full untuk semuanya)",
        "... and {n} more (--full shows all)",
    ],
    LastCheck: [
        "Pemeriksaan terakhir {time} · {files}, {innovations}: {errors}, {warnings}, {infos}",
        "Last check {time} · {files}, {innovations}: {errors}, {warnings}, {infos}",
    ],
    FixedMark: ["BERES", "FIXED"],
    NewMark: ["BARU", "NEW"],
    // ------------------------------------------------- report/history.rs
    HistoryTitle: ["riwayat pemeriksaan", "history of checks"],
    LastChanged: ["Terakhir berubah", "Last changed"],
    Phases: ["awal / lalu / kini", "first / previous / now"],
    NoRunYet: ["Belum ada pemeriksaan yang tercatat.", "No run recorded yet."],
    RunsRecorded: ["pemeriksaan tercatat", "runs recorded"],
    VerifiedScoreHead: ["Skor verif.", "Score verified"],
    // --------------------------------------------------- report/chart.rs
    VerifiedScoreLower: ["skor terverifikasi", "verified score"],
    ChartTitle: [
        "galat dan skor terverifikasi per pemeriksaan",
        "errors and verified score per run",
    ],
    // ------------------------------------------- report/template_view.rs
    YearHead: ["TAHUN", "YEAR "],
    NameHead: ["NAMA", "NAME"],
    ExtendsLower: ["turunan", "extends"],
    SourceLower: ["sumber", "source"],
    Source: ["Sumber", "Source"],
    Extends: ["Turunan dari", "Extends"],
    Fields: ["Isian", "Fields"],
    Required: ["wajib", "required"],
    Min: ["min", "min"],
    MaxAbbrev: ["maks", "max"],
    WordsLower: ["kata", "words"],
    Link: ["tautan", "link"],
    MinAge: ["umur min", "min age"],
    Years: ["tahun", "years"],
    NotInTheForm: ["tidak di formulir", "not in the form"],
    YearsAbbrev: ["th", "y"],
    Values: ["pilihan", "values"],
    Indicators: ["Indikator", "Indicators"],
    Mandatory: [", wajib", ", mandatory"],
    WeightLower: ["bobot", "weight"],
    SpdIndicators: ["Indikator SPD", "SPD indicators"],
    OptionsOneToThree: ["pilihan 1-3", "options 1-3"],
    AssessmentWindow: ["Rentang penilaian", "Assessment window"],
    NoTwoTitlesAlike: ["Judul tidak boleh sama dalam satu", "No two titles alike within one"],
    QuotaPer: ["Kuota per", "Quota per"],
    AwardNoAgencies: [
        "Penghargaan: daftar OPD wajib belum diisi ([award] agencies).",
        "Award: the list of required agencies is empty ([award] agencies).",
    ],
    AgenciesThatMustSubmit: [
        "OPD yang wajib mengirim minimal satu inovasi",
        "Agencies that must submit at least one innovation",
    ],
    SeverityOverrides: ["Tingkat temuan diubah", "Severity overrides"],
    TemplateIsValid: ["templat valid", "template is valid"],
    FieldsLower: ["isian", "fields"],
    IndicatorsLower: ["indikator", "indicators"],
    ExtendsFromLower: ["turunan dari", "extends"],
    Roster: ["Daftar OPD", "Roster"],
    Form: ["Formulir", "Form"],
    // ------------------------------------------------------ cmd/check.rs
    CannotBeWatched: ["{p}: tidak dapat dipantau: {e}", "{p}: cannot be watched: {e}"],
    XlsxNeedsFile: [
        "--format xlsx menulis buku kerja ke berkas: tambahkan -o NAMA.xlsx (misalnya -o hasil.xlsx)",
        "--format xlsx writes a workbook to a file: add -o NAME.xlsx (for example -o results.xlsx)",
    ],
    SinceNotAFile: [
        "--since {shown}: bukan berkas biasa; beri laporan JSON yang disimpan",
        "--since {shown}: not a regular file; give a saved JSON report",
    ],
    SinceCannotBeRead: [
        "--since {shown}: tidak dapat dibaca: {e}",
        "--since {shown}: cannot be read: {e}",
    ],
    RosterNoName: [
        "--roster {shown}: daftar OPD tidak memuat satu nama pun di kolom Nama",
        "--roster {shown}: the roster lists no name in its Nama column",
    ],
    RosterNoNamaColumn: [
        "--roster {shown}: tidak ada kolom Nama (judul kolom yang dikenali: Nama, Nama OPD, Nama Perangkat Daerah, Perangkat Daerah, Unit, ...); kolom Alias dan Kelompok boleh ada",
        "--roster {shown}: no Nama column (headers recognised: Nama, Nama OPD, Nama Perangkat Daerah, Perangkat Daerah, Unit, ...); Alias and Kelompok columns are optional",
    ],
    CatalogNoInnovation: [
        "--catalog {shown}: tidak memuat satu inovasi pun (kolom nama inovasi)",
        "--catalog {shown}: lists no innovation (an innovation-name column)",
    ],
    NothingToCheck: [
        "tidak ada berkas data inovasi untuk diperiksa:",
        "no innovation data file to check:",
    ],
    PathNotFound: ["tidak ditemukan", "not found"],
    EmptyFolder: ["folder kosong", "an empty folder"],
    FolderWithoutData: [
        "folder berisi {n} berkas, tidak satu pun berisi data inovasi",
        "a folder of {n} files, none of them holds innovation data",
    ],
    FileWithoutData: ["berkas ini tidak berisi data inovasi", "this file holds no innovation data"],
    NotARegularFileShort: ["bukan berkas biasa", "not a regular file"],
    LookedFor: [
        "Yang dicari: lembar kerja {formats}, juga di subfolder (folder bukti/evidence dan berkas tersembunyi dilewati).",
        "Looked for: spreadsheets {formats}, in subfolders too (bukti/evidence folders and hidden files are skipped).",
    ],
    FileNotFoundShort: ["berkas tidak ditemukan", "file not found"],
    RosterCannotBeRead: [
        "--roster {shown}: daftar OPD tidak dapat dibaca: {message}",
        "--roster {shown}: the roster cannot be read: {message}",
    ],
    CatalogCannotBeRead: [
        "--catalog {shown}: tidak dapat dibaca: {message}",
        "--catalog {shown}: cannot be read: {message}",
    ],
    IidNeedsLab: [
        "--iid mengikuti ide laboratorium ke IID: pakai dengan templat lab (--template labinov), bukan {template}",
        "--iid follows a lab's ideas into the IID: use it with a lab template (--template labinov), not {template}",
    ],
    PathTooLong: [
        "jalurnya terlalu panjang ({n} byte) untuk sistem",
        "its path is too long for the system ({n} bytes)",
    ],
    CannotBeOpened: ["tidak dapat dibuka", "it cannot be opened"],
    BrokenLink: ["tautan ke berkas yang tidak ada", "a link to a file that does not exist"],
    // ---------------------------------------------------- cmd/explain.rs
    UnknownCode: [
        "kode \"{c}\" tidak dikenal; `bimtek explain` menampilkan semua kode",
        "unknown code \"{c}\"; `bimtek explain` lists every code",
    ],
    // ----------------------------------------------------- cmd/export.rs
    OutOrFeedbackIsRequired: [
        "--out atau --feedback diperlukan",
        "--out or --feedback is required",
    ],
    CannotSpill: [
        "{name} tidak dapat ditulis ke berkas sementara di {d}",
        "{name} cannot be written to a temporary file in {d}",
    ],
    // ------------------------------------------------------- cmd/show.rs
    NoInnovationMatches: [
        "tidak ada inovasi yang cocok dengan \"{query}\"",
        "no innovation matches \"{query}\"",
    ],
    ManyInnovationsMatch: [
        "\"{query}\" cocok dengan {n} inovasi; sebutkan id-nya:\n{list}",
        "\"{query}\" matches {n} innovations; give its id:\n{list}",
    ],
    // --------------------------------------------------- cmd/template.rs
    FormCannotBeBuilt: ["formulir tidak dapat dibuat: {e}", "the form cannot be built: {e}"],
    FileNotFound: ["{p}: berkas tidak ditemukan", "{p}: file not found"],
    BrokenShippedTemplate: [
        "templat bawaan rusak: {mistake}",
        "broken shipped template: {mistake}",
    ],
    // ------------------------------------------------- export/archive.rs
    TempFileCannotBeCreated: [
        "berkas sementara tidak dapat dibuat di {d}",
        "a temporary file cannot be created in {d}",
    ],
    InjectedFailure: ["kegagalan uji setelah {i} berkas", "injected failure after {i} files"],
    CannotBeRead: ["{p} tidak dapat dibaca", "{p} cannot be read"],
    ZipCannotBeFinished: ["zip tidak dapat diselesaikan: {e}", "the zip cannot be finished: {e}"],
    // --------------------------------------------------- export/write.rs
    NotAFileName: ["{t}: bukan nama berkas", "{t}: not a file name"],
    CannotBeWritten: ["{p} tidak dapat ditulis", "{p} cannot be written"],
    CannotMoveOutput: ["hasil tidak dapat dipindah ke {t}", "the output cannot be moved to {t}"],
    FolderMissing: ["folder {p} tidak ada", "folder {p} does not exist"],
    CannotBeChecked: ["{t} tidak dapat diperiksa: {e}", "{t} cannot be checked: {e}"],
    IsASymlink: [
        "{t} adalah tautan simbolik; bimtek tidak menulis melalui tautan",
        "{t} is a symbolic link; bimtek does not write through links",
    ],
    AlreadyExists: [
        "{t} sudah ada; pakai --force untuk menimpanya",
        "{t} already exists; use --force to replace it",
    ],
    NotAPackage: [
        "{t} adalah folder yang bukan paket bimtek (tanpa manifest.json dari bimtek); --force hanya mengganti berkas atau paket bimtek, tidak pernah folder lain",
        "{t} is a folder that is not a bimtek package (no manifest.json written by bimtek); --force replaces only a file or a bimtek package, never another folder",
    ],
    NotARegularFile: [
        "{t} bukan berkas biasa; bimtek tidak menggantinya",
        "{t} is not a regular file; bimtek does not replace it",
    ],
    ChangedWhileWorking: [
        "{t} berubah selama bimtek bekerja; tidak ada yang diganti",
        "{t} changed while bimtek worked; nothing was replaced",
    ],
    CreatedWhileWorking: [
        "{t} dibuat oleh proses lain selama bimtek bekerja; tidak ada yang diganti (pakai --force untuk menimpanya)",
        "{t} was created by another process while bimtek worked; nothing was replaced (use --force to replace it)",
    ],
    IsAnInput: [
        "{t} adalah masukan; bimtek tidak pernah menimpa masukan",
        "{t} is an input; bimtek never overwrites an input",
    ],
    InsideAnInput: [
        "{t} berada di dalam folder masukan {i}, yang sedang dibaca; tulis hasil di luar folder itu",
        "{t} lies inside the input folder {i}, which is being read; write the output outside it",
    ],
    ContainsAnInput: [
        "{t} berisi masukan {i}; bimtek tidak pernah mengganti masukan",
        "{t} contains the input {i}; bimtek never replaces an input",
    ],
    // ------------------------------------------------------- settings.rs
    TemplateCannotBeRead: [
        "templat {name} tidak dapat dibaca: {e}",
        "cannot read the template {name}: {e}",
    ],
    TemplateNotAFile: [
        "--template {name}: bukan berkas biasa (pipa atau perangkat); beri berkas .toml",
        "--template {name}: not a regular file (a pipe or a device); give a .toml file",
    ],
    AsOfNotADate: [
        "--as-of \"{s}\": tulis tanggal sebagai yyyy-mm-dd",
        "--as-of \"{s}\": write the date as yyyy-mm-dd",
    ],
    EvidenceNotFound: [
        "--evidence {d}: folder tidak ditemukan",
        "--evidence {d}: folder not found",
    ],
    SpdOutOfRange: [
        "--spd {x}: nilai SPD harus 0 sampai {max_spd}",
        "--spd {x}: SPD points must be 0 to {max_spd}",
    ],
    MatchThresholdOutOfRange: [
        "--match-threshold {x}: harus 0 sampai 1",
        "--match-threshold {x}: must be 0 to 1",
    ],
    NoHistoryGiven: [
        "riwayat tidak diberikan: beri --history BERKAS atau variabel lingkungan BIMTEK_HISTORY",
        "no history given: pass --history FILE or set the BIMTEK_HISTORY environment variable",
    ],
    FromNotADate: [
        "--from \"{s}\": tulis tanggal sebagai yyyy-mm-dd",
        "--from \"{s}\": write the date as yyyy-mm-dd",
    ],
    BaselineNotAYear: [
        "--baseline {shown}: \"{y}\" bukan tahun; tulis tahun dengan empat angka, misalnya --baseline 2025=inovasi-2025.xlsx",
        "--baseline {shown}: \"{y}\" is not a year; write the year in four digits, for example --baseline 2025=inovasi-2025.xlsx",
    ],
    BaselineNotFound: [
        "--baseline {shown}: berkas tidak ditemukan",
        "--baseline {shown}: file not found",
    ],
    BaselineNotAFile: [
        "--baseline {arg}: bukan berkas biasa (pipa atau perangkat)",
        "--baseline {arg}: not a regular file (a pipe or a device)",
    ],
    TemplateTooBig: [
        "--template {name}: lebih dari {mib} MiB; templat bukan berkas sebesar itu",
        "--template {name}: over {mib} MiB; a template is no file that big",
    ],
    OutputNotForExport: [
        "tidak berlaku untuk export; paketnya ditulis ke --out FOLDER atau BERKAS.zip",
        "does not apply to export; the package is written to --out DIR or FILE.zip",
    ],
    FormatNotForExport: [
        "tidak berlaku untuk export; paketnya sudah memuat temuan.csv, temuan.json, temuan.xlsx dan laporan.html",
        "does not apply to export; the package already holds temuan.csv, temuan.json, temuan.xlsx and laporan.html",
    ],
    WatchNotForExport: [
        "tidak berlaku untuk export; pantau dengan check --watch, lalu jalankan export sekali",
        "does not apply to export; watch with check --watch, then run export once",
    ],
    ProjectorOnlyForHtml: [
        "hanya berlaku untuk check --format html",
        "applies only to check --format html",
    ],
    SinceOnlyForCheck: [
        "hanya berlaku untuk check dengan tabel, --format json atau --format html",
        "applies only to check, as a table, --format json or --format html",
    ],
    HistoryOnlyForCheck: [
        "hanya berlaku untuk check; riwayatnya dibaca dengan bimtek history",
        "applies only to check; the history is read with bimtek history",
    ],
    HistoryNotWithWatch: [
        "tidak berlaku dengan --watch; catat pemeriksaan tanpa --watch",
        "does not apply with --watch; record runs without --watch",
    ],
    ShowFormats: ["show menampilkan kartu (table) atau json", "show prints a card (table) or json"],
    OutputNotForShow: [
        "tidak berlaku untuk show; kartunya tampil di layar (simpan dengan > BERKAS)",
        "does not apply to show; the card is printed (save it with > FILE)",
    ],
    ExcelCsvOnlyForCsv: [
        "hanya berlaku untuk check --format csv dan export",
        "applies only to check --format csv and export",
    ],
    UnknownTemplate: [
        "templat \"{name}\" tidak dikenal (templat bawaan: {known}; atau nama berkas .toml)",
        "unknown template \"{name}\" (shipped templates: {known}; or a .toml file name)",
    ],
    InvalidTemplate: ["templat tidak valid: {mistake}", "invalid template: {mistake}"],
    // ------------------------------------------------ export/feedback.rs
    ReadyToEnter: [
        "Tidak ada temuan. Data inovasi siap diinput.",
        "No findings. The innovation data is ready to enter.",
    ],
    // ------------------------------------------------------- cli/help.rs
    AboutBimtek: [
        "bimtek: periksa data inovasi daerah (IID) dari lembar kerja OPD sebelum diinput ke portal",
        "bimtek: check agencies' regional-innovation (IID) spreadsheets before they are entered into the portal",
    ],
    HelpLang: [
        "Bahasa pesan dan bantuan: id (Bahasa Indonesia, bawaan) atau en (English)",
        "Language of messages: id (Bahasa Indonesia) or en (English)",
    ],
    AboutCheck: [
        "Baca lembar kerja OPD dan periksa setiap inovasi terhadap templat",
        "Load agency spreadsheets and check every innovation against the template",
    ],
    HelpPaths: [
        "Berkas atau folder (dijelajahi sampai ke subfoldernya): xlsx, xlsm, xlsb, xls, ods, csv, tsv",
        "Files or folders (walked recursively): xlsx, xlsm, xlsb, xls, ods, csv, tsv",
    ],
    HelpFormat: [
        "Bentuk laporan: table (tabel, bawaan), json, csv, html (halaman mandiri untuk proyektor atau peramban), xlsx (buku kerja untuk Excel; perlu -o BERKAS.xlsx). Tidak untuk export: paketnya memuat semua bentuk",
        "Output format (default: table). Not for `export`, whose package holds every form",
    ],
    HelpTemplate: [
        "Templat: id templat bawaan (bawaan: iid-2026) atau jalur berkas .toml",
        "Template: a shipped id (iid-2026) or a path to a .toml file",
    ],
    HelpAsOf: [
        "Tanggal acuan (yyyy-mm-dd) untuk \"tanggal di masa depan\"; bawaan: hari ini",
        "Reference date (yyyy-mm-dd) for \"date in the future\"; default today",
    ],
    HelpFailOn: [
        "Tingkat terendah yang membuat kode keluar 1: error (galat, bawaan kecuali untuk export), warning (peringatan), never (tidak pernah; bawaan untuk export: paketnya tetap ditulis)",
        "Lowest severity that makes the exit code 1 (default: error; for `export`, never: the package is written either way)",
    ],
    HelpQuiet: [
        "Tanpa tampilan kemajuan (dan, untuk export, tanpa ringkasan)",
        "No progress bar (and, for `export`, no summary)",
    ],
    HelpWidth: [
        "Lebar tabel dalam kolom (bawaan: lebar terminal, atau 100)",
        "Table width in columns (default: the terminal's, or 100)",
    ],
    HelpOutput: [
        "Tulis laporan ke berkas ini, bukan ke layar (bila gagal, tidak ada berkas setengah jadi)",
        "Write the report to this file (atomically) instead of stdout",
    ],
    HelpForce: [
        "Timpa berkas hasil atau paket yang sudah ada",
        "Replace an existing output file or package",
    ],
    HelpExcelCsv: [
        "CSV untuk Excel di Windows berbahasa Indonesia: UTF-8 dengan penanda BOM dan `;` di antara sel (dengan check --format csv dan export)",
        "CSV for Excel on an Indonesian Windows: a UTF-8 byte-order mark and `;` between cells (with `check --format csv` and `export`)",
    ],
    HelpWatch: [
        "Terus berjalan: periksa ulang setiap kali berkas masukan atau bukti berubah, lalu tampilkan lagi laporannya (JSON: satu baris per pemeriksaan)",
        "Keep running: check again whenever an input or evidence file changes, redrawing the report (JSON: one line per run)",
    ],
    HelpProjector: [
        "Dengan --format html: halaman untuk proyektor (huruf besar berkontras tinggi, selebar layar). Halaman yang ditulis selama --watch selalu begitu",
        "With --format html: a page for a projector (large, high-contrast text, the screen's full width). Pages written during --watch are",
    ],
    HelpFull: [
        "Dengan --watch di terminal: seluruh laporan setiap kali, bukan satu layar",
        "With --watch on a terminal: the whole report each time, not one screen",
    ],
    HelpSince: [
        "Bandingkan dengan laporan JSON yang disimpan (check --format json) dan sebutkan yang berubah: inovasi bertambah dan berkurang, temuan beres dan baru",
        "Compare with a saved JSON report (check --format json) and say what changed: innovations added and removed, findings fixed and new",
    ],
    HelpEvidence: [
        "Folder berkas bukti dukung; boleh diberikan lebih dari sekali. Bawaan: folder tiap buku kerja, dengan bukti/ dan evidence/ di dalamnya",
        "Folder of evidence files (bukti dukung); may be given more than once. Default: each workbook's own folder, with its bukti/ and evidence/",
    ],
    HelpSpd: [
        "Poin SPD pemda (0-63), untuk melengkapi perkiraan IID",
        "The pemda's SPD points (0-63), to complete the IID estimate",
    ],
    HelpSpdSheet: [
        "Lembar SPD pemda (xlsx, csv, ...): satu baris per indikator SPD dengan nilai dan bukti dukungnya, dinilai menurut templat; pengganti --spd",
        "The pemda's SPD sheet (xlsx, csv, ...): one row per SPD indicator with its value and evidence, scored by the template; instead of --spd",
    ],
    HelpPemda: [
        "Nama pemda bila baris-barisnya tidak menyebut pemda (bawaan: Pemda)",
        "Name of the pemda when the rows do not name one",
    ],
    HelpBaseline: [
        "Yang sudah ada di portal: unduhan daftarnya (xlsx, xls, csv, atau tabel HTML yang disimpan sebagai .xls) atau kiriman sebelumnya. Tandai berkas tahun lalu dengan tahunnya: --baseline 2025=inovasi-2025.xlsx",
        "What is already in the portal: its list download (xlsx, xls, csv, or an HTML table saved as .xls) or an earlier submission. Tag earlier years' files with their year: `--baseline 2025=inovasi-2025.xlsx`",
    ],
    HelpRoster: [
        "Daftar OPD yang diharapkan mengirim (xlsx, csv, ...): kolom Nama, boleh juga Alias (beberapa dipisah `;`) dan Kelompok. Menyebut siapa yang belum mengirim; bawaan: [roster] templat",
        "The agencies expected (xlsx, csv, ...): a column Nama, optionally Alias (several separated by `;`) and Kelompok. Says who sent nothing; default: the template's [roster]",
    ],
    HelpIid: [
        "Dengan --template labinov: daftar inovasi IID pemda (berkas atau folder, dibaca dengan templat iid-2026) yang harus memuat setiap ide yang sudah diluncurkan; daftar --baseline juga dihitung. Boleh diberikan lebih dari sekali",
        "With --template labinov: the pemda's IID innovation lists (a file or a folder, read with the iid-2026 template) each launched idea must be in; --baseline lists count too. May be given more than once",
    ],
    HelpCatalog: [
        "Inovasi yang sudah ada (daftar inovasi apa pun, misalnya Direktori Inovasi LAN): untuk setiap ide disebut inovasi pemda lain yang paling mirip",
        "Existing innovations (any innovation list, e.g. LAN's Direktori Inovasi): each idea's likest innovations of other pemda are listed",
    ],
    HelpYear: [
        "Tahun penilaian (bawaan: tahun templat)",
        "Assessment year (default: the template's)",
    ],
    HelpStaleAfter: [
        "Tandai inovasi di portal yang belum diperbarui selama sekian hari sebelum --as-of (bawaan: dari templat)",
        "Flag portal entries not updated for this many days before --as-of (default: the template's)",
    ],
    HelpMatchThreshold: [
        "Kemiripan nama (0-1) yang membuat inovasi di portal dianggap sama dengan inovasi di berkas (bawaan: dari templat)",
        "Name similarity (0-1) above which a portal entry is the same innovation (default: the template's)",
    ],
    HelpHistory: [
        "Catat pemeriksaan ini di basis data riwayat (SQLite; dibuat bila belum ada); bawaan: variabel lingkungan BIMTEK_HISTORY. bimtek history menampilkan kampanyenya",
        "Record this run in a history database (SQLite; created if absent); default: the BIMTEK_HISTORY environment variable. `bimtek history` shows the campaign",
    ],
    AboutShow: [
        "Tampilkan satu inovasi sebagai kartu: isiannya, 20 indikator dengan bukti dan poinnya, dan apa yang kurang",
        "Show one innovation as a card: its fields, the 20 indicators with their evidence and points, and what is missing",
    ],
    HelpQuery: [
        "Inovasinya: (sebagian) namanya, nomor barisnya, atau id-nya (berkas:lembar:baris seperti di JSON)",
        "The innovation: (part of) its name, its row number, or its id (`file:sheet:row` as in the JSON)",
    ],
    AboutExport: [
        "Tulis paket pengiriman yang sudah dibersihkan (--out FOLDER atau BERKAS.zip), atau satu buku kerja umpan balik per OPD (--feedback FOLDER)",
        "Write the cleaned submission package (--out DIR or FILE.zip), or one feedback workbook per agency (--feedback DIR)",
    ],
    HelpOut: ["Paketnya: sebuah folder, atau berkas .zip", "The package: a folder, or a .zip file"],
    HelpFeedback: [
        "Tulis satu buku kerja umpan balik per OPD ke folder ini",
        "Write one feedback workbook per agency into this folder instead",
    ],
    HelpIncludeInvalid: [
        "Sertakan juga inovasi berstatus GALAT, ditandai di kolom status",
        "Keep innovations with errors in the package, marked in a status column",
    ],
    AboutExplain: [
        "Jelaskan sebuah kode temuan (atau daftar semua kode)",
        "Explain a finding code (or list all codes)",
    ],
    HelpCode: [
        "Kode temuan seperti R001; tanpa kode, semua kode didaftar",
        "A finding code such as R001; without one, all codes are listed",
    ],
    AboutTemplate: [
        "Templat pengiriman: daftar dan tampilkan templat bawaan, tulis formulir kosong untuk OPD, periksa berkas templat sendiri",
        "Submission templates: list and show the shipped ones, write the blank form agencies fill in, check a template file of your own",
    ],
    AboutTemplateList: [
        "Daftar templat bawaan dengan tahun dan sumbernya",
        "List the shipped templates with their year and source",
    ],
    AboutTemplateShow: [
        "Tampilkan templat: isian dan aturannya, indikator, rentang waktu, penghargaan",
        "Show a template: its fields and rules, indicators, window and award",
    ],
    HelpTemplateId: [
        "Id templat bawaan (iid-2026) atau jalur berkas .toml",
        "A shipped id (iid-2026) or a path to a .toml file",
    ],
    AboutTemplateForm: [
        "Tulis formulir kosong (xlsx) untuk diisi OPD: petunjuk, baris judul kolom dengan catatan dan pilihan, lembar bukti dan rujukan",
        "Write the blank form (xlsx) agencies fill in: instructions, the header row with notes and dropdowns, evidence and reference sheets",
    ],
    HelpFormOutput: ["Buku kerja yang ditulis (.xlsx)", "The workbook to write (.xlsx)"],
    HelpFormRoster: [
        "Tulis juga (atau hanya) daftar OPD untuk check --roster: kolom Nama, Alias, Kelompok, berisi [roster] templat bila ada (.xlsx)",
        "Also (or only) write the roster of agencies, for `check --roster`: columns Nama, Alias, Kelompok, with the template's own roster when it has one (.xlsx)",
    ],
    HelpFormForce: ["Timpa berkas bila sudah ada", "Replace the file if it exists"],
    AboutTemplateCheck: [
        "Periksa berkas templat sendiri; kesalahan ditunjukkan sebagai berkas:baris:kolom. Kode keluar 1 bila ada kesalahan",
        "Check a template file of your own; mistakes are shown as file:line:column. Exit code 1 when it has a mistake",
    ],
    HelpFile: ["Berkas templat (.toml)", "The template file (.toml)"],
    AboutHistory: [
        "Kampanye yang dicatat check --history: per OPD, jumlah inovasi, galat dan skor terverifikasi pada pemeriksaan pertama, sebelumnya dan sekarang",
        "The campaign recorded by `check --history`: per agency, innovations, errors and verified score at the first run, the previous run and now",
    ],
    HelpHistoryFile: [
        "Basis data riwayat (bawaan: variabel lingkungan BIMTEK_HISTORY)",
        "The history database (default: the BIMTEK_HISTORY environment variable)",
    ],
    HelpHistoryFormat: [
        "Bentuk laporan: table (tabel, bawaan), json, csv, html (halaman mandiri dengan grafik kecil per OPD)",
        "Output format (default: table)",
    ],
    HelpFrom: [
        "Mulai kampanye pada tanggal ini (yyyy-mm-dd); pemeriksaan sebelumnya dilewati",
        "Start the campaign at this date (yyyy-mm-dd): earlier runs are left out",
    ],
    HelpInputs: [
        "Hanya pemeriksaan atas masukan ini persis (seperti diberikan kepada check)",
        "Only the runs that checked exactly these inputs (as given to check)",
    ],
    HelpUsage: ["Penggunaan", "Usage"],
    HelpCommands: ["Perintah", "Commands"],
    HelpCommandValue: ["PERINTAH", "COMMAND"],
    HelpArguments: ["Argumen", "Arguments"],
    HelpOptions: ["Opsi", "Options"],
    HelpOptionsValue: ["[OPSI]", "[OPTIONS]"],
    HelpHelp: ["Tampilkan bantuan ini", "Print help"],
    HelpHelpMore: [
        "Tampilkan bantuan (lebih lengkap dengan --help)",
        "Print help (see more with '--help')",
    ],
    HelpHelpSummary: [
        "Tampilkan bantuan (ringkasnya dengan -h)",
        "Print help (see a summary with '-h')",
    ],
    ChoiceHtml: [
        "Halaman mandiri (tanpa jaringan), untuk proyektor atau peramban",
        "A self-contained page (no network), for a projector or a browser",
    ],
    ChoiceXlsx: [
        "Buku kerja untuk Excel (temuan, inovasi, ringkasan); perlu -o BERKAS.xlsx",
        "A workbook for Excel (findings, innovations, summary); needs -o FILE.xlsx",
    ],
    ChoiceHistoryHtml: [
        "Halaman mandiri dengan grafik kecil per OPD (tanpa jaringan)",
        "A self-contained page with a small chart per agency (no network)",
    ],
    HelpVersion: ["Tampilkan versi", "Print version"],
    ValuePaths: ["BERKAS/FOLDER", "PATHS"],
    ValueQuery: ["INOVASI", "QUERY"],
    ValueCode: ["KODE", "CODE"],
    ValueTemplate: ["TEMPLAT", "TEMPLATE"],
    ValueFile: ["BERKAS", "FILE"],
    ValueFileJson: ["BERKAS.json", "FILE.json"],
    ValueDir: ["FOLDER", "DIR"],
    ValueDirFileZip: ["FOLDER|BERKAS.zip", "DIR|FILE.zip"],
    ValueFormat: ["BENTUK", "FORMAT"],
    ValueAsOf: ["TANGGAL", "AS_OF"],
    ValueDate: ["TANGGAL", "DATE"],
    ValueFailOn: ["TINGKAT", "FAIL_ON"],
    ValueLang: ["BAHASA", "LANG"],
    ValueWidth: ["LEBAR", "WIDTH"],
    ValuePoints: ["POIN", "POINTS"],
    ValueYearFile: ["[TAHUN=]BERKAS", "[YEAR=]FILE"],
    ValueYear: ["TAHUN", "YEAR"],
    ValueDays: ["HARI", "DAYS"],
    ValueX: ["ANGKA", "X"],
    SyntaxUnknownCommand: ["perintah \"{name}\" tidak dikenal", "unrecognized subcommand '{name}'"],
    SyntaxUnknownOption: ["opsi \"{name}\" tidak dikenal", "unexpected argument '{name}' found"],
    SyntaxInvalidValue: [
        "nilai \"{value}\" tidak sah untuk {arg}",
        "invalid value '{value}' for '{arg}'",
    ],
    SyntaxValidValues: ["yang sah: {valid}", "possible values: {valid}"],
    SyntaxMissing: [
        "wajib diberikan: {arg}",
        "the following required arguments were not provided: {arg}",
    ],
    SyntaxConflict: [
        "{arg} tidak dapat dipakai bersama {prior}",
        "the argument '{arg}' cannot be used with '{prior}'",
    ],
    SyntaxMisused: ["{arg} tidak dipakai dengan benar", "{arg} is not used as it must be"],
    SyntaxSuggested: ["maksudnya \"{suggested}\"?", "did you mean '{suggested}'?"],
    SyntaxMoreHelp: ["Bantuan: tambahkan --help", "For more information, try '--help'."],
    // ------------------------------------------------- template/merge.rs
    ExtendsItself: [
        "extends \"{parent_id}\": templat tidak dapat memperluas dirinya sendiri; beri templat ini id lain, misalnya \"{parent_id}-prov\"",
        "extends \"{parent_id}\": a template cannot extend itself; give this template another id, such as \"{parent_id}-prov\"",
    ],
    ExtendsUnknown: [
        "extends \"{parent_id}\": tidak ada templat bawaan dengan id ini{near} (yang ada: {known})",
        "extends \"{parent_id}\": no shipped template has this id{near} (known: {known})",
    ],
    ExtendsInACircle: [
        "extends \"{parent_id}\": templat saling memperluas secara melingkar",
        "extends \"{parent_id}\": templates extend each other in a circle",
    ],
    FieldTwice: [
        "isian \"{key}\" ditulis dua kali dalam berkas ini (yang pertama di {first}); gabungkan kedua blok [[field]] menjadi satu",
        "field \"{key}\" is written twice in this file (first at {first}); join the two [[field]] blocks into one",
    ],
    FieldNotABlock: [
        "field harus ditulis sebagai blok [[field]]",
        "field must be written as [[field]] blocks",
    ],
    OverrideNotABool: [
        "override: nilai harus true atau false",
        "override: the value must be true or false",
    ],
    OverrideNoParentField: [
        "isian \"{key}\": override = true, tetapi templat induk {pid} tidak punya isian ini{near}",
        "field \"{key}\": override = true, but the parent template {pid} has no such field{near}",
    ],
    OverrideWithoutParent: [
        "isian \"{key}\": override = true hanya untuk mengubah isian templat induk (extends)",
        "field \"{key}\": override = true only changes a field of the parent template (extends)",
    ],
    NewFieldIncomplete: [
        "isian \"{key}\" tidak ada di templat induk {pid}{near}; isian baru perlu label dan type",
        "field \"{key}\" is not in the parent template {pid}{near}; a new field needs label and type",
    ],
    FieldInParent: [
        "isian \"{key}\" sudah ada di templat induk {pid} (\"{label}\", {at}); untuk mengubah sebagian, tulis hanya key dan pengaturan yang berubah; untuk menulis ulang label atau type, tambahkan override = true",
        "field \"{key}\" already exists in the parent template {pid} (\"{label}\", {at}); to change part of it, write only key and the settings that change; to rewrite label or type, add override = true",
    ],
    // ------------------------------------------------------- history/
    HistoryNotAFile: [
        "--history {p}: bukan berkas biasa; beri nama berkas basis data",
        "--history {p}: not a regular file; give a database file name",
    ],
    HistoryNoFolder: [
        "--history {p}: folder {d} tidak ada",
        "--history {p}: folder {d} does not exist",
    ],
    HistoryCannotOpen: [
        "--history {p}: tidak dapat dibuka: {e}",
        "--history {p}: cannot be opened: {e}",
    ],
    HistoryNotRegular: ["--history {p}: bukan berkas biasa", "--history {p}: not a regular file"],
    HistoryMissing: [
        "--history {p}: berkas riwayat tidak ada; catat pemeriksaan dengan bimtek check FOLDER --history {p}",
        "--history {p}: no such history file; record checks with bimtek check FOLDER --history {p}",
    ],
    HistoryNewer: [
        "--history {p}: basis data riwayat ini dibuat oleh bimtek yang lebih baru (skema {version}, versi ini mengenal sampai {known}); perbarui bimtek. Berkas dibiarkan apa adanya.",
        "--history {p}: this history database was written by a newer bimtek (schema {version}, this version knows up to {known}); update bimtek. The file is left as it is.",
    ],
    HistoryCorrupt: [
        "--history {p}: basis data riwayat rusak ({e}); berkas dibiarkan apa adanya, beri berkas lain atau pulihkan salinannya",
        "--history {p}: the history database is corrupt ({e}); the file is left as it is, give another file or restore a copy",
    ],
    HistoryBusy: [
        "--history {p}: basis data riwayat sedang dipakai terlalu lama ({e})",
        "--history {p}: the history database stayed busy too long ({e})",
    ],
    HistoryNotWritable: [
        "--history {p}: tidak dapat dibuka untuk ditulis ({e})",
        "--history {p}: cannot be opened for writing ({e})",
    ],
    HistoryDbError: [
        "--history {p}: galat basis data riwayat: {e}",
        "--history {p}: history database error: {e}",
    ],
    HistoryNotOurs: [
        "--history {p}: bukan basis data riwayat bimtek; berkas dibiarkan apa adanya (beri nama berkas baru, misalnya riwayat.sqlite)",
        "--history {p}: not a bimtek history database; the file is left as it is (give a new file name, such as riwayat.sqlite)",
    ],
    HistoryRunDamaged: [
        "--history {p}: catatan pemeriksaan {id} rusak ({e})",
        "--history {p}: the record of run {id} is damaged ({e})",
    ],
    // ------------------------------------------------------- since.rs
    SinceNotWhole: [
        "bukan laporan JSON bimtek yang utuh ({what})",
        "not a whole bimtek JSON report ({what})",
    ],
    SinceForeign: [
        "bukan laporan JSON bimtek (check --format json)",
        "not a bimtek JSON report (check --format json)",
    ],
    SinceVersion: [
        "laporan JSON bimtek versi kontrak {v}; yang dapat dibandingkan: versi 1",
        "a bimtek JSON report of contract version {v}; comparable: version 1",
    ],
    // ---------------------------------------------------- load/marker.rs
    OwnReportWorkbook: ["buku kerja laporan bimtek", "a bimtek report workbook"],
    OwnReportHtml: ["laporan HTML bimtek", "a bimtek HTML report"],
    OwnReportJson: ["laporan JSON bimtek", "a bimtek JSON report"],
    OwnReportCsv: ["laporan CSV bimtek", "a bimtek CSV report"],
    OwnReportTable: ["laporan tabel bimtek", "a bimtek table report"],
    OwnPackage: ["folder paket ekspor bimtek", "a bimtek export package folder"],
    OwnPackageZip: ["paket ekspor bimtek (zip)", "a bimtek export package zip"],
    // ------------------------------------------------------ load/walk.rs
    SpecialPipe: ["pipa bernama (FIFO)", "a named pipe (FIFO)"],
    SpecialSocket: ["soket", "a socket"],
    SpecialDevice: ["berkas perangkat", "a device file"],
    // ------------------------------------------------ check rule files
    PlaceSheetRow: ["{file} ({sheet}, baris {row})", "{file} ({sheet}, row {row})"],
    PlaceRow: ["{file} (baris {row})", "{file} (row {row})"],
    SheetRow: ["{sheet}, baris {row}", "{sheet}, row {row}"],
    RowAt: ["baris {row}", "row {row}"],
    LineAt: ["baris {line}", "line {line}"],
    CodeNotFiveParts: ["bukan lima bagian", "not five parts"],
    CodeYear: ["tahun bukan dua angka", "the year is not two digits"],
    CodeSource: ["sumber tidak dikenal", "unknown source"],
    CodeLocation: [
        "lokasi bukan dua huruf dan dua angka",
        "the location is not two letters and two digits",
    ],
    CodeUrusan: ["urusan bukan tiga huruf", "the urusan is not three letters"],
    CodeNumber: ["nomor bukan tiga angka", "the number is not three digits"],
    YearFromGroupTitle: ["judul kelompoknya", "its group's title"],
    YearFromDiagnose: ["Tanggal Diagnose", "the diagnose date"],
    YearFromLabYear: ["pengaturan templat lab_year", "the template setting lab_year"],
    SimilarAgency: [" (mirip: {name})", " (similar: {name})"],
    Closest: ["; yang paling mirip: \"{v}\"", "; closest: \"{v}\""],
    LatLngSwapped: [
        "; tampaknya lintang dan bujur tertukar",
        "; latitude and longitude look swapped",
    ],
    RangeFromTo: [" {a} sampai {b}", " from {a} to {b}"],
    RangeAtLeast: [" paling sedikit {a}", " of at least {a}"],
    RangeAtMost: [" paling banyak {b}", " of at most {b}"],
    SomeOfTheOptions: ["{top}; ... ({n} pilihan)", "{top}; ... ({n} options)"],
    TwoDigitYear: ["tahun hanya dua digit", "two-digit year"],
    MonthDayOrder: ["tampak seperti urutan bulan/hari", "looks like month/day order"],
    MonthAndYear: ["bulan dan tahun", "month and year"],
    YearOnly: ["tahun", "year"],
    YearNoun: ["tahun", "year|years"],
    MonthNoun: ["bulan", "month|months"],
    PortalCandidate: ["{name} ({file} baris {row})", "{name} ({file} row {row})"],
    TrialDate: ["Waktu uji coba", "Trial date"],
    ApplicationDate: ["Waktu penerapan", "Application date"],
    ApplicationImplied: [
        "; waktu penerapan kosong, jadi penerapannya juga setelah rentang",
        "; the application date is empty, so the application is after it too",
    ],
    EmptyInCell: ["di sel {cell} kosong", "in cell {cell} is empty"],
    EmptyWord: ["kosong", "is empty"],
    NotKnown: ["\"{value}\" tidak dikenal", "\"{value}\" is not known"],
    UnknownIndicatorColumn: [
        "\"{value}\" tidak dikenal: isi kolom ini tidak dibaca sebagai bukti dukung",
        "\"{value}\" is not known: this column's cells are not read as evidence",
    ],
    NotAKnownKind: [
        "isi yang bukan PDF, JPG, PNG atau MP4",
        "content that is not PDF, JPG, PNG or MP4",
    ],
    DocumentDateField: ["Tanggal Dokumen", "Document date"],
    // ----------------------------------------------- check/file_check.rs
    FeedbackFindingsSheet: ["lembar temuan umpan balik bimtek", "bimtek's feedback findings"],
    FormSheet: ["bagian formulir, bukan data", "part of the form, not data"],
    OnlyHeaderRow: ["hanya baris judul kolom", "only the header row"],
    SheetsEmpty: ["lembarnya kosong", "the sheets are empty"],
    // ----------------------------------------------------- check/sink.rs
    // F017's scope.
    CapScopeRun: [
        "per kode untuk seluruh pemeriksaan, berkas yang lebih dulu diutamakan",
        "per code in the whole run, earlier files first",
    ],
    CapScopeFile: ["per kode per berkas", "per code per file"],
    // ----------------------------------------------------- check/files.rs
    FileZeroBytes: ["berkas kosong (ukurannya 0)", "the file is 0 bytes"],
    NotSheetHtml: ["tabel HTML (halaman web)", "an HTML table (web page)"],
    NotSheetPdf: ["dokumen PDF", "a PDF document"],
    NotSheetZip: ["arsip zip", "a zip archive"],
    NotSheetBinary: ["data biner yang tidak dikenal", "unknown binary data"],
    DamageZip: ["arsipnya rusak atau terpotong", "its zip container is damaged or cut off"],
    DamageXml: ["isi XML di dalamnya rusak", "an XML part inside it is damaged"],
    DamageMissingPart: [
        "bagian yang wajib ada di dalamnya hilang",
        "a part it must hold is missing",
    ],
    DamageCfb: ["struktur berkas .xls lamanya rusak", "its old .xls container is damaged"],
    DamageCompression: [
        "bagian di dalamnya dikompresi dengan metode yang tidak didukung",
        "a part inside it is compressed with a method bimtek does not support",
    ],
    DamageCsvRecord: [
        "baris data CSV ke-{n} tidak dapat dibaca",
        "CSV record {n} cannot be parsed",
    ],
    DamageIo: ["gagal membaca dari disk", "reading it from the disk failed"],
    DamageOther: ["pembaca lembar kerja gagal", "the spreadsheet reader failed"],
    LimitZipEntry: [
        "bagian {name} mengembang dari {from} menjadi {to}; bom zip?",
        "entry {name} inflates from {from} to {to}; a zip bomb?",
    ],
    LimitZipTotal: ["isi arsip mengembang menjadi {to}", "the archive inflates to {to}"],
    LimitRecord: [
        "baris {line}: satu baris CSV lebih panjang dari {max}",
        "line {line}: one CSV record is longer than {max}",
    ],
    LimitFileSize: [
        "berkas {size} lebih besar dari batas {max}",
        "the file is {size}, over the {max} limit",
    ],
    LimitValue: [
        "bagian {part}: satu tag, teks atau nilai sel lebih panjang dari {max}",
        "part {part}: one tag, text or cell value is longer than {max}",
    ],
    LimitCells: [
        "lembar membentang {rows} baris x {cols} kolom",
        "a sheet spans {rows} rows x {cols} columns",
    ],
    SheetsRepeating: [
        "{n} lembar menunjuk isi yang sudah dibaca untuk lembar sebelumnya (yang pertama \"{sheet}\", {part})",
        "{n} sheets point at content already read for an earlier sheet (the first \"{sheet}\", {part})",
    ],
    SheetsPastLimit: [
        "{n} lembar melewati batas {max} lembar per buku kerja",
        "{n} sheets are past the limit of {max} sheets a workbook",
    ],
    // ---------------------------------------------- template/compile/
    KindText: ["teks", "text"],
    KindEnum: ["pilihan", "choice"],
    KindDate: ["tanggal", "date"],
    KindInteger: ["bilangan bulat", "whole number"],
    KindAmount: ["nominal rupiah", "rupiah amount"],
    KindCoordinate: ["koordinat", "coordinates"],
    KindFile: ["berkas", "file"],
    NearParen: [" (maksud Anda \"{n}\"?)", " (did you mean \"{n}\"?)"],
    NearSemi: ["; maksud Anda \"{n}\"?", "; did you mean \"{n}\"?"],
    CannotReadTemplate: ["templat tidak dapat dibaca: {e}", "cannot read the template: {e}"],
    NotADate: [
        "{what} \"{value}\" bukan tanggal berbentuk yyyy-mm-dd",
        "{what} \"{value}\" is not a date in yyyy-mm-dd form",
    ],
    TemplateIdEmpty: ["id templat kosong", "template id is empty"],
    DateOrderBad: [
        "date_order \"{other}\" harus \"dmy\" atau \"mdy\"",
        "date_order \"{other}\" must be \"dmy\" or \"mdy\"",
    ],
    WindowEndBeforeStart: [
        "window.end lebih awal daripada window.start",
        "window.end is before window.start",
    ],
    FieldKeyChars: [
        "kunci isian \"{key}\" hanya boleh berisi huruf kecil, angka dan _",
        "field key \"{key}\" must be lowercase letters, digits and _",
    ],
    FieldKeyTwice: [
        "kunci isian \"{key}\" muncul dua kali",
        "field key \"{key}\" appears twice",
    ],
    LaunchedStageUnknown: [
        "settings.launched_stages \"{stage}\" bukan nilai isian tahap",
        "settings.launched_stages \"{stage}\" is not a value of the tahap field",
    ],
    YandasUnknown: [
        "scoring.yandas \"{value}\" bukan nilai isian urusan_utama",
        "scoring.yandas \"{value}\" is not a value of the urusan_utama field",
    ],
    ExcludeCodeUnknown: [
        "scoring.exclude_codes: \"{code}\" bukan kode temuan",
        "scoring.exclude_codes: \"{code}\" is not a finding code",
    ],
    SeverityCodeUnknown: [
        "severity: \"{code}\" bukan kode temuan (lihat `bimtek explain`)",
        "severity: \"{code}\" is not a finding code (see `bimtek explain`)",
    ],
    SeverityWordBad: [
        "severity {code} harus galat, peringatan, info atau nonaktif (atau error, warning, info, off), bukan \"{s}\"",
        "severity of {code} must be error, warning, info or off (or galat, peringatan, info, nonaktif), not \"{s}\"",
    ],
    EvidenceColumnUnknown: [
        "evidence.columns: \"{key}\" bukan kolom tata letak bukti dukung (inovasi, indikator, parameter, nomor_dokumen, tanggal_dokumen, tentang, file)",
        "evidence.columns: \"{key}\" is not a column of the evidence layout (inovasi, indikator, parameter, nomor_dokumen, tanggal_dokumen, tentang, file)",
    ],
    IndicatorTwice: ["indikator {no} muncul dua kali", "indicator {no} appears twice"],
    SpdRuleShape: [
        "spd {no}: tulis tepat satu dari options (tiga pilihan), higher atau lower",
        "spd {no}: give exactly one of options (three of them), higher or lower",
    ],
    AwardKeyUnknown: [
        "award.{what} \"{key}\" bukan kunci isian",
        "award.{what} \"{key}\" is not a field key",
    ],
    AwardQuotaUnknown: [
        "award.quota: \"{value}\" bukan nilai isian quota_by",
        "award.quota: \"{value}\" is not a value of the quota_by field",
    ],
    AwardEmptyName: ["award.agencies: ada nama yang kosong", "award.agencies: an empty name"],
    AwardAgencyTwice: [
        "award.agencies: \"{name}\" tercantum dua kali",
        "award.agencies: \"{name}\" is listed twice",
    ],
    AwardSpellingUnknown: [
        "award.spellings: \"{name}\" tidak ada di award.agencies",
        "award.spellings: \"{name}\" is not in award.agencies",
    ],
    AwardSpellingTaken: [
        "award.spellings: \"{s}\" sudah menjadi nama OPD lain",
        "award.spellings: \"{s}\" already names another agency",
    ],
    RosterEmptyName: ["roster: ada nama yang kosong", "roster: an empty name"],
    RosterTaken: [
        "roster: \"{name}\" sudah menjadi nama atau alias {other}",
        "roster: \"{name}\" already names {other}",
    ],
    FieldTypeUnknown: [
        "isian {key}: type \"{other}\" tidak dikenal{near}; pilihan: {kinds}",
        "field {key}: type \"{other}\" is unknown{near}; one of: {kinds}",
    ],
    FieldSettingNotForKind: [
        "isian {key}: {setting} hanya berlaku untuk isian {kinds}, bukan {this}; hapus {setting} atau ubah type",
        "field {key}: {setting} applies to {kinds} fields only, not {this}; remove {setting} or change the type",
    ],
    FieldMaxBelowMin: [
        "isian {key}: max ({max}) lebih kecil daripada min ({min}); tukar keduanya",
        "field {key}: max ({max}) is below min ({min}); swap them",
    ],
    EnumWithoutValues: [
        "isian {key}: isian pilihan (enum) memerlukan paling sedikit satu [[field.value]]",
        "field {key}: an enum needs at least one [[field.value]]",
    ],
    MaxWordsBelowMin: [
        "isian {key}: max_words lebih kecil daripada min_words",
        "field {key}: max_words is below min_words",
    ],
    LinkKindUnknown: [
        "isian {key}: jenis tautan \"{kind}\" tidak dikenal (pilihan: {kinds})",
        "field {key}: link kind \"{kind}\" is unknown (one of: {kinds})",
    ],
    HeaderNamesTwoFields: [
        "isian {key}: nama kolom \"{alias}\" juga menamai isian {other_key} (\"{other_label}\", {at}); satu nama kolom hanya boleh menamai satu isian, hapus dari salah satunya",
        "field {key}: the header \"{alias}\" also names the field {other_key} (\"{other_label}\", {at}); a header may name one field only, remove it from one of them",
    ],
    RequiredSeverityBad: [
        "isian {key}: required_severity harus galat, peringatan atau info (atau error, warning, info), bukan \"{s}\"",
        "field {key}: required_severity must be error, warning or info (or galat, peringatan, info), not \"{s}\"",
    ],
    RequiresUnknown: [
        "isian {key}: requires \"{name}\" bukan kunci isian",
        "field {key}: requires \"{name}\", which is not a field key",
    ],
    SpellingTwoValues: [
        "isian {key}: ejaan \"{spelling}\" dimiliki dua nilai",
        "field {key}: spelling \"{spelling}\" belongs to two values",
    ],
    NotFinite: [
        "{what} = {x}: harus bilangan biasa, bukan nan atau inf",
        "{what} = {x}: must be a finite number",
    ],
    NotNegativeNumber: [
        "{what} = {x}: harus bilangan 0 atau lebih (bukan nan atau inf)",
        "{what} = {x}: must be a finite number, not negative",
    ],
    NotAFraction: ["{what} = {x}: harus antara 0 dan 1", "{what} = {x}: must be between 0 and 1"],
    // ----------------------------------------------- template/message.rs
    CurlyQuote: [
        "tanda kutip melengkung {c} tidak dikenali; TOML hanya menerima tanda kutip lurus {straight}. Ganti setiap “ ” ‘ ’ di luar teks dengan {straight} (Word dan aplikasi pesan mengubah tanda kutip lurus menjadi melengkung; sunting templat dengan Notepad)",
        "curly quote {c} is not understood; TOML takes only straight quotes {straight}. Replace each “ ” ‘ ’ outside a text with {straight} (Word and messaging apps turn straight quotes into curly ones; edit the template in Notepad)",
    ],
    TomlDuplicateKey: [
        "kunci yang sama ditulis dua kali di satu bagian; hapus salah satunya",
        "the same key is written twice in one section; remove one of them",
    ],
    TomlUnquoted: [
        "teks harus diapit tanda kutip lurus, misalnya \"Dinas Kesehatan\"; true, false dan bilangan ditulis tanpa tanda kutip",
        "a text must be in straight quotes, such as \"Dinas Kesehatan\"; true, false and numbers are written without quotes",
    ],
    TomlNoEquals: [
        "setelah nama kunci harus ada tanda = lalu nilainya, misalnya required = true",
        "a key name must be followed by = and its value, such as required = true",
    ],
    TomlUnterminated: [
        "teks harus diawali dan diakhiri tanda kutip lurus \" pada baris yang sama",
        "a text must start and end with a straight quote \" on the same line",
    ],
    TomlHeader: [
        "judul bagian harus ditulis dalam kurung siku, misalnya [settings] atau [[field]]",
        "a section heading must be written in square brackets, such as [settings] or [[field]]",
    ],
    TomlInvalid: [
        "tulisan TOML tidak sah; periksa tanda kutip, tanda = dan kurung siku di baris ini",
        "not valid TOML; check the quotes, = signs and square brackets on this line",
    ],
    NotUtf8: [
        "berkas templat tidak tersimpan sebagai UTF-8 (misalnya huruf é atau tanda kutip dari Word dalam pengodean lain); buka berkas di Notepad, pilih File > Save As, pada Encoding pilih UTF-8, lalu simpan",
        "the template file is not saved as UTF-8 (for example é or Word's quotes in another encoding); open it in Notepad, choose File > Save As, set Encoding to UTF-8, and save",
    ],
    ExpectBool: ["true atau false", "true or false"],
    ExpectText: [
        "teks dalam tanda kutip, misalnya \"Dinas Kesehatan\"",
        "a text in quotes, such as \"Dinas Kesehatan\"",
    ],
    ExpectUnsigned: [
        "bilangan bulat 0 atau lebih, tanpa tanda kutip",
        "a whole number, 0 or more, without quotes",
    ],
    ExpectInteger: [
        "bilangan bulat tanpa tanda kutip, misalnya 500",
        "a whole number without quotes, such as 500",
    ],
    ExpectNumber: [
        "bilangan tanpa tanda kutip, misalnya 2 atau 2.5",
        "a number without quotes, such as 2 or 2.5",
    ],
    ExpectListOf: [
        "daftar berisi {n} nilai dalam kurung siku",
        "a list of {n} values in square brackets",
    ],
    ExpectList: [
        "daftar dalam kurung siku, misalnya [\"a\", \"b\"]",
        "a list in square brackets, such as [\"a\", \"b\"]",
    ],
    ExpectSection: [
        "bagian berjudul dalam kurung siku, misalnya [settings]",
        "a section with a heading in square brackets, such as [settings]",
    ],
    FoundList: ["sebuah daftar", "a list"],
    FoundSection: ["sebuah bagian", "a section"],
    DateInQuotes: [
        "{lead}tanggal harus diapit tanda kutip, misalnya \"2024-01-01\"",
        "{lead}a date must be in quotes, such as \"2024-01-01\"",
    ],
    ValueMustBe: [
        "{lead}nilai harus {expected}, bukan {found}",
        "{lead}the value must be {expected}, not {found}",
    ],
    ValueMustBeNotList: [
        "{lead}nilai harus {expected}, bukan daftar berisi {n} nilai",
        "{lead}the value must be {expected}, not a list of {n} values",
    ],
    UnknownKeyNear: [
        "kunci \"{word}\" tidak dikenal di sini; maksud Anda \"{n}\"?",
        "unknown key \"{word}\" here; did you mean \"{n}\"?",
    ],
    UnknownKey: [
        "kunci \"{word}\" tidak dikenal di sini; kunci yang dikenal: {known}",
        "unknown key \"{word}\" here; the known keys are: {known}",
    ],
    MissingKey: [
        "kunci \"{name}\" wajib ditulis di bagian ini",
        "the key \"{name}\" is required in this section",
    ],
    DuplicateKey: [
        "kunci \"{name}\" ditulis dua kali; hapus salah satunya",
        "the key \"{name}\" is written twice; remove one of them",
    ],
    TomlError: ["kesalahan TOML: {msg}", "TOML error: {msg}"],
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The `{name}`s of a text.
    fn placeholders(text: &str) -> BTreeSet<&str> {
        let mut out = BTreeSet::new();
        let mut rest = text;
        while let Some(start) = rest.find('{') {
            let after = &rest[start + 1..];
            let Some(end) = after.find('}') else { break };
            let name = &after[..end];
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                out.insert(name);
            }
            rest = &after[end + 1..];
        }
        out
    }

    #[test]
    fn every_text_has_both_languages_with_the_same_placeholders() {
        let mut bad = Vec::new();
        for &key in Say::ALL {
            let [id, en] = key.words();
            if id.trim().is_empty() || en.trim().is_empty() {
                bad.push(format!("{key:?}: empty"));
            }
            if placeholders(id) != placeholders(en) {
                bad.push(format!(
                    "{key:?}: {:?} vs {:?}",
                    placeholders(id),
                    placeholders(en)
                ));
            }
            // A counted noun has two English forms and one Indonesian; a
            // placeholder such as `DIR|FILE.zip` has its bar in both.
            let forms = |t: &str| t.split('|').count();
            if forms(en) > 2 || (forms(id) > 1 && forms(id) != forms(en)) {
                bad.push(format!("{key:?}: one|many"));
            }
        }
        assert!(bad.is_empty(), "{bad:#?}");
    }

    /// A text is written once: two keys with the same words are one.
    #[test]
    fn every_text_is_in_the_catalogue_once() {
        let mut seen = std::collections::HashMap::new();
        let twice: Vec<String> = Say::ALL
            .iter()
            .filter_map(|&key| {
                seen.insert(key.words(), key)
                    .map(|first| format!("{first:?} and {key:?}"))
            })
            .collect();
        assert!(twice.is_empty(), "{twice:?}");
    }

    #[test]
    fn texts_are_filled_and_counted_in_the_language_passed() {
        assert_eq!(
            Lang::En.fill(Say::NotAFileName, &[("t", &"a/..")]),
            "a/..: not a file name"
        );
        assert_eq!(
            Say::NotAFileName.both(&[("t", &"x")]),
            ["x: bukan nama berkas", "x: not a file name"]
        );
        // A brace that is not an argument's stays.
        assert_eq!(
            Lang::Id.fill(Say::ProgressBar, &[]),
            "{bar:40} {pos}/{len} berkas {elapsed}"
        );
        // An argument worded in each language: `name_en` in English.
        let near = [("t", &"x" as &dyn std::fmt::Display), ("t_en", &"y")];
        assert_eq!(
            Say::NotAFileName.both(&near),
            ["x: bukan nama berkas", "y: not a file name"]
        );
        assert_eq!(Lang::En.counted(1, Say::FileNoun), "1 file");
        assert_eq!(Lang::En.counted(1200, Say::FileNoun), "1,200 files");
        assert_eq!(Lang::Id.counted(1, Say::FileNoun), "1 berkas");
        assert_eq!(Lang::Id.counted(1200, Say::FileNoun), "1.200 berkas");
        assert_eq!(Lang::En.noun(0, Say::WordNoun), "words");
        assert_eq!(Lang::Id.say(Say::ErrorWord), "GALAT");
    }

    /// No text is worded in both languages outside the catalogues (this
    /// one and `codes.rs`): no `tr!` pair, no trouble from two strings, no
    /// `match` on the language that gives words, no `_en` argument given a
    /// literal, no function returning a pair of static words. Unit tests
    /// may word what they like. A pair in another shape is not caught: the
    /// point is that the shapes the code used to have do not come back.
    #[test]
    fn texts_are_not_worded_outside_the_catalogue() {
        let src = crate::source::root();
        let shapes = [
            "tr!(",
            "Trouble::new(",
            "Lang::En => \"",
            "Lang::Id => \"",
            "Lang::En => format!(",
            "Lang::Id => format!(",
            "_en\", \"",
            "_en\", format!(",
            "[format!(",
            "[&'static str; 2]",
            "(&'static str, &'static str)",
        ];
        let mut found = Vec::new();
        for path in crate::source::files_under(&src) {
            let name = path
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if name.starts_with("diag/")
                || name.ends_with("tests.rs")
                || path.extension().is_none_or(|e| e != "rs")
            {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let code = crate::source::before_unit_tests(&text);
            // One line per statement, whatever rustfmt did: `.arg(\n
            // "x_en",\n "..."` reads as `.arg("x_en", "..."`.
            let joined = code
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" ")
                .replace("( ", "(")
                .replace("[ ", "[");
            for shape in shapes {
                // `tr!(` is not `include_str!(`, nor `[format!(` `vec![format!(`.
                let guarded = shape.starts_with(|c: char| c.is_alphanumeric() || c == '[');
                let whole = joined.match_indices(shape).any(|(at, _)| {
                    !guarded
                        || !joined[..at]
                            .ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '!')
                });
                if whole {
                    found.push(format!("{name}: {shape}"));
                }
            }
        }
        found.sort();
        assert!(found.is_empty(), "words outside the catalogue: {found:#?}");
    }

    /// The placeholders are found as the test above reads them.
    #[test]
    fn placeholders_are_names_in_braces() {
        let found: Vec<&str> = placeholders("{a} {bar:40} {b_en} {{x}")
            .into_iter()
            .collect();
        assert_eq!(found, ["a", "b_en"]);
    }
}
