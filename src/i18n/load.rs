//! What the readers of hand-made workbooks, the input guard, the mapping and the amount parser say.
