// swift-tools-version: 6.1
import PackageDescription

/// One variant of the model: the spec as posted, or the spec with one review point applied.
/// Adding a review point means adding `Patches/<id>.md` and one line here.
struct Variant {
    /// The variant's name in Spec/ and Patches/ (`rfc`, or a review id).
    let name: String
    /// The Swift module the variant compiles to; `Sources/Variants/<module>/Variant.swift` anchors it.
    let module: String
    /// Compilation conditions, e.g. `PER_VMA_LOCK` (CONFIG_PER_VMA_LOCK=y).
    let defines: [String]
}

let variants: [Variant] = [
    Variant(name: "rfc", module: "VMALockRFC", defines: ["PER_VMA_LOCK"]),
    Variant(name: "rfc-nopvl", module: "VMALockRFCNoPVL", defines: []),
    // Review points (Patches/): each a variant that must pass every check.
    Variant(name: "naming", module: "VMALockNaming", defines: ["PER_VMA_LOCK"]),
    Variant(name: "no-fallback", module: "VMALockNoFallback", defines: ["PER_VMA_LOCK"]),
    // The series' history (Patches/history/): each posting, the merged release, each later fix.
    Variant(name: "v1", module: "VMALockV1", defines: ["PER_VMA_LOCK"]),
    Variant(name: "v2", module: "VMALockV2", defines: ["PER_VMA_LOCK"]),
    Variant(name: "v3", module: "VMALockV3", defines: ["PER_VMA_LOCK"]),
    Variant(name: "linux-6.4.0", module: "VMALockLinux640", defines: ["PER_VMA_LOCK"]),
    Variant(name: "fix-stack-expansion", module: "VMALockFixStackExpansion", defines: ["PER_VMA_LOCK"]),
    Variant(name: "fix-new-mapping", module: "VMALockFixNewMapping", defines: ["PER_VMA_LOCK"]),
    Variant(name: "fix-fork", module: "VMALockFixFork", defines: ["PER_VMA_LOCK"]),
    Variant(name: "fix-dup-anon-vma", module: "VMALockFixDupAnonVma", defines: ["PER_VMA_LOCK"]),
    Variant(name: "fix-mempolicy", module: "VMALockFixMempolicy", defines: ["PER_VMA_LOCK"]),
    Variant(name: "fix-anon-vma-check", module: "VMALockFixAnonVmaCheck", defines: ["PER_VMA_LOCK"]),
    Variant(name: "fix-memory-ordering", module: "VMALockFixMemoryOrdering", defines: ["PER_VMA_LOCK"]),
    Variant(name: "retry-contract", module: "VMALockRetryContract", defines: ["PER_VMA_LOCK"]),
    // Must-fail variants: the RFC with one bug put back (Patches/bugs/); a scenario must catch each.
    Variant(name: "bug-split-unmarked", module: "VMALockBugSplitUnmarked", defines: ["PER_VMA_LOCK"]),
    Variant(name: "bug-unlock-keeps-seq", module: "VMALockBugUnlockKeepsSeq", defines: ["PER_VMA_LOCK"]),
    Variant(name: "bug-trylock-no-seq-check", module: "VMALockBugTrylockNoSeqCheck", defines: ["PER_VMA_LOCK"]),
    Variant(name: "bug-lookup-no-detached-check", module: "VMALockBugLookupNoDetachedCheck", defines: ["PER_VMA_LOCK"]),
    Variant(name: "bug-free-without-grace", module: "VMALockBugFreeWithoutGrace", defines: ["PER_VMA_LOCK"]),
]

let variantTargets: [Target] = variants.map { variant in
    .target(
        name: variant.module,
        dependencies: ["Sched"],
        path: "Sources/Variants/\(variant.module)",
        swiftSettings: variant.defines.map { .define($0) },
        plugins: ["Tangle"]
    )
}
let variantDependencies: [Target.Dependency] = variants.map { .target(name: $0.module) }

/// `-static-stdlib` and what SwiftPM leaves out when it links Foundation statically.
let staticFoundation = ["-static-stdlib", "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCShims",
                        "-l_FoundationCollections", "-lswiftSynchronization", "-lstdc++"]

let package = Package(
    name: "vmaspec",
    products: [
        .executable(name: "vmaspec", targets: ["vmaspec"]),
        .library(name: "Literate", targets: ["Literate"]),
        .library(name: "Sched", targets: ["Sched"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(name: "Literate", dependencies: ["CCmarkGFM", .product(name: "Yams", package: "Yams")]),
        // Mutation testing: finds protocol sites in a variant's Swift and builds mutant schemata.
        .target(name: "Mutation", dependencies: [
            "Literate", .product(name: "SwiftSyntax", package: "swift-syntax"), .product(name: "SwiftParser", package: "swift-syntax"),
        ]),
        // The plugin starts this tool once per chapter per variant on every build, so it is linked
        // statically (issue 14). SwiftPM passes no autolinked libraries for a static Foundation,
        // so the ones Swift 6.3's Foundation needs are named here.
        .executableTarget(name: "tangle", dependencies: ["Literate"], linkerSettings: [.unsafeFlags(staticFoundation)]),
        .plugin(name: "Tangle", capability: .buildTool(), dependencies: ["tangle"]),
        // The explorer's engine is optimised even in debug builds: it changes rarely (a prose edit
        // never rebuilds it) and halves `vmaspec check` (Benchmarks/make-run.sh). Sched traps with
        // precondition/fatalError, never assert, so -O keeps every check.
        .target(name: "Sched", swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // The kernel's side of `bench --kernel`: faults and VMA writers on this machine's kernel.
        .target(name: "KernelWorkload"),
        .executableTarget(
            name: "vmaspec",
            dependencies: ["Literate", "Mutation", "Sched", "KernelWorkload", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "Histogram", package: "hdrhistogram-swift")]
                + variantDependencies,
            plugins: ["Tangle"]
        ),
        .testTarget(name: "LiterateTests", dependencies: ["Literate"]),
        .testTarget(name: "MutationTests", dependencies: ["Mutation", "Literate"]),
        .testTarget(name: "SchedTests", dependencies: ["Sched"]),
        .testTarget(name: "CLITests", dependencies: ["Literate", "vmaspec"]),
        // Spec/ is the path of the spec's own test target, so adding or removing a chapter re-plans
        // the build (research/feasibility.md, section 3).
        .testTarget(
            name: "SpecTests",
            dependencies: ["Literate", "Sched"] + variantDependencies,
            path: "Spec",
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")],
            plugins: ["Tangle"]
        ),
    ] + variantTargets
)
