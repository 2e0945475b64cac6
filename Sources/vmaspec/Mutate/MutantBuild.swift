import Foundation
import Literate
import Mutation

/// Compiles a variant's mutant schema into one optimised executable with `swiftc`: Sched as a
/// static library, then the schema module (every mutant behind its switch) with the runner.
/// Both are cached under `.build/vmaspec-mutants/`, keyed by a fingerprint of their inputs.
struct MutantBuild {
    let schema: MutantSchema
    /// Compilation conditions of the variant (`PER_VMA_LOCK`).
    let defines: [String]
    let scratch: URL

    /// The Sched sources this vmaspec was built from.
    static let schedSources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sched")

    init(schema: MutantSchema, defines: [String], scratch: URL) {
        self.schema = schema
        self.defines = defines
        self.scratch = scratch
    }

    static func defaultScratch(root: URL) -> URL {
        root.appendingPathComponent(".build/vmaspec-mutants")
    }

    var variantFolder: URL { scratch.appendingPathComponent(schema.variant.name) }
    var executable: URL { variantFolder.appendingPathComponent("mutants") }

    /// What a build of this schema is keyed by: its sources, the defines, and Sched's sources.
    func fingerprint() throws -> String {
        try key(schema.files(), schedKey: Self.schedFingerprint(try Self.schedFiles()))
    }

    private func key(_ files: [(path: String, contents: String)], schedKey: String) -> String {
        Fingerprint.of(files.map { "\($0.path)\n\($0.contents)" }.joined() + defines.joined() + schedKey)
    }

    /// Builds what changed; returns the executable and whether it had to compile.
    func build() throws -> (executable: URL, compiled: Bool) {
        let sched = try buildSched()
        let sources = variantFolder.appendingPathComponent("Sources")
        let files = schema.files()
        let key = key(files, schedKey: sched.key)
        if fingerprint(in: variantFolder) == key, FileManager.default.isExecutableFile(atPath: executable.path) {
            return (executable, false)
        }
        try? FileManager.default.removeItem(at: sources)
        try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
        for file in files { try Data(file.contents.utf8).write(to: sources.appendingPathComponent(file.path)) }
        try Self.swiftc(["-module-name", "VMASpecMutants", "-swift-version", "6", "-O", "-I", sched.folder.path,
                         "-L", sched.folder.path, "-lSched", "-o", executable.path]
                        + defines.flatMap { ["-D", $0] } + files.map { sources.appendingPathComponent($0.path).path })
        try key.write(to: variantFolder.appendingPathComponent("fingerprint"), atomically: true, encoding: .utf8)
        return (executable, true)
    }

    /// `libSched.a` and its module, rebuilt when a Sched source changes.
    private func buildSched() throws -> (folder: URL, key: String) {
        let folder = scratch.appendingPathComponent("Sched")
        let sources = try Self.schedFiles()
        let key = try Self.schedFingerprint(sources)
        if fingerprint(in: folder) == key { return (folder, key) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.swiftc(["-module-name", "Sched", "-parse-as-library", "-emit-library", "-static", "-emit-module",
                         "-emit-module-path", folder.appendingPathComponent("Sched.swiftmodule").path, "-swift-version", "6", "-O",
                         "-o", folder.appendingPathComponent("libSched.a").path] + sources.map(\.path))
        try key.write(to: folder.appendingPathComponent("fingerprint"), atomically: true, encoding: .utf8)
        return (folder, key)
    }

    private func fingerprint(in folder: URL) -> String? {
        try? String(contentsOf: folder.appendingPathComponent("fingerprint"), encoding: .utf8)
    }

    static func schedFiles() throws -> [URL] {
        let sources = try swiftFiles(in: schedSources)
        guard !sources.isEmpty else {
            throw LiterateErrorBridge.badArgument("cannot find the Sched sources at \(schedSources.path)")
        }
        return sources
    }

    static func schedFingerprint(_ sources: [URL]) throws -> String {
        Fingerprint.of(try sources.map { try String(contentsOf: $0, encoding: .utf8) }.joined())
    }

    static func swiftFiles(in folder: URL) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.sorted { $0.path < $1.path }
    }

    /// Runs `swiftc`; a failure carries its diagnostics (which name the Markdown lines).
    static func swiftc(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swiftc"] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = errors
        try process.run()
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw MutationError.buildFailed(String(decoding: output, as: UTF8.self))
        }
    }
}

enum MutationError: Error, CustomStringConvertible {
    case buildFailed(String)
    case runnerFailed(String)

    var description: String {
        switch self {
        case .buildFailed(let output): "the mutant schema did not compile:\n\(output)"
        case .runnerFailed(let output): "the mutant runner failed without a mutant switched on:\n\(output)"
        }
    }
}
