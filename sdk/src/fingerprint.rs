//! Request fingerprints (SHA-256 of canonical JSON).
