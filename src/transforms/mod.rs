//! Transforms: passes that take the model and return it.
