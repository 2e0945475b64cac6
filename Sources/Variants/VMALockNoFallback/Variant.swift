// vmaspec-variant: no-fallback
// A review variant: Kent Overstreet's second point: a lookup that waits instead of a fallback path (Patches/no-fallback.md).
// Its code is tangled by the Tangle plugin; this file only anchors the target.
