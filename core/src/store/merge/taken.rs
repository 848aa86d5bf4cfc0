//! Records a merge takes from the files it read, without copying them.
//!
//! Most of a merge's result is records one side has as they are (unchanged,
//! or changed on one side only). A [`Taken`] borrows such a record from the
//! file it was read from, so that merging two sidecars of 50,000 records
//! copies none of their strings; only a record the merge makes (fields
//! merged, a conflict's other side, a new id) is owned.

use std::ops::Deref;

use super::Mergeable;
use crate::store::format::Record;

/// A record of one of the files a merge read, or one the merge made.
#[derive(Debug, Clone)]
pub(super) enum Taken<'f> {
    Read(&'f Record),
    Made(Box<Record>),
}

impl Taken<'_> {
    /// The record, owned: copied when it was borrowed.
    pub(super) fn into_record(self) -> Record {
        match self {
            Taken::Read(record) => record.clone(),
            Taken::Made(record) => *record,
        }
    }
}

impl Deref for Taken<'_> {
    type Target = Record;

    fn deref(&self) -> &Record {
        match self {
            Taken::Read(record) => record,
            Taken::Made(record) => record,
        }
    }
}

impl PartialEq for Taken<'_> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Mergeable for Taken<'_> {
    fn id(&self) -> u64 {
        self.id
    }

    fn set_id(&mut self, id: u64) {
        match self {
            Taken::Made(record) => record.id = id,
            Taken::Read(record) => {
                let mut record = Box::new(Record::clone(record));
                record.id = id;
                *self = Taken::Made(record);
            }
        }
    }

    fn place(&self) -> (String, Vec<(usize, usize)>) {
        Record::place(self)
    }

    fn merge_fields(
        base: Option<&Self>,
        ours: &Self,
        theirs: &Self,
    ) -> Result<Self, Vec<&'static str>> {
        Record::merge_fields(base.map(|b| &**b), ours, theirs).map(|r| Taken::Made(Box::new(r)))
    }

    fn other_side(self, id: u64, of: u64, what: &str) -> Self {
        let record = self.into_record().other_side(id, of, what);
        Taken::Made(Box::new(record))
    }

    fn under_review(self, what: &str) -> Self {
        Taken::Made(Box::new(self.into_record().under_review(what)))
    }
}
