//! The Node-compatible surface of jsvm.
