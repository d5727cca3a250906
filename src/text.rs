//! Small predicates over single lines of scraped text. (Filled in below.)
