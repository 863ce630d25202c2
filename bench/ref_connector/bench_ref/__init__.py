"""Reference-SDK contender of the benchmark (see ../README.md)."""
