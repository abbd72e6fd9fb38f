//! Detection on real files: the labelled corpus in fixtures/licenses and whole-tree scans.

mod corpus;
mod ecosystems;
mod hostile;
mod tree;
