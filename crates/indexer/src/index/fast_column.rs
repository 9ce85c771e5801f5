//! A fast field read whole: the one value each document of a segment holds,
//! decoded in one pass into a plain array (a value at a time through the
//! column's iterator costs several times more at a million documents).

use tantivy::columnar::ColumnIndex;
use tantivy::SegmentReader;

use super::error::tantivy_reason;

/// Every document's value of the `u64` fast field `name`, in document
/// order; `Err` when the field is missing or a document has no value.
pub(crate) fn every_value(segment: &SegmentReader, name: &str) -> Result<Vec<u64>, String> {
    let column = segment
        .fast_fields()
        .u64(name)
        .map_err(|e| format!("feltet {name} kan ikke læses: {}", tantivy_reason(&e)))?;
    let documents = segment.max_doc() as usize;
    match column.index {
        ColumnIndex::Full => {
            let mut values = vec![0; documents];
            column.values.get_range(0, &mut values);
            Ok(values)
        }
        _ => (0..segment.max_doc())
            .map(|doc| {
                column
                    .first(doc)
                    .ok_or_else(|| format!("dokument {doc} har ingen værdi i feltet {name}"))
            })
            .collect(),
    }
}
