import Foundation
import PackagePlugin

/// Tangles Spec/ and Patches/ into Swift for three kinds of target:
/// - a variant target (its `Variant.swift` says `// vmaspec-variant: NAME`): one file per document;
/// - the spec test target `SpecTests`: each variant's tests, behaviour suite and example checks;
/// - the CLI `vmaspec`: a registry of every variant module.
/// One command per output, so editing one chapter re-tangles only that chapter's files.
@main
struct TanglePlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let layout = try SpecLayout(context: context)
        if let variant = layout.variants.first(where: { $0.module == target.name }) {
            return try layout.variantCommands(variant)
        }
        switch target.name {
        case "SpecTests": return try layout.testCommands()
        case "vmaspec": return try layout.registryCommands()
        default: throw PluginError("the Tangle plugin does not know target '\(target.name)'")
        }
    }
}

struct PluginError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A variant target, as its anchor file declares it.
struct VariantTarget {
    var name: String
    var module: String
    /// The variant it tangles as, when it is a build configuration of another (`rfc-nopvl` → `rfc`).
    var tangles: String?
}

struct SpecLayout {
    let context: PluginContext
    let tool: URL
    let root: URL
    let chapters: [URL]
    let reviews: [URL]
    let behaviour: [URL]
    let variants: [VariantTarget]

    init(context: PluginContext) throws {
        self.context = context
        tool = try context.tool(named: "tangle").url
        root = context.package.directoryURL
        chapters = Self.files(in: root.appending(path: "Spec"), suffix: ".md")
        reviews = Self.files(in: root.appending(path: "Patches"), suffix: ".md")
        behaviour = Self.files(in: root.appending(path: "Tests/Behaviour"), suffix: ".swift")
        // The base variant first, then the rest by name, whatever order SwiftPM lists targets in.
        variants = context.package.targets.compactMap { Self.variant(of: $0) }
            .sorted { ($0.name == "rfc" ? "" : $0.name) < ($1.name == "rfc" ? "" : $1.name) }
    }

    static func files(in folder: URL, suffix: String) -> [URL] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var result: [URL] = []
        while let entry = walker.nextObject() as? String {
            if entry.hasSuffix(suffix) { result.append(folder.appending(path: entry)) }
        }
        return result.sorted { $0.path < $1.path }
    }

    /// Reads `// vmaspec-variant: NAME [tangles=SOURCE]` from the target's `Variant.swift`.
    static func variant(of target: Target) -> VariantTarget? {
        guard let target = target as? SourceModuleTarget,
              let text = try? String(contentsOf: target.directoryURL.appending(path: "Variant.swift"), encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("// vmaspec-variant: ") }) else { return nil }
        let words = line.dropFirst("// vmaspec-variant: ".count).split(separator: " ").map(String.init)
        guard let name = words.first else { return nil }
        let tangles = words.dropFirst().first { $0.hasPrefix("tangles=") }.map { String($0.dropFirst("tangles=".count)) }
        return VariantTarget(name: name, module: target.name, tangles: tangles)
    }

    func relative(_ url: URL) -> String {
        String(url.path.dropFirst(root.path.count + 1))
    }

    var documents: [URL] { chapters + reviews }

    /// `--root`, `--variant` and the build configurations every tangle invocation needs.
    func common(_ variant: VariantTarget) -> [String] {
        var arguments = ["--root", root.path, "--variant", variant.name]
        for other in variants {
            if let source = other.tangles { arguments += ["--config", "\(other.name)=\(source)"] }
        }
        return arguments
    }

    func identifier(_ url: URL) -> String {
        var stem = url.deletingPathExtension().lastPathComponent
        stem = String(stem.unicodeScalars.map { $0.properties.isAlphabetic && $0.isASCII || ("0"..."9").contains($0) ? Character($0) : "_" })
        return "ch" + (stem.first?.isNumber == true ? "_" + stem : stem)
    }

    func command(_ name: String, _ arguments: [String], inputs: [URL], outputs: [URL]) -> Command {
        .buildCommand(displayName: name, executable: tool, arguments: arguments, inputFiles: inputs, outputFiles: outputs)
    }

    func variantCommands(_ variant: VariantTarget) throws -> [Command] {
        let work = context.pluginWorkDirectoryURL
        var commands = documents.map { document in
            let model = work.appending(path: identifier(document) + ".swift")
            let examples = work.appending(path: identifier(document) + ".examples.swift")
            return command("Tangling \(relative(document)) for \(variant.name)",
                           ["model"] + common(variant) + ["--document", relative(document), "--out", model.path, "--examples-out", examples.path],
                           inputs: [document] + reviews, outputs: [model, examples])
        }
        let catalog = work.appending(path: "Catalog.swift")
        commands.append(command("Cataloguing \(variant.name)",
                                ["catalog"] + common(variant) + ["--out", catalog.path, "--documents"] + documents.map(relative),
                                inputs: documents, outputs: [catalog]))
        return commands
    }

    func testCommands() throws -> [Command] {
        let work = context.pluginWorkDirectoryURL
        let catalogs = work.appending(path: "VariantCatalogs.swift")
        var commands: [Command] = [command("Listing variant catalogs", ["test-catalogs", "--root", root.path, "--variant", "rfc", "--out", catalogs.path,
                                                                        "--modules"] + variants.map { "\($0.name)=\($0.module)" },
                                           inputs: [], outputs: [catalogs])]
        for variant in variants {
            let prefix = "v_" + variant.name.replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: ".", with: "_")
            let module = ["--module", variant.module]
            let suite = work.appending(path: "\(prefix).suite.swift")
            commands.append(command("Tangling the \(variant.name) test suite", ["suite"] + common(variant) + module + ["--out", suite.path],
                                    inputs: documents, outputs: [suite]))
            for document in documents {
                let out = work.appending(path: "\(prefix).\(identifier(document)).tests.swift")
                commands.append(command("Tangling tests of \(relative(document)) for \(variant.name)",
                                        ["tests"] + common(variant) + module + ["--document", relative(document), "--out", out.path],
                                        inputs: [document] + reviews, outputs: [out]))
            }
            for file in behaviour {
                let out = work.appending(path: "\(prefix).\(file.deletingPathExtension().lastPathComponent).behaviour.swift")
                commands.append(command("Tangling \(relative(file)) for \(variant.name)",
                                        ["behaviour"] + common(variant) + module + ["--file", relative(file), "--out", out.path],
                                        inputs: [file] + documents, outputs: [out]))
            }
        }
        return commands
    }

    func registryCommands() throws -> [Command] {
        let out = context.pluginWorkDirectoryURL.appending(path: "VariantRegistry.swift")
        let pairs = variants.map { "\($0.name)=\($0.module)" }
        return [command("Listing variants", ["registry", "--root", root.path, "--variant", "rfc", "--out", out.path, "--modules"] + pairs,
                        inputs: [], outputs: [out])]
    }
}
