//! jsvm: Node's `vm` module semantics on QuickJS-ng.
