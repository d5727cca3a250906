//! The application layer.
