// vmaspec-variant: retry-contract
// A step of the series' history: the RETRY contract (Patches/history/retry-contract.md).
// Its code is tangled by the Tangle plugin; this file only anchors the target.
