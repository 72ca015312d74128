//! The guard on an ods, read before calamine opens it: the extent of each
//! sheet's cells, repeats counted, which calamine expands into a grid.

use crate::load::{Limit, LoadError};
use std::io::{BufRead, BufReader, Read, Seek};

/// Most cells the used range of one ODS sheet may span. calamine expands
/// repeated rows and columns into a dense grid (32 bytes a cell) when it
/// opens the file: one `number-rows-repeated="100000000"` row holding a value
/// took 4.8 GB and over a minute. 100k innovations x 40 columns is 4M cells.
const MAX_ODS_CELLS: u64 = 16 << 20;

/// Scan content.xml's tags (streamed, nothing kept) for the extent of each
/// sheet's non-empty cells, counting repeats, before calamine expands them.
/// Anything unreadable here is left for calamine to report.
pub(super) fn check_ods_cells<R: Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
) -> Result<(), LoadError> {
    let Ok(content) = archive.by_name("content.xml") else {
        return Ok(());
    };
    let mut input = BufReader::new(content);
    let mut extent = OdsExtent::default();
    let mut tag = Vec::new();
    let (mut in_tag, mut quote) = (false, 0u8);
    // Bytes of the current tag or text: calamine's parser holds each whole.
    let mut run = 0usize;
    loop {
        let Ok(buf) = input.fill_buf() else {
            return Ok(());
        };
        if buf.is_empty() {
            return Ok(());
        }
        for &b in buf {
            run += 1;
            if run > crate::load::xml::MAX_TOKEN {
                return Err(LoadError::TooLarge(Limit::Value {
                    part: "content.xml".into(),
                    limit: crate::load::xml::MAX_TOKEN as u64,
                }));
            }
            if !in_tag {
                in_tag = b == b'<';
                if in_tag {
                    run = 0;
                }
            } else if quote != 0 {
                if b == quote {
                    quote = 0;
                }
                if tag.len() < 4096 {
                    tag.push(b);
                }
            } else if b == b'>' {
                extent.tag(&tag)?;
                tag.clear();
                in_tag = false;
                run = 0;
            } else {
                if b == b'"' || b == b'\'' {
                    quote = b;
                }
                // The name and the attributes that matter come first.
                if tag.len() < 4096 {
                    tag.push(b);
                }
            }
        }
        let n = buf.len();
        input.consume(n);
    }
}

/// Where the scan is in the current sheet, and how far its values reach.
#[derive(Default)]
struct OdsExtent {
    row: u64,
    row_repeat: u64,
    col: u64,
    rows: u64,
    cols: u64,
}

impl OdsExtent {
    /// One tag, without its `<` and `>`.
    fn tag(&mut self, tag: &[u8]) -> Result<(), LoadError> {
        let self_closing = tag.last() == Some(&b'/');
        let name_end = tag
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/')
            .unwrap_or(tag.len());
        let repeat = |attr: &[u8]| -> u64 {
            find(tag, attr).map_or(1, |at| {
                tag[at + attr.len()..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .fold(0u64, |n, b| {
                        n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
                    })
            })
        };
        match &tag[..name_end] {
            b"table:table" => *self = OdsExtent::default(),
            b"table:table-row" => {
                self.row_repeat = repeat(b"number-rows-repeated=\"");
                self.col = 0;
                if self_closing {
                    self.row = self.row.saturating_add(self.row_repeat);
                }
            }
            b"" if tag.starts_with(b"/table:table-row") => {
                self.row = self.row.saturating_add(self.row_repeat);
            }
            b"table:table-cell" | b"table:covered-table-cell" => {
                let cols = repeat(b"number-columns-repeated=\"");
                if !self_closing || find(tag, b"value-type=").is_some() {
                    self.rows = self.rows.max(self.row.saturating_add(self.row_repeat));
                    self.cols = self.cols.max(self.col.saturating_add(cols));
                    if self.rows.saturating_mul(self.cols) > MAX_ODS_CELLS {
                        return Err(LoadError::TooLarge(Limit::Cells {
                            rows: self.rows,
                            cols: self.cols,
                        }));
                    }
                }
                self.col = self.col.saturating_add(cols);
            }
            _ => {}
        }
        Ok(())
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
