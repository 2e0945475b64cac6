// vmaspec-variant: naming
// A review variant: Kent Overstreet's first point: the write-side helpers renamed (Patches/naming.md).
// Its code is tangled by the Tangle plugin; this file only anchors the target.
