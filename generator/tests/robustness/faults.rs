//! Filesystem faults.
