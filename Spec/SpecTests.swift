// Anchors the SpecTests target. Its tests are tangled by the Tangle plugin from the `swift test`
// blocks of Spec/ and Patches/, the shared behaviour suite in Tests/Behaviour/, and the examples
// and scenarios of each variant's catalog. Spec/ is this target's path so that adding or removing
// a chapter re-plans the build.
