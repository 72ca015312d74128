//! The fields the pipeline gives a role: the innovation's name, its pemda
//! and agency, its stage and dates, and so on. A template names them by
//! these keys (a template that lacks one has no field in that role); the
//! keys are found once, when the template compiles, so normalize, check and
//! cmd ask the template for a role ([`Template::roles`]) and never look a
//! key up as a string. A finding or change that names a role's field names
//! it by the key here.
//!
//! [`Template::roles`]: super::Template::roles

/// `nama_inovasi`: the innovation's name.
pub const NAME: &str = "nama_inovasi";
/// `pemda`: the regional government.
pub const PEMDA: &str = "pemda";
/// `perangkat_daerah`: the agency.
pub const AGENCY: &str = "perangkat_daerah";
/// `tahapan`: the stage (inisiatif, uji coba, penerapan).
pub const STAGE: &str = "tahapan";
/// `inisiator`: who initiated the innovation.
pub const INITIATOR: &str = "inisiator";
/// `nama_inisiator`: the initiator's name.
pub const INITIATOR_NAME: &str = "nama_inisiator";
/// `urusan_utama`: the main government affair.
pub const AFFAIR: &str = "urusan_utama";
/// `waktu_uji_coba`: the trial date.
pub const TRIAL: &str = "waktu_uji_coba";
/// `waktu_penerapan`: the date it was put into practice.
pub const APPLICATION: &str = "waktu_penerapan";
/// `waktu_pengembangan`: the latest development date.
pub const DEVELOPMENT: &str = "waktu_pengembangan";
/// `terakhir_diperbarui`: when the portal entry was last updated.
pub const UPDATED: &str = "terakhir_diperbarui";
/// `skor_kematangan`: the portal's maturity score estimate.
pub const SCORE: &str = "skor_kematangan";
/// `kelompok`: the award group a proposal competes in.
pub const GROUP: &str = "kelompok";
/// `tahap`: a Laboratorium Inovasi idea's 5D stage.
pub const LAB_STAGE: &str = "tahap";
/// `kode`: a Laboratorium Inovasi idea code.
pub const CODE: &str = "kode";
/// `tanggal_diagnose`: when a Laboratorium Inovasi idea was diagnosed.
pub const DIAGNOSED: &str = "tanggal_diagnose";
/// `tanggal_peluncuran`: when a Laboratorium Inovasi idea was launched.
pub const LAUNCHED: &str = "tanggal_peluncuran";

/// The index of the field in each role, when the template has one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Roles {
    pub name: Option<usize>,
    pub pemda: Option<usize>,
    pub agency: Option<usize>,
    pub stage: Option<usize>,
    pub initiator: Option<usize>,
    pub initiator_name: Option<usize>,
    pub affair: Option<usize>,
    pub trial: Option<usize>,
    pub application: Option<usize>,
    pub development: Option<usize>,
    pub updated: Option<usize>,
    pub score: Option<usize>,
    pub lab_stage: Option<usize>,
    pub code: Option<usize>,
    pub diagnosed: Option<usize>,
    pub launched: Option<usize>,
}

impl Roles {
    /// Each role's field, found by its key with `index`.
    pub(super) fn resolve(index: impl Fn(&str) -> Option<usize>) -> Roles {
        Roles {
            name: index(NAME),
            pemda: index(PEMDA),
            agency: index(AGENCY),
            stage: index(STAGE),
            initiator: index(INITIATOR),
            initiator_name: index(INITIATOR_NAME),
            affair: index(AFFAIR),
            trial: index(TRIAL),
            application: index(APPLICATION),
            development: index(DEVELOPMENT),
            updated: index(UPDATED),
            score: index(SCORE),
            lab_stage: index(LAB_STAGE),
            code: index(CODE),
            diagnosed: index(DIAGNOSED),
            launched: index(LAUNCHED),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{BUILTIN, Template};

    #[test]
    fn each_role_is_the_field_with_its_key_in_every_shipped_template() {
        for (id, _) in BUILTIN {
            let t = Template::builtin(id).unwrap().unwrap();
            let r = t.roles;
            for (fi, key) in [
                (r.name, NAME),
                (r.pemda, PEMDA),
                (r.agency, AGENCY),
                (r.stage, STAGE),
                (r.initiator, INITIATOR),
                (r.initiator_name, INITIATOR_NAME),
                (r.affair, AFFAIR),
                (r.trial, TRIAL),
                (r.application, APPLICATION),
                (r.development, DEVELOPMENT),
                (r.updated, UPDATED),
                (r.score, SCORE),
                (r.lab_stage, LAB_STAGE),
                (r.code, CODE),
                (r.diagnosed, DIAGNOSED),
                (r.launched, LAUNCHED),
            ] {
                assert_eq!(fi, t.field_index(key), "{id}: {key}");
                if let Some(fi) = fi {
                    assert_eq!(t.fields[fi].key, key, "{id}");
                }
            }
        }
    }

    #[test]
    fn a_template_without_a_field_has_no_field_in_its_role() {
        let iid = Template::builtin("iid-2026").unwrap().unwrap();
        assert!(iid.roles.stage.is_some() && iid.roles.application.is_some());
        assert_eq!((iid.roles.code, iid.roles.diagnosed), (None, None));
        let lab = Template::builtin("labinov").unwrap().unwrap();
        assert!(lab.roles.code.is_some() && lab.roles.launched.is_some());
        assert_eq!((lab.roles.stage, lab.roles.score), (None, None));
        // A child template (kalsel extends iid) keeps each role on the
        // field with its key.
        let kalsel = Template::builtin("kalsel-2026").unwrap().unwrap();
        let name = kalsel.roles.name.unwrap();
        assert_eq!(kalsel.fields[name].key, NAME);
    }
}
